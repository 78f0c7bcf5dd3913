"""Locale middleware that leaves unprefixed machine paths alone."""

from django.middleware.locale import LocaleMiddleware

from csp.constants import UNSAFE_EVAL, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

UNPREFIXED = ("/api/", "/admin/", "/documents/", "/sitemap.xml")


class HubLocaleMiddleware(LocaleMiddleware):
    """Django redirects any 404 to its /es/ twin; for the API or admin that turns a clean
    404 into a redirect to an HTML page. Those paths keep their own 404."""

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
