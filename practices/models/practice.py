"""The good-practice page and its ordered child items."""

import smtplib

from django import forms
from django.contrib import messages
from django.db import models
from django.db.models import Value
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.functional import classproperty
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from search import declarations

from ..choices import ActorRole, EvidenceLevel, GovernmentLevel, RecordType, Stage
from ..citation import citation_for
from ..contact import ContactForm, can_be_contacted, relay
from ..sheet import practice_sheet
from .base import RICH_TEXT_FEATURES, KnowledgePage, Section, searchable, taxonomy_field
from .taxonomy import Organisation, localize, localize_pks

ROLE_HEADINGS = {
    ActorRole.IMPLEMENTER: _("Implemented by"),
    ActorRole.PARTNER: _("Partners"),
    ActorRole.FUNDER: _("Funded by"),
}
TAXONOMY_FIELDS = ["countries", "themes", "populations", "gcm_objectives", "gcm_principles"]


def rich_text(verbose_name, help_text):
    return RichTextField(verbose_name, blank=True, features=RICH_TEXT_FEATURES, help_text=help_text)


class PracticeItem(TranslatableMixin, Orderable):
    """A lesson or recommendation: ordered, linkable by anchor, translatable."""

    ANCHOR_PREFIX = ""

    text = models.TextField(_("text"))

    panels = [FieldPanel("text")]
    api_fields = [APIField("text"), APIField("anchor")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.text[:80]

    @property
    def number(self):
        return self.sort_order + 1

    @property
    def anchor(self):
        return f"{self.ANCHOR_PREFIX}-{self.number}"

    def get_url(self, request=None):
        return f"{self.page.get_url(request=request)}#{self.anchor}"


class PracticeLesson(PracticeItem):
    ANCHOR_PREFIX = "leccion"

    page = ParentalKey("practices.PracticePage", on_delete=models.CASCADE, related_name="lessons")

    class Meta(PracticeItem.Meta):
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")


class PracticeRecommendation(PracticeItem):
    ANCHOR_PREFIX = "recomendacion"

    page = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="recommendations"
    )

    class Meta(PracticeItem.Meta):
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")


class PracticeActor(Orderable):
    page = ParentalKey("practices.PracticePage", on_delete=models.CASCADE, related_name="actors")
    organisation = models.ForeignKey(
        "practices.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=20, choices=ActorRole.choices)

    panels = [FieldRowPanel([FieldPanel("organisation"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("actor")
        verbose_name_plural = _("actors")


class PracticeAttachment(Orderable):
    page = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=255)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(
        _("link"), blank=True, help_text=_("Enlace externo, si no hay documento.")
    )
    licence = models.CharField(
        _("licence"), max_length=120, blank=True, help_text=_("Por ejemplo, CC BY 4.0.")
    )

    panels = [FieldPanel("title"), FieldPanel("document"), FieldPanel("url"), FieldPanel("licence")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    @property
    def href(self):
        return self.document.url if self.document else self.url


class PracticePage(RoutablePageMixin, KnowledgePage):
    #: Files served under the practice's URL (hub/urls.py routes them to Wagtail).
    DOWNLOADS = ("cite.bib", "cite.ris", "sheet.pdf")
    #: The rich-text sections a practice adds to the description, in reading order.
    SECTIONS = (
        Section("context", _("Context and problem"), required=True),
        Section("objectives", _("Objectives")),
        Section("methodology", _("What was done"), required=True),
        Section("innovation", _("Innovation")),
        Section("results", _("Results"), required=True, bullets=True),
        Section("replicability", _("Replicability"), after_items=True),
        Section("sustainability", _("Sustainability"), after_items=True),
        Section("gender_diversity", _("Gender, age and diversity"), after_items=True),
    )
    sections = KnowledgePage.sections + SECTIONS
    taxonomies = (*KnowledgePage.taxonomies, "gcm_objectives")

    record_type = models.CharField(
        _("record type"),
        max_length=30,
        choices=RecordType.choices,
        default=RecordType.GOOD_PRACTICE,
        help_text=_("Buena práctica (probada) o experiencia prometedora (resultados iniciales)."),
    )
    context = rich_text(_("context and problem"), _("¿Qué problema o necesidad atiende?"))
    objectives = rich_text(_("objectives"), _("Objetivos de la práctica."))
    methodology = rich_text(_("what was done"), _("Metodología: qué se hizo y cómo."))
    innovation = rich_text(_("innovation"), _("Qué aporta de nuevo."))
    results = rich_text(
        _("results"), _("Resultados con sus cifras (por ejemplo, «1.200 personas capacitadas»).")
    )
    evidence_level = models.CharField(
        _("evidence level"),
        max_length=30,
        choices=EvidenceLevel.choices,
        blank=True,
        help_text=_("Cómo se conocen los resultados."),
    )
    replicability = rich_text(_("replicability"), _("Condiciones para replicarla en otro lugar."))
    sustainability = rich_text(_("sustainability"), _("Cómo se sostiene en el tiempo."))
    gender_diversity = rich_text(
        _("gender, age and diversity"), _("Consideraciones de género, edad y diversidad.")
    )
    gcm_objectives = taxonomy_field(
        "practices.GCMObjective",
        _("GCM objectives"),
        _("Objetivos del Pacto Mundial para la Migración a los que contribuye."),
    )
    gcm_principles = taxonomy_field(
        "practices.GCMPrinciple",
        _("GCM guiding principles"),
        _("Principios rectores del Pacto Mundial que aplica."),
    )
    stage = models.CharField(
        _("stage"),
        max_length=20,
        choices=Stage.choices,
        blank=True,
        help_text=_("Etapa de implementación."),
    )
    government_level = models.CharField(
        _("level of government"),
        max_length=20,
        choices=GovernmentLevel.choices,
        blank=True,
        help_text=_("Nivel de gobierno involucrado."),
    )
    subnational_area = models.CharField(
        _("subnational area"),
        max_length=255,
        blank=True,
        help_text=_("Provincia, estado o departamento."),
    )
    city = models.CharField(
        _("city"), max_length=255, blank=True, help_text=_("Ciudad o municipio.")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    contact_name = models.CharField(
        _("contact name"), max_length=255, blank=True, help_text=_("Punto focal de contacto.")
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_consent = models.BooleanField(
        _("contact consented to publication"),
        default=False,
        help_text=_("Solo se publica el contacto si la persona dio su consentimiento."),
    )
    review_notes = models.TextField(
        _("review notes"), blank=True, help_text=_("Notas internas; nunca se publican.")
    )
    next_review_date = models.DateField(
        _("next review date"),
        null=True,
        blank=True,
        help_text=_("Fecha en que el equipo debe revisar de nuevo esta práctica (interno)."),
    )
    call = models.ForeignKey(
        "practices.CallForPracticesPage",
        verbose_name=_("call for practices"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Convocatoria para la que se propuso la práctica (interno)."),
    )
    import_source = models.CharField(_("import source"), max_length=255, blank=True, editable=False)
    import_fingerprint = models.CharField(
        _("import fingerprint"), max_length=64, blank=True, editable=False, db_index=True
    )

    content_panels = [
        *KnowledgePage.content_panels,
        FieldPanel("record_type"),
        *(FieldPanel(section.name) for section in SECTIONS if not section.after_items),
        FieldPanel("evidence_level"),
        InlinePanel("lessons", heading=_("Lessons learned"), label=_("lesson")),
        InlinePanel("recommendations", heading=_("Recommendations"), label=_("recommendation")),
        *(FieldPanel(section.name) for section in SECTIONS if section.after_items),
        InlinePanel("attachments", heading=_("Attachments"), label=_("attachment")),
    ]
    classification_panels = KnowledgePage.classification_panels + [
        FieldPanel("gcm_objectives", widget=forms.CheckboxSelectMultiple),
        FieldPanel("gcm_principles", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("stage"), FieldPanel("government_level")]),
        MultiFieldPanel(
            [
                FieldPanel("subnational_area"),
                FieldPanel("city"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading=_("Place and dates"),
        ),
        InlinePanel("actors", heading=_("Implementers, partners and funders"), label=_("actor")),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_consent"),
            ],
            heading=_("Contact"),
        ),
    ]
    internal_panels = [
        FieldPanel("next_review_date"),
        FieldPanel("review_notes"),
        PageChooserPanel("call", "practices.CallForPracticesPage"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(classification_panels, heading=_("Classification")),
            ObjectList(internal_panels, heading=_("Internal review")),
            ObjectList(KnowledgePage.promote_panels, heading=_("Promote")),
            ObjectList(KnowledgePage.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *KnowledgePage.search_fields,
        *(index.SearchField(section.name) for section in SECTIONS),
        index.RelatedFields("lessons", [index.SearchField("text")]),
        index.RelatedFields("recommendations", [index.SearchField("text")]),
        index.FilterField("record_type"),
        index.FilterField("stage"),
    ]

    override_translatable_fields = KnowledgePage.override_translatable_fields + [
        SynchronizedField("gcm_objectives"),
        SynchronizedField("gcm_principles"),
        SynchronizedField("subnational_area"),
        SynchronizedField("city"),
        SynchronizedField("contact_name"),
        SynchronizedField("review_notes"),
        SynchronizedField("import_source"),
        SynchronizedField("import_fingerprint"),
    ]

    # Derived from `sections` whenever read, so a page type that adds a section gets it.
    @classproperty
    def hub_index(cls):
        return searchable(
            "practice",
            cls.taxonomies,
            body=tuple(section.name for section in cls.sections),
            items=(
                declarations.Items("lessons", "lesson"),
                declarations.Items("recommendations", "recommendation"),
            ),
            tags=("actors.organisation.name", "city", "subnational_area"),
            choices=(declarations.Choice("stage", "stage"),),
            prefetch=("lessons", "recommendations", "actors__organisation"),
        )

    @classproperty
    def api_fields(cls):
        before = [section.name for section in cls.sections if not section.after_items]
        after = [section.name for section in cls.sections if section.after_items]
        return [
            APIField(name)
            for name in (
                "record_type",
                "original_language",
                "summary",
                *before,
                "evidence_level",
                "lessons",
                "recommendations",
                *after,
                "stage",
                "government_level",
                "subnational_area",
                "city",
                "start_date",
                "end_date",
                "published_date",
                "terms",
                "public_contact",
            )
        ]

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    @property
    def terms(self):
        """Language-neutral taxonomy keys, for the API."""
        return {
            "countries": [term.code for term in self.countries.all()],
            "themes": [term.slug for term in self.themes.all()],
            "populations": [term.slug for term in self.populations.all()],
            "gcm_objectives": [term.number for term in self.gcm_objectives.all()],
            "gcm_principles": [term.number for term in self.gcm_principles.all()],
        }

    @property
    def public_contact(self):
        """The focal point's name when they consented to be contacted (through the hub's
        form on the page; their address is never published)."""
        if not can_be_contacted(self):
            return None
        return {"name": self.contact_name, "contact_form": self.full_url + "#contact"}

    def export_record(self, language):
        gcm = sorted(localize(self.gcm_objectives.all(), language), key=lambda t: t.number)
        return {
            **super().export_record(language),
            "type": self.get_record_type_display(),
            "gcm_objectives": [str(term) for term in gcm],
            "stage": self.get_stage_display(),
        }

    def shown_sections(self):
        """(section, value) of the sections with text: those before the lessons and
        recommendations, and those after them."""
        shown = [(section, getattr(self, section.name)) for section in self.sections]
        shown = [(section, value) for section, value in shown if value]
        return (
            [pair for pair in shown if not pair[0].after_items],
            [pair for pair in shown if pair[0].after_items],
        )

    def classification(self, stored=True):
        """Taxonomy terms and actors in the visitor's language.

        For a stored page one UNION query reads all five taxonomy links and the actors;
        labels come from the cached term map. A preview reads the in-memory relations.
        """
        if stored:
            rows = self._classification_rows()
        else:
            rows = [(f, term.pk, "", 0) for f in TAXONOMY_FIELDS for term in getattr(self, f).all()]
            rows += [("actors", a.organisation_id, a.role, a.sort_order) for a in self.actors.all()]
        pks = {field: [] for field in TAXONOMY_FIELDS}
        roles = {role: [] for role in ActorRole}
        for field, pk, role, _order in sorted(rows, key=lambda row: row[3]):
            if field == "actors":
                roles[ActorRole(role)].extend(localize_pks(Organisation, [pk]))
            else:
                pks[field].append(pk)
        models_ = {field: self._meta.get_field(field).related_model for field in TAXONOMY_FIELDS}
        result = {field: localize_pks(models_[field], pks[field]) for field in TAXONOMY_FIELDS}
        result["actors"] = [(ROLE_HEADINGS[role], orgs) for role, orgs in roles.items() if orgs]
        result["roles"] = roles
        return result

    def _classification_rows(self):
        def links(field):
            relation = self._meta.get_field(field).remote_field
            target = relation.model._meta.model_name
            return (
                relation.through.objects.filter(practicepage_id=self.pk)
                .order_by()
                .values_list(
                    Value(field, output_field=models.CharField()),
                    f"{target}_id",
                    Value("", output_field=models.CharField()),
                    Value(0, output_field=models.IntegerField()),
                )
            )

        actors = (
            PracticeActor.objects.filter(page_id=self.pk)
            .order_by()
            .values_list(
                Value("actors", output_field=models.CharField()),
                "organisation_id",
                "role",
                "sort_order",
            )
        )
        return list(
            links(TAXONOMY_FIELDS[0]).union(*map(links, TAXONOMY_FIELDS[1:]), actors, all=True)
        )

    def lessons_and_recommendations(self, stored=True):
        """Both ordered lists; one UNION query for a stored page, in-memory items in preview."""
        if not stored:
            return list(self.lessons.all()), list(self.recommendations.all())
        fields = ["id", "translation_key", "locale_id", "sort_order", "text"]

        def rows(model, kind):
            kind = Value(kind, output_field=models.IntegerField())
            return model.objects.filter(page_id=self.pk).order_by().values_list(kind, *fields)

        items = rows(PracticeLesson, 0).union(rows(PracticeRecommendation, 1), all=True)
        lessons, recommendations = [], []
        for kind, *values in sorted(items, key=lambda row: (row[0], row[4])):
            model, target = (
                (PracticeLesson, lessons)
                if kind == 0
                else (PracticeRecommendation, recommendations)
            )
            item = model(page=self, **dict(zip(fields, values, strict=True)))
            item._state.adding = False
            target.append(item)
        return lessons, recommendations

    def citation(self, classification, request=None):
        """How to cite this version: implementers as authors, its full URL, today's date."""
        implementers = dict(classification["actors"]).get(ROLE_HEADINGS[ActorRole.IMPLEMENTER])
        return citation_for(
            self,
            [organisation.name for organisation in implementers or ()],
            [term.name for term in classification["themes"]],
            self.get_full_url(request),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stored = not getattr(request, "is_preview", False)
        context["lessons"], context["recommendations"] = self.lessons_and_recommendations(stored)
        context["sections"], context["closing_sections"] = self.shown_sections()
        context["classification"] = self.classification(stored)
        attachments = self.attachments.all()
        context["attachments"] = attachments.select_related("document") if stored else attachments
        context["citation"] = self.citation(context["classification"], request)
        if can_be_contacted(self):
            context["contact_form"] = ContactForm()
        return context

    def _download(self, request, body, content_type, extension):
        response = HttpResponse(body, content_type=content_type)
        disposition = "inline" if extension == "pdf" else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="{self.slug}.{extension}"'
        return response

    @path("cite.bib/", name="cite_bib")
    def cite_bib(self, request):
        citation = self.citation(self.classification(), request)
        return self._download(
            request, citation.bibtex(), "application/x-bibtex; charset=utf-8", "bib"
        )

    @path("cite.ris/", name="cite_ris")
    def cite_ris(self, request):
        citation = self.citation(self.classification(), request)
        return self._download(
            request, citation.ris(), "application/x-research-info-systems; charset=utf-8", "ris"
        )

    @path("sheet.pdf/", name="sheet")
    def sheet(self, request):
        from ..localisation.public_label import public_language_status

        classification = self.classification()
        lessons, recommendations = self.lessons_and_recommendations()
        pdf = practice_sheet(
            self,
            lessons,
            recommendations,
            classification,
            self.citation(classification, request),
            public_language_status(self),
        )
        return self._download(request, pdf, "application/pdf", "pdf")

    @path("contact/", name="contact")
    def contact(self, request):
        """The contact form's POST: relay the message, then back to the page (PRG)."""
        if request.method != "POST" or not can_be_contacted(self):
            return redirect(self.url)
        form = ContactForm(request.POST)
        if form.is_valid():
            try:
                sent = relay(self, form, request)
            except (smtplib.SMTPException, OSError):
                sent = None
                form.add_error(
                    None, gettext_now("The message could not be sent. Please try later.")
                )
            if sent:
                messages.success(
                    request, gettext_now("Thank you. Your message was sent to the implementer.")
                )
                return redirect(self.url + "#contact")
            if sent is False:
                form.add_error(
                    None, gettext_now("Too many messages from your connection. Please try later.")
                )
        response = self.render(request, context_overrides={"contact_form": form})
        response.status_code = 400
        return response
