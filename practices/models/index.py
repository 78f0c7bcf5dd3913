"""Listing pages: practices, lessons library, toolkits."""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from search.visibility import in_visitor_language

from .practice import PracticePage
from .toolkit import ToolkitPage

PAGE_SIZE = 12


LISTING_FACETS = ("country", "theme", "population", "gcm", "stage")


def listing_search(request, language, kinds, sort=None, snippet_words=36):
    """Filter (and search, with ?q=) a listing through the search service.

    AND across facets, OR within one; unknown values are ignored. Returns the service's
    SearchResponse: hits, count, facet counts for the filter form, and the typo correction
    (``corrected``, ``suggestion``) when the words found nothing.
    """
    from search import service

    params = request.GET
    filters = {name: params.getlist(name) for name in LISTING_FACETS if params.getlist(name)}
    filters["type"] = list(kinds)
    query = params.get("q", "")
    if sort is None:
        sort = params.get("sort")
        sort = {"title": "title", "newest": "date", "relevance": "relevance"}.get(sort)
    try:
        page = int(params.get("page", 1))
    except ValueError:
        page = 1
    return service.search(
        query,
        language=language,
        filters=filters,
        sort=sort or ("relevance" if query.strip() else "date"),
        page=page,
        page_size=PAGE_SIZE,
        promote=False,
        snippet_words=snippet_words,
    )


def filter_options(response):
    """(name, label, [(value, label, count)]) for the filter form, counts for this listing."""
    from search.facets import facet_title
    from search.service import labels_for

    labels = labels_for(response.language)
    options = []
    for name in LISTING_FACETS:
        counts = {value.value: value.count for value in response.facets.get(name, ())}
        values = labels[name]
        if name == "gcm":
            ordered = sorted(values, key=int)
        elif name == "stage":
            ordered = list(values)
        else:
            ordered = sorted(values, key=lambda value: values[value])
        options.append(
            (name, facet_title(name), [(v, values[v], counts.get(v, 0)) for v in ordered])
        )
    return options


def with_pages(response, model):
    """The response's page of hits as a paginator page of page objects, in hit order."""
    from django.core.paginator import Page as PaginatorPage

    ids = [hit.page_id for hit in response.hits]
    pages = model.objects.filter(pk__in=ids).select_related("locale").prefetch_related("countries")
    by_id = {page.pk: page for page in pages}
    paginated = response.paginated
    return PaginatorPage(
        [by_id[pk] for pk in ids if pk in by_id], paginated.number, paginated.paginator
    )


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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        response = listing_search(request, self.locale.language_code, ["practice"])
        context["search"] = response
        context["listing_query"] = response.query
        context["filters"] = response.filters
        context["filter_options"] = filter_options(response)
        context["sort"] = {"date": "newest"}.get(response.sort, response.sort)
        context["practices"] = with_pages(response, PracticePage)
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
        kind = "recommendations" if request.GET.get("kind") == "recommendations" else "lessons"
        response = listing_search(
            request,
            self.locale.language_code,
            ["recommendation" if kind == "recommendations" else "lesson"],
            snippet_words=None,
        )
        context["search"] = response
        context["listing_query"] = response.query
        context["filters"] = response.filters
        context["filter_options"] = filter_options(response)
        context["kind"] = kind
        context["items"] = response.paginated
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
