"""Translation status of practices: state per language, progress, completeness score.

Everything here takes a fixed number of queries whatever the number of practices: one for the
pages (all languages), one for the wagtail-localize translations with their string counts.
docs/translation.md explains the states, the "human pass" rule and the score.
"""

from dataclasses import dataclass, field
from itertools import permutations

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from search.visibility import public_now

from .human_pass import MACHINE, unreviewed_strings
from .models import PracticeActor, PracticeLesson, PracticePage, PracticeRecommendation

MANUAL = StringTranslation.TRANSLATION_TYPE_MANUAL
REVIEWED_ACTION = "practices.translation_reviewed"
EMPTY_HTML = ["", "<p></p>", "<p><br/></p>", "<p><br></p>"]


class State(models.TextChoices):
    ORIGINAL = "original", _("Original")
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    OUTDATED = "outdated", _("Outdated: the original changed")
    MACHINE = "machine", _("Machine translation, not reviewed")
    UP_TO_DATE = "up_to_date", _("Up to date")


class Band(models.TextChoices):
    LOW = "low", _("Low (under 50)")
    MEDIUM = "medium", _("Medium (50 to 79)")
    HIGH = "high", _("High (80 or more)")


def band_for(score):
    return Band.HIGH if score >= 80 else Band.MEDIUM if score >= 50 else Band.LOW


def content_languages():
    return [code for code, _label in settings.WAGTAIL_CONTENT_LANGUAGES]


def language_names():
    return dict(settings.WAGTAIL_CONTENT_LANGUAGES)


# Completeness: (key, label, required). Required items weigh 50 points, recommended ones 20,
# translations 30 (each target language: up to date 1, started 0.5, missing 0).
# The rich-text sections are the model's `sections`.
def content_checks(model=PracticePage):
    def sections(required, after_items=None):
        return [
            (section.name, model._meta.get_field(section.name).verbose_name, required)
            for section in model.sections
            if section.required == required and after_items in (None, section.after_items)
        ]

    return [
        ("summary", _("summary"), True),
        *sections(True),
        ("lessons", _("lessons learned"), True),
        ("countries", _("countries"), True),
        ("themes", _("themes"), True),
        *sections(False, after_items=False),
        ("recommendations", _("recommendations"), False),
        *sections(False, after_items=True),
        ("populations", _("target populations"), False),
        ("gcm_objectives", _("GCM objectives"), False),
        ("actors", _("implementers, partners and funders"), False),
    ]


WEIGHTS = {"required": 50, "recommended": 20, "translations": 30}
TEXT_FIELDS = {"summary"}
TAXONOMY_FIELDS = {"countries", "themes", "populations", "gcm_objectives"}
ITEM_MODELS = {
    "lessons": PracticeLesson,
    "recommendations": PracticeRecommendation,
    "actors": PracticeActor,
}


def content_annotations(model=PracticePage):
    """One boolean annotation per completeness check (named has_<key>)."""
    annotations = {}
    sections = {section.name for section in model.sections}
    for key, _label, _required in content_checks(model):
        if key in TEXT_FIELDS:
            condition = ~Q(**{key: ""})
        elif key in sections:
            condition = ~Q(**{f"{key}__in": EMPTY_HTML})
        elif key in TAXONOMY_FIELDS:
            through = PracticePage._meta.get_field(key).remote_field.through
            condition = Exists(through.objects.filter(practicepage_id=OuterRef("pk")))
        else:
            condition = Exists(ITEM_MODELS[key].objects.filter(page_id=OuterRef("pk")))
        annotations[f"has_{key}"] = models.ExpressionWrapper(
            condition, output_field=models.BooleanField()
        )
    return annotations


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


# The public label and the human pass


def mark_reviewed(translation, user):
    """The human pass in bulk: a reviewer accepts the machine strings as they are.

    They become manual translations (tool_name keeps which engine produced them) and the
    review is written to the target page's history. Returns the number of strings.
    """
    count = unreviewed_strings(translation).update(
        translation_type=MANUAL, last_translated_by=user, updated_at=timezone.now()
    )
    if count:
        target = translation.get_target_instance()
        log(
            instance=target,
            action=REVIEWED_ACTION,
            user=user,
            data={"language": translation.target_locale.language_code, "strings": count},
        )
    return count


def is_machine_translation(page):
    """Does the live text of this translated page contain machine translation that no
    human has reviewed? One query.

    Only strings saved before the page was last published count: they are the ones the
    visitor reads. A string counts once it is used by the current source.
    """
    used = StringSegment.objects.filter(
        string_id=OuterRef("translation_of_id"), context_id=OuterRef("context_id")
    )
    strings = StringTranslation.objects.filter(
        locale_id=page.locale_id,
        context__object_id=page.translation_key,
        translation_type=MACHINE,
        has_error=False,
    )
    if page.last_published_at:
        strings = strings.filter(updated_at__lte=page.last_published_at)
    return strings.filter(Exists(used)).exists()


@dataclass
class PublicLanguageStatus:
    kind: str  # "original", "outdated", "human" or "machine"
    original: object = None  # the live original page, when this is a translation


def public_language_status(page):
    """What the public label says about this page's language (at most two queries)."""
    if page.locale.language_code == page.original_language:
        return PublicLanguageStatus("original")
    translations = getattr(page, "live_translations", None)
    if translations is None:
        translations = {
            p.locale.language_code: p
            for p in public_now(page.get_translations()).select_related("locale")
        }
    original = translations.get(page.original_language)
    published = [original and original.last_published_at, page.last_published_at]
    if all(published) and published[0] > published[1]:
        # The original was published again after this translation: it is behind.
        return PublicLanguageStatus("outdated", original)
    kind = "machine" if is_machine_translation(page) else "human"
    return PublicLanguageStatus(kind, original)


# Machine translation availability, for the admin


@dataclass
class MachineTranslation:
    name: str = ""
    pairs: list = field(default_factory=list)
    reason: str = ""

    @property
    def available(self):
        return bool(self.pairs)

    def can_translate(self, source, target):
        return (source, target) in self.pairs


def machine_translation_status():
    """Which machine translator is configured and for which language pairs."""
    try:
        translator = get_machine_translator()
    except (ImportError, KeyError) as error:
        return MachineTranslation(reason=str(error))
    if translator is None:
        return MachineTranslation(reason=_("No machine translator is configured."))
    locales = [Locale(language_code=code) for code in content_languages()]
    pairs = [
        (source.language_code, target.language_code)
        for source, target in permutations(locales, 2)
        if translator.can_translate(source, target)
    ]
    reason = ""
    if not pairs:
        reason = getattr(translator, "unavailable_reason", lambda: "")() or _(
            "The machine translator supports none of the site's language pairs."
        )
    return MachineTranslation(name=str(translator.display_name), pairs=pairs, reason=reason)
