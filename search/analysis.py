"""Text analysis shared by every database engine: tokens, folding, stop words, stems.

The same functions analyse documents when they are indexed and queries when they are run,
so SQLite FTS5 and PostgreSQL index exactly the same terms (see docs/search.md):

    text -> NFC -> tokens ([^\\W_]+) -> casefold -> fold accents -> drop stop words
         -> light plural normalisation -> Snowball stem in the document's language

A document is stemmed in its own language; a query is stemmed in all three, so a visitor
typing Portuguese finds Spanish text that shares the stem, and the thesaurus adds the
translations that do not.
"""

import re
import unicodedata

from django.conf import settings

import snowballstemmer

from .stopwords import STOP_WORDS

LANGUAGES = tuple(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)
SNOWBALL = {"es": "spanish", "en": "english", "pt": "portuguese"}
TOKEN_RE = re.compile(r"[^\W_]+")
MAX_TOKEN_LENGTH = 40
STOP = "_"  # stands for a stop word in stored analysed text
_MEMO_LIMIT = 200_000

# Irregular English plurals Snowball leaves alone.
_EN_IRREGULAR = {"children": "child", "women": "woman", "men": "man", "people": "person"}
_ES_CES = re.compile(r"ces$")
_ES_ES = re.compile(r"(?<=[lnrdjy])es$")
_PT_OES = re.compile(r"(?:oes|aes)$")
_PT_NS = re.compile(r"ns$")
_PT_ES = re.compile(r"(?<=[rzs])es$")
_PT_IS = re.compile(r"(?<=[aeo])is$")


def fold(text):
    """Casefold and strip diacritics: 'Regularización' -> 'regularizacion'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokens(text):
    """Word tokens of text, NFC-normalised, in order (letters and digits only)."""
    return TOKEN_RE.findall(unicodedata.normalize("NFC", text))


def _normalise_plural(word, language):
    """Make singular and plural reach the stemmer in the same form (Snowball does not)."""
    if len(word) <= 4:
        return word
    if language == "es":
        if word.endswith("ces"):
            return _ES_CES.sub("z", word)
        return _ES_ES.sub("", word)
    if language == "pt":
        if _PT_OES.search(word):
            return _PT_OES.sub("ao", word)
        if word.endswith("ns"):
            return _PT_NS.sub("m", word)
        if len(word) > 5 and _PT_IS.search(word):
            return word[:-2] + "l"
        return _PT_ES.sub("", word)
    return _EN_IRREGULAR.get(word, word)


class Analyzer:
    """Per-language analysis with memoised results (documents repeat their words)."""

    def __init__(self, language):
        self.language = language
        self.stop_words = STOP_WORDS[language]
        self._stemmer = snowballstemmer.stemmer(SNOWBALL[language])
        self._memo = {}  # token -> term (stop words -> None)
        self._memo_keep = {}  # token -> term, stop words kept
        self._stored = {}  # token -> stored form: the term, or STOP

    def term(self, token, keep_stop_words=False):
        """The index term of one raw token, or None for a stop word."""
        memo = self._memo_keep if keep_stop_words else self._memo
        try:
            return memo[token]
        except KeyError:
            pass
        folded = fold(token)[:MAX_TOKEN_LENGTH]
        if not folded or (folded in self.stop_words and not keep_stop_words):
            result = None
        elif folded.isdigit():
            result = folded
        else:
            result = self._stemmer.stemWord(_normalise_plural(folded, self.language))
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        memo[token] = result
        return result

    def terms(self, text, keep_stop_words=False):
        """Index terms of text, stop words dropped (so phrases match across them)."""
        term = self.term
        return [t for t in (term(token, keep_stop_words) for token in tokens(text)) if t]

    def text(self, text, words=None):
        """Analysed text as stored in the terms_* columns: one entry per token, "_" for a
        stop word. Engines skip "_" (it is punctuation to FTS5 and to PostgreSQL), so
        phrases still match across stop words, and the highlighter can align the entries
        with the words of the text without stemming anything at query time.

        words, a dict, also collects the text's surface words (see surface_words)."""
        found = tokens(text)
        if words is not None:
            _collect(found, words)
        stored = self._stored
        try:
            return " ".join([stored[token] for token in found])
        except KeyError:
            if len(stored) > _MEMO_LIMIT:
                stored.clear()
            for token in found:
                if token not in stored:
                    stored[token] = self.term(token) or STOP
            return " ".join([stored[token] for token in found])


_ANALYZERS = {language: Analyzer(language) for language in LANGUAGES}


def analyzer(language):
    """The analyzer of a language; unknown languages are analysed as Spanish (the source)."""
    return _ANALYZERS.get(language) or _ANALYZERS["es"]


def is_stop_word(folded):
    """True when the folded token is a stop word in any hub language."""
    return any(folded in STOP_WORDS[language] for language in LANGUAGES)


_SURFACE = {}


def _collect(found, words):
    memo = _SURFACE
    for token in dict.fromkeys(found):
        folded = memo.get(token)
        if folded is None:
            folded = fold(token)
            if not (3 <= len(folded) <= MAX_TOKEN_LENGTH and folded.isalpha()) or is_stop_word(
                folded
            ):
                folded = ""
            if len(memo) > _MEMO_LIMIT:
                memo.clear()
            memo[token] = folded
        if folded and folded not in words:
            words[folded] = token.lower()


def surface_words(text):
    """Words worth suggesting ('did you mean'), folded -> as written (lower case).

    No stop words, digits or scraps.
    """
    words = {}
    _collect(tokens(text), words)
    return words
