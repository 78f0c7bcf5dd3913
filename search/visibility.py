"""Which pages the public may see right now (live, outside any private section, not
expired), and which version of a page a visitor sees.

Wagtail's `publish_scheduled` unpublishes a page once its `expire_at` has passed; until that
command runs, the page is still `live`. Every public read therefore applies this one rule.
"""

from django.conf import settings
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Length, Substr
from django.utils import timezone

from wagtail.models import PageViewRestriction


def public_now(queryset):
    """The pages of a page queryset that are live, public and not expired.

    Like Wagtail's `.live().public()`, but the privacy test is a subquery (a restriction on
    the page or an ancestor: its path is a prefix of the page's) rather than an extra query.
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.live().filter(
        Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()), ~Exists(restricted)
    )


def public_translations(page):
    """{language code: page} of the versions of `page` the public may see now, in one query."""
    pages = public_now(page.get_translations(inclusive=True)).select_related("locale")
    return {version.locale.language_code: version for version in pages}


def is_expired(page):
    return page.expire_at is not None and page.expire_at <= timezone.now()


def is_public_now(page):
    """The same rule for one page (one query for its and its ancestors' restrictions)."""
    return page.live and not is_expired(page) and not page.get_view_restrictions().exists()


def public_versions(model, chosen, locale):
    """The chosen pages that are public right now, each in `locale` where that version is
    public too (else as chosen); the others are left out. Kept in order, one query."""
    keys = [page.translation_key for page in chosen]
    versions = {
        (page.translation_key, page.locale_id): page
        for page in public_now(model.objects.filter(translation_key__in=keys)).select_related(
            "locale"
        )
    }
    return [
        versions.get((page.translation_key, locale.pk)) or versions[key]
        for page in chosen
        if (key := (page.translation_key, page.locale_id)) in versions
    ]


def version_rank(code, language, original):
    """Sort key of a page's version in language `code` for a visitor of `language`: the one
    rule of which version a visitor sees. Theirs, else the page's original language, else
    the site's default language, else any (docs/architecture.md, "One version per page")."""
    return (code != language, code != original, code != settings.LANGUAGE_CODE)


def in_visitor_language(queryset, language):
    """One version of each page of the queryset that is public right now: the one a visitor
    of `language` sees (`version_rank`; the original language is the page's
    `original_language` where it has one, else the default language). One query."""
    public = public_now(queryset)
    fields = {field.name for field in queryset.model._meta.get_fields()}
    original = F("original_language") if "original_language" in fields else Value("")
    rank = Case(
        When(locale__language_code=language, then=0),
        When(locale__language_code=original, then=1),
        When(locale__language_code=settings.LANGUAGE_CODE, then=2),
        default=3,
    )
    versions = public.filter(translation_key=OuterRef("translation_key")).annotate(rank=rank)
    return public.filter(pk=Subquery(versions.order_by("rank", "pk").values("pk")[:1]))
