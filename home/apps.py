from django.apps import AppConfig

from wagtail.users.apps import WagtailUsersAppConfig


class HomeConfig(AppConfig):
    default = True  # the app config of "home"; HubUsersAppConfig below replaces wagtail.users
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Inicio"

    def ready(self):
        from . import checks, navigation  # noqa: F401  (checks: deploy checks)

        navigation.connect()  # cached navigation dropped on page and settings changes


class HubUsersAppConfig(WagtailUsersAppConfig):
    """``wagtail.users`` with the users admin that refuses escalation (home/users.py)."""

    user_viewset = "home.users.HubUserViewSet"
