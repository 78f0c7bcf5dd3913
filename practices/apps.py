from django.apps import AppConfig


class PracticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "practices"
    verbose_name = "Prácticas"

    def ready(self):
        from . import roles, signals

        signals.connect()
        roles.connect()  # editorial permissions and workflow on new section pages
