from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Búsqueda"

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import signals
        from .engines.sqlite import tune

        signals.connect()
        connection_created.connect(tune, dispatch_uid="search-sqlite-tuning")
