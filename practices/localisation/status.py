"""Translation status of practices: state per language, progress, completeness score.

Everything here takes a fixed number of queries whatever the number of practices: one for the
pages (all languages), one for the wagtail-localize translations with their string counts.
docs/translation.md explains the states, the "human pass" rule and the score.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail_localize.models import StringSegment, StringTranslation, Translation

from ..models import PracticePage
from .completeness import WEIGHTS, band_for, content_annotations, content_checks
from .human_pass import MACHINE


class State(models.TextChoices):
    ORIGINAL = "original", _("Original")
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    OUTDATED = "outdated", _("Outdated: the original changed")
    MACHINE = "machine", _("Machine translation, not reviewed")
    UP_TO_DATE = "up_to_date", _("Up to date")


def content_languages():
    return [code for code, _label in settings.WAGTAIL_CONTENT_LANGUAGES]


def language_names():
    return dict(settings.WAGTAIL_CONTENT_LANGUAGES)


# Status of each practice in each language


@dataclass
class LanguageStatus:
    language: str
    state: str
    page_id: int | None = None
    live: bool = False
    unpublished_changes: bool = False
    translation_id: int | None = None
    source_id: int | None = None
    total: int = 0
    translated: int = 0
    machine: int = 0

    @property
    def percent(self):
        if self.state in (State.ORIGINAL, State.UP_TO_DATE, State.MACHINE):
            return 100
        return round(100 * self.translated / self.total) if self.total else 0

    @property
    def label(self):
        return State(self.state).label

    @property
    def started(self):
        return self.state not in (State.ORIGINAL, State.NOT_STARTED)


@dataclass
class PracticeStatus:
    page_id: int
    title: str
    translation_key: object
    language: str
    live: bool
    languages: dict = field(default_factory=dict)
    checks: list = field(default_factory=list)

    @cached_property
    def score(self):
        required = [ok for _label, ok, is_required in self.checks if is_required]
        recommended = [ok for _label, ok, is_required in self.checks if not is_required]
        targets = [s for s in self.languages.values() if s.state != State.ORIGINAL]
        credit = {State.UP_TO_DATE: 1.0, State.NOT_STARTED: 0.0}
        translated = [credit.get(s.state, 0.5) for s in targets]

        def ratio(values):
            return sum(values) / len(values) if values else 1.0

        return round(
            WEIGHTS["required"] * ratio(required)
            + WEIGHTS["recommended"] * ratio(recommended)
            + WEIGHTS["translations"] * ratio(translated)
        )

    @property
    def band(self):
        return band_for(self.score)

    @property
    def missing(self):
        """What keeps the score down, in words, required items first."""
        names = language_names()
        items = [str(label) for label, ok, required in self.checks if required and not ok]
        items += [str(label) for label, ok, required in self.checks if not required and not ok]
        items += [
            str(_("translation to %(language)s") % {"language": names.get(s.language)})
            for s in self.languages.values()
            if s.state not in (State.ORIGINAL, State.UP_TO_DATE)
        ]
        return items

    def status(self, language):
        return self.languages.get(language)


def _segment_count(*conditions):
    """Subquery: the string segments of the translation's source, optionally only those
    with a usable (error-free) string translation matching conditions."""
    segments = StringSegment.objects.filter(source_id=OuterRef("source_id"))
    if conditions:
        translated = StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_id"),
            context_id=OuterRef("context_id"),
            locale_id=OuterRef(OuterRef("target_locale_id")),
            has_error=False,
        ).filter(*conditions)
        segments = segments.filter(Exists(translated))
    counts = segments.order_by().values("source_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counts[:1]), 0)


def translation_rows(model=PracticePage, keys=None):
    """Enabled wagtail-localize translations of model with their progress, in one query."""
    last_string = (
        StringTranslation.objects.filter(
            context__object_id=OuterRef("source__object_id"),
            locale_id=OuterRef("target_locale_id"),
        )
        .order_by()
        .values("locale_id")
        .annotate(last=Max("updated_at"))
        .values("last")
    )
    rows = Translation.objects.filter(
        enabled=True, source__specific_content_type__model=model._meta.model_name
    ).filter(source__specific_content_type__app_label=model._meta.app_label)
    if keys is not None:
        rows = rows.filter(source__object_id__in=keys)
    return rows.annotate(
        total=_segment_count(),
        translated=_segment_count(Q()),
        machine=_segment_count(Q(translation_type=MACHINE)),
        last_string_update=Subquery(last_string[:1]),
        key=F("source__object_id"),
        synced_at=F("source__last_updated_at"),
        source_language=F("source__locale__language_code"),
        language=F("target_locale__language_code"),
    ).values(
        "id",
        "source_id",
        "key",
        "synced_at",
        "source_language",
        "language",
        "total",
        "translated",
        "machine",
        "last_string_update",
    )


def page_rows(model=PracticePage, keys=None, with_content=True):
    pages = model.objects.all()
    if keys is not None:
        pages = pages.filter(translation_key__in=keys)
    names = [
        "pk",
        "title",
        "translation_key",
        "language",
        "original_language",
        "live",
        "has_unpublished_changes",
        "last_published_at",
        "alias_of_id",
    ]
    pages = pages.annotate(language=F("locale__language_code"))
    if with_content:
        annotations = content_annotations(model)
        pages = pages.annotate(**annotations)
        names += list(annotations)
    return pages.order_by("title", "pk").values(*names)


def language_state(language, source_page, page, translation):
    """The state of one language of a practice from its page and translation rows."""
    status = LanguageStatus(language=language, state=State.NOT_STARTED)
    if page is None or page["alias_of_id"]:
        return status
    status.page_id = page["pk"]
    status.live = page["live"]
    changed_at = source_page["last_published_at"]
    if translation is None:
        # A page translated by hand outside wagtail-localize: only dates to go by.
        published_at = page["last_published_at"]
        stale = changed_at and (published_at is None or changed_at > published_at)
        status.state = State.OUTDATED if stale else State.UP_TO_DATE
        status.unpublished_changes = page["has_unpublished_changes"] or not page["live"]
        return status
    status.translation_id = translation["id"]
    status.source_id = translation["source_id"]
    status.total = translation["total"]
    status.translated = translation["translated"]
    status.machine = translation["machine"]
    if changed_at and changed_at > translation["synced_at"]:
        status.state = State.OUTDATED
    elif status.translated < status.total:
        status.state = State.IN_PROGRESS
    elif status.machine:
        status.state = State.MACHINE
    else:
        status.state = State.UP_TO_DATE
    last_string, published_at = translation["last_string_update"], page["last_published_at"]
    status.unpublished_changes = (
        not page["live"]
        or page["has_unpublished_changes"]
        or bool(last_string and published_at and last_string > published_at)
    )
    return status


def practice_statuses(keys=None, model=PracticePage):
    """PracticeStatus for every practice (or those translation keys), in two queries."""
    languages = content_languages()
    groups = {}
    practices = issubclass(model, PracticePage)
    checks = content_checks(model) if practices else []
    for row in page_rows(model, keys, with_content=practices):
        groups.setdefault(row["translation_key"], {})[row["language"]] = row
    translations = {}
    for row in translation_rows(model, keys):
        translations.setdefault((row["key"], row["language"]), []).append(row)

    statuses = []
    for key, pages in groups.items():
        source = _source_page(pages, languages)
        status = PracticeStatus(
            page_id=source["pk"],
            title=source["title"],
            translation_key=key,
            language=source["language"],
            live=source["live"],
        )
        if practices:
            status.checks = [
                (label, source[f"has_{name}"], required) for name, label, required in checks
            ]
        for language in languages:
            if language == source["language"]:
                status.languages[language] = LanguageStatus(
                    language=language,
                    state=State.ORIGINAL,
                    page_id=source["pk"],
                    live=source["live"],
                    unpublished_changes=source["has_unpublished_changes"],
                )
                continue
            candidates = translations.get((key, language), [])
            # Prefer the translation made from the original over one made from another copy.
            candidates.sort(key=lambda row: row["source_language"] != source["language"])
            translation = candidates[0] if candidates else None
            page = pages.get(language)
            status.languages[language] = language_state(language, source, page, translation)
        statuses.append(status)
    return sorted(statuses, key=lambda status: (status.title.casefold(), status.page_id))


def _source_page(pages, languages):
    """The original: the page in its original language, else the first language present."""
    for page in pages.values():
        if page["language"] == page["original_language"]:
            return page
    return next(pages[language] for language in [*languages, *pages] if language in pages)


def statuses_by_key(keys=None):
    return {status.translation_key: status for status in practice_statuses(keys)}
