"""Facets: tokens in the index, validation of selected values, and in-memory unit sets.

Every document carries facet tokens ("zzcec" = country EC, "zzkpractice" = type practice,
...). Database engines use them to filter ranked retrieval inside the full-text query; this
module keeps, per process, one bit set of units per token (Python ints), so counting a facet
for the current query is an AND and a popcount, whatever the number of matches.
The snapshot is rebuilt when `IndexState.token` changes.
"""

import re
import threading
from array import array
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

import numpy as np

from .models import SLOTS, IndexState, SearchDocument

FACETS = ("type", "country", "theme", "population", "gcm", "year", "language", "stage")
PREFIX = {
    "type": "zzk",
    "country": "zzc",
    "theme": "zzt",
    "population": "zzp",
    "gcm": "zzg",
    "year": "zzy",
    "language": "zzl",
    "stage": "zzs",
}
TYPE_ORDER = ("practice", "lesson", "recommendation", "toolkit", "page")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def facet_token(facet, value):
    return PREFIX[facet] + _NOT_ALNUM.sub("", str(value).lower())


def facet_title(facet):
    return {
        "type": _("Type"),
        "country": _("Country"),
        "theme": _("Theme"),
        "population": _("Population"),
        "gcm": _("GCM objective"),
        "year": _("Year"),
        "language": _("Language"),
        "stage": _("Stage"),
    }[facet]


def slot_bits(ids, slots, nbytes):
    """One unit bit set per language slot from matching document ids (a document id is its
    unit * 8 + its slot), in numpy: engines return the ids as one comma-separated text
    (`group_concat` / `string_agg`), three times cheaper than grouping them into words in SQL
    and fetching the rows."""
    ids = np.fromstring(ids or "", dtype=np.int64, sep=",")
    units, by_slot = ids >> 3, ids & 7
    keep = by_slot < slots
    size = max(nbytes * 8, int(units.max()) + 1 if len(units) else 0)
    flags = np.zeros((slots, size), dtype=np.bool_)
    flags[by_slot[keep], units[keep]] = True
    packed = np.packbits(flags, axis=1, bitorder="little")
    return [int.from_bytes(row.tobytes(), "little") for row in packed]


def bits_from_units(units, nbytes):
    buffer = bytearray(nbytes + 8)
    for unit in units:
        buffer[unit >> 3] |= 1 << (unit & 7)
    return int.from_bytes(buffer, "little")


def uuid_key(value):
    """A translation key as 32 hex digits, whatever the database returns (UUID or text)."""
    return str(value).replace("-", "")


def language_codes():
    return [code for code, _name in settings.LANGUAGES[:SLOTS]]


@dataclass
class Snapshot:
    """Unit bit sets for one state of the index."""

    token: str
    nbytes: int = 0
    tokens: dict = field(default_factory=dict)  # facet token -> unit bit set
    by_facet: dict = field(default_factory=dict)  # facet -> [(token value, unit bit set)]
    slots: list = field(default_factory=list)  # language slot -> unit bit set
    everything: int = 0
    unit_slots: bytearray = field(default_factory=bytearray)  # unit -> bit mask of slots
    unit_original: bytearray = field(default_factory=bytearray)  # unit -> original slot
    date_order: array = field(default_factory=lambda: array("q"))
    parent: np.ndarray = None  # unit -> its practice's unit (itself for every other unit)
    children: dict = field(default_factory=dict)  # practice unit -> [lesson/recommendation units]
    practices: dict = field(default_factory=dict)  # translation key -> practice unit
    _title_orders: dict = field(default_factory=dict)

    def grouped(self, bits):
        """The bit set with every lesson and recommendation replaced by its practice."""
        if not bits or self.parent is None:
            return bits
        data = np.frombuffer(bits.to_bytes(self.nbytes + 8, "little"), dtype=np.uint8)
        units = np.flatnonzero(np.unpackbits(data, bitorder="little")[: len(self.parent)])
        out = np.zeros((self.nbytes + 8) * 8, dtype=np.uint8)
        out[self.parent[units]] = 1
        return int.from_bytes(np.packbits(out, bitorder="little").tobytes(), "little")

    def mask(self, facet, value):
        return self.tokens.get(facet_token(facet, value), 0)

    def display_slot(self, unit, preferred, allowed=0xFF):
        """The language version shown (search.visibility.version_rank on bit sets): the
        visitor's, else the original, else the default language (slot 0), else any."""
        if unit >= len(self.unit_slots):
            return None
        available = self.unit_slots[unit] & allowed
        if not available:
            return None
        if available >> preferred & 1:
            return preferred
        original = self.unit_original[unit]
        if original < SLOTS and available >> original & 1:
            return original
        if available & 1:
            return 0
        return (available & -available).bit_length() - 1

    def ordered(self, selection, order, offset, limit):
        """Units of the selection bit set in the given order, paginated."""
        if not selection:
            return []
        data = selection.to_bytes(self.nbytes + 8, "little")
        found = []
        wanted = offset + limit
        for unit in order:
            if data[unit >> 3] >> (unit & 7) & 1:
                found.append(unit)
                if len(found) >= wanted:
                    break
        return found[offset:]

    def title_order(self, preferred):
        """Units sorted by the folded title of the version a visitor of that slot sees."""
        order = self._title_orders.get(preferred)
        if order is None:
            from .analysis import fold

            titles = {}
            for doc_id, title in SearchDocument.objects.values_list("id", "title").iterator(
                chunk_size=5000
            ):
                titles[doc_id] = title
            keyed = []
            for unit, slots in enumerate(self.unit_slots):
                if slots:
                    slot = self.display_slot(unit, preferred)
                    keyed.append((fold(titles.get(unit * SLOTS + slot, "")), unit))
            keyed.sort()
            order = array("q", (unit for _title, unit in keyed))
            self._title_orders[preferred] = order
        return order


def load_snapshot(token):
    """Read every document's facet tokens once and build the unit bit sets.

    One raw query in id order (a unit's language versions are consecutive); a version whose
    tokens repeat the previous version's adds nothing but its language. Bits are set in one
    bytearray per token (about 9 kB per token at 10k practices).
    """
    from django.db import connection

    codes = language_codes()
    slot_of = {code: n for n, code in enumerate(codes)}
    language_prefix = PREFIX["language"]
    table = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT max(id) FROM {table}")  # noqa: S608 (model metadata)
        top = cursor.fetchone()[0] or 0
    size = top // SLOTS + 1
    nbytes = size // 8 + 1
    buffers = {}
    slot_buffers = [bytearray(nbytes + 8) for _code in codes]
    unit_slots = bytearray(size)
    unit_original = bytearray(b"\xff" * size)
    order = []
    previous_unit, previous_tokens = -1, None
    heads, pending = {}, []  # practice unit per translation key; (key, unit) of its parts
    practice_token = facet_token("type", "practice")
    columns = "id, facet_tokens, published_date, original_language, translation_key, number"
    sql = f"SELECT {columns} FROM {table} WHERE id <= %s ORDER BY id"  # noqa: S608 (model metadata)
    with connection.cursor() as cursor:
        cursor.execute(sql, [top])
        while rows := cursor.fetchmany(5000):
            for doc_id, tokens, date, original, translation_key, number in rows:
                unit, slot = divmod(doc_id, SLOTS)
                byte, bit = unit >> 3, 1 << (unit & 7)
                unit_slots[unit] |= 1 << slot
                if slot < len(slot_buffers):
                    slot_buffers[slot][byte] |= bit
                if unit != previous_unit:
                    unit_original[unit] = slot_of.get(original, 0xFF)
                    order.append((str(date or ""), str(translation_key), number, unit))
                    previous_tokens = None
                    if number:
                        pending.append((uuid_key(translation_key), unit))
                    elif practice_token in tokens.split():
                        heads[uuid_key(translation_key)] = unit
                if tokens != previous_tokens:
                    for facet in tokens.split():
                        if not facet.startswith(language_prefix):
                            buffer = buffers.get(facet)
                            if buffer is None:
                                buffer = buffers[facet] = bytearray(nbytes + 8)
                            buffer[byte] |= bit
                previous_unit, previous_tokens = unit, tokens
    snapshot = Snapshot(token=token, nbytes=nbytes)
    snapshot.tokens = {tok: int.from_bytes(buffer, "little") for tok, buffer in buffers.items()}
    snapshot.slots = [int.from_bytes(buffer, "little") for buffer in slot_buffers]
    for code, bits in zip(codes, snapshot.slots, strict=True):
        snapshot.tokens[facet_token("language", code)] = bits
    for facet, prefix in PREFIX.items():
        snapshot.by_facet[facet] = [
            (tok[len(prefix) :], bits)
            for tok, bits in snapshot.tokens.items()
            if tok.startswith(prefix)
        ]
    everything = 0
    for bits in snapshot.slots:
        everything |= bits
    snapshot.everything = everything
    snapshot.unit_slots = unit_slots
    snapshot.unit_original = unit_original
    order.sort(key=lambda key: (key[1], key[2]))
    order.sort(key=lambda key: key[0], reverse=True)  # newest first, stable
    snapshot.date_order = array("q", (key[3] for key in order))
    snapshot.practices = heads
    snapshot.parent = np.arange(size, dtype=np.int64)
    for translation_key, unit in pending:
        head = heads.get(translation_key)
        if head is not None:
            snapshot.parent[unit] = head
            snapshot.children.setdefault(head, []).append(unit)
    return snapshot


_lock = threading.Lock()
_current = {"snapshot": None}


def current_snapshot():
    """The snapshot for the index as it is now (one small query to check)."""
    token = IndexState.current()
    snapshot = _current["snapshot"]
    if snapshot is not None and snapshot.token == token:
        return snapshot
    with _lock:
        snapshot = _current["snapshot"]
        if snapshot is None or snapshot.token != token:
            snapshot = load_snapshot(token)
            _current["snapshot"] = snapshot
    return snapshot
