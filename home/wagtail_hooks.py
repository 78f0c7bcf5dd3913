"""Wagtail hooks: expired pages are not served."""

from django.http import Http404

from wagtail import hooks

from search.visibility import is_expired


@hooks.register("before_serve_page")
def refuse_expired_page(page, request, serve_args, serve_kwargs):
    """A page past its expiry date is gone, even before `publish_scheduled` unpublishes it."""
    if is_expired(page):
        raise Http404
