"""Site-wide pages and settings."""

from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from practices.models import (
    CallForPracticesPage,
    CollectionPage,
    Country,
    PracticeIndexPage,
    PracticePage,
    Theme,
)
from practices.models.taxonomy import localize
from search import declarations
from search.visibility import in_visitor_language, is_public_now, public_now, public_versions

from .blocks import BodyBlock


@register_setting(icon="cog")
class HubSettings(BaseSiteSetting):
    freshness_months = models.PositiveSmallIntegerField(
        _("freshness threshold (months)"),
        default=36,
        help_text=_("Las prácticas más antiguas muestran un aviso de posible desactualización."),
    )

    criteria_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("selection criteria page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Página con los criterios de selección; se enlaza desde el formulario de propuesta y el pie."
        ),
    )

    panels = [FieldPanel("freshness_months"), FieldPanel("criteria_page")]

    class Meta:
        verbose_name = _("hub settings")

    def criteria_url(self):
        """The criteria page in the visitor's language (else its original), if live and public."""
        page = self.criteria_page
        if page is None:
            return ""
        page = page.localized
        return page.url if is_public_now(page) else ""


class HomeFeaturedPractice(Orderable):
    home = ParentalKey("home.HomePage", on_delete=models.CASCADE, related_name="featured")
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("practice")]


class HomeFeaturedCollection(Orderable):
    home = ParentalKey(
        "home.HomePage", on_delete=models.CASCADE, related_name="featured_collections"
    )
    collection = models.ForeignKey(
        "practices.CollectionPage",
        verbose_name=_("collection"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("collection")]


class HomePage(Page):
    hero_title = models.CharField(
        _("hero title"), max_length=255, help_text=_("Titular principal de la portada.")
    )
    hero_text = models.TextField(
        _("hero text"), blank=True, help_text=_("Texto breve bajo el titular.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        InlinePanel(
            "featured",
            heading=_("Featured practices"),
            label=_("featured practice"),
            max_num=6,
            help_text=_("Prácticas destacadas por el equipo."),
        ),
        InlinePanel(
            "featured_collections",
            heading=_("Featured collections"),
            label=_("featured collection"),
            max_num=3,
            help_text=_("Colecciones destacadas en la portada."),
        ),
    ]

    override_translatable_fields = [
        SynchronizedField("featured"),
        SynchronizedField("featured_collections"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "practices.PracticeIndexPage",
        "practices.ToolkitIndexPage",
        "practices.LessonsLibraryPage",
        "practices.CollectionPage",
        "practices.CallForPracticesPage",
        "home.StandardPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def featured_practices(self):
        """Staff-chosen public practices, each in the visitor's language where that version
        is public right now (a private or expired translation gives way to the original)."""
        chosen = [item.practice for item in self.featured.select_related("practice")]
        return public_versions(PracticePage, chosen, self.locale)

    def featured_collection_pages(self):
        """Staff-chosen public collections, in the visitor's language where that version is
        public right now."""
        chosen = [
            item.collection for item in self.featured_collections.select_related("collection")
        ]
        return public_versions(CollectionPage, chosen, self.locale)

    def open_calls(self):
        """Calls for practices still accepting proposals, soonest deadline first, in the
        visitor's language where that version is public right now."""
        calls = CallForPracticesPage.originals().filter(deadline__gte=timezone.localdate())
        return public_versions(CallForPracticesPage, calls.order_by("deadline"), self.locale)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = self.locale.language_code
        practices = in_visitor_language(PracticePage.objects.all(), language)
        featured = self.featured_practices()
        context["featured_practices"] = featured
        context["featured_collections"] = self.featured_collection_pages()
        context["open_calls"] = self.open_calls()
        # "Latest" leaves out the featured ones, whatever their language version.
        context["latest_practices"] = practices.exclude(
            translation_key__in=[page.translation_key for page in featured]
        ).order_by("-published_date", "-pk")[:6]
        context["practice_count"] = practices.count()
        context["counts_by_country"] = self.counts(Country, "countries", practices, language)
        context["counts_by_theme"] = self.counts(Theme, "themes", practices, language)
        index = public_now(PracticeIndexPage.objects.child_of(self)).first()
        context["practice_index_url"] = index.get_url(request) if index else ""
        return context

    @staticmethod
    def counts(model, field, practices, language):
        through = PracticePage._meta.get_field(field).remote_field.through
        column = f"{model._meta.model_name}_id"
        rows = (
            through.objects.filter(practicepage__in=practices.values("pk"))
            .values(column)
            .annotate(n=Count("practicepage", distinct=True))
            .order_by("-n")
        )
        counts = {row[column]: row["n"] for row in rows}
        terms = list(model.objects.filter(pk__in=counts))
        return sorted(
            (
                (term, localized, counts[term.pk])
                for term, localized in zip(terms, localize(terms, language), strict=True)
            ),
            key=lambda row: (-row[2], row[1].name),
        )


class StandardPage(Page):
    summary = models.TextField(_("summary"), blank=True, help_text=_("Entradilla de la página."))
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]

    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    hub_index = declarations.Searchable("page", lead="summary", body=("body",))

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
