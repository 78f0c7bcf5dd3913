"""Staff create every content type through the admin and publish it."""

from django.urls import reverse

from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage, StandardPage
from practices.models import Theme, ToolkitIndexPage, ToolkitPage


class AdminEditingTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.es = Locale.get_default()

    def test_create_and_publish_a_toolkit(self):
        index = ToolkitIndexPage.objects.get(locale=self.es)
        data = nested_form_data(
            {
                "title": "Plantilla de ficha de práctica",
                "slug": "plantilla-ficha",
                "summary": "Una ficha para documentar prácticas.",
                "description": rich_text("<p>Úsela al cerrar un proyecto.</p>"),
                "original_language": "es",
                "published_date": "2025-05-01",
                "toolkit_type": "template",
                "steps": streamfield(
                    [("step", {"title": "Reunir datos", "text": rich_text("<p>Cifras clave.</p>")})]
                ),
                "resources": streamfield([]),
                "comments": inline_formset([]),
                "action-publish": "publish",
            }
        )
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=["practices", "toolkitpage", index.pk]), data
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        toolkit = ToolkitPage.objects.get(slug="plantilla-ficha")
        self.assertTrue(toolkit.live)
        html = self.client.get(toolkit.url).content.decode()
        self.assertIn("Reunir datos", html)

    def test_create_a_standard_page(self):
        home = HomePage.objects.get(locale=self.es)
        self.assertCanCreate(
            home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Preguntas frecuentes",
                    "slug": "preguntas",
                    "summary": "Dudas comunes.",
                    "body": streamfield([("heading", {"text": "¿Quién publica?"})]),
                    "comments": inline_formset([]),
                }
            ),
        )

    def test_edit_form_shows_spanish_help_texts(self):
        page = ToolkitPage.objects.filter(locale=self.es).first()
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Resumen breve (unas 60 palabras)")

    def test_create_a_theme_snippet(self):
        url = reverse("wagtailsnippets_practices_theme:add")
        response = self.client.post(
            url + f"?locale={self.es.language_code}",
            {"name": "Movilidad académica", "slug": "movilidad-academica", "sort_order": 20},
        )
        self.assertEqual(response.status_code, 302, response.content[:1500])
        self.assertTrue(Theme.objects.filter(slug="movilidad-academica", locale=self.es).exists())
