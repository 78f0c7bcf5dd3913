"""Keep the cached taxonomy labels in step with the snippets."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models.taxonomy import TAXONOMY_MODELS, invalidate_labels


@receiver([post_save, post_delete])
def taxonomy_changed(sender, **kwargs):
    if sender in TAXONOMY_MODELS:
        invalidate_labels()
