"""The site chrome's page lookups (home page and main menu per language), cached.

Any publish, unpublish, move or delete of a page bumps the cache version.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "navigation-version"


def navigation(language):
    """(home page, menu pages) for a language, falling back to the source language's home."""
    version = cache.get_or_set(VERSION_KEY, 1, None)
    key = f"navigation:{version}:{language}"
    found = cache.get(key)
    if found is None:
        from home.models import HomePage

        homes = {
            h.locale.language_code: h for h in HomePage.objects.live().select_related("locale")
        }
        home = homes.get(language) or homes.get(settings.LANGUAGE_CODE)
        menu = list(home.get_children().live().public().in_menu()) if home else []
        found = (home, menu)
        cache.set(key, found, None)
    return found


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
