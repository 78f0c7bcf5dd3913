"""Admin registration for the practices app: taxonomies, importer, translation, review due."""

from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import ContactMessageViewSet, PracticeListingViewSet, ReviewDuePanel
from .importer import views as importer_views
from .localisation.admin_views import TranslationDashboardViewSet, upload_po_view
from .localisation.human_pass import REFUSAL, REVIEWED_ACTION, needs_human_pass
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


# Practice importer (practices/importer): upload, preview, create drafts.
@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    panels.append(ReviewDuePanel())


hooks.register("register_admin_urls", importer_views.admin_urls)
hooks.register("register_admin_menu_item", importer_views.menu_item)


# Translation: status dashboard, practice listing with completeness, the review log action, and no
# publishing of machine translation that nobody has reviewed.


@hooks.register("register_admin_viewset")
def register_translation_dashboard():
    return TranslationDashboardViewSet()


@hooks.register("register_admin_viewset")
def register_practice_listing():
    return PracticeListingViewSet()


@hooks.register("register_admin_urls", order=-1)
def replace_po_upload():
    """Matched before wagtail-localize's own view at the same address (same URL reversed)."""
    return [
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            upload_po_view,
            name="hub_upload_pofile",
        )
    ]


@hooks.register("register_admin_viewset")
def register_contact_messages():
    return ContactMessageViewSet()


@hooks.register("register_log_actions")
def register_translation_log_actions(actions):
    actions.register_action(
        REVIEWED_ACTION, _("Review machine translation"), _("Machine translation reviewed")
    )


def refuse_unreviewed_machine_translation(request, instance):
    """wagtail-localize's editor publishes with action=publish: refuse while machine strings
    are unreviewed. Runs before wagtail-localize's own before_edit hooks (order=-1)."""
    publishing = request.method == "POST" and request.POST.get("action") == "publish"
    if publishing and isinstance(instance, TranslatableMixin) and needs_human_pass(instance):
        admin_messages.error(request, REFUSAL)
        return redirect(request.get_full_path())
    return None


hooks.register("before_edit_page", refuse_unreviewed_machine_translation, order=-1)
hooks.register("before_edit_snippet", refuse_unreviewed_machine_translation, order=-1)
