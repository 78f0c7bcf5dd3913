"""Editorial roles: groups, permissions, country collections and the review workflow.

Everything here is idempotent and works with historical models (pass ``apps``) as well as with
the real ones (the default); migration ``home.0003`` carries a frozen copy of what it set up.
``docs/roles.md`` explains the roles; ``tests/workflow/permission_matrix.csv`` is what they
may and may not do.

Page permissions and the workflow hang on the section index pages (practices and toolkits, in
every language). Those pages are created by the demo loader or by hand, not by migrations, so
the grant runs twice: from migration ``home.0003`` for the sections that already exist and from
``grant_section``, a ``post_save`` receiver (connected in ``PracticesConfig.ready``), for every
new one.
"""

import logging

from django.apps import apps as global_apps
from django.conf import settings

logger = logging.getLogger(__name__)

CONTRIBUTORS = "Contributors"
REVIEWERS = "Reviewers"
TRANSLATORS = "Translators"
KM_ADMINS = "KM admins"
GROUPS = [CONTRIBUTORS, REVIEWERS, TRANSLATORS, KM_ADMINS]

WORKFLOW = "Revisión editorial"
REVIEW_TASK = "Revisión"
APPROVAL_TASK = "Aprobación final"
WORKFLOW_TASKS = [(REVIEW_TASK, REVIEWERS), (APPROVAL_TASK, KM_ADMINS)]

# The index pages under which practices and toolkits live (one per language).
SECTION_MODELS = [("practices", "PracticeIndexPage"), ("practices", "ToolkitIndexPage")]

# Page permissions on each section index page (they apply to the whole section below it).
SECTION_PERMISSIONS = {
    CONTRIBUTORS: ["add_page", "change_page"],
    REVIEWERS: ["change_page", "lock_page"],
}
# Translators only edit the sections of the target languages, never the source language's.
TRANSLATION_SECTION_PERMISSIONS = {TRANSLATORS: ["change_page"]}
# KM admins hold every page permission on the tree root, so on every site and language.
ROOT_PAGE_PERMISSIONS = {
    KM_ADMINS: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ]
}

# One image and document collection per country office.
COUNTRY_OFFICES = [
    "Argentina",
    "Bolivia",
    "Brasil",
    "Chile",
    "Colombia",
    "Ecuador",
    "Guyana",
    "Paraguay",
    "Perú",
    "Surinam",
    "Uruguay",
    "Venezuela",
    "Regional",
]
MEDIA = [("wagtailimages", "image"), ("wagtaildocs", "document")]
OFFICE_COLLECTION_ACTIONS = {
    CONTRIBUTORS: ["add", "choose"],
    REVIEWERS: ["add", "change", "choose"],
    TRANSLATORS: ["add", "choose"],
}
ROOT_COLLECTION_ACTIONS = {KM_ADMINS: ["add", "change", "delete", "choose"]}

CRUD = ["add", "change", "delete", "view"]
TAXONOMY_MODELS = ["theme", "population", "country", "gcmobjective", "gcmprinciple", "organisation"]
ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin")
SUBMIT_TRANSLATION = ("wagtail_localize", "translation", "submit_translation")


def _model_permissions(app_label, model, actions):
    return [(app_label, model, f"{action}_{model}") for action in actions]


MODEL_PERMISSIONS = {
    CONTRIBUTORS: [ACCESS_ADMIN],
    REVIEWERS: [ACCESS_ADMIN],
    TRANSLATORS: [ACCESS_ADMIN, SUBMIT_TRANSLATION],
    KM_ADMINS: [
        ACCESS_ADMIN,
        SUBMIT_TRANSLATION,
        *[p for model in TAXONOMY_MODELS for p in _model_permissions("practices", model, CRUD)],
        ("home", "hubsettings", "change_hubsettings"),
        ("practices", "contactmessage", "view_contactmessage"),
        *_model_permissions("auth", "user", CRUD),
        *_model_permissions("wagtailcore", "collection", ["add", "change", "delete"]),
        *_model_permissions("wagtailcore", "workflow", ["add", "change", "delete"]),
        *_model_permissions("wagtailcore", "task", ["add", "change", "delete"]),
        *_model_permissions("wagtailredirects", "redirect", ["add", "change", "delete"]),
        *_model_permissions(
            "wagtailsearchpromotions", "searchpromotion", ["add", "change", "delete"]
        ),
    ],
}


def _permission(apps, app_label, model, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(
        content_type__app_label=app_label, content_type__model=model, codename=codename
    )


def _groups(apps, names):
    Group = apps.get_model("auth", "Group")
    return {group.name: group for group in Group.objects.filter(name__in=names)}


def ensure_groups(apps=global_apps):
    """The four groups with their model permissions (added, never removed)."""
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*(_permission(apps, *p) for p in MODEL_PERMISSIONS[name]))


def _grant_page(apps, group, page_id, codenames):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page_id=page_id,
            permission=_permission(apps, "wagtailcore", "page", codename),
        )


def ensure_root_permissions(apps=global_apps):
    Page = apps.get_model("wagtailcore", "Page")
    root = Page.objects.get(depth=1)
    for name, group in _groups(apps, ROOT_PAGE_PERMISSIONS).items():
        _grant_page(apps, group, root.pk, ROOT_PAGE_PERMISSIONS[name])


def _next_child_path(parent, children, steplen=4):
    """The materialised path of a new last child (treebeard's base-36 steps)."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    last = children.order_by("-path").values_list("path", flat=True).first()
    number = 1
    if last:
        number = int(last[-steplen:], 36) + 1
    digits = ""
    while number:
        number, digit = divmod(number, 36)
        digits = alphabet[digit] + digits
    return parent.path + digits.rjust(steplen, "0")


def ensure_collections(apps=global_apps):
    """A collection per country office under the root, and who may use it."""
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.get(depth=1)
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    offices = []
    for name in COUNTRY_OFFICES:
        office = children.filter(name=name).first()
        if office is None:
            office = Collection.objects.create(
                name=name, depth=2, path=_next_child_path(root, children), numchild=0
            )
            root.numchild = children.count()
            root.save(update_fields=["numchild"])
        offices.append(office)

    def grant(group, collection, actions):
        for app_label, model in MEDIA:
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=collection,
                    permission=_permission(apps, app_label, model, f"{action}_{model}"),
                )

    for name, group in _groups(apps, OFFICE_COLLECTION_ACTIONS).items():
        for office in offices:
            grant(group, office, OFFICE_COLLECTION_ACTIONS[name])
    for name, group in _groups(apps, ROOT_COLLECTION_ACTIONS).items():
        grant(group, root, ROOT_COLLECTION_ACTIONS[name])


def ensure_workflow(apps=global_apps):
    """The "Revisión editorial" workflow: review by Reviewers, then approval by KM admins."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    groups = _groups(apps, [group for _task, group in WORKFLOW_TASKS])
    for order, (task_name, group_name) in enumerate(WORKFLOW_TASKS):
        task, created = GroupApprovalTask.objects.get_or_create(
            name=task_name, defaults={"content_type": content_type, "active": True}
        )
        if created:
            task.groups.add(groups[group_name])
        WorkflowTask.objects.get_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    return workflow


def grant_section(page, apps=global_apps):
    """Page permissions and the review workflow on one section index page (idempotent).

    Only looks up the groups and the workflow (by name); if an administrator renamed or deleted
    them, nothing is recreated behind their back.
    """
    Locale = apps.get_model("wagtailcore", "Locale")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    grants = dict(SECTION_PERMISSIONS)
    language = Locale.objects.get(pk=page.locale_id).language_code
    if language != settings.LANGUAGE_CODE:
        grants.update(TRANSLATION_SECTION_PERMISSIONS)
    for name, group in _groups(apps, grants).items():
        _grant_page(apps, group, page.pk, grants[name])

    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None:
        logger.warning("Workflow %r not found; section %s has no review workflow", WORKFLOW, page)
    else:
        WorkflowPage.objects.get_or_create(page_id=page.pk, defaults={"workflow": workflow})


def grant_sections(apps=global_apps):
    for app_label, model_name in SECTION_MODELS:
        for page in apps.get_model(app_label, model_name).objects.all():
            grant_section(page, apps)


def setup_roles(apps=global_apps):
    """Everything at once: what migration ``home.0003`` runs."""
    ensure_groups(apps)
    ensure_root_permissions(apps)
    ensure_collections(apps)
    ensure_workflow(apps)
    grant_sections(apps)


def section_created(sender, instance, created, raw=False, **kwargs):
    """post_save receiver for the section index pages (connected in ``PracticesConfig.ready``)."""
    if created and not raw:
        grant_section(instance)


def connect():
    """Connect ``section_created`` to the section page models."""
    from django.db.models.signals import post_save

    for app_label, model_name in SECTION_MODELS:
        post_save.connect(
            section_created,
            sender=global_apps.get_model(app_label, model_name),
            dispatch_uid=f"practices.roles.section_created.{model_name}",
        )
