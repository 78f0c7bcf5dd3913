"""A newcomer's first hour (issue 13): the switcher keeps the query, dates read naturally,
the admin speaks Brazilian Portuguese, the demo has one account per role and real dates."""

import datetime
import re
from io import StringIO
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.models import Locale, Site
from wagtail.users.models import UserProfile

import pytest

from home.management.commands.load_demo import DEMO_PASSWORD, DEMO_ROLES
from practices.models import PracticePage
from search import analytics

pytestmark = pytest.mark.django_db

PERU_SLUG = "brigadas-moviles-salud-migrantes-lima-norte"


def switcher(html):
    nav = html.split('class="languages"', 1)[1].split("</nav>", 1)[0]
    return dict(re.findall(r'<a href="([^"]*)" lang="(\w+)"', nav)[i][::-1] for i in range(2))


def localized(name, language, *args):
    with override(language):
        return reverse(name, args=args)


@pytest.mark.parametrize("query", ["?q=salud", "?q=salud&country=EC&type=practice", ""])
def test_switcher_on_search_keeps_the_query(client, query):
    links = switcher(client.get(localized("search", "es") + query).content.decode())
    assert links["en"] == "/en/search/" + query.replace("&", "&amp;")
    assert links["pt"] == "/pt/busca/" + query.replace("&", "&amp;")


def test_switcher_on_a_filtered_listing_keeps_the_filters(client):
    html = client.get("/es/practicas/?country=EC&theme=salud&sort=title").content.decode()
    links = switcher(html)
    assert links["en"] == "/en/practices/?country=EC&amp;theme=salud&amp;sort=title"
    assert links["pt"] == "/pt/praticas/?country=EC&amp;theme=salud&amp;sort=title"


def test_switcher_on_propose_and_not_translated_pages(client, seed_practice):
    links = switcher(client.get(localized("submit_practice", "es")).content.decode())
    assert links["en"] == localized("submit_practice", "en")
    missing = localized("translation_missing", "es", seed_practice.pk)
    links = switcher(client.get(missing).content.decode())
    assert links["en"] == localized("translation_missing", "en", seed_practice.pk)


@pytest.mark.parametrize(
    ("language", "published", "span"),
    [
        ("es", "12 de septiembre de 2023", "abr. 2021 – mar. 2023"),
        ("en", "12 September 2023", "Apr 2021 – Mar 2023"),
        ("pt", "12 de setembro de 2023", "abr. 2021 – mar. 2023"),
    ],
)
def test_dates_read_as_each_language_writes_them(client, language, published, span):
    original = PracticePage.objects.get(locale__language_code="es", slug=PERU_SLUG)
    page = original.get_translation(Locale.objects.get(language_code=language))
    html = client.get(page.url).content.decode()
    assert f"<dd>{published}</dd>" in html
    assert f"<dd>{span}</dd>" in html


def test_freshness_banner_month_in_words(client):
    page = PracticePage.objects.get(locale__language_code="es", slug=PERU_SLUG)
    assert "Publicada en septiembre de 2023" in client.get(page.url).content.decode()


def test_only_genuinely_old_demo_practices_look_out_of_date(client):
    originals = PracticePage.objects.filter(locale__language_code="es")
    notices = [
        p.title for p in originals if "freshness-notice" in client.get(p.url).content.decode()
    ]
    old = [p.title for p in originals if p.published_date < datetime.date(2023, 12, 1)]
    assert notices == old
    assert 0 < len(old) < len(originals) / 2


def test_demo_has_review_dates_due_and_future():
    dates = PracticePage.objects.exclude(next_review_date=None).values_list(
        "next_review_date", flat=True
    )
    today = timezone.localdate()
    assert any(d <= today for d in dates) and any(d > today for d in dates)


def test_admin_speaks_brazilian_portuguese(client, superuser):
    """A Portuguese browser gets Wagtail's pt_BR, not pt_PT nor the Spanish fallback."""
    html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="pt-BR").content.decode()
    assert '<html lang="pt-br"' in html
    client.force_login(superuser)
    html = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="pt").content.decode()
    assert '<html lang="pt-br"' in html
    for leftover in ["Ayuda", "Cerrar todo", "Gravar rascunho", "Search…"]:
        assert leftover not in html


@pytest.mark.parametrize("language", ["es", "pt-br"])
def test_admin_page_listing_counts_are_translated(client, superuser, language):
    UserProfile.objects.update_or_create(user=superuser, defaults={"preferred_language": language})
    client.force_login(superuser)
    index = PracticePage.objects.filter(locale__language_code="es").first().get_parent()
    html = client.get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode()
    assert re.search(r"1-13 de 13 páginas", html)
    assert not re.search(r"\d+-\d+ of \d+", html)


def test_load_demo_creates_one_account_per_role_and_prints_them(settings):
    settings.DEBUG = True  # load_demo refuses to run without DEBUG
    out = StringIO()
    call_command("load_demo", url="http://127.0.0.1:8123", stdout=out)
    call_command("load_demo", url="http://127.0.0.1:8123", stdout=out)
    printed = out.getvalue()
    users = get_user_model().objects.filter(username__in=DEMO_ROLES)
    assert users.count() == len(DEMO_ROLES)
    for user in users:
        group, _language = DEMO_ROLES[user.username]
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert user.check_password(DEMO_PASSWORD)
        assert not user.is_superuser
        assert printed.count(user.username) == 2  # printed on every run
    assert "http://127.0.0.1:8123/admin/" in printed
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    assert "http://127.0.0.1:8123/es/" in client_sitemap()


def client_sitemap():
    from django.test import Client

    return Client().get("/sitemap.xml").content.decode()


def test_search_reports_count_and_show_the_hubs_day(client, superuser):
    """10 pm in Lima is already tomorrow in UTC: the search belongs to today, shown as a date."""
    evening = datetime.datetime(2026, 12, 2, 3, 0, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=evening):
        analytics.record("salud", 3)
        analytics.record("qwzxvplm", 0)
    day = QueryDailyHits.objects.get(query=Query.get("salud")).date
    assert day == datetime.date(2026, 12, 1)
    client.force_login(superuser)
    html = client.get(reverse("search_reports:zero_results")).content.decode()
    assert "1 de diciembre de 2026" in html
    assert "hace" not in html.split("qwzxvplm", 1)[1][:400]


@pytest.mark.parametrize(
    ("path", "typo", "correction"),
    [
        ("/es/practicas/", "salu", "salud"),
        ("/es/lecciones-aprendidas/", "confiansa", "confian"),
    ],
)
def test_listing_word_boxes_correct_typos(client, path, typo, correction):
    html = client.get(path, {"q": typo}).content.decode()
    assert f"No se encontró nada para «{typo}»" in html
    assert re.search(rf"Se muestran resultados para <strong>{correction}", html)
    assert not re.search(r'class="result-count" role="status">0 ', html)


def test_home_never_shows_a_featured_practice_again_in_latest(client):
    html = client.get("/es/").content.decode()
    featured, latest = html.split('class="cards"')[1:3]
    titles = re.compile(r'class="card-title"[^>]*>\s*<a[^>]*>([^<]+)')
    assert titles.findall(featured)
    assert not set(titles.findall(featured)) & set(titles.findall(latest))


def test_propose_form_marks_every_required_field_and_links_the_criteria(client):
    from practices.forms import SubmissionForm

    html = client.get(localized("submit_practice", "es")).content.decode()
    form = SubmissionForm(language="es")
    required = [name for name, field in form.fields.items() if field.required]
    assert len(required) > 2
    for name in required:
        assert re.search(
            rf'<(label for="id_{name}"|legend)>[^<]*<span class="required" aria-hidden="true">\*',
            html,
        ), name
    assert 'href="/es/criterios/">Lea los criterios de selección</a>' in html
    assert 'href="/es/criterios/">Criterios de selección</a>' in html  # footer, About too


def test_recommendations_tab_has_its_own_heading(client):
    html = client.get("/es/lecciones-aprendidas/", {"kind": "recommendations"}).content.decode()
    assert "<h1>Recomendaciones</h1>" in html
