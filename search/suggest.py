"""'Did you mean': correct words the index has never seen to the closest word it has."""

import re
import threading
from bisect import bisect_left
from itertools import islice

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .analysis import LANGUAGES, TOKEN_RE, analyzer, fold, is_stop_word
from .models import IndexState, SearchWord

_lock = threading.Lock()
_cache = {"token": None, "words": None, "buckets": None, "ordered": None}
_PHRASE_RE = re.compile(r'"[^"]*"')


def vocabulary():
    """{folded word: (form, df)} and candidate buckets by first and second letter (cached)."""
    token = IndexState.current()
    if _cache["token"] == token and _cache["words"] is not None:
        return _cache["words"], _cache["buckets"]
    with _lock:
        words = {}
        for word, form, df in SearchWord.objects.values_list("word", "form", "df").iterator(
            chunk_size=10_000
        ):
            known = words.get(word)
            words[word] = (form or word, df + (known[1] if known else 0))
        buckets = {}
        for word in words:
            for key in {("0", word[0]), ("1", word[1:2])}:
                buckets.setdefault(key, []).append(word)
        _cache.update(token=token, words=words, buckets=buckets, ordered=sorted(words))
    return words, buckets


def another_form(folded):
    """True if the index has another form of the word: a known word with the same index
    term in one language ("deportados" for "deportación", "bolivians" for "boliviana")."""
    ordered = _cache["ordered"] or ()
    for language in LANGUAGES:
        term = analyzer(language).term(folded)
        if not term or len(term) < 4:
            continue
        start = bisect_left(ordered, term)
        for known in islice(ordered, start, start + 30):
            if not known.startswith(term):
                break
            if analyzer(language).term(known) == term:
                return True
    return False


def closest(word, words, buckets):
    """The most frequent of the nearest known words (optimal string alignment distance:
    transpositions count 1; at most 1 for words of up to 8 letters, 2 beyond), or None.
    Most misspellings are one slip; two edits turn a real word the index lacks into another
    word ("bullying" -> "building", "direta" -> "direito"), so only long words get them.
    RapidFuzz computes the distances in C++: 0.1 ms a word against 13 ms in Python."""
    limit = 1 if len(word) <= 8 else 2
    candidates = set(buckets.get(("0", word[0]), ())) | set(buckets.get(("1", word[1:2]), ()))
    found = process.extract(word, candidates, scorer=OSA.distance, score_cutoff=limit, limit=None)
    best = min(((distance, -words[c][1], c) for c, distance, _key in found), default=None)
    return words[best[2]][0] if best else None


def correct(text):
    """(corrected query, [(word, replacement)]) with each word of four letters or more that
    neither the index vocabulary (in any form) nor the thesaurus knows replaced by its
    closest known word; None if none. Words in quotes are searched as typed."""
    from .thesaurus import get_thesaurus

    words, buckets = vocabulary()
    if not words:
        return None
    thesaurus = get_thesaurus()
    changes = []

    def fix(match):
        token = match.group()
        folded = fold(token)
        if (
            len(folded) < 4
            or not folded.isalpha()
            or folded in words
            or is_stop_word(folded)
            or thesaurus.knows(folded)
            or another_form(folded)
        ):
            return token
        replacement = closest(folded, words, buckets)
        if replacement:
            changes.append((token, replacement))
            return replacement
        return token

    pieces, position = [], 0
    for quoted in _PHRASE_RE.finditer(text):
        pieces.append(TOKEN_RE.sub(fix, text[position : quoted.start()]))
        pieces.append(quoted.group())
        position = quoted.end()
    pieces.append(TOKEN_RE.sub(fix, text[position:]))
    return ("".join(pieces).strip(), changes) if changes else None


_languages = {"token": None, "words": {}}


def languages_of(folded_words):
    """{word: {languages whose documents contain it}} for the query parser (cached per index
    state: the vocabulary only changes with the index)."""
    token = IndexState.current()
    if _languages["token"] != token or len(_languages["words"]) > 50_000:
        _languages.update(token=token, words={})
    cache = _languages["words"]
    wanted = [word for word in list(folded_words)[:50] if word not in cache]
    if wanted:
        for word in wanted:
            cache[word] = set()
        rows = SearchWord.objects.filter(word__in=wanted).values_list("word", "language")
        for word, language in rows:
            cache[word].add(language)
    return {word: cache[word] for word in folded_words if cache.get(word)}
