"""The site chrome's page lookups (home page, main menu, criteria page per language), cached.

Any publish, unpublish, move or delete of a page, and any save of the hub settings, bumps the
cache version.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import override

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "navigation-version"


def navigation(language):
    """(home page, menu pages, criteria page URL) for a language.

    The home falls back to the source language's; the criteria page (hub settings) is its
    live, public version in the language, else its original, else "".
    """
    version = cache.get_or_set(VERSION_KEY, 1, None)
    key = f"navigation:{version}:{language}"
    found = cache.get(key)
    if found is None:
        from home.models import HomePage, HubSettings

        homes = {
            h.locale.language_code: h for h in HomePage.objects.live().select_related("locale")
        }
        home = homes.get(language) or homes.get(settings.LANGUAGE_CODE)
        menu = list(home.get_children().live().public().in_menu()) if home else []
        site = home.get_site() if home else None
        with override(language):
            criteria = HubSettings.for_site(site).criteria_url() if site else ""
        found = (home, menu, criteria)
        cache.set(key, found, None)
    return found


@receiver(post_save, sender="home.HubSettings")
def settings_saved(sender, **kwargs):
    invalidate(Page)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_delete)
def invalidate(sender, **kwargs):
    if sender is Page or issubclass(sender, Page):
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 2, None)
