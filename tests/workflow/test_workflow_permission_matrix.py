"""Who may do what in the admin: every row of permission_matrix.csv, for every role.

Cells of the matrix:
  200     the page or form is shown
  302     the action was carried out and the admin redirects (POST rows)
  login   redirected to the admin login (anonymous visitors)
  denied  redirected to the dashboard with "you do not have permission"
  403     refused with 403 Forbidden
  404     not found for this user
"""

import csv
from pathlib import Path

from django.contrib.messages import ERROR, get_messages
from django.urls import reverse

import pytest

NEXT = "/admin/pages/"  # where POST rows go on success, to tell success from refusal
MATRIX = Path(__file__).with_name("permission_matrix.csv")
ROLES = ["anonymous", "contributor", "translator", "reviewer", "km_admin"]
DUMMY_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
    "OPTIONS": {},
}


def read_matrix():
    with MATRIX.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["row"].strip()]


def edit(name):
    return lambda p: ("get", reverse("wagtailadmin_pages:edit", args=[p[name].pk]), None)


def page_view(view, name, method="get"):
    return lambda p: (method, reverse(f"wagtailadmin_pages:{view}", args=[p[name].pk]), None)


def add(app_label, model, parent):
    return lambda p: (
        "get",
        reverse("wagtailadmin_pages:add", args=[app_label, model, p[parent].pk]),
        None,
    )


def compare(p):
    url = reverse(
        "wagtailadmin_pages:revisions_compare", args=[p["practice"].pk, "earliest", "latest"]
    )
    return "get", url, None


def revision_view(p):
    page = p["practice"]
    url = reverse("wagtailadmin_pages:revisions_view", args=[page.pk, page.latest_revision_id])
    return "get", url, None


def workflow_approve(p):
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[p["moderated"].pk, "approve", p["task_state"].pk],
    )
    return "post", url, {}


def translation_view(view, method="get", data=None):
    def build(p):
        url = reverse(f"wagtail_localize:{view}", args=[p["po_translation"].pk])
        return method, url, data(p) if data else None

    return build


def po_file(p):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = str(p["po_translation"].export_po()).encode()
    return {"file": SimpleUploadedFile("practice-en.po", content)}


def submit_translation(p):
    url = reverse("wagtail_localize:submit_page_translation", args=[p["practice"].pk])
    return "get", url, None


def update_translations(p):
    url = reverse("wagtail_localize:update_translations", args=[p["po_translation"].source_id])
    return "get", url, None


def user_view(view, name, method="get", data=None):
    return lambda p: (method, reverse(f"wagtailusers_users:{view}", args=[p[name].pk]), data)


NEW_PASSWORD = {"password1": "Taken-over-2026!", "password2": "Taken-over-2026!"}


def named(name):
    return lambda p: ("get", reverse(name), None)


def settings_edit(p):
    return "get", reverse("wagtailsettings:edit", args=["home", "hubsettings", p["site"].pk]), None


def snippet(view, pk=False):
    def build(p):
        args = [p["theme"].pk] if pk else []
        return "get", reverse(f"wagtailsnippets_practices_theme:{view}", args=args), None

    return build


REQUESTS = {
    "dashboard": named("wagtailadmin_home"),
    "explore_practices": lambda p: (
        "get",
        reverse("wagtailadmin_explore", args=[p["index"].pk]),
        None,
    ),
    "add_practice": add("practices", "practicepage", "index"),
    "add_standard_page": add("home", "standardpage", "home"),
    "edit_practice_es": edit("practice"),
    "edit_translation_en": edit("translation"),
    "edit_pt_original": edit("pt_original"),
    "edit_toolkit_es": edit("toolkit"),
    "edit_draft": edit("draft"),
    "edit_in_moderation": edit("moderated"),
    "edit_standard_page": edit("standard"),
    "edit_home_es": edit("home"),
    "edit_home_en": edit("en_home"),
    "add_collection": add("practices", "collectionpage", "home"),
    "edit_collection": edit("collection"),
    "add_call": add("practices", "callforpracticespage", "home"),
    "edit_call": edit("call"),
    "proposals_by_call": lambda p: (
        "get",
        reverse("practice_listing:index") + f"?call={p['call'].pk}",
        None,
    ),
    "view_draft": page_view("view_draft", "practice"),
    "preview": page_view("preview_on_edit", "practice", method="post"),
    "history": page_view("history", "practice"),
    "revision_view": revision_view,
    "revisions_compare": compare,
    "copy": page_view("copy", "practice"),
    "move": page_view("move", "practice"),
    "delete_live": page_view("delete", "practice"),
    "delete_draft": page_view("delete", "draft"),
    "delete_own_draft": page_view("delete", "own_draft"),
    "delete_in_moderation": page_view("delete", "moderated"),
    "delete_proposal": page_view("delete", "proposal"),
    "unpublish": page_view("unpublish", "practice"),
    "lock": page_view("lock", "practice", method="post"),
    "unlock_others_lock": page_view("unlock", "locked", method="post"),
    "workflow_history": page_view("workflow_history", "moderated"),
    "workflow_approve": workflow_approve,
    "submit_translation": submit_translation,
    "sync_translations": update_translations,
    "po_download": translation_view("download_pofile"),
    "po_upload": translation_view("upload_pofile", "post", po_file),
    "machine_translate": translation_view("machine_translate", "post", lambda p: {}),
    "hub_settings": settings_edit,
    "choose_organisation": named("wagtailsnippetchoosers_practices_organisation:choose"),
    "taxonomy_list": snippet("list"),
    "taxonomy_edit": snippet("edit", pk=True),
    "users": named("wagtailusers_users:index"),
    "user_add": named("wagtailusers_users:add"),
    "user_edit_plain": user_view("edit", "plain_user"),
    "user_edit_superuser": user_view("edit", "it_superuser"),
    "user_password_superuser": user_view("edit", "it_superuser", "post", NEW_PASSWORD),
    "user_delete_superuser": user_view("delete", "it_superuser"),
    "workflows": named("wagtailadmin_workflows:index"),
    "image_upload": named("wagtailimages:add"),
    "document_upload": named("wagtaildocs:add"),
}


def outcome(response):
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(reverse("wagtailadmin_login")):
            return "login"
        errors = [m for m in get_messages(response.wsgi_request) if m.level == ERROR]
        if location == reverse("wagtailadmin_home") and errors:
            return "denied"
        return "302"
    return str(response.status_code)


CASES = [(row["row"], role, row[role].strip()) for row in read_matrix() for role in ROLES]


def test_matrix_covers_every_request_once():
    rows = [row["row"] for row in read_matrix()]
    assert sorted(rows) == sorted(REQUESTS)
    assert len(rows) == len(set(rows))


@pytest.mark.parametrize(("row", "role", "expected"), CASES, ids=[f"{r}-{u}" for r, u, _ in CASES])
def test_permission_matrix(client, settings, users, pages, row, role, expected):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DUMMY_TRANSLATOR
    if role != "anonymous":
        client.force_login(users[role])
    method, url, data = REQUESTS[row](pages)
    data = {"next": NEXT, **(data or {})} if method == "post" else {}
    response = getattr(client, method)(url, data)
    assert outcome(response) == expected, f"{role} {method.upper()} {url}"
