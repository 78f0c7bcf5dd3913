"""Keep the index in step with publishing, unpublishing, moves, deletions, privacy and the
related models the declarations reach (taxonomy terms, organisations).

Indexing never breaks an editor's action: failures are logged (the next `update_index`
repairs the index), and each update runs in a savepoint so a failed write cannot poison the
editor's transaction.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import indexer
from .declarations import related_lookups
from .documents import indexed_models

logger = logging.getLogger(__name__)


def _safely(function, *args):
    try:
        with transaction.atomic():
            function(*args)
    except Exception:
        logger.exception("Search index update failed (%s)", function.__name__)


def _indexed(page):
    return type(page) in indexed_models()


def _subtree(page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        indexer.index_subtree(page)


@receiver(page_published)
def on_published(sender, instance, **kwargs):
    if _indexed(instance):
        _safely(indexer.index_page, instance)


@receiver(page_unpublished)
def on_unpublished(sender, instance, **kwargs):
    if _indexed(instance):
        _safely(indexer.remove_pages, [instance.pk])


@receiver(post_page_move)
def on_moved(sender, instance, **kwargs):
    _safely(_subtree, instance.pk)


@receiver(page_slug_changed)
def on_slug_changed(sender, instance, **kwargs):
    _safely(_subtree, instance.pk)


def on_deleted(sender, instance, **kwargs):
    # the rows went with the page (ON DELETE CASCADE); this tells caches and external engines
    _safely(indexer.remove_pages, [instance.pk])


@receiver([post_save, post_delete], sender=PageViewRestriction)
def on_restriction_changed(sender, instance, **kwargs):
    _safely(_subtree, instance.page_id)


def _pages_using(model, instance):
    """Pages whose documents name the instance (a term: through any of its translations)."""
    key = getattr(instance, "translation_key", None)
    related = model.objects.filter(translation_key=key) if key else [instance]
    pages = set()
    for page_model in indexed_models():
        for target, lookup in related_lookups(page_model):
            if target is model:
                found = page_model.objects.filter(**{f"{lookup}__in": related})
                pages |= set(found.values_list("pk", flat=True))
    return pages


def _reindex_related(model, instance):
    pages = _pages_using(model, instance)
    if pages:
        indexer.index_pages(list(Page.objects.filter(pk__in=pages).specific()))


def on_related_saved(sender, instance, created=False, **kwargs):
    """A renamed term or organisation changes the indexed names of every page that uses it."""
    if not created:
        _safely(_reindex_related, sender, instance)


def connect():
    """Receivers bound to their senders only: a receiver on every model's post_delete would
    stop Django from deleting anything in bulk, site-wide."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    from .service import forget_promotions

    for model in indexed_models():
        uid = f"search-delete-{model.__name__}"
        post_delete.connect(on_deleted, sender=model, dispatch_uid=uid)
    related = {target for model in indexed_models() for target, _lookup in related_lookups(model)}
    for model in related:
        uid = f"search-{model._meta.label}"
        post_save.connect(on_related_saved, sender=model, dispatch_uid=uid)
    for signal in (post_save, post_delete):
        signal.connect(forget_promotions, sender=SearchPromotion, dispatch_uid=f"search-{signal!r}")
