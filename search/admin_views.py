"""Staff reports: searches that found nothing, and the most popular searches with how often
each found nothing (Wagtail's own "Search terms" report lists popular terms too)."""

from django.db.models import Max, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query

from django_filters import DateFromToRangeFilter

from .models import ZeroResultHit
from .query import meaning_key

REPORT_PERMISSIONS = (
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
)


def can_see_reports(user):
    return user.is_superuser or any(user.has_perm(p) for p in REPORT_PERMISSIONS)


class DayColumn(Column):
    """A day without a time, as a date: a relative "13 hours ago" would count from midnight."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return date_format(value, "DATE_FORMAT") if value else ""


class MeaningGroup:
    """Report rows of queries that mean the same ("salud", "health", "saúde"), counted
    together and shown as the most frequent one with the others beside it."""

    def __init__(self, rows):
        rows = sorted(rows, key=lambda row: -(getattr(row, "_hits", 0) or row._misses or 0))
        self.query_string = rows[0].query_string
        self.variants = ", ".join(row.query_string for row in rows[1:])
        self._hits = sum(getattr(row, "_hits", 0) or 0 for row in rows)
        self._misses = sum(row._misses or 0 for row in rows)
        self._last = max((row._last for row in rows if getattr(row, "_last", None)), default=None)


def group_by_meaning(rows, ordering):
    """MeaningGroups of the rows, in the report's ordering ("-_misses", "query_string", …)."""
    groups = {}
    for row in rows:
        groups.setdefault(meaning_key(row.query_string) or row.query_string, []).append(row)
    grouped = [MeaningGroup(members) for members in groups.values()]
    ordering = ordering[0] if isinstance(ordering, list | tuple) else ordering or "-_misses"
    name = ordering.lstrip("-")
    grouped.sort(
        key=lambda group: (getattr(group, name) is None, getattr(group, name) or 0),
        reverse=ordering.startswith("-"),
    )
    return grouped


class ZeroResultFilterSet(WagtailFilterSet):
    date = DateFromToRangeFilter(
        label=_("Date"), field_name="zero_result_hits__date", widget=DateRangePickerWidget
    )

    class Meta:
        model = Query
        fields = []


class ZeroResultReportView(ReportView):
    """Queries that found nothing, most frequent first: content to write, synonyms to add."""

    page_title = _("Searches without results")
    header_icon = "search"
    is_searchable = True
    search_fields = ["query_string"]
    filterset_class = ZeroResultFilterSet
    default_ordering = "-_misses"
    index_url_name = "search_reports:zero_results"
    index_results_url_name = "search_reports:zero_results_results"
    columns = [
        Column("query_string", label=_("Search term(s)"), sort_key="query_string"),
        Column("variants", label=_("Same meaning")),
        NumberColumn("_misses", label=_("Searches without results"), sort_key="_misses"),
        DayColumn("_last", label=_("Last seen"), sort_key="_last"),
    ]
    export_headings = {
        "query_string": _("Search term(s)"),
        "variants": _("Same meaning"),
        "_misses": _("Searches without results"),
        "_last": _("Last seen"),
    }
    list_export = ["query_string", "variants", "_misses", "_last"]

    def get_base_queryset(self):
        return (
            Query.objects.filter(zero_result_hits__isnull=False)
            .exclude(query_string="")
            .annotate(_misses=Sum("zero_result_hits__hits"), _last=Max("zero_result_hits__date"))
            .order_by("-_misses")
        )

    def get_filtered_queryset(self):
        return group_by_meaning(super().get_filtered_queryset(), self.ordering)

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["queryset"] = self.get_base_queryset()
        return kwargs

    def dispatch(self, request, *args, **kwargs):
        if not can_see_reports(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class PopularSearchesReportView(ZeroResultReportView):
    """The most frequent searches, with how often they found nothing."""

    page_title = _("Popular searches")
    filterset_class = None
    default_ordering = "-_hits"
    index_url_name = "search_reports:popular"
    index_results_url_name = "search_reports:popular_results"
    columns = [
        Column("query_string", label=_("Search term(s)"), sort_key="query_string"),
        Column("variants", label=_("Same meaning")),
        NumberColumn("_hits", label=_("Searches"), sort_key="_hits"),
        NumberColumn("_misses", label=_("Searches without results"), sort_key="_misses"),
    ]
    export_headings = {
        "query_string": _("Search term(s)"),
        "variants": _("Same meaning"),
        "_hits": _("Searches"),
        "_misses": _("Searches without results"),
    }
    list_export = ["query_string", "variants", "_hits", "_misses"]

    def get_base_queryset(self):
        misses = (
            ZeroResultHit.objects.filter(query=OuterRef("pk"))
            .values("query")
            .annotate(n=Sum("hits"))
            .values("n")
        )
        return (
            Query.get_most_popular()
            .exclude(query_string="")
            .annotate(_misses=Coalesce(Subquery(misses), 0))
        )
