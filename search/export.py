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

from . import service
from .declarations import searchable_models
from .views import BadParameter, api_parameters, bad_request, open_api_headers
from .visibility import public_now

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
#: A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _exported():
    """{unit kind: model} of the models whose pages are export rows (`export_record`); a
    lesson or recommendation brings its page."""
    kinds = {}
    for model in searchable_models():
        if hasattr(model, "export_record"):
            index = model.hub_index
            for kind in (index.kind, *(items.kind for items in index.items)):
                kinds.setdefault(kind, model)
    return kinds


def records(hits, language, absolute):
    """One dict per exported page of the hits, in hit order, labels in `language`."""
    kinds = _exported()
    wanted = []
    for hit in hits:
        model = kinds.get(hit.type)
        if model is not None and (model, hit.page_id) not in wanted:
            wanted.append((model, hit.page_id))
    pages = {}
    for model in dict.fromkeys(kinds.values()):
        ids = [pk for m, pk in wanted if m is model]
        related = [terms.relation for terms in model.hub_index.terms]
        queryset = public_now(model.objects.filter(pk__in=ids)).select_related("locale")
        for page in queryset.prefetch_related(*related):
            pages[(model, page.pk)] = page
    rows = []
    with override(language):
        for key in wanted:
            page = pages.get(key)
            if page is not None:  # else unpublished since it was indexed
                row = {**page.export_record(language), "url": absolute(page.url)}
                rows.append({column: row[column] for column, _heading in COLUMNS})
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
