"""The site chrome's page lookups (home page and main menu per language), cached.

Publishing, unpublishing, moving or deleting a page and adding or removing a view
restriction drop the cached menus in every worker (`practices.caching`).
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from practices import caching
from practices.visibility import public_now

GROUP = "navigation"


def navigation(language):
    """(home page, menu pages) for a language, falling back to the source language's home."""

    def build():
        from home.models import HomePage

        homes = {
            h.locale.language_code: h for h in public_now(HomePage.objects).select_related("locale")
        }
        home = homes.get(language) or homes.get(settings.LANGUAGE_CODE)
        menu = list(public_now(home.get_children()).in_menu()) if home else []
        return home, menu

    return caching.cached(GROUP, language, build)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_delete)
def invalidate(sender, **kwargs):
    if sender is Page or issubclass(sender, Page):
        caching.invalidate(GROUP)


@receiver([post_save, post_delete], sender=PageViewRestriction)
def restriction_changed(sender, **kwargs):
    caching.invalidate(GROUP)
