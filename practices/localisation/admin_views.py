"""Admin for translation: the status dashboard, its actions, the completeness column.

Registered in practices/wagtail_hooks.py; the status itself is computed in status.py.
"""

import tempfile

from django import forms
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.views.edit_translation import (
    apply_machine_translation,
    user_can_edit_instance,
)

import polib

from ..models import PracticePage
from .completeness import Band
from .human_pass import mark_reviewed
from .machine_translation import machine_translation_status
from .status import State, content_languages, language_names, practice_statuses

PAGE_SIZE = 50


class DashboardFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Title"), required=False)
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        required=False,
        choices=[("", gettext_lazy("Any"))] + State.choices[1:],
    )
    band = forms.ChoiceField(
        label=gettext_lazy("Completeness"),
        required=False,
        choices=[("", gettext_lazy("Any")), *Band.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Any")), *language_names().items()]

    def apply(self, statuses):
        if not self.is_valid():
            return statuses
        data = self.cleaned_data
        if data["q"]:
            statuses = [s for s in statuses if data["q"].casefold() in s.title.casefold()]
        if data["band"]:
            statuses = [s for s in statuses if s.band == data["band"]]
        if data["state"]:
            languages = [data["language"]] if data["language"] else content_languages()
            statuses = [
                s
                for s in statuses
                if any(s.languages[code].state == data["state"] for code in languages)
            ]
        elif data["language"]:
            statuses = [s for s in statuses if s.language != data["language"]]
        return statuses


def cell_actions(practice, status, machine, next_url):
    """The links and buttons of one practice × language cell."""
    actions = []

    def link(label, url):
        actions.append({"label": label, "url": url, "post": False})

    def button(label, url):
        actions.append({"label": label, "url": url, "post": True})

    edit_url = reverse("wagtailadmin_pages:edit", args=[status.page_id]) if status.page_id else ""
    can_machine = machine.can_translate(practice.language, status.language)
    if status.state == State.ORIGINAL:
        link(_("Edit"), edit_url)
        return actions
    if status.state == State.NOT_STARTED:
        link(
            _("Translate"),
            reverse("wagtail_localize:submit_page_translation", args=[practice.page_id])
            + "?"
            + urlencode({"next": next_url}),
        )
        if can_machine:
            button(
                _("Pre-translate with %(name)s") % {"name": machine.name},
                reverse("translations:pretranslate", args=[practice.page_id, status.language]),
            )
        return actions
    if status.state == State.OUTDATED and status.source_id:
        link(
            _("Update translations"),
            reverse("wagtail_localize:update_translations", args=[status.source_id])
            + "?"
            + urlencode({"next": next_url}),
        )
    if status.state == State.MACHINE:
        link(_("Review"), edit_url)
        button(
            _("Mark as reviewed"),
            reverse("translations:mark_reviewed", args=[status.translation_id]),
        )
    else:
        link(_("Edit translation") if status.translation_id else _("Edit"), edit_url)
    if status.state == State.IN_PROGRESS and can_machine:
        button(
            _("Pre-translate with %(name)s") % {"name": machine.name},
            reverse("translations:pretranslate", args=[practice.page_id, status.language]),
        )
    if status.translation_id:
        link(
            _("Download PO"),
            reverse("wagtail_localize:download_pofile", args=[status.translation_id]),
        )
    return actions


def visible_practice_keys(user):
    """The practices a user may see on the dashboard (None: all): those with a language version
    they hold a page permission on, and, for translators, the live ones they may translate."""
    if user.is_superuser:
        return None
    actions = {"add", "change", "publish", "bulk_delete", "lock", "unlock"}
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, actions)
    if user.has_perm("wagtail_localize.submit_translation"):
        pages = pages | Page.objects.live().public()
    return pages.type(PracticePage).values("translation_key")


class TranslationDashboardView(WagtailAdminTemplateMixin, TemplateView):
    """Every practice × language with its state, progress and the next action."""

    template_name = "practices/admin/translation_dashboard.html"
    page_title = gettext_lazy("Translations")
    header_icon = "wagtail-localize-language"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        languages = content_languages()
        names = language_names()
        machine = machine_translation_status()
        statuses = practice_statuses(visible_practice_keys(self.request.user))
        form = DashboardFilterForm(self.request.GET or None)
        shown = form.apply(statuses)
        page = Paginator(shown, PAGE_SIZE).get_page(self.request.GET.get("p"))
        next_url = self.request.get_full_path()
        rows = []
        for practice in page.object_list:
            cells = []
            for language in languages:
                status = practice.languages[language]
                cells.append(
                    {
                        "status": status,
                        "actions": cell_actions(practice, status, machine, next_url),
                    }
                )
            rows.append({"practice": practice, "cells": cells})
        totals = {
            language: {
                state: sum(1 for s in statuses if s.languages[language].state == state)
                for state in State.values
            }
            for language in languages
        }
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            {
                "form": form,
                "languages": [(code, names[code]) for code in languages],
                "rows": rows,
                "page_obj": page,
                "query_string": query.urlencode(),
                "count": len(shown),
                "total": len(statuses),
                "totals": [
                    (
                        names[language],
                        [(State(s).label, n) for s, n in totals[language].items() if n],
                    )
                    for language in languages
                ],
                "machine": machine,
                "machine_pairs": [(names[s], names[t]) for s, t in machine.pairs],
                "next_url": next_url,
            }
        )
        return context


@require_POST
def mark_reviewed_view(request, translation_id):
    """The bulk human pass: whoever may publish the translation accepts its machine strings."""
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), pk=translation_id
    )
    target = translation.get_target_instance()
    if not isinstance(target, Page) or not target.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    count = mark_reviewed(translation, request.user)
    messages.success(
        request,
        _("%(count)d machine-translated strings of '%(title)s' marked as reviewed.")
        % {"count": count, "title": target.get_admin_display_title()},
    )
    return redirect(get_valid_next_url_from_request(request) or reverse("translations:index"))


def can_pretranslate(user, page, locale):
    """Edit rights on the translation, or (to start one) on its section in that language."""
    target = page.get_translation_or_none(locale)
    if target is not None:
        return target.permissions_for_user(user).can_edit()
    parent = page.get_parent().get_translation_or_none(locale)
    return parent is not None and parent.permissions_for_user(user).can_edit()


@require_POST
@permission_required("wagtail_localize.submit_translation", raise_exception=True)
def pretranslate_view(request, page_id, language):
    """Machine pre-translation of a practice into one language, saved as a draft.

    Starts the translation if needed; the draft is never published here and cannot be
    published before a human pass (see the before_edit_page hook).
    """
    page = get_object_or_404(Page, pk=page_id).specific
    locale = get_object_or_404(Locale, language_code=language)
    if not can_pretranslate(request.user, page, locale):
        raise PermissionDenied
    translator = get_machine_translator()
    dashboard = reverse("translations:index")
    if translator is None or not translator.can_translate(page.locale, locale):
        messages.error(request, _("Machine translation is not available for this language."))
        return redirect(dashboard)
    translations = Translation.objects.filter(
        source__object_id=page.translation_key,
        source__locale=page.locale,
        target_locale=locale,
        enabled=True,
    )
    with transaction.atomic():
        translation = translations.first()
        if translation is None:
            TranslationCreator(request.user, [locale]).create_translations(page)
            translation = translations.get()
        translated = apply_machine_translation(translation.id, request.user, translator)
    if not translated:
        messages.warning(request, _("There was nothing left to pre-translate."))
    else:
        try:
            translation.save_target(user=request.user, publish=False)
        except ValidationError:
            messages.warning(request, _("Some machine translations are not valid; see the editor."))
        messages.success(
            request,
            _("Pre-translated with %(name)s. Review every string before publishing.")
            % {"name": translator.display_name},
        )
    target = translation.get_target_instance()
    return redirect(reverse("wagtailadmin_pages:edit", args=[target.pk]))


PO_TRANSLATION_HEADER = "X-WagtailLocalize-TranslationID"


def read_po(upload, translation):
    """The uploaded PO file of this translation, parsed; ValidationError says what is wrong."""
    content = upload.read()
    if not content.strip():
        raise ValidationError(_("The PO file is empty."))
    # polib takes a string as a path, so the content goes through a file (as wagtail-localize).
    with tempfile.NamedTemporaryFile(suffix=".po") as handle:
        handle.write(content)
        handle.flush()
        try:
            po = polib.pofile(handle.name)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise ValidationError(_("This is not a valid PO file: it may be truncated.")) from error
    if PO_TRANSLATION_HEADER not in po.metadata:
        raise ValidationError(
            _(
                "This PO file has no header naming its translation. Download the PO file of "
                "this translation, translate it and upload it back."
            )
        )
    if po.metadata[PO_TRANSLATION_HEADER] != str(translation.uuid):
        raise ValidationError(
            _("Cannot import PO file that was created for a different translation.")
        )
    return po


@require_POST
def upload_po_view(request, translation_id):
    """wagtail-localize's PO upload, with a clear error for a missing, empty, truncated,
    header-less or foreign file, and an honest count of what was imported."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    next_url = get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
    try:
        if "file" not in request.FILES:
            raise ValidationError(_("Choose a PO file to upload."))
        po = read_po(request.FILES["file"], translation)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(next_url)
    offered = sum(1 for entry in po if entry.msgstr)
    with transaction.atomic():
        rejected = len(translation.import_po(po, user=request.user, tool_name="PO File"))
    imported = offered - rejected
    if imported <= 0:
        messages.error(
            request,
            _(
                "No string was imported: none of the translated strings in the file matches "
                "this page's current text. Download a new PO file and translate that one."
            ),
        )
    elif rejected:
        messages.warning(
            request,
            _("Imported %(imported)s strings; %(rejected)s did not match the current text.")
            % {"imported": imported, "rejected": rejected},
        )
    else:
        messages.success(
            request,
            ngettext("Imported %(count)s string.", "Imported %(count)s strings.", imported)
            % {"count": imported},
        )
    return redirect(next_url)


class TranslationDashboardViewSet(ViewSet):
    name = "translations"
    url_prefix = "translation-status"
    icon = "wagtail-localize-language"
    menu_label = gettext_lazy("Translations")
    menu_order = 250
    add_to_admin_menu = True

    def get_urlpatterns(self):
        return [
            path("", TranslationDashboardView.as_view(), name="index"),
            path("<int:translation_id>/reviewed/", mark_reviewed_view, name="mark_reviewed"),
            path(
                "pretranslate/<int:page_id>/<str:language>/",
                pretranslate_view,
                name="pretranslate",
            ),
        ]


class CompletenessColumn(Column):
    cell_template_name = "practices/admin/completeness_cell.html"

    def get_value(self, instance):
        return getattr(instance, "practice_status", None)
