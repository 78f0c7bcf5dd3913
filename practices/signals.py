"""Keep the cached taxonomy labels in step with the snippets, and OAI-PMH deletions recorded."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils import timezone

from wagtail.signals import page_published, page_unpublished

from .models import PracticePage, ToolkitPage
from .models.taxonomy import TAXONOMY_MODELS, invalidate_labels
from .oai import forget_removal, record_removal

HARVESTED = (PracticePage, ToolkitPage)


@receiver([post_save, post_delete])
def taxonomy_changed(sender, **kwargs):
    if sender in TAXONOMY_MODELS:
        invalidate_labels()


@receiver(page_unpublished)
def harvestable_unpublished(sender, instance, **kwargs):
    if sender in HARVESTED:
        record_removal(instance, timezone.now())


@receiver(pre_delete)
def harvestable_deleted(sender, instance, **kwargs):
    if sender in HARVESTED and instance.live:
        record_removal(instance, timezone.now())


@receiver(page_published)
def harvestable_published(sender, instance, **kwargs):
    if sender in HARVESTED:
        forget_removal(instance)
