"""The abstract page every knowledge page (practice, toolkit) shares."""

import logging
from dataclasses import dataclass

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from search import declarations
from search.visibility import public_translations

from ..choices import Language
from ..localisation.human_pass import UnreviewedMachineTranslation, publish_refusal
from ..permissions import KnowledgePagePermissionTester
from .taxonomy import localize, source_locale_terms

logger = logging.getLogger(__name__)

#: Taxonomy relation -> (search facet, the term attribute that is its value).
FACETS = {
    "themes": ("theme", "slug"),
    "populations": ("population", "slug"),
    "countries": ("country", "code"),
    "gcm_objectives": ("gcm", "number"),
}
RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


@dataclass(frozen=True)
class Section:
    """A rich-text section of a knowledge page, declared once: its panel, template block,
    API field, index body, completeness check and demo text all come from this."""

    name: str  # the RichTextField
    heading: str  # shown above it on the page
    required: bool = False  # completeness: required (else recommended)
    after_items: bool = False  # shown after the lessons and recommendations
    bullets: bool = False  # written as a list of items (the demo's results)


def searchable(kind, taxonomies, prefetch=(), **declared):
    """The hub index declaration of a knowledge page (search/declarations.py): its summary,
    taxonomies (names and facets) and publication date; `declared` adds the rest."""
    return declarations.Searchable(
        kind,
        lead="summary",
        terms=tuple(declarations.Terms(name, *FACETS[name]) for name in taxonomies),
        date="published_date",
        prefetch=(*prefetch, *taxonomies),
        **declared,
    )


def taxonomy_field(model, verbose_name, help_text):
    return ParentalManyToManyField(
        model,
        verbose_name=verbose_name,
        help_text=help_text,
        blank=True,
        related_name="+",
        limit_choices_to=source_locale_terms,
    )


class KnowledgePage(Page):
    sections = (Section("description", _("Description"), required=True),)
    taxonomies = ("themes", "populations", "countries")  # in the order the index reads them

    summary = models.TextField(
        _("summary"),
        help_text=_("Resumen breve (unas 60 palabras) que se muestra en listados y resultados."),
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Descripción completa."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Imagen para el listado y la cabecera; debe tener licencia de uso."),
    )
    original_language = models.CharField(
        _("original language"),
        max_length=2,
        choices=Language.choices,
        default=Language.ES,
        help_text=_("Idioma en que se escribió el contenido original."),
    )
    published_date = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        help_text=_("Fecha de publicación que se muestra al público y ordena los listados."),
    )
    themes = taxonomy_field("practices.Theme", _("themes"), _("Temas de la práctica."))
    populations = taxonomy_field(
        "practices.Population", _("target populations"), _("Poblaciones destinatarias.")
    )
    countries = taxonomy_field(
        "practices.Country",
        _("countries"),
        _("Países donde se implementa; «Regional» para iniciativas multipaís."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("image"),
    ]
    classification_panels = [
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("populations", widget=forms.CheckboxSelectMultiple),
        FieldPanel("countries", widget=forms.CheckboxSelectMultiple),
        FieldPanel("published_date"),
        FieldPanel("original_language"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("published_date"),
        index.FilterField("locale_id"),
        index.FilterField("original_language"),
        index.RelatedFields("themes", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("populations", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("countries", [index.SearchField("name"), index.FilterField("code")]),
    ]

    override_translatable_fields = [
        SynchronizedField("image"),
        SynchronizedField("published_date"),
        SynchronizedField("themes"),
        SynchronizedField("populations"),
        SynchronizedField("countries"),
    ]

    class Meta:
        abstract = True

    def export_record(self, language):
        """This version as a row of a search export (search/export.py), labels in `language`."""
        return {
            "title": self.title,
            "countries": [term.name for term in localize(self.countries.all(), language)],
            "themes": [term.name for term in localize(self.themes.all(), language)],
            "populations": [term.name for term in localize(self.populations.all(), language)],
            "gcm_objectives": [],
            "stage": "",
            "year": self.published_date.year,
            "original_language": self.original_language,
            "language": self.locale.language_code,
            "summary": self.summary,
        }

    def permissions_for_user(self, user):
        return KnowledgePagePermissionTester(user, self)

    def publish(self, revision, *args, log_action=True, **kwargs):
        """Every route to publishing (editor, workflow approval, "Update translations",
        scheduled publishing) ends here: no unreviewed machine translation, no string in
        error goes live."""
        refusal = publish_refusal(self)
        if refusal:
            if log_action == "wagtail.publish.scheduled":
                # publish_scheduled goes on with the other pages; this one waits for review.
                logger.warning("Not publishing page %s: %s", self.pk, refusal)
                return None
            raise UnreviewedMachineTranslation(refusal)
        return super().publish(revision, *args, log_action=log_action, **kwargs)

    def get_view_restrictions(self):
        """Restrictions on this page or an ancestor (or what they alias), in one query."""
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        aliased = Page.objects.filter(path__in=paths, alias_of__isnull=False).values("alias_of")
        return PageViewRestriction.objects.filter(
            models.Q(page__path__in=paths) | models.Q(page__in=aliased)
        )

    @cached_property
    def live_translations(self):
        """Versions of this page the public may see now, this one included, by language code."""
        return public_translations(self)
