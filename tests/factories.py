"""Factories for test content (factory_boy; wagtail-factories does not declare Wagtail 8).

Pages go through Wagtail's tree (``add_child``) and get a first revision, as in the editor.
"""

from django.utils.text import slugify

from wagtail.models import Locale

import factory

from practices.models import PracticeIndexPage, PracticeLesson, PracticePage, PracticeRecommendation


class PracticePageFactory(factory.Factory):
    """A practice under the index of its locale (Spanish unless ``language`` says otherwise).

    ``lessons`` and ``recommendations`` are lists of texts. ``user`` saves the first revision;
    ``publish=True`` publishes it.
    """

    class Meta:
        model = PracticePage

    class Params:
        language = "es"

    title = factory.Faker("sentence", nb_words=4, locale="es_ES")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    summary = factory.LazyAttribute(lambda page: f"Resumen de {page.title}.")
    locale = factory.LazyAttribute(lambda page: Locale.objects.get(language_code=page.language))
    original_language = factory.SelfAttribute("locale.language_code")

    @classmethod
    def _create(
        cls,
        model_class,
        *,
        lessons=(),
        recommendations=(),
        themes=(),
        user=None,
        publish=False,
        **fields,
    ):
        page = model_class(**fields)
        page.lessons = [
            PracticeLesson(text=text, sort_order=n, locale=page.locale)
            for n, text in enumerate(lessons)
        ]
        page.recommendations = [
            PracticeRecommendation(text=text, sort_order=n, locale=page.locale)
            for n, text in enumerate(recommendations)
        ]
        page.themes = list(themes)
        PracticeIndexPage.objects.get(locale=page.locale).add_child(instance=page)
        revision = page.save_revision(user=user)
        if publish:
            revision.publish(user=user)
            page.refresh_from_db()
        return page
