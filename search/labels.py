"""Facet values in the visitor's language, and validation of values from URLs."""

import re

from django.utils.translation import get_language_info, override

from wagtail.models import Locale

from practices.choices import Stage
from practices.models.taxonomy import Country, GCMObjective, Population, Theme, localize

from .facets import TYPE_ORDER, language_codes
from .models import SearchDocument

_NOT_ALNUM = re.compile(r"[^a-z0-9]")
YEAR_RE = re.compile(r"^(19|20)\d\d$")


def canonical(value):
    return _NOT_ALNUM.sub("", str(value).lower())


def _terms(model, attribute, language):
    source = list(model.objects.filter(locale=Locale.get_default()))
    return [
        (str(getattr(term, attribute)), localized)
        for term, localized in zip(source, localize(source, language), strict=True)
    ]


def facet_labels(language):
    """{facet: {value: label}} for every known value, labels in the given language."""
    with override(language):
        kinds = dict(SearchDocument.Kind.choices)
        labels = {
            "type": {kind: str(kinds[kind]) for kind in TYPE_ORDER},
            "country": {code: term.name for code, term in _terms(Country, "code", language)},
            "theme": {slug: term.name for slug, term in _terms(Theme, "slug", language)},
            "population": {slug: term.name for slug, term in _terms(Population, "slug", language)},
            "gcm": {
                number: f"{number}. {term.name}"
                for number, term in _terms(GCMObjective, "number", language)
            },
            "language": {
                code: get_language_info(code)["name_local"].capitalize()
                for code in language_codes()
            },
            "stage": {value: str(label) for value, label in Stage.choices},
            "year": {},
        }
    return labels


def clean_filters(raw, labels):
    """Keep only known values of known facets (unknown ones are ignored, never an error).

    raw: {facet: [values]} (e.g. request.GET lists); values match case-insensitively.
    """
    cleaned = {}
    for facet, values in raw.items():
        if facet not in labels:
            continue
        known = {canonical(value): value for value in labels[facet]}
        chosen = []
        for value in values[:50]:
            value = str(value).strip()[:40]
            if facet == "year":
                if YEAR_RE.match(value):
                    chosen.append(value)
            elif canonical(value) in known:
                chosen.append(known[canonical(value)])
        if chosen:
            cleaned[facet] = list(dict.fromkeys(chosen))
    return cleaned
