"""The trilingual thesaurus (search/thesaurus.csv) that expands queries across languages.

Each concept lists Spanish, English and Portuguese terms. Terms are analysed like documents
(folded, stop words dropped, stemmed in their own language), so "Remesas" in a query matches
the concept "remesas|remesa" and the query also looks for "remittance" and "remessa".
"""

import csv
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .analysis import LANGUAGES, analyzer, fold, tokens

DEFAULT_PATH = Path(__file__).with_name("thesaurus.csv")
MAX_TERM_WORDS = 4


@dataclass(frozen=True)
class Concept:
    terms: tuple  # ((language, text), ...)
    keys: frozenset  # analysed term sequences, each a tuple of stems


class Thesaurus:
    def __init__(self, concepts):
        self.concepts = concepts
        self.index = {}
        self.words = set()  # folded words of every term, as written
        self.stems = {term for concept in concepts for key in concept.keys for term in key}
        for concept in concepts:
            for key in concept.keys:
                self.index.setdefault(key, []).append(concept)
            for _language, text in concept.terms:
                self.words.update(fold(token) for token in tokens(text))

    def lookup(self, key):
        """Concepts with a term whose analysed form is key (a tuple of stems)."""
        return self.index.get(key, ())

    def knows(self, folded):
        """True when a term of some concept contains this folded word or one of its stems."""
        return folded in self.words or any(
            analyzer(language).term(folded) in self.stems for language in LANGUAGES
        )

    def synonym_lines(self):
        """Concepts as Solr-style synonym lines (for the Elasticsearch synonym_graph filter)."""
        lines = []
        for concept in self.concepts:
            words = sorted({text.casefold() for _language, text in concept.terms})
            lines.append(", ".join(word.replace(",", " ") for word in words))
        return lines


def parse(lines):
    """Concepts from CSV lines (a header es,en,pt; '#' comments; '|' between alternatives)."""
    rows = (line for line in lines if line.strip() and not line.lstrip().startswith("#"))
    reader = csv.reader(rows)
    header = [cell.strip().lower() for cell in next(reader, [])]
    concepts = []
    for row in reader:
        terms = []
        for language, cell in zip(header, row, strict=False):
            if language not in LANGUAGES:
                continue
            terms += [(language, text.strip()) for text in cell.split("|") if text.strip()]
        keys = set()
        for language, text in terms:
            key = tuple(analyzer(language).terms(text))
            if 0 < len(key) <= MAX_TERM_WORDS:
                keys.add(key)
        if len(keys) > 1:
            concepts.append(Concept(tuple(terms), frozenset(keys)))
    return concepts


_lock = threading.Lock()
_cache = {"path": None, "mtime": None, "thesaurus": None}


def thesaurus_path():
    return Path(getattr(settings, "HUB_SEARCH_THESAURUS", "") or DEFAULT_PATH)


def get_thesaurus():
    """The thesaurus, re-read when the file changes (staff edit it without a deploy)."""
    path = thesaurus_path()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = None
    with _lock:
        if _cache["thesaurus"] is None or _cache["path"] != path or _cache["mtime"] != mtime:
            lines = path.read_text(encoding="utf-8").splitlines() if mtime is not None else []
            _cache.update(path=path, mtime=mtime, thesaurus=Thesaurus(parse(lines)))
        return _cache["thesaurus"]
