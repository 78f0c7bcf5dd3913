"""Facet values in the visitor's language, and validation of values from URLs."""

import re

from django.utils.translation import get_language_info, override

from wagtail.models import Locale

from .declarations import Choice, facet_declarations
from .facets import FACETS, TYPE_ORDER, language_codes
from .models import SearchDocument

_NOT_ALNUM = re.compile(r"[^a-z0-9]")
YEAR_RE = re.compile(r"^(19|20)\d\d$")


def canonical(value):
    return _NOT_ALNUM.sub("", str(value).lower())


def _declared(model, declared, language):
    """{value: label} of a declared facet: a field's choices, or every source-language term
    of the related model, labelled by the model's `localized`."""
    if isinstance(declared, Choice):
        return {value: str(label) for value, label in model._meta.get_field(declared.field).choices}
    terms_model = model._meta.get_field(declared.relation).related_model
    source = list(terms_model.objects.filter(locale=Locale.get_default()))
    return {
        str(getattr(term, declared.value)): str(localized)
        for term, localized in zip(source, terms_model.localized(source, language), strict=True)
    }


def facet_labels(language):
    """{facet: {value: label}} for every known value, labels in the given language."""
    with override(language):
        kinds = dict(SearchDocument.Kind.choices)
        labels = {facet: {} for facet in FACETS}
        labels["type"] = {kind: str(kinds[kind]) for kind in TYPE_ORDER}
        labels["language"] = {
            code: get_language_info(code)["name_local"].capitalize() for code in language_codes()
        }
        for facet, (model, declared) in facet_declarations().items():
            labels[facet] = _declared(model, declared, language)
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
