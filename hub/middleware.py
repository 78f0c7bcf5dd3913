"""Locale middleware that leaves unprefixed machine paths alone and speaks pt-br in the admin."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from csp.constants import UNSAFE_EVAL, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

UNPREFIXED = ("/api/", "/admin/", "/documents/", "/sitemap.xml")


class HubLocaleMiddleware(LocaleMiddleware):
    """Django redirects any 404 to its /es/ twin; for the API or admin that turns a clean
    404 into a redirect to an HTML page. Those paths keep their own 404.

    In the admin, a public language with an admin variant (pt -> pt-br) switches to it, so
    that a visitor whose browser asks for Portuguese gets Wagtail's Brazilian catalogues.
    """

    def process_request(self, request):
        super().process_request(request)
        if request.path_info.startswith("/admin/"):
            variant = settings.ADMIN_LANGUAGE_VARIANTS.get(translation.get_language())
            if variant:
                translation.activate(variant)
                request.LANGUAGE_CODE = variant

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)


class HubCSPMiddleware(CSPMiddleware):
    """django-csp with one relaxation for the Wagtail admin, which ships inline scripts and
    styles (panels, date pickers, wagtail-localize's editor) and compiles the templates of its
    accessibility checker (axe-core) at run time; the public site gets none of it."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith("/admin/") and parts.update is None:
            parts.update = {
                "script-src": [UNSAFE_INLINE, UNSAFE_EVAL],
                "style-src": [UNSAFE_INLINE],
            }
        return parts
