"""Every page type: where it may be created, what it may contain, and that it renders."""

from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase

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


class PageTypeTests(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePage.objects.get(locale=Locale.get_default())

    def test_tree_rules(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                PracticeIndexPage,
                ToolkitIndexPage,
                LessonsLibraryPage,
                CollectionPage,
                CallForPracticesPage,
                StandardPage,
            },
        )
        self.assertAllowedSubpageTypes(CollectionPage, set())
        self.assertAllowedSubpageTypes(CallForPracticesPage, set())
        self.assertAllowedParentPageTypes(CollectionPage, {HomePage})
        self.assertAllowedParentPageTypes(CallForPracticesPage, {HomePage})
        self.assertAllowedSubpageTypes(PracticeIndexPage, {PracticePage})
        self.assertAllowedSubpageTypes(ToolkitIndexPage, {ToolkitPage})
        self.assertAllowedSubpageTypes(PracticePage, set())
        self.assertAllowedSubpageTypes(ToolkitPage, set())
        self.assertAllowedSubpageTypes(LessonsLibraryPage, set())
        self.assertAllowedParentPageTypes(PracticePage, {PracticeIndexPage})
        self.assertAllowedParentPageTypes(ToolkitPage, {ToolkitIndexPage})
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(HomePage, PracticePage)
        self.assertCanNotCreateAt(PracticeIndexPage, ToolkitPage)

    def test_sections_are_singletons_per_home(self):
        for model in (PracticeIndexPage, ToolkitIndexPage, LessonsLibraryPage):
            self.assertFalse(model.can_create_at(self.home), model)

    def test_every_page_type_renders_in_every_language(self):
        for model in (
            HomePage,
            PracticeIndexPage,
            PracticePage,
            ToolkitIndexPage,
            ToolkitPage,
            LessonsLibraryPage,
            CollectionPage,
            CallForPracticesPage,
            StandardPage,
        ):
            for language in ("es", "en", "pt"):
                page = model.objects.live().filter(locale__language_code=language).first()
                self.assertIsNotNone(page, f"{model.__name__} has no live {language} page")
                self.assertPageIsRenderable(page)

    def test_practice_can_be_created_through_the_admin_form(self):
        index = PracticeIndexPage.objects.get(locale=Locale.get_default())
        self.login()
        self.assertCanCreate(
            index,
            PracticePage,
            {
                "title": "Ferias de empleo inclusivas",
                "slug": "ferias-empleo-inclusivas",
                "summary": "Ferias que conectan personas migrantes con empleadores.",
                "record_type": "good_practice",
                "evidence_level": "self_reported",
                "stage": "completed",
                "original_language": "es",
                "published_date": "2025-01-15",
                "lessons-TOTAL_FORMS": "1",
                "lessons-INITIAL_FORMS": "0",
                "lessons-MIN_NUM_FORMS": "0",
                "lessons-MAX_NUM_FORMS": "1000",
                "lessons-0-text": "Involucrar a las cámaras de comercio desde el inicio.",
                "lessons-0-ORDER": "1",
                "lessons-0-id": "",
                "lessons-0-DELETE": "",
                **{
                    f"{name}-{key}": value
                    for name in ("recommendations", "attachments", "actors")
                    for key, value in (
                        ("TOTAL_FORMS", "0"),
                        ("INITIAL_FORMS", "0"),
                        ("MIN_NUM_FORMS", "0"),
                        ("MAX_NUM_FORMS", "1000"),
                    )
                },
                "comment_notifications": "on",
                "comments-TOTAL_FORMS": "0",
                "comments-INITIAL_FORMS": "0",
                "comments-MIN_NUM_FORMS": "0",
                "comments-MAX_NUM_FORMS": "1000",
            },
        )
        created = PracticePage.objects.get(slug="ferias-empleo-inclusivas")
        self.assertEqual(
            [lesson.text for lesson in created.lessons.all()],
            ["Involucrar a las cámaras de comercio desde el inicio."],
        )
