"""Collections: staff's ordered choice of practices and toolkits, shown to visitors only while
public, each in the visitor's language where that version is public; featured on the home page."""

import datetime

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from home.models import HomePage
from practices.models import CollectionPage, PracticePage

pytestmark = pytest.mark.django_db

LANGUAGES = ["es", "en", "pt"]


def collection(language="es"):
    return CollectionPage.objects.get(locale__language_code=language)


def item_titles(client, page):
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    return [heading.get_text(strip=True) for heading in soup.select(".cards .card-title")]


def versions(page):
    return {
        p.locale.language_code: p
        for p in PracticePage.objects.filter(translation_key=page.translation_key).select_related(
            "locale"
        )
    }


@pytest.fixture
def chosen_practice():
    """The first practice of the demo collection, by language."""
    first = collection().items.first().page.specific
    return versions(first)


@pytest.mark.parametrize("language", LANGUAGES)
def test_items_in_order_and_in_the_visitors_language(client, language):
    page = collection(language)
    chosen = [item.page.specific for item in collection().items.all()]
    expected = [
        type(p).objects.get(translation_key=p.translation_key, locale=page.locale).title
        for p in chosen
    ]
    assert item_titles(client, page) == expected
    body = client.get(page.url).content.decode()
    for p in chosen:
        local = type(p).objects.get(translation_key=p.translation_key, locale=page.locale)
        assert client.get(local.url).status_code == 200
        assert f'href="{local.url}"' in body


def make_draft(pages):
    for page in pages.values():
        page.unpublish()


def make_private(pages):
    for page in pages.values():
        PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")


def make_expired(pages):
    past = timezone.now() - datetime.timedelta(minutes=1)
    PracticePage.objects.filter(pk__in=[p.pk for p in pages.values()]).update(expire_at=past)


@pytest.mark.parametrize("hide", [make_draft, make_private, make_expired], ids=lambda f: f.__name__)
@pytest.mark.parametrize("language", LANGUAGES)
def test_collection_hides_a_practice_that_is_not_public(client, chosen_practice, hide, language):
    titles = {p.title for p in chosen_practice.values()}
    before = item_titles(client, collection(language))
    assert titles & set(before)
    hide(chosen_practice)
    after = item_titles(client, collection(language))
    assert not titles & set(after)
    assert len(after) == len(before) - 1


def test_a_private_translation_gives_way_to_the_original(client, chosen_practice):
    original = next(
        p for p in chosen_practice.values() if p.locale.language_code == p.original_language
    )
    english = chosen_practice["en"]
    assert english.pk != original.pk
    PageViewRestriction.objects.create(page=english, restriction_type="password", password="x")
    page = collection("en")
    titles = item_titles(client, page)
    assert english.title not in titles
    assert original.title in titles
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    link = soup.find("a", string=original.title)
    assert link["lang"] == original.locale.language_code  # marked as another language


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_features_the_collection(client, language):
    home = HomePage.objects.get(locale__language_code=language)
    page = collection(language)
    soup = BeautifulSoup(client.get(home.url).content, "html.parser")
    section = soup.find(id="collections-heading").parent
    assert [a["href"] for a in section.select(".card-title a")] == [page.url]
    assert section.find("a").get_text(strip=True) == page.title


def test_home_leaves_out_a_collection_that_is_not_public(client):
    home = HomePage.objects.get(locale__language_code="pt")
    PageViewRestriction.objects.create(
        page=collection("pt"), restriction_type="password", password="x"
    )
    soup = BeautifulSoup(client.get(home.url).content, "html.parser")
    link = soup.select_one("#collections-heading + .cards a")
    assert link["href"] == collection("es").url  # the chosen (Spanish) version instead
    collection("es").unpublish()
    assert "collections-heading" not in client.get(home.url).content.decode()


def test_collection_pages_are_in_the_sitemap_with_their_alternates(client):
    sitemap = client.get(reverse("sitemap")).content.decode()
    soup = BeautifulSoup(sitemap, "xml")
    for language in LANGUAGES:
        page = collection(language)
        url = soup.find("loc", string=page.full_url).parent
        alternates = {link["hreflang"]: link["href"] for link in url.find_all("link")}
        assert alternates == {
            **{code: collection(code).full_url for code in LANGUAGES},
            "x-default": alternates["x-default"],
        }


def test_collection_page_declares_its_translations(client):
    page = collection("en")
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    hreflang = {link["hreflang"] for link in soup.select('link[rel="alternate"][hreflang]')}
    assert hreflang == {"es", "en", "pt", "x-default"}


def test_a_collection_only_takes_practices_and_toolkits(superuser, client):
    client.force_login(superuser)
    page = collection()
    home = HomePage.objects.get(locale=Locale.get_default())
    field = CollectionPage.get_edit_handler().get_form_class()().formsets["items"].empty_form
    choices = field.fields["page"].queryset
    assert not choices.filter(pk=home.pk).exists()
    assert choices.filter(pk=page.items.first().page_id).exists()
