"""Admin of practices: the listing with completeness, contact messages, the review-due panel.

Registered in practices/wagtail_hooks.py; the translation dashboard is localisation/admin_views.py.
"""

from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry

import django_filters

from .localisation.admin_views import CompletenessColumn
from .localisation.completeness import Band
from .localisation.status import practice_statuses, statuses_by_key
from .models import CallForPracticesPage, ContactMessage, PracticePage

# The practice listing with completeness


class PracticeFilterSet(PageFilterSet):
    completeness = django_filters.ChoiceFilter(
        label=gettext_lazy("Completeness"),
        choices=Band.choices,
        empty_label=gettext_lazy("Any"),
        method="filter_completeness",
    )

    call = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Call for practices"),
        queryset=lambda request: CallForPracticesPage.originals().order_by("-deadline"),
        empty_label=gettext_lazy("Any"),
        method="filter_call",
    )

    class Meta(PageFilterSet.Meta):
        model = PracticePage

    def filter_call(self, queryset, name, value):
        return queryset.filter(call__translation_key=value.translation_key)

    def filter_completeness(self, queryset, name, value):
        keys = [status.translation_key for status in practice_statuses() if status.band == value]
        return queryset.filter(translation_key__in=keys)


class PracticeIndexView(IndexView):
    def get_table(self, object_list):
        object_list = list(object_list)
        keys = {page.translation_key for page in object_list}
        statuses = statuses_by_key(keys)
        messages_sent = dict(
            ContactMessage.objects.filter(page__translation_key__in=keys)
            .values_list("page__translation_key")
            .annotate(count=Count("id"))
        )
        for page in object_list:
            page.practice_status = statuses.get(page.translation_key)
            page.contact_messages_count = messages_sent.get(page.translation_key, 0)
        return super().get_table(object_list)


class PracticeListingViewSet(PageListingViewSet):
    name = "practice_listing"
    url_prefix = "practice-listing"
    model = PracticePage
    index_view_class = PracticeIndexView
    filterset_class = PracticeFilterSet
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Good practices")
    menu_order = 240
    add_to_admin_menu = True
    columns = [
        *IndexView.base_columns,
        CompletenessColumn("completeness", label=gettext_lazy("Completeness"), width="14%"),
        Column(
            "contact_messages_count",
            label=gettext_lazy("Contact messages"),
            width="10%",
        ),
    ]


class ContactMessageViewSet(ModelViewSet):
    """The messages relayed to focal points: readable by KM admins only (view permission)."""

    model = ContactMessage
    icon = "mail"
    menu_label = gettext_lazy("Contact messages")
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []  # messages are written by the public form, never in the admin
    list_display = ["page", "created_at", "language", "sender_name", "sender_organisation"]
    list_filter = ["language"]
    search_fields = ["sender_name", "sender_organisation", "message"]
    inspect_view_fields = [
        "page",
        "created_at",
        "language",
        "sender_name",
        "sender_organisation",
        "sender_email",
        "message",
    ]


REVIEW_DUE_LIMIT = 20


def practices_due_for_review(user, today=None):
    """Practices whose next review date has passed, oldest first.

    One row per practice (the version in its original language; the date is synchronised
    across translations), limited to the practices this user may edit.
    """
    today = today or timezone.localdate()
    editable = policy_registry.get_by_type(Page).instances_user_has_any_permission_for(
        user, {"change"}
    )
    return (
        PracticePage.objects.filter(
            next_review_date__lte=today,
            locale__language_code=F("original_language"),
            pk__in=editable.values("pk"),
        )
        .select_related("locale")
        .order_by("next_review_date", "title")
    )


class ReviewDuePanel(Component):
    name = "practices_review_due"
    template_name = "practices/admin/review_due_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        practices = practices_due_for_review(parent_context["request"].user)
        return {"practices": practices[:REVIEW_DUE_LIMIT], "total": practices.count()}
