"""StreamField blocks for toolkits."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "ol", "ul", "link"])

    class Meta:
        icon = "list-ol"
        template = "blocks/step_block.html"
        label = _("Step")
        preview_value = {"title": "Mapear actores", "text": "<p>Identifique las contrapartes.</p>"}


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("title"), required=False)
    licence = blocks.CharBlock(label=_("licence"), required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"
        label = _("File")


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    url = blocks.URLBlock(label=_("URL"))

    class Meta:
        icon = "link"
        template = "blocks/link_block.html"
        label = _("Link")
        preview_value = {"title": "Pacto Mundial para la Migración", "url": "https://www.un.org/"}
