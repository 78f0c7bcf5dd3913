"""Highlighted snippets, for every engine: the words the query looks for are wrapped in
<mark> (a phrase only where its words follow each other), inside the densest window."""

import unicodedata
from bisect import bisect_left
from itertools import compress, islice

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .analysis import STOP, TOKEN_RE, analyzer

SNIPPET_WORDS = 36


def _marked(terms, alternatives):
    """Flags for each token: does it belong to an occurrence of an alternative?"""
    singles = {alt[0] for alt in alternatives if len(alt) == 1}
    marked = [term in singles for term in terms]
    phrases = [alt for alt in alternatives if len(alt) > 1]
    if phrases:
        firsts = {phrase[0] for phrase in phrases}
        positions = [i for i, term in enumerate(terms) if term]  # stop words are skipped
        sequence = [terms[i] for i in positions]
        for start in [i for i, term in enumerate(sequence) if term in firsts]:
            term = sequence[start]
            for phrase in phrases:
                if phrase[0] == term and tuple(sequence[start : start + len(phrase)]) == phrase:
                    for offset in range(len(phrase)):
                        marked[positions[start + offset]] = True
    return marked


def _window(marks, last_start, words):
    """Where the window of `words` words holding the most marked words starts (the first
    such window, begun a little before its first mark, for context), in [0, last_start].

    A window that starts between two marks holds no more than the one that starts at the
    next mark, so only windows starting at a mark are counted: a few marks, not every word.
    """
    lead, most = None, 0
    for i, mark in enumerate(marks):
        if i and marks[i - 1] >= last_start:
            break  # later windows would start past the end
        held = bisect_left(marks, min(mark, last_start) + words, i) - i
        if held > most:
            lead, most = mark, held
    return 0 if lead is None else max(0, min(lead - 4, last_start))


def analysed(text, language):
    """Index terms of each word of text (None for stop words), as stored at index time."""
    analyse = analyzer(language)
    return [analyse.term(word) for word in TOKEN_RE.findall(unicodedata.normalize("NFC", text))]


def stored_terms(*columns):
    """The per-word terms of stored terms_* columns ("_" = stop word) -> list."""
    terms = []
    for column in columns:
        if column:
            terms += [None if term == STOP else term for term in column.split(" ")]
    return terms


def highlight(text, alternatives, language, words=SNIPPET_WORDS, terms=None):
    """Escaped HTML of the best window of `words` words of text, query words in <mark>.

    alternatives: tuples of index terms (ParsedQuery.highlight_terms); terms: the stored
    per-word terms of text (computed here when missing); words=None keeps the whole text.
    """
    text = unicodedata.normalize("NFC", text or "")
    if terms is None:
        terms = analysed(text, language)
    count = len(terms)
    flags = _marked(terms, alternatives) if alternatives else [False] * count
    first, last = 0, count
    if words is not None and count > words:
        first = _window(list(compress(range(count), flags)), count - words, words)
        last = first + words
    out = []
    begin = end = position = None
    for index, match in enumerate(islice(TOKEN_RE.finditer(text), first, last), first):
        if begin is None:
            begin = position = 0 if index == 0 else match.start()
        end = match.end()
        if index < count and flags[index]:
            out.append(escape(text[position : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    if begin is None:
        return mark_safe(escape(text))  # noqa: S308 (escaped)
    if last >= count:
        end = len(text)
    out.append(escape(text[position:end]))
    prefix = "…" if begin else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(out).strip() + suffix)  # noqa: S308 (escaped pieces)
