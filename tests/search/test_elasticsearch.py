"""The Elasticsearch engine, offline: index settings, query building, response parsing, and
falling back when the cluster is down. With HUB_ELASTICSEARCH_URL set, the contract suite
(test_contract.py, test_relevance.py) also runs against a real cluster."""

import time

import pytest

from search import service
from search.engines import get_engine
from search.engines.base import Plan
from search.engines.elasticsearch import (
    ElasticsearchEngine,
    OpenSearchEngine,
    as_source,
    build_search,
    index_body,
    parse_response,
)
from search.models import SearchDocument
from search.query import parse

pytestmark = pytest.mark.django_db
DOWN = "http://127.0.0.1:9"  # the discard port: connection refused at once


@pytest.fixture
def elasticsearch(settings):
    settings.HUB_SEARCH = {
        **settings.HUB_SEARCH,
        "ENGINE": "elasticsearch",
        "ELASTICSEARCH_URL": DOWN,
        "ELASTICSEARCH_SYNC": "immediate",
        "TIMEOUT": 0.5,
    }
    engine = get_engine()
    assert isinstance(engine, ElasticsearchEngine)
    return engine


def plan(text="remesas seguras", **kwargs):
    defaults = {"language": "es", "filters": {}, "sort": "relevance", "offset": 0, "limit": 10}
    return Plan(parse(text), **{**defaults, **kwargs})


def test_index_settings_analyse_each_language():
    analysis = index_body()["settings"]["analysis"]
    for language, stemmer in (
        ("es", "light_spanish"),
        ("en", "light_english"),
        ("pt", "light_portuguese"),
    ):
        chain = analysis["analyzer"][f"hub_{language}"]["filter"]
        assert chain[:2] == ["lowercase", "asciifolding"]
        assert analysis["filter"][chain[-1]] == {"type": "stemmer", "language": stemmer}
        assert "de" in analysis["filter"][f"hub_{language}_stop"]["stopwords"] or language == "en"
        search_chain = analysis["analyzer"][f"hub_{language}_search"]["filter"]
        assert "hub_synonyms" in search_chain
        assert search_chain.index("hub_synonyms") < search_chain.index(chain[-1])
    synonyms = analysis["filter"]["hub_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert any("remesas" in line and "remittances" in line for line in synonyms["synonyms"])


def test_mapping_has_facets_and_text_per_language():
    properties = index_body()["mappings"]["properties"]
    assert properties["facets"] == {"type": "keyword"}
    assert properties["unit"]["type"] == "integer"
    assert properties["title_pt"]["analyzer"] == "hub_pt"
    assert properties["title_pt"]["search_analyzer"] == "hub_pt_search"
    assert properties["ac"]["fields"]["sort"]["type"] == "keyword"


def test_query_requires_every_word_in_some_language():
    body = build_search(plan()).to_dict()
    should = body["query"]["bool"]["should"]
    assert body["query"]["bool"]["minimum_should_match"] == 1
    assert {q["multi_match"]["analyzer"] for q in should} == {
        "hub_es_search",
        "hub_en_search",
        "hub_pt_search",
    }
    words = [q["multi_match"] for q in should if q["multi_match"]["type"] == "cross_fields"]
    assert {q["minimum_should_match"] for q in words} == {"2<60%"}
    assert "title_es^10" in words[0]["fields"]
    phrases = [q["multi_match"] for q in should if q["multi_match"]["type"] == "phrase"]
    assert len(phrases) == 3 and all(q["slop"] == 3 and q["boost"] == 2 for q in phrases)
    relaxed = build_search(Plan(parse("remesas seguras").relaxed(), "es")).to_dict()
    assert {
        q["multi_match"]["minimum_should_match"]
        for q in relaxed["query"]["bool"]["should"]
        if q["multi_match"]["type"] == "cross_fields"
    } == {"1"}


def test_question_words_do_not_reach_the_cluster():
    body = build_search(plan("how to send remittances safely")).to_dict()
    texts = {q["multi_match"]["query"] for q in body["query"]["bool"]["should"]}
    assert texts == {"send remittances safely"}


def test_the_query_vector_goes_to_knn_with_the_same_filters():
    vector = [0.5] * 4
    body = build_search(plan(vector=vector, filters={"country": ["CO"]})).to_dict()
    # one k-NN per passage vector: the title and text, the title and summary
    assert [knn["field"] for knn in body["knn"]] == ["vector", "lead_vector"]
    for knn in body["knn"]:
        assert knn["query_vector"] == vector
        assert knn["k"] == 100 and knn["num_candidates"] == 200
        assert knn["filter"] == [{"terms": {"facets": ["zzcco"]}}]
    assert body["post_filter"]["bool"]["filter"] == [{"terms": {"facets": ["zzcco"]}}]
    opensearch = build_search(plan(vector=vector), flavour="opensearch").to_dict()
    assert "knn" not in opensearch
    should = opensearch["query"]["bool"]["should"]
    assert should[1] == {"knn": {"vector": {"vector": vector, "k": 100}}}
    assert should[2] == {"knn": {"lead_vector": {"vector": vector, "k": 100}}}
    assert "knn" not in build_search(plan()).to_dict()


def test_vector_mappings_per_flavour():
    elastic = index_body()["mappings"]["properties"]["vector"]
    assert elastic == {"type": "dense_vector", "dims": 512, "index": True, "similarity": "cosine"}
    body = index_body("opensearch", 384)
    assert body["settings"]["index.knn"] is True
    for name in ("vector", "lead_vector"):
        vector = body["mappings"]["properties"][name]
        assert vector["type"] == "knn_vector" and vector["dimension"] == 384
        assert vector["method"]["space_type"] == "cosinesimil"


def test_grouped_search_collapses_lessons_into_their_practice():
    body = build_search(plan(group=True)).to_dict()
    assert body["collapse"]["field"] == "group"
    assert body["collapse"]["inner_hits"]["name"] == "parts"
    assert body["aggs"]["total"]["aggs"]["units"]["cardinality"]["field"] == "group"
    raw = {
        "hits": {
            "hits": [
                {
                    "_score": 2.0,
                    "_source": {"unit": 11, "slot": 0, "head": 10},
                    "inner_hits": {
                        "parts": {
                            "hits": {"hits": [{"_source": {"unit": 11}}, {"_source": {"unit": 10}}]}
                        }
                    },
                },
            ]
        },
        "aggregations": {"total": {"units": {"value": 1}}},
    }
    result = parse_response(raw, plan(group=True))
    assert result.units == [(10, 2.0)] and result.matches == {10: [11]}


def test_filters_apply_to_hits_and_to_the_other_facets_only():
    body = build_search(plan(filters={"country": ["CO"], "language": ["en"]})).to_dict()
    assert body["post_filter"]["bool"]["filter"] == [
        {"terms": {"facets": ["zzcco"]}},
        {"terms": {"locale": ["en"]}},
    ]
    country = body["aggs"]["facet_country"]
    assert country["filter"]["bool"]["filter"] == [{"terms": {"locale": ["en"]}}]
    assert country["aggs"]["values"]["terms"]["include"] == "zzc.*"
    assert country["aggs"]["values"]["aggs"]["units"]["cardinality"]["field"] == "unit"
    language = body["aggs"]["facet_language"]
    assert language["filter"]["bool"]["filter"] == [{"terms": {"facets": ["zzcco"]}}]
    assert body["aggs"]["total"]["aggs"]["units"]["cardinality"]["field"] == "unit"


def test_one_hit_per_unit_highlighted_and_paginated():
    body = build_search(plan(offset=20, limit=10)).to_dict()
    assert body["collapse"] == {"field": "unit"}
    assert body["from"] == 20 and body["size"] == 10
    assert body["highlight"]["pre_tags"] == ["<mark>"] and body["highlight"]["encoder"] == "html"
    assert "lead_pt" in body["highlight"]["fields"]
    browse = build_search(Plan(parse(""), "es", sort="date")).to_dict()
    assert browse["query"] == {"match_all": {}}
    assert browse["sort"][0] == {"published_date": {"order": "desc", "missing": "_last"}}


def test_parse_response():
    raw = {
        "hits": {
            "hits": [
                {
                    "_score": 3.5,
                    "_source": {"unit": 7, "slot": 1},
                    "highlight": {"lead_en": ["<mark>Safe</mark> remittances"]},
                },
                {"_score": 1.0, "_source": {"unit": 3, "slot": 0}},
            ]
        },
        "aggregations": {
            "total": {"units": {"value": 2}},
            "facet_country": {
                "values": {"buckets": [{"key": "zzcco", "doc_count": 6, "units": {"value": 2}}]}
            },
            "facet_language": {
                "values": {"buckets": [{"key": "en", "doc_count": 2, "units": {"value": 2}}]}
            },
        },
    }
    result = parse_response(raw, plan(filters={"language": ["en"]}))
    assert result.count == 2
    assert result.units == [(7, 3.5), (3, 1.0)]
    assert result.facets["country"] == {"co": 2}
    assert result.facets["language"] == {"en": 2}
    assert result.highlights == {7 * 8 + 1: "<mark>Safe</mark> remittances"}
    assert result.allowed_slots == 0b10


def test_documents_become_sources():
    lesson = SearchDocument.objects.filter(kind="lesson", locale="pt").first()
    source = as_source(lesson)
    assert source["unit"] == lesson.unit_id and source["slot"] == 2
    assert source["lead_pt"] == lesson.text and source["body_pt"] == ""
    assert source["title_pt"] == "" and "zzklesson" in source["facets"]
    practice = SearchDocument.objects.filter(kind="practice", locale="es").first()
    source = as_source(practice)
    assert source["title_es"] == practice.title
    assert source["lead_es"] == practice.lead
    assert practice.text == f"{practice.lead}\n{source['body_es']}" or not source["body_es"]
    assert source["tags_es"]


def test_a_cluster_that_is_down_falls_back_to_the_database(elasticsearch, client):
    started = time.monotonic()
    response = service.search("remesas", language="en")
    assert time.monotonic() - started < 1.0
    assert response.count >= 1 and response.notice
    assert response.engine in ("sqlite", "postgres")
    assert "remittances" in response.hits[0].title.lower()
    assert client.get("/api/search/", {"q": "remesas", "lang": "en"}).status_code == 200
    assert service.autocomplete("reme", language="es")


def test_publishing_still_works_when_the_cluster_is_down(elasticsearch, seed_practice, superuser):
    seed_practice.save_revision(user=superuser).publish(user=superuser)
    assert service.search("emprendimiento", language="es").count > 0


class FakeResponse:
    def __init__(self, body):
        self.body = body


class FakeClient:
    def __init__(self, body):
        self.body = body
        self.requests = []

    def search(self, index, body):
        self.requests.append((index, body))
        return FakeResponse(self.body)


def test_the_service_shows_elasticsearch_results(elasticsearch, monkeypatch):
    lesson = SearchDocument.objects.filter(kind="lesson", locale="es").first()
    raw = {
        "hits": {
            "hits": [
                {
                    "_score": 2.0,
                    "_source": {"unit": lesson.unit_id, "slot": 0},
                    "highlight": {"lead_es": ["una <mark>lección</mark>"]},
                }
            ]
        },
        "aggregations": {"total": {"units": {"value": 1}}},
    }
    fake = FakeClient(raw)
    monkeypatch.setattr(ElasticsearchEngine, "client", fake)
    response = service.search("lección", language="es")
    assert response.engine == "elasticsearch" and response.notice is None
    assert response.count == 1
    hit = response.hits[0]
    assert hit.page_id == lesson.page_id and hit.url == lesson.url
    assert str(hit.snippet) == "una <mark>lección</mark>"
    index, body = fake.requests[0]
    assert index == "hub-search" and body["collapse"]["field"] == "group"


def test_opensearch_shares_the_engine(settings):
    settings.HUB_SEARCH = {**settings.HUB_SEARCH, "ENGINE": "opensearch", "ELASTICSEARCH_URL": DOWN}
    engine = get_engine()
    assert isinstance(engine, OpenSearchEngine) and engine.flavour == "opensearch"
    from opensearchpy import OpenSearch

    assert isinstance(engine.client, OpenSearch)
    response = service.search("remesas", language="es")
    assert response.engine in ("sqlite", "postgres") and response.notice


def test_a_failed_cluster_is_skipped_for_a_while(elasticsearch, monkeypatch):
    calls = []
    original = ElasticsearchEngine.search

    def counted(self, plan):
        calls.append(plan)
        return original(self, plan)

    monkeypatch.setattr(ElasticsearchEngine, "search", counted)
    first = service.search("remesas", language="es")
    second = service.search("xenofobia", language="es")
    assert first.notice and second.notice and len(calls) == 1
    monkeypatch.setattr(service, "_failed_until", {})
    service.search("remesas", language="es")
    assert len(calls) == 2
