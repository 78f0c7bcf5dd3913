"""The site chrome's page lookups (home page, main menu, criteria page per language), cached.

Publishing, unpublishing, moving or deleting a page, adding or removing a view restriction
and saving the hub settings drop the cached values in every worker (`search.caching`).
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils.translation import override

from wagtail.models import PageViewRestriction, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import caching
from search.visibility import public_now

GROUP = "navigation"


def navigation(language):
    """(home page, menu pages, criteria page URL) for a language.

    The home falls back to the source language's; the criteria page (hub settings) is its
    public version in the language, else its original, else "".
    """

    def build():
        from home.models import HomePage, HubSettings

        homes = {
            h.locale.language_code: h for h in public_now(HomePage.objects).select_related("locale")
        }
        home = homes.get(language) or homes.get(settings.LANGUAGE_CODE)
        menu = list(public_now(home.get_children()).in_menu()) if home else []
        site = home.get_site() if home else None
        with override(language):
            criteria = HubSettings.for_site(site).criteria_url() if site else ""
        return home, menu, criteria

    return caching.cached(GROUP, language, build)


def invalidate(**kwargs):
    caching.invalidate(GROUP)


def connect():
    """Connect ``invalidate`` to its senders only (called from ``HomeConfig.ready``)."""
    from home.models import HubSettings

    uid = "home.navigation"
    for model in get_page_models():
        for signal in (page_published, page_unpublished, post_page_move, post_delete):
            signal.connect(invalidate, sender=model, dispatch_uid=uid)
    for signal in (post_save, post_delete):
        signal.connect(invalidate, sender=PageViewRestriction, dispatch_uid=uid)
    post_save.connect(invalidate, sender=HubSettings, dispatch_uid=uid)
