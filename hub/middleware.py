"""Locale middleware that leaves unprefixed machine paths alone."""

from django.middleware.locale import LocaleMiddleware

UNPREFIXED = ("/api/", "/admin/", "/documents/", "/sitemap.xml")


class HubLocaleMiddleware(LocaleMiddleware):
    """Django redirects any 404 to its /es/ twin; for the API or admin that turns a clean
    404 into a redirect to an HTML page. Those paths keep their own 404."""

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)
