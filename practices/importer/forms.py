"""Forms of the admin importer: the upload, then one correctable preview per document."""

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from practices.choices import Language
from practices.models import Country, Theme

from .extract import DETAIL_FIELDS, Extraction

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_FILES = 20
MAX_TOTAL_BYTES = 50 * 1024 * 1024
# Extracted sections the preview does not show as fields; carried through to the draft.
CARRIED = tuple(name for name in DETAIL_FIELDS if name != "subnational_area")
SIGNING_SALT = "practices.importer.preview"
PREVIEW_CHARS = 100_000  # document text shown beside the form (and posted back with it)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        super().__init__(*args, allow_empty_file=True, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        return [
            single(item, initial) for item in (data if isinstance(data, list | tuple) else [data])
        ]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Documentos"),
        help_text=_(
            "Sistematizaciones en .txt, .docx o .pdf (con texto, no escaneadas), de hasta 10 MB "
            "cada una. Puede seleccionar varios archivos a la vez."
        ),
        widget=MultipleFileInput(attrs={"accept": ".txt,.docx,.pdf"}),
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("Suba como máximo %(max)s archivos a la vez."), params={"max": MAX_FILES}
            )
        if sum(f.size for f in files) > MAX_TOTAL_BYTES:
            raise forms.ValidationError(
                _("The files add up to more than %(max)s MB: upload fewer at a time."),
                params={"max": MAX_TOTAL_BYTES // (1024 * 1024)},
            )
        too_big = [f.name for f in files if f.size > MAX_UPLOAD_BYTES]
        if too_big:
            raise forms.ValidationError(
                _("Estos archivos superan el límite de 10 MB: %(names)s."),
                params={"names": ", ".join(too_big)},
            )
        return files


def lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


class PreviewForm(forms.Form):
    """One extracted document, as the officer corrects it before the draft is created."""

    include = forms.BooleanField(label=_("Crear este borrador"), required=False, initial=True)
    title = forms.CharField(
        label=_("Título"),
        max_length=255,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    language = forms.ChoiceField(label=_("Idioma original"), choices=Language.choices)
    parent = forms.TypedChoiceField(label=_("Índice de prácticas"), coerce=int)
    summary = forms.CharField(
        label=_("Resumen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Párrafos separados por una línea en blanco."),
    )
    lessons = forms.CharField(
        label=_("Lecciones aprendidas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Una lección por línea."),
    )
    recommendations = forms.CharField(
        label=_("Recomendaciones"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Una recomendación por línea."),
    )
    results = forms.CharField(
        label=_("Resultados"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Un resultado por línea; conserve las cifras."),
    )
    countries = forms.MultipleChoiceField(
        label=_("Países"), required=False, widget=forms.CheckboxSelectMultiple
    )
    subnational_area = forms.CharField(label=_("subnational area"), required=False)
    themes = forms.MultipleChoiceField(
        label=_("Temas sugeridos"), required=False, widget=forms.CheckboxSelectMultiple
    )
    details = forms.JSONField(widget=forms.HiddenInput, required=False)
    token = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)

    def __init__(self, *args, indexes=(), **kwargs):
        super().__init__(*args, **kwargs)
        default = Locale.get_default()
        self.fields["parent"].choices = [
            (index.pk, f"{index.title} ({index.locale.get_display_name()})") for index in indexes
        ]
        self.fields["countries"].choices = [
            (c.code, c.name) for c in Country.objects.filter(locale=default).order_by("name")
        ]
        self.fields["themes"].choices = [
            (t.slug, t.name) for t in Theme.objects.filter(locale=default)
        ]

    @classmethod
    def initial_for(cls, name, text, extraction, fingerprint, indexes):
        """Initial data for a freshly extracted document."""
        by_language = {index.locale.language_code: index.pk for index in indexes}
        return {
            **extraction.as_dict(),
            "lessons": "\n".join(extraction.lessons),
            "recommendations": "\n".join(extraction.recommendations),
            "results": "\n".join(extraction.results),
            "parent": by_language.get(extraction.language, indexes[0].pk),
            "token": signing.dumps({"source": name, "fingerprint": fingerprint}, salt=SIGNING_SALT),
            "text": text[:PREVIEW_CHARS],
            "details": {name: getattr(extraction, name) for name in CARRIED},
        }

    def clean_token(self):
        try:
            return signing.loads(self.cleaned_data["token"], salt=SIGNING_SALT)
        except signing.BadSignature as error:
            raise forms.ValidationError(
                _("Vista previa no válida; vuelva a subir el archivo.")
            ) from error

    def clean(self):
        data = super().clean()
        if data.get("include") and not data.get("title", "").strip():
            self.add_error("title", _("Este campo es obligatorio."))
        return data

    def source_name(self):
        """The uploaded file's name, for display."""
        try:
            return signing.loads(self["token"].value(), salt=SIGNING_SALT)["source"]
        except (signing.BadSignature, TypeError, KeyError):
            return ""

    def extraction(self):
        data = self.cleaned_data
        return Extraction(
            title=" ".join(data["title"].split()),
            language=data["language"],
            summary=data["summary"].strip().replace("\r\n", "\n"),
            lessons=lines(data["lessons"]),
            recommendations=lines(data["recommendations"]),
            results=lines(data["results"]),
            countries=data["countries"],
            subnational_area=data["subnational_area"].strip(),
            themes=data["themes"],
            **{
                name: value
                for name, value in (data.get("details") or {}).items()
                if name in CARRIED
            },
        )


PreviewFormSet = forms.formset_factory(PreviewForm, extra=0)
