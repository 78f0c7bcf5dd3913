"""Collections: an introduction and an ordered choice of practices and toolkits."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from search.visibility import in_visitor_language

from .base import RICH_TEXT_FEATURES
from .practice import PracticePage
from .toolkit import ToolkitPage

ITEM_MODELS = [PracticePage, ToolkitPage]


class CollectionItem(Orderable):
    collection = ParentalKey(
        "practices.CollectionPage", on_delete=models.CASCADE, related_name="items"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("practice or toolkit"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=models.Q(
            content_type__app_label="practices",
            content_type__model__in=[model._meta.model_name for model in ITEM_MODELS],
        ),
    )

    panels = [PageChooserPanel("page", [model._meta.label for model in ITEM_MODELS])]

    class Meta(Orderable.Meta):
        verbose_name = _("collection item")
        verbose_name_plural = _("collection items")


class CollectionPage(Page):
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Por qué se reunieron estas prácticas y herramientas, y para quién."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel(
            "items",
            heading=_("Practices and toolkits"),
            label=_("item"),
            min_num=1,
            help_text=_("En el orden en que se muestran."),
        ),
    ]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    override_translatable_fields = [SynchronizedField("items")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def public_items(self):
        """The chosen pages public right now, each in this page's language where that
        version is public, else in its original language (the listings' rule), in order.
        In a preview, the items being edited."""
        keys = [item.page.translation_key for item in self.items.select_related("page")]
        language = self.locale.language_code
        shown = {}
        for model in ITEM_MODELS:
            pages = in_visitor_language(model.objects.filter(translation_key__in=keys), language)
            for page in pages.select_related("locale").prefetch_related("countries"):
                shown[page.translation_key] = page
        return [shown[key] for key in keys if key in shown]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.public_items()
        return context
