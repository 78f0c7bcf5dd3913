"""Completeness of a practice: which sections and classifications it fills, and its score band.

The checks run as one boolean annotation each on the practice query (see status.py, which
adds the translations to the score). docs/translation.md explains the weights.
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from ..models import PracticeActor, PracticeLesson, PracticePage, PracticeRecommendation

EMPTY_HTML = ["", "<p></p>", "<p><br/></p>", "<p><br></p>"]


class Band(models.TextChoices):
    LOW = "low", _("Low (under 50)")
    MEDIUM = "medium", _("Medium (50 to 79)")
    HIGH = "high", _("High (80 or more)")


def band_for(score):
    return Band.HIGH if score >= 80 else Band.MEDIUM if score >= 50 else Band.LOW


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
