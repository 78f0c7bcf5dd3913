"""Export of a search's results: GET /api/search/export/?format=csv|json|xlsx (docs/api.md).

The parameters are those of /api/search/; the rows are the practices and toolkits of its
results, in the same order, one row per record (a lesson or recommendation result brings its
practice), in the version the API returns, labels in the visitor's language.
"""

import csv
import io
import json

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override
from django.views.decorators.http import require_GET

from openpyxl import Workbook

from practices.models import PracticePage, ToolkitPage
from practices.models.taxonomy import localize

from . import service
from .views import BadParameter, api_parameters, bad_request, open_api_headers

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: (key, column heading): the columns of every format, in order.
COLUMNS = [
    ("title", gettext_noop("Title")),
    ("url", gettext_noop("URL")),
    ("type", gettext_noop("Type")),
    ("countries", gettext_noop("Countries")),
    ("themes", gettext_noop("Themes")),
    ("populations", gettext_noop("Target populations")),
    ("gcm_objectives", gettext_noop("GCM objectives")),
    ("stage", gettext_noop("Stage")),
    ("year", gettext_noop("Year")),
    ("original_language", gettext_noop("Original language")),
    ("language", gettext_noop("Language shown")),
    ("summary", gettext_noop("Summary")),
]
LISTS = {"countries", "themes", "populations", "gcm_objectives"}
PRACTICE_KINDS = {"practice", "lesson", "recommendation"}
#: A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def records(hits, language, absolute):
    """One dict per practice or toolkit of the hits, in hit order, labels in `language`."""
    wanted = []
    for hit in hits:
        if hit.type in PRACTICE_KINDS or hit.type == "toolkit":
            model = ToolkitPage if hit.type == "toolkit" else PracticePage
            if (model, hit.page_id) not in wanted:
                wanted.append((model, hit.page_id))
    pages = {}
    for model in (PracticePage, ToolkitPage):
        ids = [pk for m, pk in wanted if m is model]
        related = ["countries", "themes", "populations"]
        if model is PracticePage:
            related.append("gcm_objectives")
        queryset = model.objects.live().public().filter(pk__in=ids)
        for page in queryset.select_related("locale").prefetch_related(*related):
            pages[(model, page.pk)] = page
    rows = []
    with override(language):
        for key in wanted:
            page = pages.get(key)
            if page is None:  # unpublished since it was indexed
                continue
            practice = isinstance(page, PracticePage)
            gcm = localize(page.gcm_objectives.all(), language) if practice else []
            rows.append(
                {
                    "title": page.title,
                    "url": absolute(page.url),
                    "type": page.get_record_type_display()
                    if practice
                    else page.get_toolkit_type_display(),
                    "countries": [t.name for t in localize(page.countries.all(), language)],
                    "themes": [t.name for t in localize(page.themes.all(), language)],
                    "populations": [t.name for t in localize(page.populations.all(), language)],
                    "gcm_objectives": [str(t) for t in sorted(gcm, key=lambda t: t.number)],
                    "stage": page.get_stage_display() if practice else "",
                    "year": page.published_date.year,
                    "original_language": page.original_language,
                    "language": page.locale.language_code,
                    "summary": page.summary,
                }
            )
    return rows


def _cells(row):
    return ["; ".join(row[key]) if key in LISTS else row[key] for key, _heading in COLUMNS]


def _headings(language):
    with override(language):
        return [_(heading) for _key, heading in COLUMNS]


def _safe_text(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def as_csv(rows, language):
    """UTF-8 with a byte-order mark, CRLF line ends, every field quoted: what spreadsheets
    open without an import dialog."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(_headings(language))
    for row in rows:
        writer.writerow([_safe_text(cell) for cell in _cells(row)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(rows, language):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Export"
    sheet.append(_headings(language))
    for row in rows:
        sheet.append(_cells(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_json(rows, search_count, language):
    data = {
        "count": len(rows),
        "search_count": search_count,
        "truncated": search_count > service.EXPORT_LIMIT,
        "language": language,
        "results": rows,
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def export_links(response):
    """(format, URL) of the export of a SearchResponse's results: same query, filters, sort."""
    params = {"q": response.query, "lang": response.language, "sort": response.sort}
    params.update(response.filters)
    base = reverse("search_export") + "?"
    return [(name, base + urlencode({**params, "format": name}, doseq=True)) for name in FORMATS]


@require_GET
def export(request):
    """The search's practices and toolkits as CSV, JSON or XLSX (up to EXPORT_LIMIT results)."""
    params = request.GET
    file_format = params.get("format", "csv")
    if file_format not in FORMATS:
        return bad_request("format must be one of " + ", ".join(FORMATS))
    try:
        arguments = api_parameters(params)
    except BadParameter as error:
        return bad_request(str(error))
    response = service.search_all(**arguments)
    rows = records(response.hits, response.language, request.build_absolute_uri)
    if file_format == "csv":
        body = as_csv(rows, response.language)
    elif file_format == "xlsx":
        body = as_xlsx(rows, response.language)
    else:
        body = as_json(rows, response.count, response.language)
    result = HttpResponse(body, content_type=FORMATS[file_format])
    filename = f"hub-export-{timezone.localdate():%Y-%m-%d}.{file_format}"
    result["Content-Disposition"] = f'attachment; filename="{filename}"'
    result["X-Search-Count"] = str(response.count)
    return open_api_headers(result)
