from django.core.paginator import Paginator
from django.shortcuts import render

from wagtail.models import Page


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = (
        Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    )
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(request, "search/search.html", {"query": query, "results": page})
