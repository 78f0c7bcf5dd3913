"""What the public label says about the language of a page: original, outdated, human or
machine translation (templatetags/translation_tags.py shows it)."""

from dataclasses import dataclass

from search.visibility import public_now

from .human_pass import is_machine_translation


@dataclass
class PublicLanguageStatus:
    kind: str  # "original", "outdated", "human" or "machine"
    original: object = None  # the live original page, when this is a translation


def public_language_status(page):
    """What the public label says about this page's language (at most two queries)."""
    if page.locale.language_code == page.original_language:
        return PublicLanguageStatus("original")
    translations = getattr(page, "live_translations", None)
    if translations is None:
        translations = {
            p.locale.language_code: p
            for p in public_now(page.get_translations()).select_related("locale")
        }
    original = translations.get(page.original_language)
    published = [original and original.last_published_at, page.last_published_at]
    if all(published) and published[0] > published[1]:
        # The original was published again after this translation: it is behind.
        return PublicLanguageStatus("outdated", original)
    kind = "machine" if is_machine_translation(page) else "human"
    return PublicLanguageStatus(kind, original)
