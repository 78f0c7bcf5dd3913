"""A page past its expiry date (`expire_at`) is gone from every public channel at once, even
while `publish_scheduled` has not yet run and the page is still marked live."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from wagtail.models import Locale

import pytest
from bs4 import BeautifulSoup

from practices.models import (
    LessonsLibraryPage,
    PracticeIndexPage,
    PracticeLesson,
    PracticePage,
    ToolkitPage,
)
from search import service
from tests.scoped import built_once, loader

pytestmark = pytest.mark.django_db

MARKER = "caducadaxyz"


@pytest.fixture(scope="module")
def expired(django_db_setup, django_db_blocker):
    """A published Spanish practice (dated far ahead, so it would sort first everywhere) and
    its English translation, both past their expiry date but still live (built once for the
    module: its tests only read them)."""
    yield from built_once(django_db_blocker, expired_pages)


def expired_pages():
    superuser = loader()
    index = PracticeIndexPage.objects.get(locale=Locale.get_default())
    page = PracticePage(
        title=f"Práctica {MARKER}",
        slug=MARKER,
        summary=f"Resumen {MARKER} de una práctica caducada.",
        locale=index.locale,
        original_language="es",
        published_date=datetime.date(2099, 1, 1),
    )
    page.lessons = [PracticeLesson(text=f"Lección {MARKER}", sort_order=0, locale=index.locale)]
    index.add_child(instance=page)
    page.save_revision(user=superuser).publish(user=superuser)
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = f"Practice {MARKER}"
    english.save_revision(user=superuser).publish(user=superuser)
    assert service.search(MARKER, language="es").count > 0  # indexed while it was current
    past = timezone.now() - datetime.timedelta(minutes=5)
    PracticePage.objects.filter(pk__in=[page.pk, english.pk]).update(expire_at=past)
    page.refresh_from_db()
    english.refresh_from_db()
    assert page.live and english.live and not page.expired
    return page, english


def test_search_finds_nothing_expired(client, expired):
    for language in ("es", "en", "pt"):
        assert service.search(MARKER, language=language).count == 0
        with override(language):
            response = client.get(reverse("search"), {"q": MARKER})
        soup = BeautifulSoup(response.content, "html.parser")
        assert not soup.select(".search-hit")
        assert soup.select_one(".result-count").get_text().split()[0] == "0"
        api = client.get("/api/search/", {"q": MARKER, "lang": language}).json()
        assert api["results"] == []
    latest = client.get("/api/search/", {"lang": "es", "sort": "date"}).json()["results"]
    assert MARKER not in str(latest)


def test_expired_page_is_not_found_at_its_url(client, expired):
    page, english = expired
    assert client.get(page.url).status_code == 404
    assert client.get(english.url).status_code == 404


def test_page_api_feed_and_sitemap_leave_it_out(client, expired):
    page, _english = expired
    listing = client.get("/api/v2/pages/", {"type": "practices.PracticePage", "limit": 100})
    assert MARKER not in listing.content.decode()
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    assert MARKER not in client.get("/sitemap.xml").content.decode()
    for language in ("es", "en"):
        assert MARKER not in client.get(f"/{language}/feed/").content.decode()


@pytest.mark.parametrize("language", ["es", "en", "pt"])
def test_home_listings_and_library_leave_it_out(client, expired, language):
    urls = [
        f"/{language}/",
        PracticeIndexPage.objects.get(locale__language_code=language).url,
        LessonsLibraryPage.objects.get(locale__language_code=language).url,
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert MARKER not in response.content.decode(), url


def test_toolkits_do_not_link_an_expired_practice(client, expired):
    page, _english = expired
    toolkit = ToolkitPage.objects.live().filter(locale=page.locale).first()
    toolkit.related_practices.add(page)
    toolkit.save()
    assert page.pk not in [p.pk for p in toolkit.localized_related_practices]
    assert MARKER not in client.get(toolkit.url).content.decode()


def test_language_switcher_does_not_link_an_expired_translation(client, expired, seed_practice):
    _page, english = expired
    # A current page whose English translation has expired: the switcher says "not translated".
    seed_english = seed_practice.get_translation(Locale.objects.get(language_code="en"))
    PracticePage.objects.filter(pk=seed_english.pk).update(expire_at=english.expire_at)
    html = client.get(seed_practice.url).content.decode()
    assert seed_english.url not in html
