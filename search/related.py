"""Related practices for a practice page: nearest in meaning, then sharing its taxonomy.

Read from the in-memory index (facet bit sets and the vector matrix): one small query for
the index state and one for the documents shown, whatever the number of practices.
"""

import threading

import numpy as np

from .facets import PREFIX, current_snapshot, language_codes, uuid_key
from .models import SLOTS, SearchDocument
from .semantic import current_matrix
from .service import _visible

#: Facets whose shared values make two practices related (themes, populations, GCM, countries).
RELATED_FACETS = ("theme", "population", "gcm", "country")
TAXONOMY_WEIGHT = 0.15  # added to the cosine for sharing every taxonomy term
CANDIDATES = 60
_lock = threading.Lock()
_cache = {}


def _shared_tokens(snapshot, unit):
    prefixes = tuple(PREFIX[facet] for facet in RELATED_FACETS)
    return [
        bits
        for token, bits in snapshot.tokens.items()
        if token.startswith(prefixes) and bits >> unit & 1
    ]


def _units(bits, nbytes):
    data = np.frombuffer(bits.to_bytes(nbytes + 8, "little"), dtype=np.uint8)
    return np.flatnonzero(np.unpackbits(data, bitorder="little"))


def related_units(snapshot, unit, limit):
    """[unit] of the practices most related to a practice unit, best first."""
    practices = snapshot.mask("type", "practice") & snapshot.everything & ~(1 << unit)
    shared = _shared_tokens(snapshot, unit)
    scores = {}
    matrix = current_matrix(snapshot.token)
    own = [unit * SLOTS + slot for slot in range(SLOTS) if snapshot.unit_slots[unit] >> slot & 1]
    rows = np.flatnonzero(np.isin(matrix.ids, own)) if len(matrix.ids) else []
    if len(rows):
        vector = matrix.rows(rows).mean(axis=0)
        vector /= np.linalg.norm(vector) or 1.0
        for doc_id, cosine in matrix.nearest(vector, CANDIDATES * SLOTS):
            other = doc_id // SLOTS
            if practices >> other & 1 and other not in scores:
                scores[other] = cosine
    else:  # no vectors: the practices sharing most of its taxonomy
        union = 0
        for bits in shared:
            union |= bits
        for other in _units(union & practices, snapshot.nbytes)[: CANDIDATES * 10]:
            scores[int(other)] = 0.0
    if shared:
        for other in scores:
            overlap = sum(bits >> other & 1 for bits in shared)
            scores[other] += TAXONOMY_WEIGHT * overlap / len(shared)
    return sorted(scores, key=lambda other: (-scores[other], other))[:limit]


def related_practices(page, limit=5):
    """Documents (title, url, lead, locale) of the live, public practices related to page,
    each in the page's language where translated; computed once per index state."""
    snapshot = current_snapshot()
    language = page.locale.language_code
    key = (snapshot.token, uuid_key(page.translation_key), language, limit)
    found = _cache.get(key)
    if found is None:
        unit = snapshot.practices.get(uuid_key(page.translation_key))
        ids = []
        if unit is not None:
            codes = language_codes()
            preferred = codes.index(language) if language in codes else 0
            for other in related_units(snapshot, unit, limit):
                slot = snapshot.display_slot(other, preferred)
                if slot is not None:
                    ids.append(other * SLOTS + slot)
        documents = {d.pk: d for d in _visible(SearchDocument.objects.filter(pk__in=ids))}
        found = [documents[pk] for pk in ids if pk in documents]
        with _lock:
            if len(_cache) > 2048:
                _cache.clear()
            _cache[key] = found
    return found
