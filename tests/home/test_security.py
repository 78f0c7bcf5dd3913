"""Login throttling, the demo loader's guard and the deploy checks (docs/deploy.md "Security")."""

from django.contrib.auth import get_user_model
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

import pytest

from home.management.commands.load_demo import DEMO_PASSWORD

PASSWORD = "Right-password-2026"
LOCKED = {
    "es": "demasiados intentos",
    "en": "too many login attempts",
    "pt": "muitas tentativas",
}


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True  # off in hub.settings.test for client.login()


@pytest.fixture
def staff(db):
    make = get_user_model().objects.create_user
    return {
        name: make(name, f"{name}@example.org", PASSWORD, is_superuser=True)
        for name in ("ana", "bruno")
    }


def login(client, username, password, address, forwarded=None, language="es"):
    headers = {"REMOTE_ADDR": address, "HTTP_ACCEPT_LANGUAGE": language}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(
        reverse("wagtailadmin_login"), {"username": username, "password": password}, **headers
    )


def guess(client, username, address, times, **kwargs):
    for _ in range(times):
        login(client, username, "wrong", address, **kwargs)


def test_wrong_passwords_lock_the_account_then_the_right_one_is_refused(client, settings, staff):
    guess(client, "ana", "198.51.100.1", settings.AXES_FAILURE_LIMIT)
    response = login(client, "ana", PASSWORD, "198.51.100.1")
    assert response.status_code == 429
    assert LOCKED["es"] in response.content.decode().lower()
    # the account is locked from any address, and the address for any account
    assert login(client, "ana", PASSWORD, "203.0.113.9").status_code == 429
    assert login(client, "bruno", PASSWORD, "198.51.100.1").status_code == 429
    # another account from another address logs in
    assert login(client, "bruno", PASSWORD, "203.0.113.9").status_code == 302


def test_lockout_message_in_the_visitors_language(client, settings, staff):
    guess(client, "ana", "198.51.100.1", settings.AXES_FAILURE_LIMIT)
    for language, words in LOCKED.items():
        response = login(client, "ana", PASSWORD, "198.51.100.1", language=language)
        assert words in response.content.decode().lower()


def test_behind_the_proxy_the_forwarded_client_is_locked_not_the_proxy(client, settings, staff):
    settings.HUB_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    # a guesser rotating forged X-Forwarded-For entries is still keyed on its real address
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, f"nobody{n}", "wrong", proxy, forwarded=f"192.0.2.{n}, 198.51.100.7")
    assert login(client, "ana", PASSWORD, proxy, forwarded="198.51.100.7").status_code == 429
    # everyone else behind the same proxy still logs in
    assert login(client, "ana", PASSWORD, proxy, forwarded="203.0.113.5").status_code == 302


def test_without_a_proxy_x_forwarded_for_is_ignored(client, settings, staff):
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, f"nobody{n}", "wrong", "198.51.100.8", forwarded=f"192.0.2.{n}")
    assert (
        login(client, "ana", PASSWORD, "198.51.100.8", forwarded="192.0.2.200").status_code == 429
    )


def test_axes_reset_unlocks(client, settings, staff):
    guess(client, "ana", "198.51.100.1", settings.AXES_FAILURE_LIMIT)
    call_command("axes_reset", verbosity=0)
    assert login(client, "ana", PASSWORD, "198.51.100.1").status_code == 302


def test_load_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("load_demo")


def deploy_errors():
    return {message.id for message in run_checks(include_deployment_checks=True)}


def test_deploy_check_fails_while_an_account_has_the_demo_password(db):
    user = get_user_model().objects.create_user("someone", "s@example.org", DEMO_PASSWORD)
    assert "hub.E001" in deploy_errors()
    user.set_password("Not-the-demo-one-2026")
    user.save()
    assert "hub.E001" not in deploy_errors()


def test_deploy_check_fails_without_collected_static_files(db, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path  # the storage is rebuilt when these settings change
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    assert "hub.E002" in deploy_errors()
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    assert "hub.E002" not in deploy_errors()


def test_public_pages_allow_only_their_own_origin(client, home):
    response = client.get(home.url)
    policy = dict(d.strip().split(" ", 1) for d in response["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == policy["script-src"] == policy["style-src"] == "'self'"
    assert not any("http" in sources or "unsafe" in sources for sources in policy.values())
    assert "camera=()" in response["Permissions-Policy"]


def test_the_admin_may_run_its_inline_scripts(client, superuser):
    client.force_login(superuser)
    policy = client.get(reverse("wagtailadmin_home"))["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline' 'unsafe-eval'" in policy
