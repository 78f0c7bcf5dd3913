"""Toolkits: guides, templates and training modules."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from search.visibility import public_now, public_versions

from ..blocks import DocumentBlock, LinkBlock, StepBlock
from ..choices import ToolkitType
from .base import KnowledgePage, searchable
from .practice import PracticePage


class ToolkitPage(KnowledgePage):
    toolkit_type = models.CharField(
        _("toolkit type"),
        max_length=20,
        choices=ToolkitType.choices,
        default=ToolkitType.GUIDE,
        help_text=_("Guía, plantilla o módulo de formación."),
    )
    steps = StreamField(
        [("step", StepBlock())],
        verbose_name=_("steps"),
        blank=True,
        help_text=_("Pasos ordenados de la herramienta."),
    )
    resources = StreamField(
        [("file", DocumentBlock()), ("link", LinkBlock())],
        verbose_name=_("files and links"),
        blank=True,
        help_text=_("Archivos descargables y enlaces útiles."),
    )
    related_practices = ParentalManyToManyField(
        "practices.PracticePage",
        verbose_name=_("related practices"),
        blank=True,
        related_name="+",
        help_text=_("Prácticas que aplican esta herramienta."),
    )

    content_panels = (
        KnowledgePage.content_panels
        + [
            FieldPanel("toolkit_type"),
            FieldPanel("steps"),
            FieldPanel("resources"),
            FieldPanel("related_practices"),
        ]
        + KnowledgePage.classification_panels
    )

    search_fields = KnowledgePage.search_fields + [
        index.SearchField("steps"),
        index.FilterField("toolkit_type"),
    ]

    hub_index = searchable(
        "toolkit",
        KnowledgePage.taxonomies,
        body=(*(section.name for section in KnowledgePage.sections), "steps", "resources"),
    )

    override_translatable_fields = KnowledgePage.override_translatable_fields + [
        SynchronizedField("related_practices"),
    ]

    parent_page_types = ["practices.ToolkitIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("toolkit")
        verbose_name_plural = _("toolkits")

    def export_record(self, language):
        """This version as a row of a search export (search/export.py), labels in `language`."""
        return {**super().export_record(language), "type": self.get_toolkit_type_display()}

    @property
    def localized_related_practices(self):
        """Public related practices, in the visitor's language where that version is public."""
        chosen = public_now(self.related_practices.all())
        return public_versions(PracticePage, chosen, self.locale)
