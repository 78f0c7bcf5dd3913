"""What the hub tells machines about a practice or toolkit version.

OAI-PMH records (`practices/oai.py`) and the schema.org JSON-LD of the page read one
`Description`, so every channel says the same thing.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext, override

from wagtail.models import Page

from search.visibility import public_now, public_translations

from .choices import ActorRole
from .models import KnowledgePage, PracticePage, ToolkitPage
from .models.taxonomy import localize_pks


def public_versions(page):
    """{language code: page} of the versions of `page` the public may see, `page` included."""
    return page.live_translations if isinstance(page, KnowledgePage) else public_translations(page)


def language_alternates(versions, original=None, request=None):
    """[(hreflang, full url)] of a page's public versions ({code: page}), plus `x-default`.

    x-default is the `original`-language version when public, else the site's default
    language, else the first; every version of a page gets the same list.
    """
    if not versions:
        return []
    codes = [code for code, _name in settings.LANGUAGES if code in versions]
    urls = [(code, versions[code].get_full_url(request)) for code in codes]
    if original not in versions:
        original = settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in versions else codes[0]
    return urls + [("x-default", dict(urls)[original])]


@dataclass
class Description:
    page: Page
    type_label: str
    language: str
    url: str
    title: str
    summary: str
    published: object
    modified: object
    countries: list  # Country terms in the page's language
    themes: list
    gcm_objectives: list
    implementers: list = field(default_factory=list)  # Organisation terms
    partners: list = field(default_factory=list)
    funders: list = field(default_factory=list)
    versions: dict = field(default_factory=dict)  # other languages: {code: full url}
    original_url: str | None = None  # the original-language version, when this is a translation
    license: str = settings.HUB_CONTENT_LICENSE


def _classification(page, language):
    """Terms and actors of a page in `language`: {field: [terms]} plus "roles" for practices."""
    with override(language):
        if isinstance(page, PracticePage):
            return page.classification()
        return {
            name: localize_pks(getattr(page, name).model, [t.pk for t in getattr(page, name).all()])
            for name in ("countries", "themes")
        }


def describe(page, request=None, versions=None, classification=None):
    """The Description of a public practice or toolkit page (a specific page object).

    `versions` ({code: page}) and `classification` (as `PracticePage.classification`)
    may be given when the caller has them already.
    """
    language = page.locale.language_code
    versions = public_versions(page) if versions is None else versions
    classification = classification or _classification(page, language)
    roles = classification.get("roles", {})
    urls = {code: version.get_full_url(request) for code, version in versions.items()}
    with override(language):
        if isinstance(page, PracticePage):
            type_label = str(page.get_record_type_display())
        else:
            type_label = gettext("Toolkit")
    return Description(
        page=page,
        type_label=type_label,
        language=language,
        url=urls.get(language) or page.get_full_url(request),
        title=page.title,
        summary=page.summary,
        published=page.published_date,
        modified=timezone.localtime(page.last_published_at or page.latest_revision_created_at),
        countries=classification["countries"],
        themes=classification["themes"],
        gcm_objectives=classification.get("gcm_objectives", []),
        implementers=roles.get(ActorRole.IMPLEMENTER, []),
        partners=roles.get(ActorRole.PARTNER, []),
        funders=roles.get(ActorRole.FUNDER, []),
        versions={code: url for code, url in urls.items() if code != language},
        original_url=urls.get(page.original_language)
        if page.original_language != language
        else None,
    )


def harvestable():
    """Querysets of every practice and toolkit version the public may see right now."""
    return [public_now(model.objects.all()) for model in (PracticePage, ToolkitPage)]


def _organisations(terms):
    return [
        {"@type": "Organization", "name": org.name, **({"url": org.website} if org.website else {})}
        for org in terms
    ]


def json_ld(description):
    """schema.org CreativeWork of a page version (never the focal point's contact)."""
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "additionalType": description.type_label,
        "name": description.title,
        "description": description.summary,
        "inLanguage": description.language,
        "datePublished": description.published.isoformat(),
        "dateModified": description.modified.isoformat(),
        "url": description.url,
        "license": description.license,
        "publisher": {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME},
        "spatialCoverage": [
            {"@type": "Country", "name": term.name, "identifier": term.code}
            if term.code != term.REGIONAL
            else {"@type": "Place", "name": term.name}
            for term in description.countries
        ],
        "about": [{"@type": "DefinedTerm", "name": term.name} for term in description.themes]
        + [
            {
                "@type": "DefinedTerm",
                "name": term.name,
                "termCode": str(term.number),
                "inDefinedTermSet": "Global Compact for Safe, Orderly and Regular Migration",
            }
            for term in description.gcm_objectives
        ],
        "creator": _organisations(description.implementers),
        "contributor": _organisations(description.partners),
        "funder": _organisations(description.funders),
    }
    if description.original_url:
        data["translationOfWork"] = {"@type": "CreativeWork", "url": description.original_url}
    elif description.language == description.page.original_language:
        data["workTranslation"] = [
            {"@type": "CreativeWork", "url": url, "inLanguage": code}
            for code, url in description.versions.items()
        ]
    return {key: value for key, value in data.items() if value != []}
