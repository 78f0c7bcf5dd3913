"""What every engine offers the search service, and the pipeline the database engines share.

Database engines (SQLite FTS5, PostgreSQL, the plain fallback) only answer three questions:
which units match (as bit sets per language slot), which documents rank best (optionally
restricted by facet tokens), and which titles complete a prefix. Counting, facets, filters,
sorting by date or title and pagination are done here on the in-memory unit bit sets.
"""

import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings

from ..facets import FACETS, facet_token, language_codes
from ..models import SLOTS
from ..query import ParsedQuery
from ..semantic import (
    SEMANTIC_DEPTH,
    SEMANTIC_MIN,
    SEMANTIC_MIN_BESIDE_WORDS,
    SEMANTIC_RELATIVE,
    current_matrix,
)

FUSION_DEPTH = 50  # lexical results fused with the semantic ones
RRF_K = 60  # reciprocal rank fusion constant
MAX_MATCHES = 3  # lessons and recommendations listed under a practice


def _union(bit_sets):
    union = 0
    for bits in bit_sets:
        union |= bits
    return union


def fuse(lexical, semantic, selection, kept=0):
    """Reciprocal rank fusion of lexical [(unit, score)] and semantic [(document id, cosine)]
    rankings, semantic hits kept only within the selection (filters apply to both). The
    first `kept` lexical units (their title or summary holds every clause) stay on top."""
    top = lexical[:kept]
    placed = {unit for unit, _score in top}
    scores = {}
    for rank, (unit, _score) in enumerate(lexical[kept:]):
        scores[unit] = 1 / (RRF_K + rank)
    seen = set()
    for doc_id, _cosine in semantic:
        unit = doc_id // SLOTS
        if unit in seen or unit in placed or not selection >> unit & 1:
            continue
        scores[unit] = scores.get(unit, 0.0) + 1 / (RRF_K + len(seen))
        seen.add(unit)
    return top + sorted(scores.items(), key=lambda item: -item[1])


class EngineError(Exception):
    """The engine could not answer (down, index missing): fall back."""


class EngineTimeout(EngineError):
    """The query took longer than allowed: a slower fallback would not help."""


def database_error(error):
    """EngineError or EngineTimeout for a database error."""
    text = str(error).lower()
    if "interrupted" in text or "statement timeout" in text or "canceling statement" in text:
        return EngineTimeout(str(error))
    return EngineError(str(error))


@contextmanager
def time_limit(seconds):
    """Stop the database's statements after `seconds` (SQLite progress handler, PostgreSQL
    statement_timeout in the current transaction)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.ensure_connection()
        deadline = time.monotonic() + seconds
        connection.connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 20_000)
        try:
            yield
        finally:
            connection.connection.set_progress_handler(None, 0)
    elif connection.vendor == "postgresql" and connection.in_atomic_block:
        nested = bool(connection.savepoint_ids)
        with connection.cursor() as cursor:
            previous = set_local(cursor, {"statement_timeout": int(seconds * 1000)}, nested)
        yield
        if previous:
            with connection.cursor() as cursor:
                set_local(cursor, previous, nested=False)
    else:
        yield


def set_local(cursor, values, nested):
    """Set PostgreSQL settings until the end of the transaction (one statement). A
    savepoint's release keeps them, so inside a longer transaction (`nested`: a request's or
    a test's) return the values they replace, for the caller to set back when it is done."""
    names = list(values)
    previous = None
    if nested:
        cursor.execute("SELECT " + ", ".join("current_setting(%s)" for _name in names), names)
        previous = dict(zip(names, cursor.fetchone(), strict=True))
    cursor.execute(
        "SELECT " + ", ".join("set_config(%s, %s, true)" for _name in names),
        [item for name in names for item in (name, str(values[name]))],
    )
    return previous


@dataclass
class Plan:
    query: ParsedQuery
    language: str
    filters: dict = field(default_factory=dict)  # facet -> [validated values]
    sort: str = "relevance"  # relevance | date | title
    offset: int = 0
    limit: int = 10
    facets: bool = True
    vector: object = None  # the query's sentence embedding (numpy), or None: lexical only
    group: bool = False  # one result per practice, its matching lessons listed under it


@dataclass
class EngineResult:
    count: int
    units: list  # [(unit id, score)] in result order, for this page
    facets: dict = field(default_factory=dict)  # facet -> {value: count}
    allowed_slots: int = 0xFF  # the language filter, as a slot mask
    highlights: dict = field(default_factory=dict)  # document id -> engine highlight (optional)
    display: dict = field(default_factory=dict)  # unit -> document id to show (optional)
    matches: dict = field(default_factory=dict)  # practice unit -> [matching part units]
    semantic: bool = False  # the meaning of the query took part


class Engine:
    name = "base"
    label = "base"
    sync_on_commit = True  # documents_changed runs after the transaction commits
    ranks = True  # orders results by relevance (the fallback notice says so)

    def search(self, plan):
        raise NotImplementedError

    def autocomplete(self, words, language, limit):
        """Unit ids whose title words start with the given words (the last one a prefix)."""
        raise NotImplementedError

    def documents_changed(self, page_ids):
        """Called after documents of these pages were written (external engines sync)."""

    def rebuild_started(self):
        """Called before a full rebuild replaces every document."""

    def rebuild_finished(self):
        """Called after a full rebuild, in its transaction."""

    def rebuild_committed(self):
        """Called once the rebuild is committed."""


def slot_mask(languages):
    codes = language_codes()
    mask = 0
    for language in languages:
        if language in codes:
            mask |= 1 << codes.index(language)
    return mask


class LRU:
    """A small thread-safe least-recently-used cache."""

    def __init__(self, size):
        self.size = size
        self.data = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            value = self.data.get(key)
            if value is not None:
                self.data.move_to_end(key)
            return value

    def put(self, key, value):
        with self.lock:
            self.data[key] = value
            self.data.move_to_end(key)
            while len(self.data) > self.size:
                self.data.popitem(last=False)


class DatabaseEngine(Engine):
    """The shared pipeline of engines that live in the site's database."""

    languages_per_unit = 3

    def __init__(self, options=None):
        self.options = options or {}
        # Matches and rankings of recent queries, for the index state they were computed on:
        # paging and clicking facets repeat the query, popular queries repeat across visitors.
        self.cache = LRU(self.options.get("CACHE_SIZE", 256))
        self.timeout = self.options.get("TIMEOUT", 1.0)
        self.languages_per_unit = max(1, min(len(settings.LANGUAGES), SLOTS))

    # engine primitives ---------------------------------------------------------------
    def match_slots(self, query, nbytes):
        """One unit bit set per language slot: the units with a matching document."""
        raise NotImplementedError

    #: Ranking tiers tried before the whole text (see _ranked_units).
    tiers = ("title", "head")

    def rank(self, query, filter_groups, limit, tier=None):
        """[(document id, score)] best first, documents matching the query and the filters,
        within a tier's fields (None: anywhere)."""
        raise NotImplementedError

    @contextmanager
    def session(self):
        """Wraps the engine calls of one search (PostgreSQL: one transaction, one setup)."""
        yield

    # shared pipeline -----------------------------------------------------------------
    def search(self, plan):
        with self.session():
            return self._search(plan)

    def _search(self, plan):
        from ..facets import current_snapshot

        snapshot = current_snapshot()
        codes = language_codes()
        semantic = []
        levels = []  # units matching at least 1, 2, ... clauses, in any language
        if plan.query:
            matching = self._matching(plan.query, snapshot)
            slots = list(matching[plan.query.minimum_should_match - 1])
            levels = [_union(by_slot) for by_slot in matching]
            if plan.vector is not None:
                worded = len(plan.query.clauses) > 1 and any(slots)
                semantic = self._semantic(plan.vector, snapshot, worded)
                for doc_id, _score in semantic:  # a unit near in meaning, in all its versions
                    unit = doc_id // SLOTS
                    versions = snapshot.unit_slots[unit] if unit < len(snapshot.unit_slots) else 0
                    for slot in range(SLOTS):
                        if versions >> slot & 1:
                            slots[slot] |= 1 << unit
        else:
            slots = list(snapshot.slots)
        slots += [0] * (len(codes) - len(slots))
        parts = None  # with grouping: the units matched before grouping
        if plan.group:
            parts = _union(slots)
            slots = [snapshot.grouped(bits) for bits in slots]
        matched = _union(slots) & snapshot.everything

        masks = {}
        for facet, values in plan.filters.items():
            if not values:
                continue
            mask = 0
            for value in values:
                if facet == "language":
                    if value in codes:
                        mask |= slots[codes.index(value)]
                else:
                    mask |= snapshot.mask(facet, value)
            masks[facet] = mask
        selection = matched
        for mask in masks.values():
            selection &= mask
        count = selection.bit_count()

        facets = {}
        if plan.facets:
            facets = self._facet_counts(snapshot, matched, masks, slots, codes, parts)

        allowed = slot_mask(plan.filters.get("language", ())) or 0xFF
        wanted = plan.offset + plan.limit
        if plan.sort == "relevance" and plan.query and count:
            if semantic:
                depth = max(wanted, FUSION_DEPTH)
                lexical, headed = self._ranked_units(plan, selection, depth, snapshot)
                units = fuse(lexical, semantic, selection, headed)[:wanted]
            else:
                units, _headed = self._ranked_units(plan, selection, wanted, snapshot)
        elif plan.sort == "title":
            preferred = codes.index(plan.language) if plan.language in codes else 0
            order = snapshot.title_order(preferred)
            units = [(u, 0.0) for u in snapshot.ordered(selection, order, 0, wanted)]
        else:
            units = [(u, 0.0) for u in snapshot.ordered(selection, snapshot.date_order, 0, wanted)]
        units = units[plan.offset : wanted]
        matches = {}
        if parts is not None and levels:
            listed = levels[0]
            for facet, mask in masks.items():
                if facet != "language":  # language masks hold practices; display_slot checks
                    listed &= mask
            for unit, _score in units:
                found = [c for c in snapshot.children.get(unit, ()) if listed >> c & 1]
                # the parts matching most of the query first
                found.sort(key=lambda c: -sum(bits >> c & 1 for bits in levels))
                if found:
                    matches[unit] = found[:MAX_MATCHES]
        preferred = codes.index(plan.language) if plan.language in codes else 0
        display = {}
        for unit in [u for u, _s in units] + [c for found in matches.values() for c in found]:
            slot = snapshot.display_slot(unit, preferred, allowed)
            if slot is not None:
                display[unit] = unit * SLOTS + slot
        return EngineResult(
            count=count,
            units=units,
            facets=facets,
            allowed_slots=allowed,
            display=display,
            matches=matches,
            semantic=bool(semantic),
        )

    def _semantic(self, vector, snapshot, worded):
        """[(document id, cosine)] of the documents nearest in meaning, best first. When the
        words of a query of several concepts match documents (worded), meaning needs less to
        add one: the query is about the hub's subjects, and such queries are where words
        miss most (questions, phrases, other languages). Otherwise it must be surer: an
        unrelated query finds nothing, one word's matches are not diluted."""
        nearest = current_matrix(snapshot.token).nearest(vector, SEMANTIC_DEPTH)
        if not nearest:
            return []
        least = SEMANTIC_MIN_BESIDE_WORDS if worded else SEMANTIC_MIN
        floor = max(least, SEMANTIC_RELATIVE * nearest[0][1])
        return [(doc_id, score) for doc_id, score in nearest if score >= floor]

    def _matching(self, query, snapshot):
        """levels[j][slot]: units whose version in slot matches at least j + 1 of the query's
        clauses (each clause matched once and cached)."""
        levels = [[0] * SLOTS for _clause in query.clauses]
        for clause in query.clauses:
            single = query.single(clause)
            key = ("match", snapshot.token, single.key)
            slots = self.cache.get(key)
            if slots is None:
                slots = self.match_slots(single, snapshot.nbytes)
                self.cache.put(key, slots)
            for level in range(len(levels) - 1, -1, -1):
                for slot, bits in enumerate(slots[:SLOTS]):
                    if level:
                        bits &= levels[level - 1][slot]
                    levels[level][slot] |= bits
        return levels

    def _facet_counts(self, snapshot, matched, masks, slots, codes, parts=None):
        """Counts for every facet value, each facet filtered by the others (OR within).
        With grouping, types count the matching lessons and recommendations too."""
        counts = {}
        for facet in FACETS:
            base = parts if facet == "type" and parts is not None else matched
            for other, mask in masks.items():
                if other != facet:
                    base &= mask
            values = {}
            if facet == "language":
                for code, bits in zip(codes, slots, strict=False):
                    n = (base & bits).bit_count()
                    if n:
                        values[code] = n
            else:
                for value, bits in snapshot.by_facet.get(facet, ()):
                    n = (base & bits).bit_count()
                    if n:
                        values[value] = n
            counts[facet] = values
        return counts

    def _filter_groups(self, plan):
        return [
            [facet_token(facet, value) for value in values]
            for facet, values in plan.filters.items()
            if values
        ]

    def _ranked_units(self, plan, selection, wanted, snapshot):
        """([(unit, score)] best first, one entry per unit (its best document), and how many
        of them came from the title and summary tiers).

        Three tiers, each ranked by the engine's score: documents whose title holds every
        clause (a practice named after the query beats a long page that repeats it), then
        whose title and summary (or lesson text) hold them, then the rest of the selection
        (documents matching enough clauses), ranked on any clause so that matching more of
        them scores more.
        The tiers also bound the work on very common words: a page is usually filled from
        the first tiers without ranking every match.
        """
        groups = self._filter_groups(plan)
        per_unit = self.languages_per_unit
        data = selection.to_bytes(snapshot.nbytes + 8, "little")
        found = {}

        parent = snapshot.parent if plan.group else None

        def take(rows):
            for doc_id, score in rows:
                unit = doc_id // SLOTS
                if parent is not None and unit < len(parent):
                    unit = int(parent[unit])
                if unit not in found and data[unit >> 3] >> (unit & 7) & 1:
                    found[unit] = score
                    if len(found) >= wanted:
                        return True
            return False

        def ranked(limit, tier=None):
            # the tiers hold every clause; the rest is ranked on any clause, the engine's
            # score summing the matches (selection keeps those matching enough of them)
            query = plan.query if tier else plan.query.relaxed()
            key = ("rank", snapshot.token, query.key, str(groups), limit, tier)
            rows = self.cache.get(key)
            if rows is None:
                rows = self.rank(query, groups, limit, tier=tier)
                self.cache.put(key, rows)
            return rows

        headed = 0  # units found in the title and summary tiers (see fuse)
        for tier in (*self.tiers, None):
            limit = max(wanted, 10) * 2 * per_unit
            while True:
                rows = ranked(limit, tier)
                done = take(rows)
                if tier is not None:
                    headed = len(found)
                if done:
                    return list(found.items()), headed
                if len(rows) < limit:
                    break  # this tier is exhausted: on to the next
                limit *= 4
        return list(found.items()), headed
