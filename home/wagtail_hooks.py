"""Wagtail hooks: the "review due" dashboard panel; expired pages are not served."""

from django.db.models import F
from django.http import Http404
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permissions import policy_registry

from practices.models import PracticePage
from search.visibility import is_expired

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
    template_name = "home/admin/review_due_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        practices = practices_due_for_review(parent_context["request"].user)
        return {"practices": practices[:REVIEW_DUE_LIMIT], "total": practices.count()}


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    panels.append(ReviewDuePanel())


@hooks.register("before_serve_page")
def refuse_expired_page(page, request, serve_args, serve_kwargs):
    """A page past its expiry date is gone, even before `publish_scheduled` unpublishes it."""
    if is_expired(page):
        raise Http404
