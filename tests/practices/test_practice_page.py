"""The practice page as a visitor sees it."""

import re

from django.core.files.base import ContentFile

from wagtail.documents.models import Document

import pytest

from practices.models import (
    GCMObjective,
    Organisation,
    PracticeActor,
    PracticeAttachment,
    PracticeLesson,
    Theme,
)

pytestmark = pytest.mark.django_db

SEED_LESSON_STARTS = {
    "es": [
        "Para el diseño e implementación de acciones con contrapartes de gobierno",
        "Abrir las posibilidades de trabajo",
        "Importancia de lograr un enfoque flexible",
        "La vinculación del sector académico",
    ],
}


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("language", ["es", "en", "pt"])
def test_seed_renders_lessons_and_recommendation_in_each_language(client, seed_practice, language):
    page = seed_practice.get_translation(
        seed_practice.locale.__class__.objects.get(language_code=language)
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    for number in range(1, 5):
        assert f'id="leccion-{number}"' in html
    assert 'id="leccion-5"' not in html
    assert 'id="recomendacion-1"' in html
    assert 'id="recomendacion-2"' not in html
    for lesson in page.lessons.all():
        assert lesson.text in html
    assert page.recommendations.get().text in html
    assert f'<html lang="{language}">' in html


def test_seed_spanish_text_is_the_document_text(client, seed_practice):
    html = text_of(client.get(seed_practice.url).content.decode())
    for start in SEED_LESSON_STARTS["es"]:
        assert start in html
    assert "Se recomienda integrar un enfoque flexible" in html
    assert "ESCRÍBANOS" not in html and "CONOCE MÁS" not in html
    assert "Ecuador" in html and "MiRAC" in html and "InnovaMigración" in html


def test_translation_is_a_localized_page_not_a_copy(seed_practice):
    english = seed_practice.get_translation(
        seed_practice.locale.__class__.objects.get(language_code="en")
    )
    assert english.pk != seed_practice.pk
    assert english.translation_key == seed_practice.translation_key
    assert english.title != seed_practice.title
    assert english.summary != seed_practice.summary
    assert [a.text for a in english.lessons.all()] != [a.text for a in seed_practice.lessons.all()]
    # Synchronised fields stay equal across locales.
    assert list(english.countries.all()) == list(seed_practice.countries.all())
    assert english.original_language == "es" and english.stage == seed_practice.stage


def test_taxonomy_labels_follow_the_visitor_language(client, seed_practice):
    english = seed_practice.get_translation(
        seed_practice.locale.__class__.objects.get(language_code="en")
    )
    html = client.get(english.url).content.decode()
    assert "Entrepreneurship" in html and "Returnees" in html
    assert "Emprendimiento" not in html


def test_internal_fields_and_unconsented_contacts_are_never_rendered(client, seed_practice):
    seed_practice.review_notes = "NOTA-INTERNA-SECRETA"
    seed_practice.contact_name = "Ana Focal"
    seed_practice.contact_email = "ana@example.org"
    seed_practice.contact_consent = False
    seed_practice.save_revision().publish()
    html = client.get(seed_practice.url).content.decode()
    assert "NOTA-INTERNA-SECRETA" not in html
    assert "ana@example.org" not in html
    seed_practice.contact_consent = True
    seed_practice.save_revision().publish()
    html = client.get(seed_practice.url).content.decode()
    assert "ana@example.org" not in html  # consented: a form, never the address
    assert 'id="contact"' in html and "mailto:" not in html


def add_related_items(page, count):
    """Give the page `count` more lessons, themes, GCM objectives, actors and attachments."""
    start = page.lessons.count()
    for n in range(count):
        PracticeLesson.objects.create(
            page=page, text=f"Lección adicional {n}", sort_order=start + n, locale=page.locale
        )
        document = Document.objects.create(
            title=f"Anexo {n}", file=ContentFile(b"x", name=f"a{n}.txt")
        )
        PracticeAttachment.objects.create(
            page=page, title=f"Anexo {n}", document=document, sort_order=n
        )
        organisation = Organisation.objects.create(
            name=f"Socio {n}", slug=f"socio-{n}", locale=page.locale
        )
        PracticeActor.objects.create(
            page=page, organisation=organisation, role="partner", sort_order=10 + n
        )
    page.themes.add(*Theme.objects.filter(locale=page.locale)[:count])
    page.gcm_objectives.add(*GCMObjective.objects.filter(locale=page.locale)[:count])


def test_practice_page_query_count_is_fixed(client, seed_practice, django_assert_max_num_queries):
    client.get(seed_practice.url)  # warm the caches every visitor shares (site, labels, menu)
    with django_assert_max_num_queries(13) as few:
        assert client.get(seed_practice.url).status_code == 200
    add_related_items(seed_practice, 8)
    client.get(seed_practice.url)
    with django_assert_max_num_queries(13) as many:
        response = client.get(seed_practice.url)
    assert "Lección adicional 7" in response.content.decode()
    assert "Socio 7" in response.content.decode()
    assert "Anexo 7" in response.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)


def test_lesson_anchor_url(seed_practice):
    lesson = seed_practice.lessons.all()[2]
    assert lesson.get_url().endswith(f"{seed_practice.url}#leccion-3")
