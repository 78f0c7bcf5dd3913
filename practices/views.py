"""Public views of the practices app: proposing a practice, the map of countries."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Locale

from search import service
from search.visibility import public_versions

from . import regionmap
from .client import client_ip
from .drafts import save_draft
from .forms import SubmissionForm
from .models import (
    CallForPracticesPage,
    Country,
    PracticeIndexPage,
    PracticeLesson,
    PracticePage,
    Theme,
)

RATE_LIMIT = 5  # accepted proposals per client address per hour (in the shared cache)


@transaction.atomic
def create_proposal(form, language, call=None):
    """A draft practice in the visitor's language, submitted to the editorial workflow,
    recording the call for practices it answers (if any)."""
    data = form.cleaned_data
    # Locking the section serialises concurrent proposals (their tree paths would collide).
    index = PracticeIndexPage.objects.select_for_update().get(locale__language_code=language)
    default = Locale.get_default()
    page = PracticePage(
        title=data["title"],
        summary=data["summary"],
        description="".join(
            f"<p>{escape(p)}</p>" for p in data["description"].split("\n\n") if p.strip()
        ),
        original_language=language,
        contact_name=data["contact_name"] if data["consent_publish"] else "",
        contact_email=data["contact_email"] if data["consent_publish"] else "",
        contact_consent=data["consent_publish"],
        review_notes=_(
            "Proposed through the public form by %(name)s <%(email)s>, %(organisation)s."
        )
        % {
            "name": data["contact_name"],
            "email": data["contact_email"],
            "organisation": data["organisation"],
        },
        call=call,
        locale=index.locale,
    )
    page.lessons = [
        PracticeLesson(text=text, sort_order=n, locale=index.locale)
        for n, text in enumerate(form.lesson_texts())
    ]
    page.countries = Country.objects.filter(locale=default, code__in=data["countries"])
    page.themes = Theme.objects.filter(locale=default, slug__in=data["themes"])
    save_draft(page, parent=index)
    return page


def call_from(request):
    """The call for practices named by ``?call=`` if it is public right now, in the visitor's
    language where that version is public; None for anything else (a tampered id is ignored)."""
    try:
        pk = int(request.GET.get("call", ""))
    except ValueError:
        return None
    chosen = list(CallForPracticesPage.objects.filter(pk=pk).select_related("theme"))
    found = public_versions(CallForPracticesPage, chosen, Locale.get_active())
    return found[0] if found else None


def submit_practice(request):
    language = get_language()
    call = call_from(request)
    initial = {"themes": [call.theme.slug]} if call and call.is_open else {}
    form = SubmissionForm(request.POST or None, language=language, initial=initial)
    if request.method == "POST" and form.is_valid():
        key = f"proposals:{client_ip(request)}"
        if call and not call.is_open:
            form.add_error(
                None,
                _(
                    "The call “%(call)s” closed on %(date)s and no longer accepts proposals. "
                    "Your text is still in the form: send it again to propose the practice "
                    "outside the call."
                )
                % {"call": call.title, "date": date_format(call.deadline)},
            )
        elif cache.get(key, 0) >= RATE_LIMIT:
            form.add_error(None, _("Too many proposals from your connection. Please try later."))
        else:
            create_proposal(form, language, call)
            cache.add(key, 0, 3600)  # the hour starts with the first accepted proposal
            cache.incr(key)
            messages.success(
                request,
                _("Thank you. Your practice was sent to the hub team, who will review it."),
            )
            return redirect("submit_practice")
    status = 400 if form.errors else 200
    context = {"form": form, "call": call}
    return render(request, "practices/submit_practice.html", context, status=status)


def country_map(request):
    """Practices per country: an SVG map and a table with the same counts, links to listings."""
    language = get_language()
    response = service.search(
        "", language=language, filters={"type": ["practice"]}, page_size=1, suggest=False
    )
    counts = {value.value: value.count for value in response.facets.get("country", ())}
    labels = service.labels_for(language)["country"]
    index = PracticeIndexPage.objects.live().filter(locale__language_code=language).first()
    listing = index.get_url(request) if index else ""
    shapes = regionmap.outlines()
    largest = max(counts.values(), default=0)
    countries = sorted(
        (
            {
                "code": code,
                "name": labels.get(code, code),
                "count": counts.get(code, 0),
                "shade": regionmap.shade(counts.get(code, 0), largest),
                "path": outline,
                "url": f"{listing}?{urlencode({'country': code})}",
            }
            for code, outline in shapes["countries"].items()
        ),
        key=lambda country: country["name"],
    )
    others = [
        {
            "code": code,
            "name": labels.get(code, code),
            "count": count,
            "url": f"{listing}?{urlencode({'country': code})}",
        }
        for code, count in counts.items()
        if code not in shapes["countries"]
    ]
    context = {
        "countries": countries,
        "others": sorted(others, key=lambda country: country["name"]),
        "context_shapes": shapes["context"].values(),
        "view_box": shapes["viewBox"],
        "legend": regionmap.legend(largest),
    }
    return render(request, "practices/country_map.html", context)
