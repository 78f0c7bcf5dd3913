"""Taxonomy snippets: one translatable base, one table per vocabulary."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index

from search import caching
from search.declarations import LABELS_GROUP
from search.visibility import version_rank


def source_locale_terms():
    """Pages link to the source-language (Spanish) term; labels are localised on display."""
    return models.Q(locale__language_code=Locale.get_default().language_code)


class BaseTaxonomy(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, allow_unicode=False)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name

    @classmethod
    def localized(cls, terms, language):
        """The terms in `language` (search/declarations.py: indexed names, facet labels)."""
        return localize(terms, language)


class Theme(BaseTaxonomy):
    class Meta(BaseTaxonomy.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Population(BaseTaxonomy):
    class Meta(BaseTaxonomy.Meta):
        verbose_name = _("target population")
        verbose_name_plural = _("target populations")


class Country(BaseTaxonomy):
    REGIONAL = "XR"

    code = models.CharField(
        _("code"),
        max_length=2,
        help_text=_("ISO 3166-1 alpha-2 code; XR for regional / multi-country."),
    )

    class Meta(BaseTaxonomy.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        unique_together = BaseTaxonomy.Meta.unique_together + [("code", "locale")]


class GCMObjective(BaseTaxonomy):
    number = models.PositiveSmallIntegerField(_("number"))

    class Meta(BaseTaxonomy.Meta):
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"


class GCMPrinciple(BaseTaxonomy):
    number = models.PositiveSmallIntegerField(_("number"))

    class Meta(BaseTaxonomy.Meta):
        verbose_name = _("GCM guiding principle")
        verbose_name_plural = _("GCM guiding principles")
        ordering = ["number"]


class Organisation(BaseTaxonomy):
    website = models.URLField(_("website"), blank=True)

    class Meta(BaseTaxonomy.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")


TAXONOMY_MODELS = [Theme, Population, Country, GCMObjective, GCMPrinciple, Organisation]


def localized_terms(language=None):
    """Every taxonomy term, keyed both ways, mapped to its version in the given language.

    Keys are (model label, translation_key) and (model label, pk of any locale's term);
    a term without a translation maps to its source-language version. Kept in each
    process's memory until a taxonomy snippet changes (`caching.memo`).
    """
    language = language or get_language() or settings.LANGUAGE_CODE

    def build():
        terms = {}
        for model in TAXONOMY_MODELS:
            label = model._meta.label_lower
            rows = list(model.objects.select_related("locale"))
            best = {}
            # terms are created in the source language: it is their original
            source = settings.LANGUAGE_CODE
            for term in sorted(
                rows, key=lambda t: version_rank(t.locale.language_code, language, source)
            ):
                best.setdefault(term.translation_key, term)
            for term in rows:
                terms[(label, term.pk)] = best[term.translation_key]
            for translation_key, term in best.items():
                terms[(label, translation_key)] = term
        return terms

    return caching.memo(LABELS_GROUP, language, build)


def localize(terms, language=None):
    """Return the given terms in the visitor's language, keeping their order."""
    mapping = localized_terms(language)
    return [mapping.get((term._meta.label_lower, term.translation_key), term) for term in terms]


def localize_pks(model, pks, language=None):
    """Terms of model with the given pks, in the visitor's language, sorted for display."""
    mapping = localized_terms(language)
    label = model._meta.label_lower
    found = [mapping[(label, pk)] for pk in pks if (label, pk) in mapping]
    return sorted(found, key=lambda term: (getattr(term, "number", 0), term.sort_order, term.name))


def invalidate_labels():
    caching.invalidate(LABELS_GROUP)
