from django.apps import AppConfig

from threadpoolctl import threadpool_limits


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Búsqueda"

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import signals
        from .engines.sqlite import tune

        signals.connect()
        # numpy's BLAS (the embedding model, the vector matrix) in one thread per process:
        # OpenBLAS starts a thread per core, and on a busy server its threads cost 15-20
        # times the CPU of one (a query's embedding 99 ms against 6.6; docs/performance.md).
        # Processes, not BLAS threads, give a server its parallelism.
        threadpool_limits(limits=1, user_api="blas")
        connection_created.connect(tune, dispatch_uid="search-sqlite-tuning")
