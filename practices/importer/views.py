"""Admin importer: upload write-ups, correct the extraction beside the text, create drafts."""

import logging

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wagtail.admin import messages
from wagtail.admin.menu import MenuItem

from practices.models import PracticeIndexPage, PracticePage

from . import ExtractError, ReadError, extract_document, fingerprint
from .forms import PreviewForm, PreviewFormSet, UploadForm
from .writer import CREATED, UPDATED, WriteError, possible_duplicates, write_practice

logger = logging.getLogger(__name__)

READ_ERRORS = {
    "empty": gettext_lazy("el archivo está vacío o no contiene texto"),
    "binary": gettext_lazy("no es un archivo de texto"),
    "encrypted": gettext_lazy("el documento está protegido con contraseña"),
    "unreadable": gettext_lazy("el archivo está dañado o no se puede leer"),
    "unsupported": gettext_lazy("tipo de archivo no admitido (use .txt, .docx o .pdf)"),
    "too_large": gettext_lazy("the document is too large to import: %(reason)s"),
    "too_slow": gettext_lazy("the document takes too long to read: %(reason)s"),
}


def importable_indexes(user):
    """The practice indexes this user may add practices to."""
    indexes = PracticeIndexPage.objects.select_related("locale").order_by("path")
    return [index for index in indexes if index.permissions_for_user(user).can_add_subpage()]


def allowed_indexes(request):
    indexes = importable_indexes(request.user)
    if not indexes:
        raise PermissionDenied
    return indexes


def read_upload(uploaded):
    """(text, Extraction) or raises ValueError with a reason in Spanish."""
    try:
        return extract_document(uploaded.name, uploaded.read())
    except ReadError as error:
        message = READ_ERRORS.get(error.code)
        raise ValueError(message % {"reason": error} if message else str(error)) from error
    except ExtractError as error:
        raise ValueError(
            _(
                "no se reconoce la estructura de una sistematización (resumen, lecciones "
                "aprendidas, recomendaciones o resultados)"
            )
        ) from error
    except Exception as error:
        logger.exception("Importer failed on %s", uploaded.name)
        raise ValueError(_("no se pudo procesar el archivo")) from error


def upload(request):
    indexes = allowed_indexes(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        initial, failures = [], []
        for uploaded in form.cleaned_data["files"]:
            try:
                text, extraction = read_upload(uploaded)
            except ValueError as error:
                failures.append((uploaded.name, str(error)))
                continue
            digest = fingerprint(text)
            data = PreviewForm.initial_for(uploaded.name, text, extraction, digest, indexes)
            data["status"], data["existing"] = write_practice(  # what "create" would do
                extraction,
                source=uploaded.name,
                fingerprint=digest,
                parent=next(index for index in indexes if index.pk == data["parent"]),
                dry_run=True,
            )
            data["duplicates"] = PracticePage.objects.filter(
                pk__in=possible_duplicates(extraction, digest)
            ).exclude(pk=getattr(data["existing"], "pk", None))
            initial.append(data)
        formset = PreviewFormSet(initial=initial, form_kwargs={"indexes": indexes})
        return render(
            request,
            "practices/importer/preview.html",
            {"formset": formset, "failures": failures},
        )
    return render(request, "practices/importer/upload.html", {"form": form})


@require_POST
def create(request):
    indexes = allowed_indexes(request)
    formset = PreviewFormSet(request.POST, form_kwargs={"indexes": indexes})
    if not formset.is_valid():
        return render(request, "practices/importer/preview.html", {"formset": formset})
    parents = {index.pk: index for index in indexes}
    for form in formset:
        if not form.cleaned_data.get("include"):
            continue
        token = form.cleaned_data["token"]
        try:
            status, page = write_practice(
                form.extraction(),
                source=token["source"],
                fingerprint=token["fingerprint"],
                parent=parents[form.cleaned_data["parent"]],
                user=request.user,
            )
        except WriteError as error:
            messages.error(
                request,
                _("%(file)s: no se pudo crear el borrador (%(reason)s).")
                % {"file": token["source"], "reason": error},
            )
            continue
        text = {
            CREATED: _("Borrador creado: «%(title)s»."),
            UPDATED: _("Borrador actualizado: «%(title)s»."),
        }.get(status, _("Ya importado antes, sin cambios: «%(title)s»."))
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        messages.success(
            request,
            text % {"title": page.get_admin_display_title()},
            buttons=[messages.button(edit_url, _("Editar"))],
        )
    return redirect("practices_importer:upload")


urlpatterns = [
    path("", upload, name="upload"),
    path("create/", create, name="create"),
]


def admin_urls():
    """For the ``register_admin_urls`` hook."""
    return [
        path(
            "practices/import/",
            include((urlpatterns, "practices_importer"), namespace="practices_importer"),
        )
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(importable_indexes(request.user))


def menu_item():
    """For the ``register_admin_menu_item`` hook."""
    return ImportMenuItem(
        gettext_lazy("Importar prácticas"),
        reverse("practices_importer:upload"),
        icon_name="upload",
        order=250,
    )
