"""Listing pages: practices, lessons library, toolkits."""

from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page

from ..choices import Stage
from .practice import PracticeLesson, PracticePage, PracticeRecommendation
from .taxonomy import Country, GCMObjective, Population, Theme, localize
from .toolkit import ToolkitPage

PAGE_SIZE = 12


def in_visitor_language(queryset, language):
    """One version of each live public page: the visitor's language, else the original."""
    queryset = queryset.live().public()
    local = queryset.filter(locale__language_code=language)
    fallback = Q(locale__language_code=F("original_language")) & ~Q(
        translation_key__in=local.values("translation_key")
    )
    return queryset.filter(Q(locale__language_code=language) | fallback)


def practice_filters(request):
    """Read the listing filters from the query string, keeping only known values."""
    params = request.GET
    default = Locale.get_default()

    def known(name, queryset, field):
        wanted = params.getlist(name)
        if not wanted:
            return []
        valid = {str(value) for value in queryset.values_list(field, flat=True)}
        return [value for value in wanted if value in valid]

    return {
        "country": known("country", Country.objects.filter(locale=default), "code"),
        "theme": known("theme", Theme.objects.filter(locale=default), "slug"),
        "population": known("population", Population.objects.filter(locale=default), "slug"),
        "gcm": known("gcm", GCMObjective.objects.filter(locale=default), "number"),
        "stage": [value for value in params.getlist("stage") if value in Stage.values],
        "year": [value for value in params.getlist("year") if value.isdigit() and len(value) == 4],
    }


def filter_practices(queryset, filters):
    """AND across filters, OR within one."""
    lookups = {
        "country": "countries__code__in",
        "theme": "themes__slug__in",
        "population": "populations__slug__in",
        "gcm": "gcm_objectives__number__in",
        "stage": "stage__in",
        "year": "published_date__year__in",
    }
    for name, values in filters.items():
        if values:
            matching = PracticePage.objects.filter(**{lookups[name]: values}).values("pk")
            queryset = queryset.filter(pk__in=matching)
    return queryset


def filter_options(language):
    """The choices shown in the filter form, in the visitor's language, keyed by source value."""
    default = Locale.get_default()

    def terms(model, value):
        source = list(model.objects.filter(locale=default))
        return [
            (getattr(term, value), localized.name)
            for term, localized in zip(source, localize(source, language), strict=True)
        ]

    return [
        ("country", _("Country"), terms(Country, "code")),
        ("theme", _("Theme"), terms(Theme, "slug")),
        ("population", _("Population"), terms(Population, "slug")),
        (
            "gcm",
            _("GCM objective"),
            [(str(number), f"{number}. {name}") for number, name in terms(GCMObjective, "number")],
        ),
        ("stage", _("Stage"), Stage.choices),
    ]


def paginate(request, items):
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


class PracticeIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.PracticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("practice index")

    def route(self, request, path_components):
        """Fetch the practice and its locale in one query (Wagtail's default takes three)."""
        if not path_components:
            return super().route(request, path_components)
        slug, *remaining = path_components
        try:
            practice = PracticePage.objects.child_of(self).select_related("locale").get(slug=slug)
        except PracticePage.DoesNotExist as error:
            raise Http404 from error
        practice._cached_parent_obj = self
        return practice.route(request, remaining)

    def practices(self, request):
        filters = practice_filters(request)
        queryset = filter_practices(
            in_visitor_language(PracticePage.objects.all(), self.locale.language_code), filters
        )
        if request.GET.get("sort") == "title":
            queryset = queryset.order_by("title")
        else:
            queryset = queryset.order_by("-published_date", "-pk")
        return filters, queryset.select_related("locale").prefetch_related("countries")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters, practices = self.practices(request)
        context["filters"] = filters
        context["filter_options"] = filter_options(self.locale.language_code)
        context["sort"] = "title" if request.GET.get("sort") == "title" else "newest"
        context["practices"] = paginate(request, practices)
        return context


class LessonsLibraryPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("lessons library")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = practice_filters(request)
        practices = filter_practices(
            in_visitor_language(PracticePage.objects.all(), self.locale.language_code), filters
        )
        kind = "recommendations" if request.GET.get("kind") == "recommendations" else "lessons"
        model = PracticeRecommendation if kind == "recommendations" else PracticeLesson
        items = (
            model.objects.filter(page__in=practices.values("pk"))
            .select_related("page", "page__locale")
            .order_by("-page__published_date", "page_id", "sort_order")
        )
        context["filters"] = filters
        context["filter_options"] = filter_options(self.locale.language_code)
        context["kind"] = kind
        context["items"] = paginate(request, items)
        return context


class ToolkitIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.ToolkitPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("toolkit index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        toolkits = in_visitor_language(ToolkitPage.objects.all(), self.locale.language_code)
        toolkits = toolkits.order_by("title")
        context["toolkits"] = paginate(request, toolkits)
        return context
