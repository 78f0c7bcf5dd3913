"""Write an Extraction as a draft PracticePage: created once, then updated, never duplicated."""

import calendar
import datetime
import difflib
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.html import escape

from wagtail.models import Locale

from practices.drafts import save_draft
from practices.models import (
    Country,
    PracticeIndexPage,
    PracticeLesson,
    PracticePage,
    PracticeRecommendation,
    Theme,
)

from .extract import PROSE_SECTIONS, fold

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
# The page has no field for partners and funders as text: they go to the description.
PARTNERS_HEADINGS = {
    "es": "Socios y financiadores",
    "pt": "Parceiros e financiadores",
    "en": "Partners and funders",
}
TITLE_SIMILARITY = 0.85  # difflib ratio of the folded titles
CONTENT_OVERLAP = 0.6  # share of the summary's word triples found in an existing summary


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


def prose_html(text):
    """Paragraphs as <p>, runs of '- ' items as one <ul>."""
    html, items = [], []
    for paragraph in [p for p in text.split("\n\n") if p.strip()]:
        if paragraph.startswith("- "):
            items.append(paragraph[2:])
            continue
        if items:
            html.append(results_html(items))
            items = []
        html.append(f"<p>{escape(paragraph)}</p>")
    if items:
        html.append(results_html(items))
    return "".join(html)


def description_html(extraction):
    """Sections without a field of their own, and the partners, kept under their headings."""
    html = prose_html(extraction.description)
    if extraction.partners:
        heading = PARTNERS_HEADINGS.get(extraction.language, PARTNERS_HEADINGS["es"])
        html += f"<h2>{heading}</h2>{results_html(extraction.partners)}"
    return html


def stated_date(value, end=False):
    """'2023-04' -> 1 April 2023 (30 April as an end date); '2023' -> 1 Jan (31 Dec)."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", value or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2] or (12 if end else 1))
    day = calendar.monthrange(year, month)[1] if end else 1
    return datetime.date(year, month, day)


def shingles(text):
    words = fold(text).split()
    return {tuple(words[i : i + 3]) for i in range(max(0, len(words) - 2))}


def possible_duplicates(extraction, fingerprint):
    """IDs of existing practices, in any language, that look like this document: the same
    words, a similar title, or most of the summary's word triples."""
    matcher = difflib.SequenceMatcher(None, "", fold(extraction.title))  # caches the title
    summary = shingles(extraction.summary)

    def similar(title):
        matcher.set_seq1(fold(title))
        return (
            matcher.real_quick_ratio() >= TITLE_SIMILARITY
            and matcher.quick_ratio() >= TITLE_SIMILARITY
            and matcher.ratio() >= TITLE_SIMILARITY
        )

    found = []
    pages = PracticePage.objects.order_by("pk").values_list(
        "pk", "title", "draft_title", "summary", "import_fingerprint"
    )
    for pk, title, draft_title, page_summary, page_fingerprint in pages:
        if (
            page_fingerprint == fingerprint
            or similar(title)
            or (draft_title != title and similar(draft_title))
            or (summary and len(summary & shingles(page_summary)) >= CONTENT_OVERLAP * len(summary))
        ):
            found.append(pk)
    return found


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
    for name in PROSE_SECTIONS:
        setattr(page, name, prose_html(getattr(extraction, name)))
    page.description = description_html(extraction)
    page.subnational_area = extraction.subnational_area
    page.start_date = stated_date(extraction.start_date)
    page.end_date = stated_date(extraction.end_date, end=True)
    page.contact_name = extraction.contact_name[:255]
    page.contact_email = extraction.contact_email  # never public until consent is recorded
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
                page = PracticePage(locale=parent.locale)
                fill(page, extraction, parent.locale)
                page.import_source, page.import_fingerprint = source, fingerprint
            else:
                page = page.get_latest_revision_as_object()
                fill(page, extraction, page.locale)
                page.import_source, page.import_fingerprint = source, fingerprint
                PracticePage.objects.filter(pk=page.pk).update(
                    import_source=source, import_fingerprint=fingerprint
                )
            revision = save_draft(page, parent=parent, user=user, submit=not publish, clean=publish)
            if publish:
                revision.publish(user=user)
    except ValidationError as error:
        raise WriteError(
            "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
        ) from error
    return status, page
