"""What content declares for the hub index, the role `wagtail.search.index` plays for
`search_fields`.

A page model sets ``hub_index = Searchable(...)``: its units (the page, and each item of its
`items` relations, such as a practice's lessons), the text of each, its facets and what
indexing prefetches. Search finds the declared models (`searchable_models`), builds their
documents, labels their facet values and connects its receivers to them and to the models
their `terms` and `tags` reach, without importing the content apps.

A model named by `Terms` declares ``localized(terms, language)`` (its terms in a language,
same order): the index holds the terms' names in every language and facet labels are the
localised terms' ``str()``. A model with an ``export_record(language)`` method is a row of
search exports (search/export.py).
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Manager

#: The cache group of facet labels (search.caching); the content invalidates it when a
#: labelled term changes.
LABELS_GROUP = "taxonomy-labels"


@dataclass(frozen=True)
class Terms:
    """A many-to-many relation to terms: their names are indexed (in every language) and,
    with `facet`, their `value` attribute is that facet's value."""

    relation: str
    facet: str = ""
    value: str = "slug"


@dataclass(frozen=True)
class Choice:
    """A field with choices as a facet: the stored value, labelled by its choice."""

    field: str
    facet: str


@dataclass(frozen=True)
class Items:
    """Ordered child items that are units of their own (kind `kind`, lead `text`, anchor
    `item.anchor`); their texts also join the page's body."""

    relation: str
    kind: str
    text: str = "text"


@dataclass(frozen=True)
class Searchable:
    """The declaration of a page model (``hub_index``)."""

    kind: str  # the page's unit type (a search.SearchDocument.Kind value)
    lead: str = ""  # plain-text field shown under the title
    body: tuple = ()  # rich-text and StreamField fields, in reading order
    items: tuple = ()  # Items
    terms: tuple = ()  # Terms, in the order their names are indexed
    tags: tuple = ()  # paths of text indexed in the page's language ("actors.organisation.name")
    choices: tuple = ()  # Choice facets
    date: str = ""  # the publication date field (else the first publication); the year facet
    prefetch: tuple = ()  # relations read when indexing every page


def searchable_models():
    """The concrete models that declare `hub_index`, in app registry order."""
    return [
        model
        for model in apps.get_models()
        if isinstance(getattr(model, "hub_index", None), Searchable)
    ]


def values(instance, path):
    """The values at a dotted path from an instance, through relations (managers: all())."""
    found = [instance]
    for name in path.split("."):
        reached = []
        for item in found:
            value = getattr(item, name)
            if isinstance(value, Manager):
                reached.extend(value.all())
            elif value is not None:
                reached.append(value)
        found = reached
    return found


def facet_declarations():
    """{facet: (model, Terms or Choice)}: where each declared facet's values come from."""
    found = {}
    for model in searchable_models():
        index = model.hub_index
        for declared in index.terms + index.choices:
            if getattr(declared, "facet", ""):
                found.setdefault(declared.facet, (model, declared))
    return found


def related_lookups(model):
    """[(related model, lookup from the page model)] whose change alters a page's documents:
    the models of its `terms` and those its `tags` paths reach through relations."""
    index = model.hub_index
    paths = [terms.relation for terms in index.terms] + [
        path.rsplit(".", 1)[0] for path in index.tags if "." in path
    ]
    found = []
    for path in paths:
        current = model
        for name in path.split("."):
            current = current._meta.get_field(name).related_model
        found.append((current, path.replace(".", "__")))
    return found
