"""Admin registration for the practices app (viewsets only)."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Country, GCMObjective, GCMPrinciple, Organisation, Population, Theme


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class ThemeViewSet(TaxonomyViewSet):
    model = Theme
    icon = "tag"


class PopulationViewSet(TaxonomyViewSet):
    model = Population
    icon = "group"


class CountryViewSet(TaxonomyViewSet):
    model = Country
    icon = "site"
    list_display = ["name", "code", "locale"]


class GCMObjectiveViewSet(TaxonomyViewSet):
    model = GCMObjective
    icon = "list-ol"
    list_display = ["number", "name", "locale"]
    ordering = ["number"]


class GCMPrincipleViewSet(TaxonomyViewSet):
    model = GCMPrinciple
    icon = "list-ul"
    list_display = ["number", "name", "locale"]
    ordering = ["number"]


class OrganisationViewSet(TaxonomyViewSet):
    model = Organisation
    icon = "openquote"


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomies")
    menu_icon = "tag"
    menu_order = 300
    items = [
        ThemeViewSet,
        PopulationViewSet,
        CountryViewSet,
        GCMObjectiveViewSet,
        GCMPrincipleViewSet,
        OrganisationViewSet,
    ]


register_snippet(TaxonomyGroup)
