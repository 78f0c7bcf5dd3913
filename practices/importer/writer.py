"""Write an Extraction as a draft PracticePage: created once, then updated, never duplicated."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.html import escape
from django.utils.text import slugify

from wagtail.coreutils import find_available_slug
from wagtail.models import Locale

from practices.models import (
    Country,
    PracticeIndexPage,
    PracticeLesson,
    PracticePage,
    PracticeRecommendation,
    Theme,
)

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class WriteError(Exception):
    """The practice cannot be written (no index for the language, invalid fields)."""


def practice_index(language, parent=None):
    """The index to import into: the one given, else the one in the document's language."""
    if parent is not None:
        return parent
    index = PracticeIndexPage.objects.filter(locale__language_code=language).first()
    if index is None:
        raise WriteError(f"no practice index for language '{language}' (use --parent)")
    return index


def find_existing(extraction, source, fingerprint, locale):
    """(status, page): same fingerprint -> unchanged; same file name and title -> updated."""
    pages = PracticePage.objects.filter(locale=locale)
    page = pages.filter(import_fingerprint=fingerprint).first()
    if page is not None:
        return UNCHANGED, page
    page = (
        pages.filter(import_source=source)
        .filter(Q(title=extraction.title) | Q(draft_title=extraction.title))
        .first()
    )
    return (UPDATED, page) if page is not None else (CREATED, None)


def results_html(results):
    return f"<ul>{''.join(f'<li>{escape(item)}</li>' for item in results)}</ul>" if results else ""


def fill(page, extraction, locale):
    """Copy the extracted fields onto the page (taxonomies are the Spanish source terms)."""
    page.title = extraction.title
    page.summary = extraction.summary
    page.results = results_html(extraction.results)
    page.original_language = extraction.language
    page.lessons = [
        PracticeLesson(text=text, locale=locale, sort_order=order)
        for order, text in enumerate(extraction.lessons)
    ]
    page.recommendations = [
        PracticeRecommendation(text=text, locale=locale, sort_order=order)
        for order, text in enumerate(extraction.recommendations)
    ]
    default = Locale.get_default()
    page.countries = list(Country.objects.filter(locale=default, code__in=extraction.countries))
    page.themes = list(Theme.objects.filter(locale=default, slug__in=extraction.themes))


def write_practice(
    extraction, *, source, fingerprint, parent=None, user=None, publish=False, dry_run=False
):
    """Create or update the draft for one document; returns (status, page or None)."""
    parent = practice_index(extraction.language, parent)
    status, page = find_existing(extraction, source, fingerprint, parent.locale)
    if dry_run or status == UNCHANGED:
        return status, page
    if page is not None and user is not None and not page.permissions_for_user(user).can_edit():
        raise WriteError(f"no permission to edit the existing practice {page.pk}")
    try:
        with transaction.atomic():
            if page is None:
                page = PracticePage(
                    slug=find_available_slug(
                        parent, slugify(extraction.title)[:80].strip("-") or "practica"
                    ),
                    live=False,
                    locale=parent.locale,
                )
                fill(page, extraction, parent.locale)
                page.import_source, page.import_fingerprint = source, fingerprint
                parent.add_child(instance=page)
            else:
                page = page.get_latest_revision_as_object()
                fill(page, extraction, page.locale)
                page.import_source, page.import_fingerprint = source, fingerprint
                PracticePage.objects.filter(pk=page.pk).update(
                    import_source=source, import_fingerprint=fingerprint
                )
            # Drafts, as in Wagtail's editor, may lack required fields; publishing validates.
            revision = page.save_revision(user=user, log_action=True, clean=publish)
            if publish:
                revision.publish(user=user)
            else:
                workflow = page.get_workflow()
                if workflow is not None and not page.workflow_in_progress:
                    workflow.start(page, user)
    except ValidationError as error:
        raise WriteError(
            "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
        ) from error
    return status, page
