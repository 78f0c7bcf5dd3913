"""Before a translation goes live: machine strings reviewed (the human pass), none in error.

Does not read the page models, which enforce it on every publish (``KnowledgePage.publish``).
Also here: the bulk review (``mark_reviewed``) and whether a live page still shows
unreviewed machine translation.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail_localize.models import StringSegment, StringTranslation, Translation

MACHINE = StringTranslation.TRANSLATION_TYPE_MACHINE
MANUAL = StringTranslation.TRANSLATION_TYPE_MANUAL
REVIEWED_ACTION = "practices.translation_reviewed"
REFUSAL = _(
    "This translation still contains machine translation that nobody has reviewed. "
    "Check each string, or mark the translation as reviewed on the Translations "
    "dashboard, before publishing."
)

ERRORS = _(
    "Some strings of this translation have errors (see the translation editor): correct them "
    "before publishing, or the page would show the original's text in their place."
)


class UnreviewedMachineTranslation(PermissionDenied, ValidationError):
    """Publishing refused: unreviewed machine strings or strings with errors.

    A PermissionDenied, so admin views (editor, workflow approval) answer "no permission"
    rather than 500 and roll back the approval; a ValidationError, so wagtail-localize's
    "Update translations" skips this translation and publishes the others.
    """


def used_strings(translation):
    """The translation's strings that its current source still uses."""
    used = StringSegment.objects.filter(
        source_id=translation.source_id,
        string_id=OuterRef("translation_of_id"),
        context_id=OuterRef("context_id"),
    )
    return StringTranslation.objects.filter(locale_id=translation.target_locale_id).filter(
        Exists(used)
    )


def unreviewed_strings(translation):
    """Machine translations still used by the translation's current source strings."""
    return used_strings(translation).filter(translation_type=MACHINE)


def translation_of(page):
    """The enabled wagtail-localize translation that produces this page, if any."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .only("source_id", "target_locale_id")
        .first()
    )


def needs_human_pass(page):
    """True when the wagtail-localize translation of page still has unreviewed machine text."""
    translation = translation_of(page)
    return bool(translation) and unreviewed_strings(translation).exists()


def publish_refusal(page):
    """Why this translated page may not be published now, or None."""
    translation = translation_of(page)
    if translation is None:
        return None
    if unreviewed_strings(translation).exists():
        return REFUSAL
    if used_strings(translation).filter(has_error=True).exists():
        return ERRORS
    return None


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
