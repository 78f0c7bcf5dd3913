"""Load the demo content, the demo admin and one demo account per editorial role (idempotent)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from wagtail.users.models import UserProfile

from home.demo.loader import load
from practices import roles

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "hub-demo-2026"  # noqa: S105 (demo only, printed to the console)
# One account per editorial group (docs/roles.md), same password; the admin language of each.
DEMO_ROLES = {
    "contributor": (roles.CONTRIBUTORS, "es"),
    "reviewer": (roles.REVIEWERS, "es"),
    "translator": (roles.TRANSLATORS, "pt-br"),
    "kmadmin": (roles.KM_ADMINS, "es"),
}


class Command(BaseCommand):
    help = "Create the demo site, practices, translations and demo accounts (safe to re-run)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000/",
            help="Where the demo is served (make serve HOST= PORT=); printed and used by the "
            "sitemap and the API for absolute URLs.",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even though DEBUG is off (a test or a throwaway server, never a live hub).",
        )

    def handle(self, *args, url, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "load_demo creates accounts with a published password: it runs only with "
                "DEBUG on (hub.settings.dev), or with --allow-production on a throwaway server."
            )
        url = url.rstrip("/") + "/"
        admin = self.account(DEMO_USERNAME, is_staff=True, is_superuser=True)
        for username, (group, language) in DEMO_ROLES.items():
            user = self.account(username)
            user.groups.add(Group.objects.get(name=group))
            UserProfile.objects.update_or_create(
                user=user, defaults={"preferred_language": language}
            )
        created = load(admin, url)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({created} practices created)."))
        accounts = "\n".join(
            f"    {username:<12} {group}" for username, (group, _) in DEMO_ROLES.items()
        )
        self.stdout.write(
            self.style.WARNING(
                f"\n  The hub (demo only):  {url}es/\n"
                f"  Admin:                {url}admin/\n"
                f"  Every demo account has the password {DEMO_PASSWORD}\n"
                f"    {DEMO_USERNAME:<12} superuser\n{accounts}\n"
            )
        )

    def account(self, username, **flags):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org", **flags}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        return user
