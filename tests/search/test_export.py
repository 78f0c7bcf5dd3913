"""Export of any result set: /api/search/export/?format=csv|json|xlsx (docs/api.md)."""

import csv
import io
import json

from django.urls import reverse
from django.utils.translation import override

from wagtail.models import Locale, PageViewRestriction

import pytest
from openpyxl import load_workbook

from practices.models import PracticeIndexPage, PracticePage
from search import service
from tests.scoped import built_once, loader

pytestmark = pytest.mark.django_db

HEADINGS_EN = [
    "Title",
    "URL",
    "Type",
    "Countries",
    "Themes",
    "Target populations",
    "GCM objectives",
    "Stage",
    "Year",
    "Original language",
    "Language shown",
    "Summary",
]


def export(client, **params):
    response = client.get(reverse("search_export"), params)
    assert response.status_code == 200, response.content
    return response


def api_records(client, **params):
    """(title, url path) of each practice or toolkit of the API's results, paging through."""
    seen, records, page = set(), [], 1
    while True:
        data = client.get(reverse("search_api"), {**params, "page": page, "page_size": 50}).json()
        for hit in data["results"]:
            if hit["type"] == "page":
                continue
            path = hit["url"].split("#")[0]
            if path not in seen:
                seen.add(path)
                records.append((hit["title"], path))
        if page * 50 >= data["count"]:
            return records
        page += 1


def read_csv(response):
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read it as UTF-8
    text = body.decode("utf-8-sig")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize(
    "params",
    [
        {"q": "salud", "lang": "en"},
        {"lang": "pt", "country": ["BR", "UY"]},
        {"q": "migrantes", "lang": "es", "type": "lesson"},
    ],
)
def test_csv_round_trips_with_the_rows_of_the_api(client, params):
    expected = api_records(client, **params)
    assert expected
    response = export(client, format="csv", **params)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="hub-export-')
    rows = read_csv(response)
    assert [(row[0], row[1].removeprefix("http://testserver")) for row in rows[1:]] == expected
    assert all(len(row) == len(HEADINGS_EN) for row in rows)
    assert response.content.count(b'"') >= 2 * len(HEADINGS_EN) * len(rows)  # all quoted


def test_xlsx_and_json_hold_the_same_rows_as_the_csv(client):
    params = {"q": "frontera", "lang": "en"}
    csv_rows = read_csv(export(client, format="csv", **params))
    assert csv_rows[0] == HEADINGS_EN
    workbook = load_workbook(io.BytesIO(export(client, format="xlsx", **params).content))
    xlsx_rows = [
        ["" if value is None else str(value) for value in row]
        for row in workbook.active.iter_rows(values_only=True)
    ]
    assert xlsx_rows == csv_rows
    data = json.loads(export(client, format="json", **params).content)
    assert data["count"] == len(csv_rows) - 1
    assert [row["url"] for row in data["results"]] == [row[1] for row in csv_rows[1:]]
    first = data["results"][0]
    assert set(first) == {
        "title", "url", "type", "countries", "themes", "populations", "gcm_objectives",
        "stage", "year", "original_language", "language", "summary",
    }  # fmt: skip
    assert isinstance(first["countries"], list) and isinstance(first["year"], int)


def test_columns_are_labelled_in_the_visitor_language(client, seed_practice):
    rows = read_csv(export(client, format="csv", q=seed_practice.title, lang="en"))
    english = seed_practice.get_translation(Locale.objects.get(language_code="en"))
    row = next(row for row in rows if row[0] == english.title)
    assert row[1] == "http://testserver" + english.url
    assert row[3] == "Ecuador"
    assert "Entrepreneurship" in row[4]
    assert row[9] == "es" and row[10] == "en"
    assert row[11] == english.summary
    spanish = read_csv(export(client, format="csv", q=seed_practice.title, lang="es"))
    assert spanish[0][0] == "Título"
    assert any("Emprendimiento" in row[4] for row in spanish[1:])


def test_everything_when_nothing_is_asked_and_the_cap_is_reported(client, monkeypatch):
    everything = json.loads(export(client, format="json").content)
    assert everything["count"] == 15  # 13 practices and 2 toolkits, one version each
    assert everything["truncated"] is False
    monkeypatch.setattr(service, "EXPORT_LIMIT", 4)
    capped = json.loads(export(client, format="json").content)
    assert capped["count"] <= 4 and capped["truncated"] is True


@pytest.fixture(scope="module")
def hidden(django_db_setup, django_db_blocker):
    """The titles of a draft, a private, an expired practice and an unpublished revision
    (built once for the module: the tests after it see only what the public would)."""
    yield from built_once(django_db_blocker, hidden_practices)


def hidden_practices():
    superuser = loader()
    index = PracticeIndexPage.objects.get(locale=Locale.get_default())
    draft = PracticePage(title="BORRADOR-OCULTO", slug="borrador-oculto", summary="x", live=False)
    index.add_child(instance=draft)
    draft.save_revision(user=superuser)
    private = PracticePage(title="PRIVADA-OCULTA", slug="privada-oculta", summary="x")
    index.add_child(instance=private)
    private.save_revision(user=superuser).publish(user=superuser)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    expired = PracticePage(title="CADUCADA-OCULTA", slug="caducada-oculta", summary="x")
    index.add_child(instance=expired)
    expired.save_revision(user=superuser).publish(user=superuser)
    expired.unpublish()  # what publish_scheduled does at expire_at
    live = PracticePage.objects.filter(locale=index.locale).first()
    live.title = "REVISION-NO-PUBLICADA"
    live.save_revision(user=superuser)
    return ["BORRADOR-OCULTO", "PRIVADA-OCULTA", "CADUCADA-OCULTA", "REVISION-NO-PUBLICADA"]


@pytest.mark.parametrize("file_format", ["csv", "json", "xlsx"])
@pytest.mark.parametrize("q", ["", "oculta", "revision"])
def test_hidden_practices_never_appear(client, hidden, file_format, q):
    for language in ("es", "en", "pt"):
        body = export(client, format=file_format, lang=language, q=q).content
        if file_format == "xlsx":
            sheet = load_workbook(io.BytesIO(body)).active
            body = json.dumps(list(sheet.iter_rows(values_only=True)), default=str).encode()
        for secret in hidden:
            assert secret.encode() not in body


def test_formulas_are_kept_as_text(client, superuser):
    index = PracticeIndexPage.objects.get(locale=Locale.get_default())
    page = PracticePage(title='=HYPERLINK("http://evil.example","x")', slug="f", summary="@SUM(1)")
    index.add_child(instance=page)
    page.save_revision(user=superuser).publish(user=superuser)
    rows = read_csv(export(client, format="csv", q="hyperlink evil"))
    assert rows[1][0] == "'" + page.title and rows[1][11] == "'@SUM(1)"
    sheet = load_workbook(io.BytesIO(export(client, format="xlsx", q="hyperlink evil").content))
    cell = sheet.active["A2"]
    assert cell.data_type == "s" and cell.value == page.title


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"format": "pdf"}, "format"),
        ({"lang": "fr"}, "lang"),
        ({"sort": "random"}, "sort"),
        ({"q": "x" * 1001}, "q"),
    ],
)
def test_bad_parameters_get_a_clear_400(client, params, message):
    response = client.get(reverse("search_export"), params)
    assert response.status_code == 400
    assert response.json()["error"].startswith(message)


def export_link(client, url, params):
    from urllib.parse import parse_qs, urlsplit

    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(url, params).content, "html.parser")
    link = soup.select_one('.export-links a[data-format="csv"]')
    assert link is not None
    parts = urlsplit(link["href"])
    assert parts.path == reverse("search_export")
    return link["href"], parse_qs(parts.query), soup


def test_the_search_page_links_the_export_of_its_results(client):
    with override("es"):
        url = reverse("search")
    href, query, soup = export_link(client, url, {"q": "salud", "country": "PE"})
    assert query["q"] == ["salud"] and query["country"] == ["PE"] and query["lang"] == ["es"]
    rows = read_csv(client.get(href))
    titles = {
        " ".join(hit.get_text().split()) for hit in soup.select("#search-results .hit-title a")
    }
    assert titles and titles <= {row[0] for row in rows[1:]}


def test_the_listing_links_the_export_of_its_practices(client):
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    href, query, soup = export_link(client, index.url, {"country": "BR"})
    assert query["type"] == ["practice"] and query["country"] == ["BR"]
    rows = read_csv(client.get(href))
    count = int(soup.select_one(".result-count").get_text().split()[0])
    assert len(rows) - 1 == count > 0
    assert all(row[3].count("Brazil") == 1 for row in rows[1:])
