"""Keep the cached taxonomy labels in step with the snippets, and OAI-PMH deletions recorded."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone

from wagtail.signals import page_published, page_unpublished

from .models import PracticePage, ToolkitPage
from .models.taxonomy import TAXONOMY_MODELS, invalidate_labels
from .oai import forget_removal, record_removal

HARVESTED = (PracticePage, ToolkitPage)


def taxonomy_changed(**kwargs):
    invalidate_labels()


def harvestable_unpublished(instance, **kwargs):
    record_removal(instance, timezone.now())


def harvestable_deleted(instance, **kwargs):
    if instance.live:
        record_removal(instance, timezone.now())


def harvestable_published(instance, **kwargs):
    forget_removal(instance)


def connect():
    """Connect the receivers to their senders only (called from ``PracticesConfig.ready``):
    a receiver on every model's deletes would stop Django's fast delete site-wide."""
    uid = "practices.signals"
    for model in TAXONOMY_MODELS:
        for signal in (post_save, post_delete):
            signal.connect(taxonomy_changed, sender=model, dispatch_uid=uid)
    for model in HARVESTED:
        page_unpublished.connect(harvestable_unpublished, sender=model, dispatch_uid=uid)
        pre_delete.connect(harvestable_deleted, sender=model, dispatch_uid=uid)
        page_published.connect(harvestable_published, sender=model, dispatch_uid=uid)
