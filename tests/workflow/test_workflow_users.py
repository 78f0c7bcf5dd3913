"""The users admin refuses escalation: no superuser, no group beyond the editor's own rights."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

import pytest

from practices.roles import KM_ADMINS

User = get_user_model()
PASSWORD = "Another-long-pass-2026"


def new_user_data(username, **extra):
    return {
        "username": username,
        "email": f"{username}@example.org",
        "first_name": "New",
        "last_name": "Person",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }


@pytest.fixture
def it_group(db):
    """A group that may edit groups and permissions: admin rights by another name."""
    group = Group.objects.create(name="IT")
    group.permissions.add(Permission.objects.get(codename="change_group"))
    return group


def test_km_admin_cannot_create_a_superuser(client, users):
    client.force_login(users["km_admin"])
    form = client.get(reverse("wagtailusers_users:add")).context["form"]
    assert "is_superuser" not in form.fields
    client.post(reverse("wagtailusers_users:add"), new_user_data("sneaky", is_superuser="on"))
    assert User.objects.get(username="sneaky").is_superuser is False


def test_superuser_still_creates_superusers(client, superuser):
    client.force_login(superuser)
    client.post(reverse("wagtailusers_users:add"), new_user_data("it2", is_superuser="on"))
    assert User.objects.get(username="it2").is_superuser is True


def test_km_admin_cannot_make_a_colleague_superuser(client, users):
    client.force_login(users["km_admin"])
    target = users["contributor"]
    data = new_user_data("contributor", is_superuser="on", is_active="on")
    data["groups"] = [g.pk for g in target.groups.all()]
    response = client.post(reverse("wagtailusers_users:edit", args=[target.pk]), data)
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.is_superuser is False
    assert target.check_password(PASSWORD)  # the edit itself went through


def test_km_admin_cannot_reset_a_superuser_password(client, users, superuser):
    client.force_login(users["km_admin"])
    url = reverse("wagtailusers_users:edit", args=[superuser.pk])
    response = client.post(url, {"password1": PASSWORD, "password2": PASSWORD})
    assert response["Location"] == reverse("wagtailadmin_home")  # "no permission"
    superuser.refresh_from_db()
    assert not superuser.check_password(PASSWORD)


def test_km_admin_cannot_grant_a_group_with_rights_they_lack(client, users, it_group):
    client.force_login(users["km_admin"])
    data = new_user_data("grantee", groups=[it_group.pk])
    response = client.post(reverse("wagtailusers_users:add"), data)
    assert response.status_code == 200
    assert "groups" in response.context["form"].errors
    assert not User.objects.filter(username="grantee").exists()


def test_km_admin_may_grant_their_own_group(client, users):
    client.force_login(users["km_admin"])
    data = new_user_data("colleague", groups=[Group.objects.get(name=KM_ADMINS).pk])
    client.post(reverse("wagtailusers_users:add"), data)
    assert User.objects.get(username="colleague").groups.filter(name=KM_ADMINS).exists()


def test_km_admin_cannot_edit_a_user_who_outranks_them(client, users, it_group):
    client.force_login(users["km_admin"])
    it_person = User.objects.create_user("it-person", "it@example.org", "x")
    it_person.groups.add(it_group)
    for view in ("edit", "delete"):
        response = client.get(reverse(f"wagtailusers_users:{view}", args=[it_person.pk]))
        assert response["Location"] == reverse("wagtailadmin_home")
