"""Content the browser journeys need on top of the demo, and the URLs they visit.

Run by tests/browser/conftest.py once per session, after ``migrate`` and ``load_demo``, in
a subprocess with the browser server's settings and database:

    python tests/browser/scenario.py OUT.json

It adds a Spanish page that is never translated (for the language switcher's "not
translated" path), a Spanish-only practice (for the English question of the search journey) and writes a JSON map of the public URLs and page ids the tests use, read
from the database so that the tests never guess a slug. It also creates one user per
editorial group (``journey_users``) for test_editorial_journey.py.
"""

import json
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
LANGUAGES = ["es", "en", "pt"]
SEED_SLUG = "piloto-herramientas-virtuales-emprendimiento-migrantes-ecuador"
UNTRANSLATED_SLUG = "solo-en-espanol"
GARDENS_SLUG = "huertos-comunitarios-quito"
ABOUT_SLUG = "acerca"
# One account per editorial group (docs/roles.md), for test_editorial_journey.py.
JOURNEY_USERS = {
    "contributor": "Contributors",
    "reviewer": "Reviewers",
    "translator": "Translators",
    "kmadmin": "KM admins",
}
JOURNEY_PASSWORD = "journey-2026"


def build():
    from django.urls import reverse
    from django.utils.translation import override

    from wagtail.models import Locale

    from home.models import HomePage, StandardPage
    from practices.models import (
        CallForPracticesPage,
        CollectionPage,
        LessonsLibraryPage,
        PracticeIndexPage,
        PracticePage,
        ToolkitIndexPage,
        ToolkitPage,
    )

    es = Locale.objects.get(language_code="es")
    home = HomePage.objects.get(locale=es)
    untranslated = StandardPage.objects.child_of(home).filter(slug=UNTRANSLATED_SLUG).first()
    if untranslated is None:
        untranslated = StandardPage(
            title="Nota del equipo: página solo en español",
            slug=UNTRANSLATED_SLUG,
            summary="Una página que nadie ha traducido todavía.",
            body=[("paragraph", "<p>Esta página existe solo en español.</p>")],
            locale=es,
        )
        home.add_child(instance=untranslated)
        untranslated.save_revision().publish()

    def per_language(page):
        found = {p.locale.language_code: p for p in page.get_translations(inclusive=True).live()}
        return {language: found[language].url for language in LANGUAGES}

    seed = PracticePage.objects.get(locale=es, slug=SEED_SLUG)
    editable = (
        PracticePage.objects.filter(locale=es, original_language="es")
        .exclude(pk=seed.pk)
        .order_by("path")
        .first()
    )
    pages = {
        "home": per_language(home),
        "listing": per_language(PracticeIndexPage.objects.get(locale=es)),
        "practice": per_language(seed),
        "toolkit_index": per_language(ToolkitIndexPage.objects.get(locale=es)),
        "toolkit": per_language(ToolkitPage.objects.filter(locale=es).order_by("path").first()),
        "lessons": per_language(LessonsLibraryPage.objects.get(locale=es)),
        "about": per_language(StandardPage.objects.child_of(home).get(slug=ABOUT_SLUG)),
        "collection": per_language(CollectionPage.objects.get(locale=es)),
        "call": per_language(CallForPracticesPage.objects.get(locale=es)),
    }
    for language in LANGUAGES:
        with override(language):
            pages.setdefault("propose", {})[language] = reverse("submit_practice")
    titles = {p.locale.language_code: p.title for p in seed.get_translations(inclusive=True)}
    consented = (
        PracticePage.objects.filter(locale=es, contact_consent=True)
        .exclude(contact_email="")
        .order_by("path")
        .first()
    )
    gardens = spanish_only_practice(PracticeIndexPage.objects.get(locale=es))
    return {
        "contact": {"urls": per_language(consented), "email": consented.contact_email},
        "search": {"gardens": {"id": gardens.pk, "url": gardens.url, "title": gardens.title}},
        "pages": pages,
        "seed": {"id": seed.pk, "titles": titles},
        "editable": {"id": editable.pk, "url": editable.url, "title": editable.title},
        "untranslated": {
            "id": untranslated.pk,
            "url": untranslated.url,
            "title": untranslated.title,
        },
        "journey": {
            "users": journey_users(),
            "practice_index": PracticeIndexPage.objects.get(locale=es).pk,
        },
    }


def spanish_only_practice(index):
    """A practice written in Spanish and never translated, with one lesson (for the English
    question of test_search_journey.py)."""
    from practices.models import PracticeLesson, PracticePage

    page = PracticePage.objects.child_of(index).filter(slug=GARDENS_SLUG).first()
    if page is None:
        page = PracticePage(
            title="Huertos comunitarios con mujeres migrantes en Quito",
            slug=GARDENS_SLUG,
            summary=(
                "Parcelas urbanas donde mujeres venezolanas y colombianas cultivan hortalizas, "
                "comparten semillas y venden la cosecha en ferias barriales."
            ),
            original_language="es",
            locale=index.locale,
        )
        page.lessons = [
            PracticeLesson(
                text=(
                    "Las mujeres migrantes asistieron más a los talleres cuando hubo "
                    "cuidado infantil."
                ),
                sort_order=0,
                locale=index.locale,
            )
        ]
        index.add_child(instance=page)
        page.save_revision().publish()
    return page


# Editorial journey accounts ------------------------------------------------------------


def journey_users():
    """One non-superuser per editorial group; returns {role: {username, password}}."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    users = {}
    for role, group_name in JOURNEY_USERS.items():
        username = f"journey-{role}"
        user, _ = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.org",
                "first_name": role.capitalize(),
                "last_name": "Journey",
            },
        )
        user.set_password(JOURNEY_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=group_name)])
        users[role] = {"username": username, "password": JOURNEY_PASSWORD}
    return users


def main(out):
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    Path(out).write_text(json.dumps(build(), indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
