"""Calls for practices: a theme and a deadline, and the proposals sent for them."""

from django.db import models
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .base import RICH_TEXT_FEATURES
from .practice import PracticePage
from .taxonomy import localize, source_locale_terms


class ProposalsPanel(HelpPanel):
    """How many proposals the call received, with a link to them in the practice listing."""

    def __init__(self, **kwargs):
        kwargs.setdefault("template", "practices/admin/call_proposals_panel.html")
        kwargs.setdefault("heading", _("Proposals"))
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            call = self.instance
            context["count"] = call.proposals().values("translation_key").distinct().count()
            original = CallForPracticesPage.originals().get(translation_key=call.translation_key)
            context["url"] = (
                reverse("practice_listing:index") + "?" + urlencode({"call": original.pk})
            )
            return context


class CallForPracticesPage(Page):
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Qué prácticas se buscan, quién puede proponerlas y cómo se seleccionan."),
    )
    theme = models.ForeignKey(
        "practices.Theme",
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=source_locale_terms,
        help_text=_("Tema que queda marcado en el formulario de propuesta."),
    )
    deadline = models.DateField(
        _("deadline"),
        help_text=_("Último día en que se aceptan propuestas (inclusive)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("theme"),
        FieldPanel("deadline"),
        ProposalsPanel(),
    ]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    override_translatable_fields = [SynchronizedField("theme"), SynchronizedField("deadline")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("call for practices")
        verbose_name_plural = _("calls for practices")

    @property
    def is_open(self):
        """Proposals are accepted until the end of the deadline day (the site's time zone)."""
        return timezone.localdate() <= self.deadline

    @classmethod
    def originals(cls):
        """One version of each call, the first created (the source of its translations)."""
        first = cls.objects.values("translation_key").annotate(first=Min("pk")).values("first")
        return cls.objects.filter(pk__in=first)

    def proposals(self):
        """The practices proposed for this call, through any of its language versions."""
        return PracticePage.objects.filter(call__translation_key=self.translation_key)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["theme"] = localize([self.theme], self.locale.language_code)[0]
        return context
