"""The behavioural contract of search, run against every available engine.

SQLite locally and in CI's SQLite job, PostgreSQL in CI's PostgreSQL job (DATABASE_URL), and
Elasticsearch as well when HUB_ELASTICSEARCH_URL is set (the `engine` fixture).
"""

import time

from django.urls import reverse
from django.utils.translation import override

from wagtail.models import Locale, PageViewRestriction
from wagtail.signals import page_published

import pytest

from practices.models import PracticeIndexPage, PracticePage
from search import service
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


def publish(page, user):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def new_practice(user, language="es", title="Apicultura urbana con familias venezolanas", **extra):
    return PracticePageFactory(
        title=title,
        language=language,
        slug=extra.pop("slug", "apicultura-urbana"),
        summary=extra.pop("summary", "Colmenas comunitarias en terrazas y patios escolares."),
        lessons=["Las colmenas necesitan flores y agua todo el año."],
        user=user,
        publish=True,
        **extra,
    )


def search_url(language):
    with override(language):
        return reverse("search")


def titles(response):
    return [hit.title for hit in response.hits]


def practice_ids(response):
    return [hit.practice_id for hit in response.hits if hit.type == "practice"]


# --- language handling --------------------------------------------------------------


def test_accents_and_case_do_not_matter(engine):
    plain = service.search("regularizacion migratoria", language="es")
    accented = service.search("REGULARIZACIÓN MIGRATORIA", language="es")
    assert plain.count > 0
    assert titles(plain) == titles(accented)


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("migrante", "migrantes"),
        ("emprendedor", "emprendedores"),
        ("joven", "jóvenes"),
        ("albergue", "albergues"),
        ("mulher", "mulheres"),
        ("remittance", "remittances"),
    ],
)
def test_singular_finds_what_plural_finds(engine, singular, plural):
    one = service.search(singular, language="es")
    many = service.search(plural, language="es")
    assert one.count > 0
    assert one.count == many.count


def test_a_query_in_one_language_finds_practices_written_in_another(engine, seed_practice):
    """The seed practice was written in Spanish; Portuguese and English words find it."""
    for language, query in (("pt", "empreendedorismo"), ("en", "entrepreneurship")):
        response = service.search(query, language=language)
        assert str(seed_practice.translation_key) in practice_ids(response)


def test_stop_words_do_not_swallow_a_query(engine):
    assert service.search("trata de personas", language="es").count > 0
    # a query made only of stop words is searched as typed, and never fails
    assert service.search("de la", language="es").count >= 0


# --- one result per unit, in the visitor's language -------------------------------


def test_each_practice_appears_once_in_the_visitor_language(engine):
    for language in ("es", "en", "pt"):
        response = service.search("migrantes", language=language, page_size=50)
        ids = practice_ids(response)
        assert ids and len(ids) == len(set(ids))
        assert {hit.locale for hit in response.hits} == {language}


def test_untranslated_practice_shows_in_its_original_language_with_a_label(
    engine, client, superuser
):
    page = new_practice(
        superuser,
        language="pt",
        title="Meliponicultura urbana com famílias venezuelanas",
        slug="meliponicultura-urbana",
        summary="Colmeias comunitárias em terraços e pátios de escolas.",
    )
    if engine in ("elasticsearch", "opensearch"):
        pytest.skip("covered by the database engines; the ES index is rebuilt per test")
    response = service.search("meliponicultura", language="es")
    assert [hit.page_id for hit in response.hits if hit.type == "practice"] == [page.pk]
    assert response.hits[0].locale == "pt"
    html = client.get(search_url("es"), {"q": "meliponicultura"}).content.decode()
    assert 'class="badge badge-lang" lang="pt"' in html


def test_language_facet_and_filter(engine):
    response = service.search("remesas", language="es")
    languages = {value.value: value.count for value in response.facets["language"]}
    assert languages == {"es": response.count, "en": response.count, "pt": response.count}
    english = service.search("remesas", language="es", filters={"language": ["en"]})
    assert english.count == response.count
    assert {hit.locale for hit in english.hits} == {"en"}


# --- lessons and recommendations ----------------------------------------------------


def test_a_lesson_hit_shows_the_lesson_highlighted_and_links_to_its_anchor(engine):
    response = service.search("confianza", language="es", filters={"type": ["lesson"]})
    assert response.count >= 3
    hit = response.hits[0]
    assert hit.type == "lesson"
    assert "#leccion-" in hit.url
    assert "<mark>confianza</mark>" in hit.snippet.lower()
    practice = PracticePage.objects.get(pk=hit.page_id)
    assert hit.url == f"{practice.url}#leccion-{hit.number}"
    assert hit.practice_id == str(practice.translation_key)


# --- facets, filters, sorting, pagination ------------------------------------------


def test_facet_counts_for_the_current_query(engine):
    response = service.search("salud", language="es")
    assert set(response.facets) >= {"type", "country", "theme", "population", "gcm", "year"}
    types = {value.value: value.count for value in response.facets["type"]}
    # a practice counts once, its matching lessons listed under it; the type facet still
    # counts the lessons, which become results of their own when chosen
    assert types["practice"] <= response.count <= sum(types.values())
    lessons = service.search("salud", language="es", filters={"type": ["lesson"]})
    assert lessons.count == types["lesson"]
    peru = {value.value: value.count for value in response.facets["country"]}["PE"]
    filtered = service.search("salud", language="es", filters={"country": ["PE"]})
    assert filtered.count == peru


def test_filters_and_across_facets_or_within(engine):
    either = service.search(
        "", language="en", filters={"type": ["practice"], "country": ["EC", "PE"]}
    )
    assert either.count == 3  # Ecuador, Peru, and the regional practice that includes Peru
    both = service.search(
        "",
        language="en",
        filters={"type": ["practice"], "country": ["EC", "PE"], "theme": ["salud"]},
    )
    assert both.count == 1
    # the counts of a facet ignore its own selection (OR within), not the others (AND across)
    countries = {v.value: v.count for v in both.facets["country"]}
    assert countries["PE"] == 1 and countries.get("EC", 0) == 0


def test_unknown_filter_values_are_ignored(engine):
    response = service.search(
        "salud", language="es", filters={"country": ["ZZ'; DROP"], "gcm": ["x"]}
    )
    assert response.count == service.search("salud", language="es").count


def test_sort_by_date_and_pagination(engine):
    first = service.search("migrantes", language="es", sort="date", page=1, page_size=5)
    second = service.search("migrantes", language="es", sort="date", page=2, page_size=5)
    assert first.count == second.count > 10
    assert len(first.hits) == len(second.hits) == 5
    keys = [(h.type, h.translation_key, h.number) for h in first.hits + second.hits]
    assert len(set(keys)) == 10
    years = [h.year or 0 for h in first.hits + second.hits]
    assert years == sorted(years, reverse=True)


# --- typos ----------------------------------------------------------------------------


def test_did_you_mean_on_a_typo_and_never_when_results_exist(engine):
    typo = service.search("xenofovia", language="es")
    assert typo.suggestion == "xenofobia" and typo.changes == [("xenofovia", "xenofobia")]
    assert typo.corrected and typo.count > 0
    good = service.search("xenofobia", language="es")
    assert good.suggestion is None and not good.corrected


@pytest.mark.parametrize(("language", "word"), [("en", "peruvians"), ("es", "haitianos")])
def test_another_form_of_a_known_word_is_searched_as_typed(engine, language, word):
    """The index lacks the word but has another form of it ("peruvian", "haitianas"): not a
    typo to correct."""
    response = service.search(word, language=language)
    assert response.suggestion is None and not response.corrected
    assert response.count > 0


def test_a_thesaurus_term_matches_its_words_apart(engine, superuser, settings):
    """ "unaccompanied children" finds a Spanish practice about "niños y adolescentes no
    acompañados": the term's words need not stand side by side (no meaning involved)."""
    settings.HUB_EMBEDDINGS = "none"
    page = new_practice(
        superuser,
        title="Acogida en la frontera norte",
        slug="acogida-frontera-norte",
        summary="Atención a niños y adolescentes no acompañados en los pasos fronterizos.",
    )
    response = service.search("unaccompanied children", language="en")
    assert str(page.translation_key) in practice_ids(response)


def test_nonsense_finds_nothing_without_error(engine):
    response = service.search("qwzxv plmokn", language="es")
    assert response.count == 0 and response.hits == []


# --- only live, public content -----------------------------------------------------


def test_drafts_and_unpublished_revisions_never_appear(engine, superuser):
    index = PracticeIndexPage.objects.get(locale=Locale.get_default())
    draft = PracticePage(
        title="Borrador zanahoria",
        slug="borrador-zanahoria",
        summary="x",
        live=False,
        locale=index.locale,
    )
    index.add_child(instance=draft)
    draft.save_revision(user=superuser)
    assert service.search("zanahoria", language="es").count == 0

    page = new_practice(superuser)
    page.title = "Título nuevo con berenjena"
    page.save_revision(user=superuser)  # a draft revision of a live page
    assert service.search("berenjena", language="es").count == 0
    assert service.search("apicultura", language="es").count == 1


def test_publish_unpublish_and_delete_keep_the_index_in_step(engine, superuser):
    page = new_practice(superuser)
    colmenas = service.search("colmenas", language="es")
    assert colmenas.count == 1 and colmenas.hits[0].matches  # the practice, its lesson under it
    page.unpublish(user=superuser)
    assert service.search("colmenas", language="es").count == 0
    publish(page, superuser)
    assert service.search("colmenas", language="es").count == 1
    page.delete()
    assert service.search("colmenas", language="es").count == 0


def test_private_pages_never_appear(engine, superuser):
    page = new_practice(superuser)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert service.search("colmenas", language="es").count == 0
    restriction.delete()
    assert service.search("colmenas", language="es").count == 1


def test_a_move_updates_the_urls(engine, superuser):
    from home.models import StandardPage

    page = StandardPage(
        title="Glosario de movilidad",
        slug="glosario",
        summary="Términos.",
        locale=Locale.get_default(),
    )
    home = PracticeIndexPage.objects.get(locale=Locale.get_default()).get_parent()
    home.add_child(instance=page)
    publish(page, superuser)
    about = StandardPage.objects.get(slug="acerca", locale=Locale.get_default())
    page.move(about, pos="last-child")
    hit = service.search("glosario", language="es").hits[0]
    assert hit.url == StandardPage.objects.get(pk=page.pk).url
    assert "/acerca/glosario/" in hit.url


def test_a_published_translation_replaces_the_fallback(engine, superuser):
    page = new_practice(superuser)
    assert service.search("apicultura", language="en").hits[0].locale == "es"
    translation = page.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.title = "Urban beekeeping with Venezuelan families"
    publish(translation, superuser)
    hits = service.search("apicultura", language="en").hits
    assert hits[0].locale == "en" and hits[0].title == "Urban beekeeping with Venezuelan families"


# --- robustness ---------------------------------------------------------------------

HOSTILE = [
    "",
    " ",
    '"',
    '""""',
    "*",
    "a" * 5000,
    "NEAR(a b)",
    "migrantes AND OR NOT",
    "{terms_title}: x",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "%s %% %d",
    "\x00\x01\x02",
    "🙂🙂🙂",
    "中文 搜索",
    "مهاجر",
    "a b c d e f g h i j k l m n o p q r s t u v w x y z " * 8,
    "migrant* ^ $ ( ) [ ] : ; -- \\",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_any_query_string_answers_quickly(engine, client, query):
    started = time.monotonic()
    page = client.get(search_url("es"), {"q": query})
    api = client.get("/api/search/", {"q": query, "lang": "es"})
    assert page.status_code == 200
    assert api.status_code in (200, 400)
    assert time.monotonic() - started < 2.0  # two requests, each well under a second


def test_an_engine_that_fails_falls_back_with_a_notice(engine, client, monkeypatch):
    from search import engines

    def broken(*args, **kwargs):
        raise engines.EngineError("down")

    configured = engines.get_engine()
    monkeypatch.setattr(type(configured), "search", broken)
    response = service.search("salud", language="es")
    assert response.count > 0
    assert response.notice
    assert response.engine != configured.name
    html = client.get(search_url("es"), {"q": "salud"})
    assert html.status_code == 200
    assert 'class="search-notice"' in html.content.decode()


def test_aliases_are_not_indexed_twice(engine, seed_practice, superuser):
    before = service.search("emprendimiento", language="es").count
    alias = seed_practice.create_alias(update_slug="piloto-copia", user=superuser)
    assert alias.live and alias.alias_of_id == seed_practice.pk
    page_published.send(sender=type(alias), instance=alias, revision=None)
    assert service.search("emprendimiento", language="es").count == before


def test_a_query_that_takes_too_long_stops_with_a_notice(engine, client, monkeypatch):
    from search import engines

    def slow(*args, **kwargs):
        raise engines.EngineTimeout("statement timeout")

    monkeypatch.setattr(type(engines.get_engine()), "search", slow)
    response = service.search("salud", language="es")
    assert response.count == 0 and response.notice
    assert client.get(search_url("es"), {"q": "salud"}).status_code == 200


def test_the_database_time_limit_interrupts_a_statement(db):
    from django.db import connection, transaction

    from search.engines.base import database_error, time_limit

    endless = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    )
    with (
        pytest.raises(Exception) as caught,
        transaction.atomic(),
        time_limit(0.2),
        connection.cursor() as cursor,
    ):
        cursor.execute(endless)
    assert type(database_error(caught.value)).__name__ == "EngineTimeout"
