"""Load the demo content and the demo admin account (idempotent)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home.demo.loader import load

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "hub-demo-2026"  # noqa: S105 (demo only, printed to the console)


class Command(BaseCommand):
    help = "Create the demo site, practices, translations and a demo admin (safe to re-run)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even though DEBUG is off (a test or a throwaway server, never a live hub).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "load_demo creates an admin with a published password: it runs only with "
                "DEBUG on (hub.settings.dev), or with --allow-production on a throwaway server."
            )
        User = get_user_model()
        user, created_user = User.objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={"email": "admin@example.org", "is_staff": True, "is_superuser": True},
        )
        if created_user:
            user.set_password(DEMO_PASSWORD)
            user.save()
        created = load(user)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({created} practices created)."))
        if created_user:
            self.stdout.write(
                self.style.WARNING(
                    "\n  Demo admin login (demo only):  http://127.0.0.1:8000/admin/\n"
                    f"    user: {DEMO_USERNAME}\n    password: {DEMO_PASSWORD}\n"
                )
            )
