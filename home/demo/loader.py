"""Build the demo site: the page tree, the practices and their translations.

Originals are created in their own language; the other languages are produced through
wagtail-localize (translation source, string translations, save_target), as a translator would.
"""

import datetime
import html
import json
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape

from wagtail.models import Locale, Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from home.models import (
    HomeFeaturedCollection,
    HomeFeaturedPractice,
    HomePage,
    HubSettings,
    StandardPage,
)
from practices.drafts import save_draft
from practices.models import (
    CallForPracticesPage,
    CollectionItem,
    CollectionPage,
    Country,
    GCMObjective,
    GCMPrinciple,
    LessonsLibraryPage,
    Organisation,
    Population,
    PracticeActor,
    PracticeIndexPage,
    PracticeLesson,
    PracticePage,
    PracticeRecommendation,
    Theme,
    ToolkitIndexPage,
    ToolkitPage,
)

DATA_DIR = Path(__file__).parent / "data"
SECTIONS = {
    "practices": ("Buenas prácticas", "practicas", "Good practices", "Boas práticas"),
    "lessons": (
        "Lecciones aprendidas",
        "lecciones-aprendidas",
        "Lessons learned",
        "Lições aprendidas",
    ),
    "toolkits": ("Herramientas", "herramientas", "Toolkits", "Ferramentas"),
}
SLUGS = {
    "practices": {"en": "practices", "pt": "praticas"},
    "lessons": {"en": "lessons-learned", "pt": "licoes-aprendidas"},
    "toolkits": {"en": "toolkits", "pt": "ferramentas"},
}


def paragraphs(items):
    return "".join(f"<p>{escape(item)}</p>" for item in items)


def bullet_list(items):
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>" if items else ""


def _key(text):
    return " ".join(html.unescape(text).split())


def translate(page, language, pairs, user):
    """Translate page into language with wagtail-localize, from (source, target) text pairs."""
    mapping = {_key(source): target for source, target in pairs if source and target}
    locale = Locale.objects.get(language_code=language)
    source, _ = TranslationSource.update_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        target = mapping.get(_key(segment.string.data))
        if target is not None:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": escape(target),
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "last_translated_by": user,
                },
            )
    translation.save_target(user=user, publish=True)
    return page.get_translation(locale)


def publish(page, user):
    page.save_revision(user=user, log_action=True).publish(user=user)


def ensure_tree(site_data, user):
    """Home page, sections and standard pages in Spanish, translated to en and pt."""
    es = Locale.objects.get(language_code="es")
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=es).first()
    if home is None:
        texts = site_data["home"]["es"]
        home = HomePage(
            title=texts["title"],
            slug=texts["slug"],
            hero_title=texts["hero_title"],
            hero_text=texts["hero_text"],
            locale=es,
        )
        root.add_child(instance=home)
        publish(home, user)
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        old_root = site.root_page_id
        site.root_page = home
        site.site_name = "Hub de Conocimiento"
        site.save()
        if old_root and old_root != home.pk:
            Page.objects.filter(pk=old_root).exclude(pk=home.pk).delete()
        for language in ("en", "pt"):
            target = site_data["home"][language]
            translate(
                home,
                language,
                [
                    (texts["title"], target["title"]),
                    (texts["slug"], target["slug"]),
                    (texts["hero_title"], target["hero_title"]),
                    (texts["hero_text"], target["hero_text"]),
                ],
                user,
            )

    sections = {}
    for key, model in (
        ("practices", PracticeIndexPage),
        ("lessons", LessonsLibraryPage),
        ("toolkits", ToolkitIndexPage),
    ):
        page = model.objects.child_of(home).first()
        if page is None:
            title, slug, title_en, title_pt = SECTIONS[key]
            page = model(title=title, slug=slug, show_in_menus=True, locale=es)
            home.add_child(instance=page)
            publish(page, user)
            translate(page, "en", [(title, title_en), (slug, SLUGS[key]["en"])], user)
            translate(page, "pt", [(title, title_pt), (slug, SLUGS[key]["pt"])], user)
        sections[key] = page

    for key in ("about", "criteria"):
        texts = site_data[key]
        existing = StandardPage.objects.child_of(home).filter(slug=texts["es"]["slug"]).first()
        if existing:
            sections[key] = existing
            continue
        page = StandardPage(
            title=texts["es"]["title"],
            slug=texts["es"]["slug"],
            summary=texts["es"]["summary"],
            body=[("paragraph", paragraphs([p])) for p in texts["es"]["body"]],
            show_in_menus=key == "about",
            locale=es,
        )
        home.add_child(instance=page)
        publish(page, user)
        for language in ("en", "pt"):
            pairs = [(texts["es"][f], texts[language][f]) for f in ("title", "slug", "summary")]
            pairs += list(zip(texts["es"]["body"], texts[language]["body"], strict=True))
            translate(page, language, pairs, user)
        sections[key] = page
    return home, sections


def terms(model, field, values):
    default = Locale.get_default()
    return list(model.objects.filter(locale=default, **{f"{field}__in": values}))


def organisation(name):
    default = Locale.get_default()
    found = Organisation.objects.filter(locale=default, name=name).first()
    if found:
        return found
    from django.utils.text import slugify

    return Organisation.objects.create(name=name, slug=slugify(name)[:255] or "org", locale=default)


def practice_pairs(data, language):
    source = data["content"][data["original_language"]]
    target = data["content"][language]
    pairs = [(source[f], target[f]) for f in ("title", "slug", "summary")]
    for field in [section.name for section in PracticePage.sections] + [
        "lessons",
        "recommendations",
    ]:
        pairs += list(zip(source[field], target[field], strict=True))
    return pairs


def create_practice(data, index, user):
    language = data["original_language"]
    texts = data["content"][language]
    locale = Locale.objects.get(language_code=language)
    parent = index.get_translation(locale)
    existing = PracticePage.objects.child_of(parent).filter(slug=texts["slug"]).first()
    if existing:
        return existing, False

    def date(value):
        return datetime.date.fromisoformat(value) if value else None

    page = PracticePage(
        title=texts["title"],
        slug=texts["slug"],
        summary=texts["summary"],
        original_language=language,
        record_type=data["record_type"],
        stage=data["stage"],
        government_level=data["government_level"],
        evidence_level=data["evidence_level"],
        subnational_area=data["subnational_area"],
        city=data["city"],
        start_date=date(data["start_date"]),
        end_date=date(data["end_date"]),
        published_date=date(data["published_date"]),
        next_review_date=date(data["next_review_date"]),
        contact_name=data["contact"]["name"],
        contact_email=data["contact"]["email"],
        contact_consent=data["contact"]["consent"],
        locale=locale,
        **{
            section.name: (bullet_list if section.bullets else paragraphs)(texts[section.name])
            for section in PracticePage.sections
        },
    )
    page.lessons = [
        PracticeLesson(text=text, sort_order=n, locale=locale)
        for n, text in enumerate(texts["lessons"])
    ]
    page.recommendations = [
        PracticeRecommendation(text=text, sort_order=n, locale=locale)
        for n, text in enumerate(texts["recommendations"])
    ]
    page.actors = [
        PracticeActor(
            organisation=organisation(actor["organisation"]), role=actor["role"], sort_order=n
        )
        for n, actor in enumerate(data["actors"])
    ]
    page.themes = terms(Theme, "slug", data["themes"])
    page.populations = terms(Population, "slug", data["populations"])
    page.countries = terms(Country, "code", data["countries"])
    page.gcm_objectives = terms(GCMObjective, "number", data["gcm_objectives"])
    page.gcm_principles = terms(GCMPrinciple, "number", data["gcm_principles"])
    save_draft(page, parent=parent, user=user, submit=False).publish(user=user)
    for other, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if other != language:
            translate(page, other, practice_pairs(data, other), user)
    return page, True


def create_toolkit(data, index, practices, user):
    texts = data["content"]["es"]
    existing = ToolkitPage.objects.child_of(index).filter(slug=texts["slug"]).first()
    if existing:
        return existing
    page = ToolkitPage(
        title=texts["title"],
        slug=texts["slug"],
        summary=texts["summary"],
        description=paragraphs(texts["description"]),
        toolkit_type=data["toolkit_type"],
        steps=[
            ("step", {"title": s["title"], "text": paragraphs([s["text"]])}) for s in texts["steps"]
        ],
        resources=[
            ("link", {"title": link["title"]["es"], "url": link["url"]}) for link in data["links"]
        ],
        locale=index.locale,
    )
    page.themes = terms(Theme, "slug", data["themes"])
    page.populations = terms(Population, "slug", data["populations"])
    page.countries = terms(Country, "code", data["countries"])
    page.related_practices = [
        practices[key] for key in data["related_practices"] if key in practices
    ]
    index.add_child(instance=page)
    publish(page, user)
    for language in ("en", "pt"):
        target = data["content"][language]
        pairs = [(texts[f], target[f]) for f in ("title", "slug", "summary")]
        pairs += list(zip(texts["description"], target["description"], strict=True))
        for step, translated in zip(texts["steps"], target["steps"], strict=True):
            pairs += [(step["title"], translated["title"]), (step["text"], translated["text"])]
        pairs += [(link["title"]["es"], link["title"][language]) for link in data["links"]]
        translate(page, language, pairs, user)
    return page


def translated_page(page, texts, fields, user):
    """Publish page, then translate it to en and pt from texts[language][field] (the "intro"
    field is a list of paragraphs)."""
    publish(page, user)
    for language in ("en", "pt"):
        pairs = [(texts["es"][f], texts[language][f]) for f in fields]
        pairs += list(zip(texts["es"]["intro"], texts[language]["intro"], strict=True))
        translate(page, language, pairs, user)


def ensure_curation(home, practices, toolkits, user):
    """A collection featured on the home page and an open call for practices, in es, en, pt."""
    data = json.loads((DATA_DIR / "curation.json").read_text(encoding="utf-8"))
    texts = data["collection"]
    collection = CollectionPage.objects.child_of(home).filter(slug=texts["es"]["slug"]).first()
    if collection is None:
        chosen = [practices[key] for key in texts["practices"]]
        chosen += [toolkits[key] for key in texts["toolkits"]]
        collection = CollectionPage(
            title=texts["es"]["title"],
            slug=texts["es"]["slug"],
            intro=paragraphs(texts["es"]["intro"]),
            items=[CollectionItem(page=page, sort_order=n) for n, page in enumerate(chosen)],
            locale=home.locale,
        )
        home.add_child(instance=collection)
        translated_page(collection, texts, ("title", "slug"), user)
    if not home.featured_collections.exists():
        home = HomePage.objects.get(pk=home.pk)
        home.featured_collections = [HomeFeaturedCollection(collection=collection, sort_order=0)]
        publish(home, user)
        for language in ("en", "pt"):
            translate(home, language, [], user)  # syncs the featured collections
    texts = data["call"]
    if not CallForPracticesPage.objects.child_of(home).filter(slug=texts["es"]["slug"]).exists():
        call = CallForPracticesPage(
            title=texts["es"]["title"],
            slug=texts["es"]["slug"],
            intro=paragraphs(texts["es"]["intro"]),
            theme=terms(Theme, "slug", [texts["theme"]])[0],
            deadline=timezone.localdate() + datetime.timedelta(days=texts["open_days"]),
            locale=home.locale,
        )
        home.add_child(instance=call)
        translated_page(call, texts, ("title", "slug"), user)


def load(user, url="http://127.0.0.1:8000/"):
    """Create whatever demo content is missing; return the number of practices created.

    ``url`` is where the demo is served (``make serve``): the default site's hostname and
    port, from which Wagtail builds the absolute URLs of the sitemap and the API.

    Not one transaction: wagtail-localize publishes translations on commit, and the
    loader is idempotent, so an interrupted run is completed by the next one. Wagtail's
    reference index ("usage" in the admin) is rebuilt once at the end, not on every save.
    """
    with disable_reference_index_auto_update():
        created = _load(user, url)
    if created:
        call_command("rebuild_references_index", verbosity=0)
    return created


def _load(user, url):
    site_data = json.loads((DATA_DIR / "site.json").read_text(encoding="utf-8"))
    home, sections = ensure_tree(site_data, user)
    settings = HubSettings.for_site(Site.objects.get(root_page=home))
    settings.criteria_page = settings.criteria_page or sections["criteria"]
    settings.save()
    address = urlsplit(url)
    Site.objects.filter(root_page=home).update(hostname=address.hostname, port=address.port or 80)
    practices, created = {}, 0
    for path in sorted(DATA_DIR.glob("[0-9]*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        practices[data["key"]], was_created = create_practice(data, sections["practices"], user)
        created += was_created
    toolkits = {}
    for path in sorted(DATA_DIR.glob("toolkit-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        toolkits[data["key"]] = create_toolkit(data, sections["toolkits"], practices, user)
    if not home.featured.exists():
        home = HomePage.objects.get(pk=home.pk)
        home.featured = [
            HomeFeaturedPractice(practice=practice, sort_order=n)
            for n, practice in enumerate(list(practices.values())[:3])
        ]
        publish(home, user)
        for language in ("en", "pt"):
            translate(home, language, [], user)  # syncs the featured practices
    ensure_curation(home, practices, toolkits, user)
    return created
