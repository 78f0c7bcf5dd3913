"""Fast, deterministic settings for pytest (SQLite by default, PostgreSQL with DATABASE_URL)."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Wagtail's own search index feeds only the admin's page and snippet search, which no test
# in the pytest process uses (the hub's search has its own index, search/): pages are not
# indexed into it on every save. The browser suite's server searches the admin, so it does.
WAGTAILSEARCH_BACKENDS = {"default": {**WAGTAILSEARCH_BACKENDS["default"], "AUTO_UPDATE": False}}  # noqa: F405
if os.environ.get("HUB_TEST_MAIL_DIR"):  # the browser suite's server (tests/browser/conftest.py)
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["HUB_TEST_MAIL_DIR"]
    WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = True
MEDIA_ROOT = BASE_DIR / "tests" / "artifacts" / "media"  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Django's test client.login() authenticates without a request, which django-axes refuses;
# the login-throttling tests turn it back on (tests/home/test_security.py).
AXES_ENABLED = False
# A page type that adds a section, for the test that adding one needs nothing but the model
# and its template (tests/declared/).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.declared"]  # noqa: F405
