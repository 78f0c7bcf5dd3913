from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordType(models.TextChoices):
    GOOD_PRACTICE = "good_practice", _("Good practice")
    PROMISING_PRACTICE = "promising_practice", _("Promising experience")


class Stage(models.TextChoices):
    PILOT = "pilot", _("Pilot")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    SCALED_UP = "scaled_up", _("Scaled up")


class GovernmentLevel(models.TextChoices):
    LOCAL = "local", _("Local")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")


class EvidenceLevel(models.TextChoices):
    SELF_REPORTED = "self_reported", _("Self-reported")
    EXTERNAL_EVALUATION = "external_evaluation", _("Externally evaluated")
    PEER_REVIEWED = "peer_reviewed", _("Peer reviewed")


class ActorRole(models.TextChoices):
    IMPLEMENTER = "implementer", _("Implementer")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funder")


class ToolkitType(models.TextChoices):
    GUIDE = "guide", _("Guide")
    TEMPLATE = "template", _("Template")
    TRAINING_MODULE = "training_module", _("Training module")


class Language(models.TextChoices):
    ES = "es", _("Spanish")
    EN = "en", _("English")
    PT = "pt", _("Portuguese")
