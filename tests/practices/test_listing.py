"""The practice listing, the lessons library and the toolkit index."""

import re

from wagtail.models import Locale

import pytest

from practices.models import LessonsLibraryPage, PracticeIndexPage, PracticePage, ToolkitIndexPage

pytestmark = pytest.mark.django_db


def listing(language):
    return PracticeIndexPage.objects.get(locale__language_code=language)


def titles(html):
    return re.findall(r'class="card-title"><a href="[^"]+"[^>]*>([^<]+)</a>', html)


def test_listing_shows_every_practice_once(client):
    response = client.get(listing("es").url)
    assert response.status_code == 200
    found = titles(response.content.decode())
    assert len(found) == 12  # first page of 13
    assert len(set(found)) == len(found)
    assert "13" in response.content.decode()


def test_filter_by_country_in_the_url(client, seed_practice):
    html = client.get(listing("es").url, {"country": "EC"}).content.decode()
    assert titles(html) == [seed_practice.title]


def test_filters_combine_and_across_or_within(client):
    url = listing("en").url
    both = titles(client.get(url, {"country": ["EC", "PE"]}).content.decode())
    assert len(both) == 3  # Ecuador, Peru, and the regional practice that includes Peru
    narrowed = titles(client.get(url, {"country": ["EC", "PE"], "theme": "salud"}).content.decode())
    assert len(narrowed) == 1


def test_unknown_filter_values_are_ignored(client):
    response = client.get(listing("es").url, {"country": "ZZ'; DROP", "gcm": "abc", "page": "x"})
    assert response.status_code == 200
    assert len(titles(response.content.decode())) == 12


def test_sort_by_title_and_pagination(client):
    url = listing("es").url
    first = titles(client.get(url, {"sort": "title"}).content.decode())
    assert first == sorted(first, key=str.lower) or first == sorted(first)
    second = titles(client.get(url, {"sort": "title", "page": 2}).content.decode())
    assert len(second) == 1 and second[0] not in first


def test_english_listing_prefers_english_versions(client):
    html = client.get(listing("en").url, {"country": "EC"}).content.decode()
    assert titles(html) == [
        PracticePage.objects.get(locale__language_code="en", countries__code="EC").title
    ]


def test_drafts_never_listed(client, superuser):
    index = listing("es")
    draft = PracticePage(
        title="Borrador secreto",
        slug="borrador-secreto",
        summary="x",
        live=False,
        locale=index.locale,
    )
    index.add_child(instance=draft)
    for language in ("es", "en", "pt"):
        assert "Borrador secreto" not in client.get(listing(language).url).content.decode()
    assert "Borrador secreto" not in client.get("/es/").content.decode()


def test_original_language_is_shown_when_no_translation(client, superuser):
    index = listing("pt")
    page = PracticePage(
        title="Prática só em português",
        slug="pratica-so-portugues",
        summary="Resumo.",
        original_language="pt",
        locale=index.locale,
    )
    index.add_child(instance=page)
    page.save_revision(user=superuser).publish(user=superuser)
    html = client.get(listing("es").url, {"sort": "title"}).content.decode()
    html += client.get(listing("es").url, {"sort": "title", "page": 2}).content.decode()
    assert "Prática só em português" in html
    assert 'class="badge badge-lang" lang="pt"' in html


@pytest.mark.parametrize("language", ["es", "en", "pt"])
def test_lessons_library_lists_lessons_linking_to_their_anchor(client, seed_practice, language):
    library = LessonsLibraryPage.objects.get(locale__language_code=language)
    html = client.get(library.url, {"country": "EC"}).content.decode()
    practice = seed_practice.get_translation(Locale.objects.get(language_code=language))
    for lesson in practice.lessons.all():
        assert lesson.text in html
        assert f'{practice.url}#{lesson.anchor}"' in html
    recommendations = client.get(
        library.url, {"country": "EC", "kind": "recommendations"}
    ).content.decode()
    assert practice.recommendations.get().text in recommendations
    assert practice.lessons.first().text not in recommendations


def test_toolkit_index_lists_toolkits(client):
    index = ToolkitIndexPage.objects.get(locale=Locale.get_default())
    html = client.get(index.url).content.decode()
    assert html.count('class="card"') == 2
