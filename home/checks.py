"""Deploy checks (``manage.py check --deploy``): what must hold before the hub goes live."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

from .management.commands.load_demo import DEMO_PASSWORD


@register(Tags.security, deploy=True)
def demo_password_check(app_configs, **kwargs):
    """No account may keep the published demo password."""
    try:
        accounts = list(
            get_user_model()
            .objects.filter(is_active=True)
            .exclude(password="")
            .values_list("username", "password")
        )
    except DatabaseError:  # no database yet: no accounts either
        return []
    return [
        Error(
            f"The account {username!r} has the demo password (manage.py load_demo).",
            hint="Set a new password (manage.py changepassword) or delete the account.",
            id="hub.E001",
        )
        for username, encoded in accounts
        if check_password(DEMO_PASSWORD, encoded)
    ]


@register(Tags.staticfiles, deploy=True)
def static_manifest_check(app_configs, **kwargs):
    """With hashed static names, every page needs the manifest that collectstatic writes."""
    if (
        isinstance(staticfiles_storage, ManifestFilesMixin)
        and staticfiles_storage.read_manifest() is None
    ):
        return [
            Error(
                "Static files have not been collected: every HTML page would fail.",
                hint="Run manage.py collectstatic --no-input at build time.",
                id="hub.E002",
            )
        ]
    return []
