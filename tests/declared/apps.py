from django.apps import AppConfig


class DeclaredConfig(AppConfig):
    """A test-only app (hub/settings/test.py): a page type that adds one section."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "tests.declared"
    label = "declared"
