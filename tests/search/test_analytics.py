"""Search analytics (popular and zero-result queries) and staff-pinned results."""

import logging

from django.db import OperationalError
from django.urls import reverse
from django.utils.translation import override

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from practices.models import PracticePage
from search import analytics, service
from search.models import ZeroResultHit

pytestmark = pytest.mark.django_db


def search_url(language="es"):
    with override(language):
        return reverse("search")


def test_searches_are_counted_and_zero_results_recorded(client):
    client.get(search_url(), {"q": "salud"})
    client.get(search_url(), {"q": "Salud"})
    client.get("/api/search/", {"q": "qwzxvplm", "lang": "es"})
    client.get(search_url(), {"q": "salud", "page": 2})  # further pages are not new searches
    assert Query.get("salud").hits == 2
    assert ZeroResultHit.objects.get(query=Query.get("qwzxvplm")).hits == 1
    assert not ZeroResultHit.objects.filter(query=Query.get("salud")).exists()


def test_a_corrected_typo_counts_as_a_search_without_results(client):
    client.get(search_url(), {"q": "xenofovia"})
    assert ZeroResultHit.objects.get(query=Query.get("xenofovia")).hits == 1


def test_staff_see_popular_and_zero_result_reports(client, superuser):
    client.get(search_url(), {"q": "qwzxvplm"})
    client.get(search_url(), {"q": "salud"})
    client.force_login(superuser)
    zero = client.get(reverse("search_reports:zero_results"))
    assert zero.status_code == 200
    assert "qwzxvplm" in zero.content.decode()
    assert "salud" not in zero.content.decode()
    popular = client.get(reverse("search_reports:popular"))
    assert popular.status_code == 200
    assert "salud" in popular.content.decode()


def test_reports_are_for_staff_only(client, django_user_model):
    user = django_user_model.objects.create_user("visitor", password="x")
    client.force_login(user)
    response = client.get(reverse("search_reports:zero_results"))
    assert response.status_code in (302, 403)


def test_pinned_result_comes_first_in_the_visitor_language(client, seed_practice):
    query = Query.get("financiamiento")
    SearchPromotion.objects.create(
        query=query, page=seed_practice, sort_order=0, description="Un piloto con fondos de MiRAC."
    )
    pins = service.search("financiamiento", language="en").promotions
    english = seed_practice.get_translation(Locale.objects.get(language_code="en"))
    assert pins == [
        {
            "title": english.title,
            "url": english.url,
            "description": "Un piloto con fondos de MiRAC.",
            "page_id": english.pk,
            "locale": "en",
        }
    ]
    html = client.get(search_url("en"), {"q": "financiamiento"}).content.decode()
    assert "search-promotion" in html and english.title in html
    data = client.get("/api/search/", {"q": "financiamiento", "lang": "en"}).json()
    assert data["promotions"][0]["page_id"] == english.pk


def test_a_pinned_page_that_is_unpublished_or_private_disappears(superuser):
    practice = PracticePage.objects.filter(locale__language_code="es").first()
    SearchPromotion.objects.create(query=Query.get("pin"), page=practice, sort_order=0)
    assert len(service.search("pin", language="es").promotions) == 1
    for translation in practice.get_translations(inclusive=True):
        translation.unpublish(user=superuser)
    assert service.search("pin", language="es").promotions == []


def test_a_private_pinned_page_disappears():
    practice = PracticePage.objects.filter(locale__language_code="es").first()
    SearchPromotion.objects.create(query=Query.get("pin"), page=practice, sort_order=0)
    index = practice.get_parent()
    for translation in index.get_translations(inclusive=True):
        PageViewRestriction.objects.create(
            page=translation, restriction_type=PageViewRestriction.LOGIN
        )
    assert service.search("pin", language="es").promotions == []


def test_long_queries_are_stored_truncated_and_the_report_still_renders(client, superuser):
    from search.analytics import MAX_QUERY_CHARS

    long_query = "migrantes " + "x" * 3000
    client.get(search_url(), {"q": long_query})
    client.get("/api/search/", {"q": "y" * 999, "lang": "es"})
    assert Query.objects.filter(query_string__startswith="migrantes x").exists()
    assert max(len(q) for q in Query.objects.values_list("query_string", flat=True)) <= (
        MAX_QUERY_CHARS
    )
    client.force_login(superuser)
    for name in ("search_reports:zero_results", "search_reports:popular"):
        assert client.get(reverse(name)).status_code == 200


def test_distinct_queries_are_capped_and_drops_counted(client):
    from django.test import override_settings

    client.get(search_url(), {"q": "salud"})
    with override_settings(HUB_SEARCH_ANALYTICS_MAX_QUERIES=Query.objects.count()):
        for n in range(5):
            client.get(search_url(), {"q": f"consulta nueva {n}"})
        client.get(search_url(), {"q": "salud"})  # known queries are still counted
    assert not Query.objects.filter(query_string__startswith="consulta nueva").exists()
    assert Query.get("salud").hits == 2
    assert analytics.dropped() == 5


def test_old_analytics_expire(client):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from wagtail.contrib.search_promotions.models import QueryDailyHits

    client.get(search_url(), {"q": "qwzxvplm"})
    client.get(search_url(), {"q": "salud"})
    old = timezone.now().date() - datetime.timedelta(days=400)
    QueryDailyHits.objects.filter(query=Query.get("qwzxvplm")).update(date=old)
    ZeroResultHit.objects.filter(query=Query.get("qwzxvplm")).update(date=old)
    call_command("prune_search_analytics", days=365)
    assert not Query.objects.filter(query_string="qwzxvplm").exists()
    assert not ZeroResultHit.objects.filter(date=old).exists()
    assert Query.objects.get(query_string="salud").hits == 1


def test_an_analytics_write_that_fails_is_counted_not_raised(client, monkeypatch, caplog):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(analytics, "_write", locked)
    before = analytics.dropped()
    with caplog.at_level(logging.WARNING, logger="search.analytics"):
        response = client.get(search_url(), {"q": "salud"})
    assert response.status_code == 200
    assert analytics.dropped() == before + 1
    assert "dropped" in caplog.text and "salud" in caplog.text


def test_a_write_that_fails_once_is_retried(client, monkeypatch):
    real, calls = analytics._write, []

    def flaky(*args):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real(*args)

    monkeypatch.setattr(analytics, "_write", flaky)
    client.get(search_url(), {"q": "salud"})
    assert Query.get("salud").hits == 1 and analytics.dropped() == 0


def test_reports_group_queries_that_mean_the_same(client, superuser):
    for query in ("salud", "salud", "health", "saúde", "qwzxvplm"):
        analytics.record(query, 0)
    client.force_login(superuser)
    for name in ("search_reports:popular", "search_reports:zero_results"):
        soup = BeautifulSoup(client.get(reverse(name)).content, "html.parser")
        rows = [
            [cell.get_text(" ", strip=True) for cell in row.select("td")]
            for row in soup.select("tbody tr")
        ]
        grouped = [row for row in rows if row and row[0] == "salud"]
        assert len(grouped) == 1, rows
        assert "health" in grouped[0][1] and "saúde" in grouped[0][1]
        assert "4" in grouped[0][2:]
        assert not any(row and row[0] in ("health", "saúde") for row in rows)
