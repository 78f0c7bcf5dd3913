"""Parse a visitor's query into clauses every engine can run.

A query is a list of clauses (one per concept the visitor typed), of which a document must
match `minimum_should_match`; a clause is a set of alternatives (OR), each a sequence of
index terms (one term, or a phrase). Question words and filler (search/filler.csv) are
dropped first:

    "trata de personas Perú" ->
        ( "trat person" | "human traffick" | "trafic pesso" | "traffick" | ... )
        ( "peru" )                      -> both must match (two clauses)

Alternatives come from stemming the words in every hub language and from the thesaurus.
Bounded on purpose: at most MAX_QUERY_LENGTH characters, MAX_CLAUSES clauses and
MAX_ALTERNATIVES alternatives per clause, whatever the input.
"""

import csv
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .analysis import LANGUAGES, analyzer, fold, is_stop_word, tokens
from .thesaurus import MAX_TERM_WORDS, get_thesaurus

MAX_QUERY_LENGTH = 200
MAX_CLAUSES = 10
MAX_ALTERNATIVES = 40
#: Beyond two concepts a document must match this share of them (rounded up).
MINIMUM_SHOULD_MATCH = 0.6
FILLER_PATH = Path(__file__).with_name("filler.csv")
_PHRASE_RE = re.compile(r'"([^"]*)"')


@dataclass(frozen=True)
class Clause:
    words: tuple  # the raw tokens as typed
    alternatives: frozenset  # tuples of index terms
    phrase: bool = False  # typed in quotes: no thesaurus, no spelling correction
    concept: str = ""  # the thesaurus concept(s) the words stand for, if any


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    clauses: tuple = field(default=())
    any_clause: bool = False  # any one clause matches (the relaxed fallback)

    def __bool__(self):
        return bool(self.clauses)

    @property
    def minimum_should_match(self):
        """How many clauses a document must match: all of one or two, a share beyond."""
        count = len(self.clauses)
        if self.any_clause:
            return min(1, count)
        if count <= 2:
            return count
        return math.ceil(count * MINIMUM_SHOULD_MATCH)

    def single(self, clause):
        """The query of one of its clauses (engines match clauses one at a time)."""
        return ParsedQuery(self.text, (clause,))

    @property
    def key(self):
        """A stable text form, used as a cache key and shown in debugging output."""
        parts = [
            "|".join(" ".join(alt) for alt in sorted(clause.alternatives))
            for clause in self.clauses
        ]
        return ("OR:" if self.any_clause else "AND:") + " & ".join(parts)

    @property
    def highlight_terms(self):
        """Every alternative (a tuple of index terms) the highlighter looks for."""
        return frozenset(alt for clause in self.clauses for alt in clause.alternatives)

    def relaxed(self):
        return ParsedQuery(self.text, self.clauses, any_clause=True)


def _stems(token, keep_stop_words):
    found = set()
    for language in LANGUAGES:
        term = analyzer(language).term(token, keep_stop_words)
        if term:
            found.add(term)
    return found


def _expand(words, keep_stop_words, languages_of):
    """Clauses for a run of unquoted words: thesaurus spans first (longest match), then words.

    A word is stemmed in the languages whose documents contain it (languages_of), or in all
    three when no document does, so "regularizacion" is not also read as English "regular".
    """
    thesaurus = get_thesaurus()
    known = languages_of({fold(word) for word in words}) if languages_of else {}
    stems = {
        language: [analyzer(language).term(word, keep_stop_words) for word in words]
        for language in LANGUAGES
    }
    clauses = []
    position = 0
    while position < len(words):
        matched = None
        for length in range(min(MAX_TERM_WORDS, len(words) - position), 0, -1):
            for language in LANGUAGES:
                span = stems[language][position : position + length]
                if None in span:
                    continue
                concepts = thesaurus.lookup(tuple(span))
                if concepts:
                    matched = (length, concepts)
                    break
            if matched:
                break
        length = matched[0] if matched else 1
        span_words = tuple(words[position : position + length])
        own = set()
        span_languages = set()
        for word in words[position : position + length]:
            span_languages |= known.get(fold(word)) or set(LANGUAGES)
        for language in LANGUAGES:
            if language not in span_languages:
                continue
            span = tuple(stems[language][position : position + length])
            if span and None not in span:
                own.add(span)
        expansions = set()
        if matched:
            for concept in matched[1]:
                expansions |= concept.keys
        alternatives = sorted(own) + sorted(expansions - own)
        concept = "|".join(sorted(c.terms[0][1] for c in matched[1])) if matched else ""
        if alternatives:
            clauses.append(
                Clause(span_words, frozenset(alternatives[:MAX_ALTERNATIVES]), concept=concept)
            )
        position += length
    return clauses


@lru_cache(maxsize=1)
def filler_phrases():
    """Folded token tuples of question words and filler (search/filler.csv), longest first."""
    with FILLER_PATH.open(encoding="utf-8") as handle:
        rows = csv.reader(line for line in handle if line.strip() and not line.startswith("#"))
        next(rows, None)
        phrases = {tuple(fold(t) for t in tokens(row[1])) for row in rows if len(row) > 1}
    return sorted((p for p in phrases if p), key=len, reverse=True)


def drop_filler(words):
    """The words without question words and filler, or all of them when nothing else is left."""
    folded = [fold(word) for word in words]
    kept, position = [], 0
    phrases = filler_phrases()
    while position < len(words):
        for phrase in phrases:
            if tuple(folded[position : position + len(phrase)]) == phrase:
                position += len(phrase)
                break
        else:
            kept.append(words[position])
            position += 1
    return kept or words


def parse(text, languages_of=None):
    """Parse raw visitor input (any length, any characters) into a bounded ParsedQuery.

    languages_of(folded_words) -> {word: {language, ...}} tells which languages' documents
    contain each word (the index vocabulary); without it every word is stemmed three ways.
    """
    text = (text or "")[:MAX_QUERY_LENGTH]
    phrases = [p for p in _PHRASE_RE.findall(text) if tokens(p)]
    loose = drop_filler(tokens(_PHRASE_RE.sub(" ", text)))
    keep_stop_words = not phrases and all(is_stop_word(fold(word)) for word in loose)
    words = [word for word in loose if keep_stop_words or not is_stop_word(fold(word))]
    clauses = []
    for phrase in phrases:
        alternatives = set()
        for language in LANGUAGES:
            terms = tuple(analyzer(language).terms(phrase))
            if terms:
                alternatives.add(terms)
        if alternatives:
            clauses.append(Clause(tuple(tokens(phrase)), frozenset(alternatives), phrase=True))
    clauses += _expand(words, keep_stop_words, languages_of)
    unique = []
    for clause in clauses:
        if clause.alternatives not in {c.alternatives for c in unique}:
            unique.append(clause)
    return ParsedQuery(text.strip(), tuple(unique[:MAX_CLAUSES]))


def meaning_key(text):
    """A key shared by queries that mean the same: each thesaurus concept stands for all its
    terms ("salud", "health" and "saúde" -> "salud"), other words are folded; order and
    filler do not matter."""
    parts = {
        clause.concept or " ".join(fold(word) for word in clause.words)
        for clause in parse(text).clauses
    }
    return " ".join(sorted(parts))
