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

from ..facets import FACETS, PREFIX, language_codes
from ..models import SLOTS, SearchDocument
from ..stopwords import STOP_WORDS
from ..thesaurus import get_thesaurus
from .base import Engine, EngineError, EngineResult, slot_mask

logger = logging.getLogger(__name__)

STEMMERS = {"es": "light_spanish", "en": "light_english", "pt": "light_portuguese"}
FIELD_WEIGHTS = {"title": 10, "lead": 4, "tags": 2, "body": 1}
CARDINALITY_PRECISION = 40_000
BULK_CHUNK = 1000


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


def mapping():
    """The index mapping: keyword facets, and text fields per language."""
    properties = {
        "unit": {"type": "integer"},
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


def index_body():
    return {
        "settings": {"number_of_shards": 1, **analysis_settings()},
        "mappings": mapping(),
    }


def as_source(document):
    """The Elasticsearch source of a SearchDocument."""
    language = document.locale
    lead = document.lead
    body = document.text[len(lead) + 1 :] if document.text.startswith(lead) else document.text
    title = document.title if document.kind in ("practice", "toolkit", "page") else ""
    source = {
        "unit": document.unit_id,
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
    if language in STEMMERS:
        source[f"title_{language}"] = title
        source[f"lead_{language}"] = lead
        source[f"body_{language}"] = body
        source[f"tags_{language}"] = document.tags
    return source


def text_query(text, any_word=False):
    """One cross-field query per language, each with that language's analysis."""
    from elasticsearch.dsl import Q

    queries = [
        Q(
            "multi_match",
            query=text,
            type="cross_fields",
            operator="or" if any_word else "and",
            analyzer=f"hub_{language}_search",
            fields=[f"{field}_{language}^{weight}" for field, weight in FIELD_WEIGHTS.items()],
        )
        for language in _languages()
    ]
    return Q("bool", should=queries, minimum_should_match=1)


def _selection_filter(facet, values):
    from elasticsearch.dsl import Q

    if facet == "language":
        return Q("terms", locale=list(values))
    from ..facets import facet_token

    return Q("terms", facets=[facet_token(facet, value) for value in values])


def build_search(plan, index="hub-search"):
    """The elasticsearch.dsl Search for a plan: query, post_filter, aggregations, collapse,
    highlight, sort and pagination."""
    from elasticsearch.dsl import A, Q, Search

    search = Search(index=index)
    if plan.query:
        search = search.query(text_query(plan.query.text, any_word=plan.query.any_clause))
    else:
        search = search.query(Q("match_all"))
    selections = {facet: values for facet, values in plan.filters.items() if values}
    filters = {facet: _selection_filter(facet, values) for facet, values in selections.items()}
    if filters:
        search = search.post_filter(Q("bool", filter=list(filters.values())))
    units = {
        "units": {"cardinality": {"field": "unit", "precision_threshold": CARDINALITY_PRECISION}}
    }
    everything = A("filter", Q("bool", filter=list(filters.values())))
    everything.bucket(
        "units", "cardinality", field="unit", precision_threshold=CARDINALITY_PRECISION
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
    search = search.extra(collapse={"field": "unit"}, track_total_hits=False)
    if plan.sort == "date" or (not plan.query and plan.sort != "title"):
        search = search.sort({"published_date": {"order": "desc", "missing": "_last"}}, "unit")
    elif plan.sort == "title":
        search = search.sort("ac.sort", "unit")
    highlight_fields = [
        f"{field}_{language}" for field in ("title", "lead", "body") for language in _languages()
    ]
    search = search.highlight(*highlight_fields, number_of_fragments=1, fragment_size=220)
    search = search.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
    search = search.source(["unit", "slot", "locale"])
    return search[plan.offset : plan.offset + plan.limit]


def parse_response(raw, plan):
    """EngineResult from a raw search response (a dict)."""
    aggregations = raw.get("aggregations", {})
    count = int(aggregations.get("total", {}).get("units", {}).get("value", 0))
    units = []
    highlights = {}
    for hit in raw.get("hits", {}).get("hits", []):
        source = hit.get("_source", {})
        unit = int(source["unit"])
        units.append((unit, float(hit.get("_score") or 0.0)))
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
    )


class ElasticsearchEngine(Engine):
    name = "elasticsearch"
    label = "Elasticsearch"

    def __init__(self, options=None):
        self.options = options or {}
        self.url = self.options.get("ELASTICSEARCH_URL", "")
        self.index = self.options.get("ELASTICSEARCH_INDEX", "hub-search")
        self.timeout = float(self.options.get("TIMEOUT", 1.0))
        self.sync_on_commit = self.options.get("ELASTICSEARCH_SYNC", "on_commit") == "on_commit"
        self._client = None

    @property
    def client(self):
        if not self.url:
            raise EngineError("HUB_ELASTICSEARCH_URL is not set")
        if self._client is None:
            from elasticsearch import Elasticsearch

            self._client = Elasticsearch(
                self.url, request_timeout=self.timeout, max_retries=0, retry_on_timeout=False
            )
        return self._client

    def _call(self, function, *args, **kwargs):
        from elastic_transport import TransportError
        from elasticsearch import ApiError

        try:
            return function(*args, **kwargs)
        except (ApiError, TransportError, OSError, ValueError) as error:
            raise EngineError(f"Elasticsearch: {error}") from error

    # queries ---------------------------------------------------------------------------
    def search(self, plan):
        search = build_search(plan, self.index)
        raw = self._call(lambda: self.client.search(index=self.index, body=search.to_dict()))
        return parse_response(raw.body, plan)

    def autocomplete(self, words, language, limit):
        from elasticsearch.dsl import Q, Search

        search = Search(index=self.index).query(
            Q("match", ac={"query": " ".join(words), "operator": "and"})
        )
        search = search.source(["unit", "slot"])[:limit]
        raw = self._call(lambda: self.client.search(index=self.index, body=search.to_dict()))
        return [
            int(hit["_source"]["unit"]) * SLOTS + int(hit["_source"]["slot"])
            for hit in raw.body["hits"]["hits"]
        ]

    # writes ----------------------------------------------------------------------------
    def documents_changed(self, page_ids):
        """Mirror the database documents of these pages (None: everything) into the index."""
        try:
            if page_ids is None:
                self.rebuild_from_database()
                return
            from elasticsearch.helpers import bulk

            self._call(
                lambda: self.client.delete_by_query(
                    index=self.index,
                    query={"terms": {"page_id": list(page_ids)}},
                    refresh=True,
                    conflicts="proceed",
                )
            )
            documents = SearchDocument.objects.filter(page_id__in=page_ids)
            actions = (
                {"_index": self.index, "_id": d.id, "_source": as_source(d)} for d in documents
            )
            self._call(lambda: bulk(self.client, actions, refresh=True))
        except Exception:
            logger.exception("Elasticsearch could not be updated; run manage.py update_index")

    def rebuild_from_database(self):
        """A fresh index from the database documents, then the alias moved to it."""
        from elasticsearch.helpers import bulk

        from ..models import IndexState

        target = f"{self.index}-{IndexState.current()[:12] or 'initial'}".lower()
        client = self.client
        self._call(lambda: client.indices.delete(index=target, ignore_unavailable=True))
        self._call(lambda: client.indices.create(index=target, **index_body()))
        documents = SearchDocument.objects.order_by("id").iterator(chunk_size=BULK_CHUNK)
        actions = ({"_index": target, "_id": d.id, "_source": as_source(d)} for d in documents)
        self._call(lambda: bulk(client, actions, chunk_size=BULK_CHUNK, refresh=True))
        old = []
        if self._call(lambda: client.indices.exists_alias(name=self.index)):
            old = list(self._call(lambda: client.indices.get_alias(name=self.index)).body)
        elif self._call(lambda: client.indices.exists(index=self.index)):
            self._call(lambda: client.indices.delete(index=self.index))
        actions = [{"remove": {"index": name, "alias": self.index}} for name in old]
        actions.append({"add": {"index": target, "alias": self.index}})
        self._call(lambda: client.indices.update_aliases(actions=actions))
        for name in old:
            if name != target:
                self._call(lambda name=name: client.indices.delete(index=name))

    def rebuild_finished(self):
        """The database rebuild commits first; documents_changed(None) then rebuilds here."""
