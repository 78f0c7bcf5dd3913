"""The one way a practice becomes a draft: the public proposal, the importer and the demo."""

from django.utils.text import slugify

from wagtail.coreutils import find_available_slug

SLUG_LENGTH = 80


def slug_for(title):
    """Slug of the title cut at a word boundary."""
    slug = slugify(title)
    if len(slug) > SLUG_LENGTH:
        slug = slug[: SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return slug.strip("-") or "practica"


def save_draft(page, *, parent=None, user=None, submit=True, clean=False):
    """Save page as a draft revision and return the revision.

    A new page is added under ``parent`` (not live), with a slug from its title that is free
    there unless it has one. With ``submit`` the draft enters its section's workflow unless it
    is in one already. ``clean`` validates the revision, as publishing needs; Wagtail's editor
    lets drafts lack required fields.
    """
    if page.pk is None:
        page.slug = page.slug or find_available_slug(parent, slug_for(page.title))
        page.live = False
        parent.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True, clean=clean)
    if submit:
        workflow = page.get_workflow()
        if workflow is not None and not page.workflow_in_progress:
            workflow.start(page, user)
    return revision
