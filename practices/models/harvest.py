"""Traces of practices and toolkits that left public view, for OAI-PMH harvesters."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeletedRecord(models.Model):
    """A page version that was public and no longer is (unpublished, expired or deleted).

    OAI-PMH reports it as deleted (`deletedRecord=transient`) until it is published again.
    """

    page_id = models.PositiveIntegerField(_("page id"), unique=True)
    datestamp = models.DateTimeField(_("removed at"))
    sets = models.JSONField(_("OAI-PMH sets"), default=list)

    class Meta:
        verbose_name = _("deleted OAI-PMH record")
        verbose_name_plural = _("deleted OAI-PMH records")
        ordering = ["datestamp", "page_id"]

    def __str__(self):
        return f"{self.page_id} ({self.datestamp:%Y-%m-%d})"
