from django.shortcuts import get_object_or_404, render

from wagtail.models import Page

from practices.visibility import public_now


def translation_missing(request, page_id):
    """Say plainly that a page is not in the visitor's language and offer the original."""
    page = get_object_or_404(public_now(Page.objects), pk=page_id).specific
    return render(request, "home/translation_missing.html", {"original": page})
