"""A practice type with one more rich-text section, declared the way PracticePage declares
its own: the field and its `Section`, nothing else (tests/declared/test_new_section.py)."""

from wagtail.fields import RichTextField

from practices.models import PracticePage
from practices.models.base import Section


class SectionedPracticePage(PracticePage):
    testimonies = RichTextField("testimonies", blank=True)

    sections = PracticePage.sections + (Section("testimonies", "Testimonies", required=True),)

    template = "practices/practice_page.html"

    class Meta:
        verbose_name = "practice with testimonies"
