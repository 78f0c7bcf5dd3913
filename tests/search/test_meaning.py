"""Search that finds what visitors mean: concepts instead of strict AND, question words that
do not decide, typos fixed word by word, meaning across languages (sentence embeddings),
one result per practice, promotions that follow meaning, related practices."""

from django.urls import reverse
from django.utils.translation import override

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

import pytest
from bs4 import BeautifulSoup

from practices.models import PracticeIndexPage, PracticeLesson, PracticePage
from search import embeddings, indexer, service
from search.models import SearchDocument, SearchVector

pytestmark = pytest.mark.django_db
QUESTION = "how can community gardens help migrant women grow food"


@pytest.fixture
def gardens(superuser, django_capture_on_commit_callbacks):
    """A practice written in Spanish only, published with its vectors computed."""
    index = PracticeIndexPage.objects.get(locale__language_code="es")
    page = PracticePage(
        title="Huertos comunitarios con mujeres migrantes en Quito",
        slug="huertos-comunitarios-quito",
        summary=(
            "Parcelas urbanas donde mujeres venezolanas y colombianas cultivan hortalizas, "
            "comparten semillas y venden la cosecha en ferias barriales."
        ),
        original_language="es",
        locale=index.locale,
    )
    page.lessons = [
        PracticeLesson(
            text="Las mujeres migrantes asistieron más a los talleres cuando hubo cuidado infantil.",
            sort_order=0,
            locale=index.locale,
        )
    ]
    index.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=superuser).publish(user=superuser)
    page.refresh_from_db()
    return page


def test_an_english_question_finds_a_spanish_only_practice_with_its_lesson(gardens):
    response = service.search(QUESTION, language="en")
    top = [hit.page_id for hit in response.hits[:3]]
    assert gardens.pk in top
    hit = response.hits[top.index(gardens.pk)]
    assert hit.type == "practice" and hit.locale == "es"
    assert [(m["type"], m["number"]) for m in hit.matches] == [("lesson", 1)]
    assert hit.matches[0]["url"].endswith("#leccion-1")


def test_filters_and_facets_apply_to_meaning_hits(gardens):
    response = service.search(QUESTION, language="en", filters={"country": ["BR"]})
    assert gardens.pk not in [hit.page_id for hit in response.hits]
    unfiltered = service.search(QUESTION, language="en")
    languages = {value.value: value.count for value in unfiltered.facets["language"]}
    assert languages["es"] >= 1


def test_vectors_are_computed_on_publish_and_reused(gardens, monkeypatch, superuser):
    document = SearchDocument.objects.get(page=gardens, kind="practice")
    assert SearchVector.objects.filter(hash=document.vector_hash).exists()
    calls = []
    embedder = embeddings.get_embedder()
    monkeypatch.setattr(embedder, "encode", lambda texts: calls.append(texts))
    indexer.index_page(gardens)
    from search.semantic import embed_missing

    assert embed_missing() is False and calls == []


def test_a_single_word_finds_by_meaning_a_practice_that_lacks_it(gardens):
    # "seeds" is in English documents; the Spanish-only practice says "semillas"
    response = service.search("seeds", language="en")
    found = [hit.page_id for hit in response.hits]
    assert gardens.pk in found
    assert response.hits[0].page_id != gardens.pk  # the practices with the word come first


def test_a_practice_has_a_vector_for_its_text_and_one_for_its_title_and_summary(gardens):
    from search.embeddings import document_passages, from_bytes
    from search.semantic import current_matrix

    document = SearchDocument.objects.get(page=gardens, kind="practice")
    stored = from_bytes(SearchVector.objects.get(hash=document.vector_hash).vector)
    embedder = embeddings.get_embedder()
    passages = document_passages(document.title, document.lead, document.text)
    assert passages[1] == f"{gardens.title}\n{gardens.summary}"
    assert len(stored) == 2 * embedder.dimensions
    matrix = current_matrix()
    assert list(matrix.ids).count(document.pk) == 2
    (best, cosine), *_rest = matrix.nearest(embedder.encode([passages[1]])[0], 1)
    assert best == document.pk and cosine > 0.99


def test_documents_matching_most_concepts_are_found_without_all_of_them(settings):
    settings.HUB_EMBEDDINGS = "none"
    response = service.search("remesas familias zz9qq", language="es")
    assert response.count > 0 and not response.relaxed
    assert response.hits[0].title.startswith("Remesas")


def test_question_words_never_decide_the_results(settings):
    settings.HUB_EMBEDDINGS = "none"
    plain = service.search("remesas", language="es")
    for question in (
        "qué hacer con las remesas",
        "how to send remittances",
        "o que fazer com remessas",
    ):
        asked = service.search(question, language="es")
        assert asked.count == plain.count, question
        assert asked.hits[0].translation_key == plain.hits[0].translation_key


def test_a_typo_is_fixed_while_the_other_words_match(client):
    response = service.search("xenofovia escola", language="pt")
    assert response.corrected and response.changes == [("xenofovia", "xenofobia")]
    assert response.count > 0
    with override("pt"):
        page = client.get(reverse("search"), {"q": "xenofovia escola"})
    suggestion = BeautifulSoup(page.content, "html.parser").select_one(".search-suggestion")
    assert "xenofovia" in suggestion.select_one("del").get_text()
    assert suggestion.select_one("ins").get_text() == "xenofobia"


def test_each_practice_appears_once_with_its_matching_lessons(client):
    response = service.search("remesas", language="es", page_size=50)
    keys = [hit.translation_key for hit in response.hits]
    assert len(keys) == len(set(keys)) and response.count == len(response.hits)
    assert {hit.type for hit in response.hits} <= {"practice", "toolkit", "page"}
    remesas = response.hits[0]
    assert remesas.matches and all(
        "#leccion-" in m["url"] or "#recomendacion-" in m["url"] for m in remesas.matches
    )
    data = client.get("/api/search/", {"q": "remesas", "lang": "es", "page_size": 50}).json()
    assert data["count"] == len(data["results"])
    first = data["results"][0]
    assert {"type", "title", "url", "snippet", "practice_id", "number"} <= set(first)
    assert set(first["matches"][0]) == {"type", "number", "url", "snippet"}


def test_the_lessons_library_keeps_lesson_results():
    response = service.search("remesas", language="es", filters={"type": ["lesson"]})
    assert response.hits and {hit.type for hit in response.hits} == {"lesson"}


def test_a_promotion_follows_the_meaning_of_its_query():
    practice = PracticePage.objects.filter(locale__language_code="es").first()
    SearchPromotion.objects.create(query=Query.get("salud"), page=practice, sort_order=0)
    for query, language in (("health", "en"), ("saúde", "pt"), ("Salud", "es")):
        promoted = service.search(query, language=language).promotions
        assert [p["page_id"] for p in promoted] != [], query
    assert service.search("xenofobia", language="es").promotions == []


def test_without_embeddings_search_is_lexical_and_says_so_only_when_the_model_fails(settings):
    settings.HUB_EMBEDDINGS = "none"
    quiet = service.search("remesas", language="es")
    assert quiet.count and quiet.notice is None
    settings.HUB_EMBEDDINGS = "/nonexistent/sentence-model"
    degraded = service.search("remesas", language="es")
    assert degraded.count and degraded.hits[0].title == quiet.hits[0].title
    assert "significado" in degraded.notice  # "Search by meaning is unavailable", in Spanish


def test_related_practices_on_a_practice_page(client, seed_practice):
    with override("es"):
        page = client.get(seed_practice.url)
    soup = BeautifulSoup(page.content, "html.parser")
    section = soup.select_one("section.related-practices")
    assert section.select_one("h2").get_text() == "Prácticas relacionadas"
    links = [a["href"] for a in section.select("a")]
    assert 3 <= len(links) <= 5 and seed_practice.url not in links
    live = {p.url for p in PracticePage.objects.live().public()}
    assert set(links) <= live
