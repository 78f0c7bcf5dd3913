"""The public "this practice may be out of date" notice."""

from django import template
from django.utils import timezone

from home.models import HubSettings

register = template.Library()


def months_between(earlier, later):
    """Whole calendar months from one date to a later one."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def reference_date(page):
    """The date a visitor judges a practice's age by: its public publication date."""
    if page.published_date:
        return page.published_date
    if page.last_published_at:
        return timezone.localdate(page.last_published_at)
    return None


@register.simple_tag(takes_context=True)
def practice_age(context, page, today=None):
    """``{"months": ..., "since": date}`` if past the hub's freshness threshold, else None.

    The threshold is ``HubSettings.freshness_months`` of the current site; 0 turns the notice off.
    """
    request = context.get("request")
    threshold = HubSettings.for_request(request).freshness_months if request else 0
    published = reference_date(page)
    if not threshold or published is None:
        return None
    age = months_between(published, today or timezone.localdate())
    return {"months": age, "since": published} if age >= threshold else None
