from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse

from wagtail.models import Page

from search.visibility import public_now


def translation_missing(request, page_id):
    """Say plainly that a page is not in the visitor's language and offer the original."""
    page = get_object_or_404(public_now(Page.objects), pk=page_id).specific
    return render(request, "home/translation_missing.html", {"original": page})


def robots_txt(request):
    """robots.txt: crawl the public site, not the admin; the sitemap lists every language."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page declares."""
    return redirect(static("favicon.ico"), permanent=True)
