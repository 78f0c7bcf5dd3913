"""Elasticsearch 8 through the official client's DSL (`elasticsearch.dsl`), for clusters.

The index holds the same documents as `search_searchdocument` (one per unit per language),
with Elasticsearch's own per-language analysis: lowercase, ASCII folding, the hub's stop
words, the language's light stemmer, and at query time a synonym graph built from the
thesaurus, so "remittances" also looks for "remesas" and "remessas". One query per request
returns the page (collapsed to one document per unit), the total, every facet's counts
(unit cardinality, each facet filtered by the others) and highlights.

Writes go to Elasticsearch after the database transaction commits; when the cluster is
unreachable the service answers from the database engine with a notice.
"""

import logging

from ..embeddings import from_bytes
from ..facets import FACETS, PREFIX, language_codes
from ..models import SLOTS, SearchDocument
from ..stopwords import STOP_WORDS
from ..thesaurus import get_thesaurus
from .base import MAX_MATCHES, Engine, EngineError, EngineResult, slot_mask

logger = logging.getLogger(__name__)

STEMMERS = {"es": "light_spanish", "en": "light_english", "pt": "light_portuguese"}
FIELD_WEIGHTS = {"title": 10, "lead": 4, "tags": 2, "body": 1}
CARDINALITY_PRECISION = 40_000
BULK_CHUNK = 1000
VECTOR_DIMENSIONS = 512  # USE multilingual v3; a local sentence-transformers model may differ
KNN_K = 100
KNN_CANDIDATES = 200
PHRASE_SLOP = 3
#: Like search/query.py: every word up to two, then 60 per cent of them.
MINIMUM_SHOULD_MATCH = "2<60%"


def _languages():
    return [code for code in language_codes() if code in STEMMERS]


def analysis_settings():
    """Analyzers: hub_<lang> to index, hub_<lang>_search to query (adds the synonym graph)."""
    filters = {
        "hub_synonyms": {
            "type": "synonym_graph",
            "synonyms": get_thesaurus().synonym_lines(),
            "lenient": True,
        }
    }
    analyzers = {
        "hub_autocomplete": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding", "hub_edge_ngram"],
        },
        "hub_autocomplete_search": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding"],
        },
    }
    filters["hub_edge_ngram"] = {"type": "edge_ngram", "min_gram": 2, "max_gram": 20}
    for language in _languages():
        filters[f"hub_{language}_stop"] = {
            "type": "stop",
            "stopwords": sorted(STOP_WORDS[language]),
        }
        filters[f"hub_{language}_stemmer"] = {"type": "stemmer", "language": STEMMERS[language]}
        chain = ["lowercase", "asciifolding", f"hub_{language}_stop", f"hub_{language}_stemmer"]
        analyzers[f"hub_{language}"] = {"type": "custom", "tokenizer": "standard", "filter": chain}
        analyzers[f"hub_{language}_search"] = {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding", "hub_synonyms", *chain[2:]],
        }
    normalizers = {"hub_sort": {"type": "custom", "filter": ["lowercase", "asciifolding"]}}
    return {"analysis": {"filter": filters, "analyzer": analyzers, "normalizer": normalizers}}


def vector_mapping(flavour, dimensions):
    """The vector field: Elasticsearch's dense_vector, OpenSearch's knn_vector."""
    if flavour == "opensearch":
        return {
            "type": "knn_vector",
            "dimension": dimensions,
            "method": {"name": "hnsw", "space_type": "cosinesimil", "engine": "lucene"},
        }
    return {"type": "dense_vector", "dims": dimensions, "index": True, "similarity": "cosine"}


def mapping(flavour="elasticsearch", dimensions=VECTOR_DIMENSIONS):
    """The index mapping: keyword facets, text fields per language, the meaning vector."""
    properties = {
        "unit": {"type": "integer"},
        "group": {"type": "keyword"},  # the practice of a lesson; the unit itself otherwise
        "head": {"type": "integer"},  # the unit of a lesson's practice
        "vector": vector_mapping(flavour, dimensions),  # title and start of the text
        "lead_vector": vector_mapping(flavour, dimensions),  # title and summary
        "slot": {"type": "byte"},
        "page_id": {"type": "integer"},
        "number": {"type": "short"},
        "kind": {"type": "keyword"},
        "locale": {"type": "keyword"},
        "original_language": {"type": "keyword"},
        "translation_key": {"type": "keyword"},
        "published_date": {"type": "date"},
        "facets": {"type": "keyword"},
        "ac": {
            "type": "text",
            "analyzer": "hub_autocomplete",
            "search_analyzer": "hub_autocomplete_search",
            "fields": {"sort": {"type": "keyword", "normalizer": "hub_sort"}},
        },
    }
    for language in _languages():
        for field in FIELD_WEIGHTS:
            properties[f"{field}_{language}"] = {
                "type": "text",
                "analyzer": f"hub_{language}",
                "search_analyzer": f"hub_{language}_search",
            }
    return {"properties": properties}


def index_body(flavour="elasticsearch", dimensions=VECTOR_DIMENSIONS):
    settings = {"number_of_shards": 1, **analysis_settings()}
    if flavour == "opensearch":
        settings["index.knn"] = True
    return {"settings": settings, "mappings": mapping(flavour, dimensions)}


def group_of(document):
    """Lessons and recommendations collapse into their practice; other units stay alone."""
    if document.kind in ("practice", "lesson", "recommendation"):
        return f"p:{document.translation_key}"
    return f"u:{document.unit_id}"


#: The vector fields, one per passage of `search.embeddings.document_passages`, in order.
VECTOR_FIELDS = ("vector", "lead_vector")


def as_source(document, vectors=()):
    """The Elasticsearch source of a SearchDocument (with its passages' vectors)."""
    language = document.locale
    lead = document.lead
    body = document.text[len(lead) + 1 :] if document.text.startswith(lead) else document.text
    title = document.title if document.kind in ("practice", "toolkit", "page") else ""
    source = {
        "unit": document.unit_id,
        "group": group_of(document),
        "slot": document.id % SLOTS,
        "page_id": document.page_id,
        "number": document.number,
        "kind": document.kind,
        "locale": language,
        "original_language": document.original_language,
        "translation_key": str(document.translation_key),
        "published_date": document.published_date.isoformat() if document.published_date else None,
        "facets": document.facet_tokens.split(),
        "ac": title,
    }
    for name, vector in zip(VECTOR_FIELDS, vectors, strict=False):
        source[name] = [float(x) for x in vector]
    if language in STEMMERS:
        source[f"title_{language}"] = title
        source[f"lead_{language}"] = lead
        source[f"body_{language}"] = body
        source[f"tags_{language}"] = document.tags
    return source


def text_query(query):
    """Per language: a cross-field match of the query's words (every word up to two, 60 per
    cent beyond; any one for the relaxed query), and a phrase match with slop that boosts
    documents holding the words close together."""
    from elasticsearch.dsl import Q

    text = " ".join(word for clause in query.clauses for word in clause.words)
    queries = []
    for language in _languages():
        fields = [f"{field}_{language}^{weight}" for field, weight in FIELD_WEIGHTS.items()]
        queries.append(
            Q(
                "multi_match",
                query=text,
                type="cross_fields",
                operator="or",
                minimum_should_match="1" if query.any_clause else MINIMUM_SHOULD_MATCH,
                analyzer=f"hub_{language}_search",
                fields=fields,
            )
        )
        if len(query.clauses) > 1:
            queries.append(
                Q(
                    "multi_match",
                    query=text,
                    type="phrase",
                    slop=PHRASE_SLOP,
                    analyzer=f"hub_{language}_search",
                    fields=fields,
                    boost=2,
                )
            )
    return Q("bool", should=queries, minimum_should_match=1)


def _selection_filter(facet, values):
    from elasticsearch.dsl import Q

    if facet == "language":
        return Q("terms", locale=list(values))
    from ..facets import facet_token

    return Q("terms", facets=[facet_token(facet, value) for value in values])


def build_search(plan, index="hub-search", flavour="elasticsearch"):
    """The elasticsearch.dsl Search for a plan: query (and k-NN on the query's vector),
    post_filter, aggregations, collapse, highlight, sort and pagination. Elasticsearch sums
    the scores of its top-level `knn` and the query; OpenSearch takes a `knn` query clause."""
    from elasticsearch.dsl import A, Q, Search

    search = Search(index=index)
    selections = {facet: values for facet, values in plan.filters.items() if values}
    filters = {facet: _selection_filter(facet, values) for facet, values in selections.items()}
    vector = None if plan.vector is None else [float(x) for x in plan.vector]
    if plan.query:
        query = text_query(plan.query)
        if vector is not None and flavour == "opensearch":
            knn = [Q("knn", **{name: {"vector": vector, "k": KNN_K}}) for name in VECTOR_FIELDS]
            query = Q("bool", should=[query, *knn], minimum_should_match=1)
        search = search.query(query)
        if vector is not None and flavour != "opensearch":
            search = search.extra(
                knn=[
                    {
                        "field": name,
                        "query_vector": vector,
                        "k": KNN_K,
                        "num_candidates": KNN_CANDIDATES,
                        "filter": [f.to_dict() for f in filters.values()],
                    }
                    for name in VECTOR_FIELDS
                ]
            )
    else:
        search = search.query(Q("match_all"))
    if filters:
        search = search.post_filter(Q("bool", filter=list(filters.values())))
    counted = "group" if plan.group else "unit"
    units = {
        "units": {"cardinality": {"field": counted, "precision_threshold": CARDINALITY_PRECISION}}
    }
    everything = A("filter", Q("bool", filter=list(filters.values())))
    everything.bucket(
        "units", "cardinality", field=counted, precision_threshold=CARDINALITY_PRECISION
    )
    search.aggs.bucket("total", everything)
    if plan.facets:
        for facet in FACETS:
            others = [query for name, query in filters.items() if name != facet]
            holder = A("filter", Q("bool", filter=others))
            if facet == "language":
                terms = A("terms", field="locale", size=20, aggs=units)
            else:
                terms = A(
                    "terms", field="facets", include=f"{PREFIX[facet]}.*", size=200, aggs=units
                )
            holder.bucket("values", terms)
            search.aggs.bucket(f"facet_{facet}", holder)
    if plan.group:
        collapse = {
            "field": "group",
            "inner_hits": {
                "name": "parts",
                "size": MAX_MATCHES,
                "_source": ["unit"],
            },
        }
    else:
        collapse = {"field": "unit"}
    search = search.extra(collapse=collapse, track_total_hits=False)
    if plan.sort == "date" or (not plan.query and plan.sort != "title"):
        search = search.sort({"published_date": {"order": "desc", "missing": "_last"}}, "unit")
    elif plan.sort == "title":
        search = search.sort("ac.sort", "unit")
    highlight_fields = [
        f"{field}_{language}" for field in ("title", "lead", "body") for language in _languages()
    ]
    search = search.highlight(*highlight_fields, number_of_fragments=1, fragment_size=220)
    search = search.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
    search = search.source(["unit", "slot", "locale", "head"])
    return search[plan.offset : plan.offset + plan.limit]


def parse_response(raw, plan):
    """EngineResult from a raw search response (a dict)."""
    aggregations = raw.get("aggregations", {})
    count = int(aggregations.get("total", {}).get("units", {}).get("value", 0))
    units = []
    highlights = {}
    matches = {}
    for hit in raw.get("hits", {}).get("hits", []):
        source = hit.get("_source", {})
        unit = int(source["unit"])
        parts = hit.get("inner_hits", {}).get("parts", {}).get("hits", {}).get("hits", [])
        found = [unit] + [int(part["_source"]["unit"]) for part in parts if "_source" in part]
        if plan.group and source.get("head") is not None:  # the practice stands for its parts
            unit = int(source["head"])
        units.append((unit, float(hit.get("_score") or 0.0)))
        found = [part for part in dict.fromkeys(found) if part != unit][:MAX_MATCHES]
        if found:
            matches[unit] = found
        fragments = [f for values in hit.get("highlight", {}).values() for f in values]
        if fragments:
            highlights[unit * SLOTS + int(source.get("slot", 0))] = fragments[0]
    facets = {}
    for facet in FACETS:
        buckets = aggregations.get(f"facet_{facet}", {}).get("values", {}).get("buckets", [])
        values = {}
        for bucket in buckets:
            key = str(bucket["key"])
            value = key if facet == "language" else key[len(PREFIX[facet]) :]
            values[value] = int(bucket.get("units", {}).get("value", bucket.get("doc_count", 0)))
        if buckets or plan.facets:
            facets[facet] = values
    return EngineResult(
        count=count,
        units=units,
        facets=facets,
        allowed_slots=slot_mask(plan.filters.get("language", ())) or 0xFF,
        highlights=highlights,
        matches=matches,
        semantic=plan.vector is not None,
    )


def _body(raw):
    """The response as a dict (the Elasticsearch client wraps it, OpenSearch's does not)."""
    return getattr(raw, "body", raw)


def sources(documents, index):
    """Bulk actions for documents, with their vectors and their practice's unit."""
    from ..models import SearchUnit, SearchVector

    documents = list(documents)
    hashes = {d.vector_hash for d in documents if d.vector_hash}
    vectors = dict(SearchVector.objects.filter(hash__in=hashes).values_list("hash", "vector"))
    heads = {f"practice:{d.translation_key}:0" for d in documents if d.number}
    head_units = dict(SearchUnit.objects.filter(key__in=heads).values_list("key", "id"))
    for document in documents:
        data = vectors.get(document.vector_hash)
        vectors = () if data is None else from_bytes(bytes(data)).reshape(-1, VECTOR_DIMENSIONS)
        source = as_source(document, vectors)
        head = head_units.get(f"practice:{document.translation_key}:0")
        if document.number and head is not None:
            source["head"] = head
        yield {"_index": index, "_id": document.id, "_source": source}


class ElasticsearchEngine(Engine):
    name = "elasticsearch"
    label = "Elasticsearch"
    flavour = "elasticsearch"

    def __init__(self, options=None):
        self.options = options or {}
        self.url = self.options.get("ELASTICSEARCH_URL", "")
        self.index = self.options.get("ELASTICSEARCH_INDEX", "hub-search")
        self.timeout = float(self.options.get("TIMEOUT", 1.0))
        self.sync_on_commit = self.options.get("ELASTICSEARCH_SYNC", "on_commit") == "on_commit"
        self._client = None

    def make_client(self):
        from elasticsearch import Elasticsearch

        return Elasticsearch(
            self.url, request_timeout=self.timeout, max_retries=0, retry_on_timeout=False
        )

    def errors(self):
        from elastic_transport import TransportError
        from elasticsearch import ApiError

        return (ApiError, TransportError)

    def bulk(self, actions, **kwargs):
        from elasticsearch.helpers import bulk

        return bulk(self.client, actions, **kwargs)

    @property
    def client(self):
        if not self.url:
            raise EngineError(f"The {self.label} address (HUB_ELASTICSEARCH_URL) is not set")
        if self._client is None:
            self._client = self.make_client()
        return self._client

    def _call(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except (*self.errors(), OSError, ValueError) as error:
            raise EngineError(f"{self.label}: {error}") from error

    # queries ---------------------------------------------------------------------------
    def search(self, plan):
        body = build_search(plan, self.index, self.flavour).to_dict()
        raw = self._call(lambda: self.client.search(index=self.index, body=body))
        return parse_response(_body(raw), plan)

    def autocomplete(self, words, language, limit):
        from elasticsearch.dsl import Q, Search

        search = Search(index=self.index).query(
            Q("match", ac={"query": " ".join(words), "operator": "and"})
        )
        search = search.source(["unit", "slot"])[:limit]
        raw = self._call(lambda: self.client.search(index=self.index, body=search.to_dict()))
        return [
            int(hit["_source"]["unit"]) * SLOTS + int(hit["_source"]["slot"])
            for hit in _body(raw)["hits"]["hits"]
        ]

    # writes ----------------------------------------------------------------------------
    def documents_changed(self, page_ids):
        """Mirror the database documents of these pages (None: everything) into the index."""
        try:
            if page_ids is None:
                self.rebuild_from_database()
                return
            self._call(
                lambda: self.client.delete_by_query(
                    index=self.index,
                    body={"query": {"terms": {"page_id": list(page_ids)}}},
                    refresh=True,
                    conflicts="proceed",
                )
            )
            documents = SearchDocument.objects.filter(page_id__in=page_ids)
            self._call(lambda: self.bulk(sources(documents, self.index), refresh=True))
        except Exception:
            logger.exception("%s could not be updated; run manage.py update_index", self.label)

    def rebuild_from_database(self):
        """A fresh index from the database documents, then the alias moved to it."""
        from ..models import IndexState

        target = f"{self.index}-{IndexState.current()[:12] or 'initial'}".lower()
        client = self.client
        self._call(lambda: client.indices.delete(index=target, ignore_unavailable=True))
        self._call(lambda: client.indices.create(index=target, body=index_body(self.flavour)))
        documents = SearchDocument.objects.order_by("id").iterator(chunk_size=BULK_CHUNK)

        def actions():
            batch = []
            for document in documents:
                batch.append(document)
                if len(batch) >= BULK_CHUNK:
                    yield from sources(batch, target)
                    batch = []
            yield from sources(batch, target)

        self._call(lambda: self.bulk(actions(), chunk_size=BULK_CHUNK, refresh=True))
        old = []
        if self._call(lambda: client.indices.exists_alias(name=self.index)):
            old = list(_body(self._call(lambda: client.indices.get_alias(name=self.index))))
        elif self._call(lambda: client.indices.exists(index=self.index)):
            self._call(lambda: client.indices.delete(index=self.index))
        actions_ = [{"remove": {"index": name, "alias": self.index}} for name in old]
        actions_.append({"add": {"index": target, "alias": self.index}})
        self._call(lambda: client.indices.update_aliases(body={"actions": actions_}))
        for name in old:
            if name != target:
                self._call(lambda name=name: client.indices.delete(index=name))

    def rebuild_finished(self):
        """The database rebuild commits first; documents_changed(None) then rebuilds here."""


class OpenSearchEngine(ElasticsearchEngine):
    """OpenSearch through `opensearch-py`, with the same index and query building."""

    name = "opensearch"
    label = "OpenSearch"
    flavour = "opensearch"

    def make_client(self):
        from opensearchpy import OpenSearch

        return OpenSearch(
            hosts=[self.url], timeout=self.timeout, max_retries=0, retry_on_timeout=False
        )

    def errors(self):
        from opensearchpy.exceptions import OpenSearchException

        return (OpenSearchException,)

    def bulk(self, actions, **kwargs):
        from opensearchpy.helpers import bulk

        return bulk(self.client, actions, **kwargs)
