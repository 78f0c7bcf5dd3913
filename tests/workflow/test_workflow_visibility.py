"""Draft, in-review and scheduled content never reaches the public, in any language.

Covers the home page, the practice and toolkit listings, the lessons library, sitemap.xml, direct
URLs and the Wagtail API (search is covered in tests/search/). Hidden practices carry a
publication date far in the future, so that if one leaked it would sort first in every listing.
"""

import datetime
import html
import re

from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale

import pytest

from practices.models import (
    LessonsLibraryPage,
    PracticeIndexPage,
    PracticeLesson,
    PracticePage,
    PracticeRecommendation,
    ToolkitIndexPage,
    ToolkitPage,
)
from tests.scoped import built_once

pytestmark = pytest.mark.django_db

LANGUAGES = ["es", "en", "pt"]
FUTURE = datetime.date(2099, 1, 1)


def practice(index, marker, user):
    page = PracticePage(
        title=f"Práctica {marker}",
        slug=marker.replace(" ", "-"),
        summary=f"Resumen {marker}.",
        locale=index.locale,
        original_language=index.locale.language_code,
        published_date=FUTURE,
        owner=user,
        live=False,
    )
    page.lessons = [PracticeLesson(text=f"Lección {marker}", sort_order=0, locale=index.locale)]
    page.recommendations = [
        PracticeRecommendation(text=f"Recomendación {marker}", sort_order=0, locale=index.locale)
    ]
    index.add_child(instance=page)
    return page


@pytest.fixture(scope="module")
def hidden(module_users, django_db_blocker):
    """Per language: pages and texts in every state that must stay out of public view (built
    once for the module: its tests only read them)."""
    yield from built_once(django_db_blocker, lambda: hidden_pages(module_users))


def hidden_pages(users):
    author, admin = users["contributor"], users["km_admin"]
    found = {}
    for language in LANGUAGES:
        locale = Locale.objects.get(language_code=language)
        index = PracticeIndexPage.objects.get(locale=locale)
        draft = practice(index, f"borrador oculto {language}", author)
        draft.save_revision(user=author)

        in_review = practice(index, f"en revision oculta {language}", author)
        in_review.save_revision(user=author)
        in_review.get_workflow().start(in_review, author)

        scheduled = practice(index, f"programada oculta {language}", admin)
        scheduled.go_live_at = timezone.now() + datetime.timedelta(days=7)
        scheduled.save_revision(user=admin).publish(user=admin)

        expired = practice(index, f"caducada oculta {language}", admin)
        expired.save_revision(user=admin).publish(user=admin)
        expired.expire_at = timezone.now() - datetime.timedelta(minutes=1)
        expired.save()
        expired.unpublish(set_expired=True)

        toolkit = ToolkitPage(
            title=f"Herramienta oculta {language}",
            slug=f"herramienta-oculta-{language}",
            summary="Resumen.",
            locale=locale,
            original_language=language,
            live=False,
        )
        ToolkitIndexPage.objects.get(locale=locale).add_child(instance=toolkit)
        toolkit.save_revision(user=author)

        # A live practice with changes waiting for review: the public sees the live version.
        live = PracticePage.objects.live().filter(locale=locale).first()
        pending = PracticePage.objects.get(pk=live.pk)
        pending.title = f"Cambio pendiente {language}"
        pending.lessons.add(
            PracticeLesson(text=f"Lección pendiente {language}", sort_order=99, locale=locale)
        )
        pending.save_revision(user=author)
        pending.get_workflow().start(pending, author)

        for page in (draft, in_review, scheduled, expired):
            page.refresh_from_db()
            assert not page.live
        found[language] = {
            "pages": [draft, in_review, scheduled, expired, toolkit],
            "texts": [
                "borrador oculto",
                "en revision oculta",
                "programada oculta",
                "caducada oculta",
                "Herramienta oculta",
                "Cambio pendiente",
                "Lección pendiente",
            ],
            "live": live,
        }
    return found


def all_hidden_texts(hidden):
    return [text for entry in hidden.values() for text in entry["texts"]]


def assert_nothing_hidden(html, hidden):
    lowered = html.lower()
    for text in all_hidden_texts(hidden):
        assert text.lower() not in lowered, text


def section(model, language):
    return model.objects.get(locale__language_code=language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_show_no_hidden_content(client, hidden, language):
    urls = [
        f"/{language}/",
        section(PracticeIndexPage, language).url,
        section(PracticeIndexPage, language).url + "?sort=title",
        section(ToolkitIndexPage, language).url,
        section(LessonsLibraryPage, language).url,
        section(LessonsLibraryPage, language).url + "?kind=recommendations",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_nothing_hidden(response.content.decode(), hidden)


@pytest.mark.parametrize("language", LANGUAGES)
def test_hidden_pages_are_not_found_at_their_urls(client, hidden, language):
    for page in hidden[language]["pages"]:
        assert client.get(page.url).status_code == 404, page.title


@pytest.mark.parametrize("language", LANGUAGES)
def test_live_page_shows_the_live_version_not_the_pending_one(client, hidden, language):
    live = hidden[language]["live"]
    response = client.get(live.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert live.title in html
    assert f"Cambio pendiente {language}" not in html
    assert f"Lección pendiente {language}" not in html


def test_sitemap_lists_live_pages_only(client, hidden, seed_practice):
    xml = client.get("/sitemap.xml").content.decode()
    for language in LANGUAGES:
        assert hidden[language]["live"].full_url in xml
    for entry in hidden.values():
        for page in entry["pages"]:
            assert f"/{page.slug}/" not in xml, page.title
    assert_nothing_hidden(xml, hidden)


def api_pages(client, **params):
    results, offset = [], 0
    while True:
        response = client.get(
            reverse("wagtailapi:pages:listing"), {"limit": 20, "offset": offset, **params}
        )
        assert response.status_code == 200
        body = response.json()
        results += body["items"]
        offset += 20
        if offset >= body["meta"]["total_count"]:
            return results


@pytest.mark.parametrize("language", LANGUAGES)
def test_api_lists_no_hidden_page(client, hidden, language):
    items = api_pages(client, locale=language)
    assert items, "the API lists the live pages"
    ids = {item["id"] for item in items}
    titles = " ".join(item["title"] for item in items)
    for entry in hidden.values():
        for page in entry["pages"]:
            assert page.pk not in ids, page.title
    assert hidden[language]["live"].pk in ids
    assert_nothing_hidden(titles, hidden)


def test_api_detail_of_hidden_pages_is_not_found(client, hidden):
    for entry in hidden.values():
        for page in entry["pages"]:
            # Django's LocaleMiddleware turns any unprefixed 404 into a redirect to /es/...
            url = reverse("wagtailapi:pages:detail", args=[page.pk])
            response = client.get(url, follow=True)
            assert response.status_code == 404, page.title
        live = client.get(reverse("wagtailapi:pages:detail", args=[entry["live"].pk])).json()
        assert "Cambio pendiente" not in live["title"]


def oai_pages(client):
    """Every ListRecords response of a full OAI-PMH harvest, as text."""
    pages, params = [], {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    while True:
        body = client.get(reverse("oai"), params).content.decode()
        pages.append(body)
        token = re.search(r"<resumptionToken>([^<]+)</resumptionToken>", body)
        if not token:
            return pages
        params = {"verb": "ListRecords", "resumptionToken": html.unescape(token.group(1))}


def test_harvest_feeds_map_and_metadata_show_no_hidden_content(client, hidden, settings):
    """OAI-PMH, feeds of searches for the hidden words, the map and page metadata."""
    settings.HUB_OAI = {**settings.HUB_OAI, "PAGE_SIZE": 10}
    PracticePage.objects.update(contact_email="sin.consentimiento@example.org")
    outputs = oai_pages(client)
    assert len(outputs) > 3
    for language in LANGUAGES:
        for query in ("oculta", "oculto", "pendiente", ""):
            for name in ("practice_feed", "practice_feed_atom"):
                with translation.override(language):
                    url = reverse(name)
                outputs.append(
                    client.get(url, {"q": query, "type": ["practice", "lesson"]}).content.decode()
                )
        with translation.override(language):
            outputs.append(client.get(reverse("country_map")).content.decode())
        outputs.append(client.get(hidden[language]["live"].url).content.decode())
    for output in outputs:
        assert_nothing_hidden(output, hidden)
        assert "sin.consentimiento@example.org" not in output
        for entry in hidden.values():
            for page in entry["pages"]:
                assert f"/{page.slug}/" not in output, page.title
