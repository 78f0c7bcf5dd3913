"""The hub's own search index: one row per searchable unit per language.

A *unit* is what a visitor finds: a practice, one lesson learned, one recommendation, a
toolkit or a standard page. Each live, public language version of a unit is a
`SearchDocument` whose primary key is `unit_id * 8 + language slot`, so an engine can tell the
unit of a matching row from its id alone. The analysed `terms_*` columns feed the engines:
an FTS5 table kept in step by triggers on SQLite, generated tsvector columns on PostgreSQL
(see the migrations), and the Elasticsearch index when that engine is selected.
"""

import uuid
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.search_promotions.models import Query

SLOTS = 8  # language slots per unit; the position of the language in settings.LANGUAGES
_pinned_token = ContextVar("search_index_token", default=None)


class IndexState(models.Model):
    """A single row whose token changes with every index change (in-process caches key on it)."""

    token = models.CharField(max_length=32, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search index state")

    def __str__(self):
        return self.token

    @classmethod
    def current(cls):
        pinned = _pinned_token.get()
        if pinned is not None:
            return pinned
        token = cls.objects.filter(pk=1).values_list("token", flat=True).first()
        return token or ""

    @classmethod
    @contextmanager
    def pinned(cls):
        """Within the block, `current()` is read once: one query per search instead of one
        per cache that checks it, and every part of the search sees the same index state."""
        if _pinned_token.get() is not None:
            yield
            return
        reset = _pinned_token.set(cls.current())
        try:
            yield
        finally:
            _pinned_token.reset(reset)

    @classmethod
    def bump(cls):
        token = uuid.uuid4().hex
        updated = cls.objects.filter(pk=1).update(token=token)
        if not updated:
            cls.objects.update_or_create(pk=1, defaults={"token": token})
        return token


class SearchUnit(models.Model):
    """A translation-independent searchable unit; its id is the unit's bit in facet sets."""

    key = models.CharField(max_length=100, unique=True)  # kind:translation_key:number

    class Meta:
        verbose_name = _("search unit")

    def __str__(self):
        return self.key


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        PRACTICE = "practice", _("Practice")
        LESSON = "lesson", _("Lesson learned")
        RECOMMENDATION = "recommendation", _("Recommendation")
        TOOLKIT = "toolkit", _("Toolkit")
        PAGE = "page", _("Page")

    id = models.BigIntegerField(primary_key=True)
    unit = models.ForeignKey(SearchUnit, on_delete=models.CASCADE, related_name="documents")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", db_index=True
    )
    translation_key = models.UUIDField(db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(default=0)  # lesson / recommendation number
    locale = models.CharField(max_length=8)
    original_language = models.CharField(max_length=8)
    title = models.CharField(max_length=255)
    lead = models.TextField(blank=True)  # summary, or the lesson / recommendation itself
    text = models.TextField(blank=True)  # plain text: lead, a new line, the body (snippets)
    tags = models.TextField(blank=True)  # taxonomy names in every language, organisations
    url = models.CharField(max_length=500)
    published_date = models.DateField(null=True)
    facet_tokens = models.TextField(blank=True)
    terms_title = models.TextField(blank=True)
    terms_lead = models.TextField(blank=True)
    terms_tags = models.TextField(blank=True)
    terms_body = models.TextField(blank=True)
    ac = models.TextField(blank=True)  # folded, unstemmed title words (autocomplete)
    vector_hash = models.CharField(max_length=40, blank=True, db_index=True)  # SearchVector
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search document")

    def __str__(self):
        return f"{self.kind} {self.locale}: {self.title}"

    @property
    def slot(self):
        return self.id % SLOTS


class SearchVector(models.Model):
    """A sentence embedding (float32 bytes) of a document's text, keyed by the hash of the
    model and the text: documents point to it by `vector_hash`, so a rebuild reuses every
    vector whose text did not change."""

    hash = models.CharField(max_length=40, primary_key=True)
    vector = models.BinaryField()

    class Meta:
        verbose_name = _("search vector")

    def __str__(self):
        return self.hash


class SearchWord(models.Model):
    """Index vocabulary: folded words per language with document frequency.

    Drives 'did you mean' and tells the query parser which languages a word belongs to.
    Counts only grow between rebuilds; a suggestion is checked against the index before use.
    """

    word = models.CharField(max_length=40)  # folded: no accents, lower case
    form = models.CharField(max_length=40, blank=True)  # as written, lower case (for display)
    language = models.CharField(max_length=8)
    df = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("search word")
        constraints = [
            models.UniqueConstraint(fields=["word", "language"], name="search_word_language")
        ]

    def __str__(self):
        return f"{self.word} ({self.language})"


class ZeroResultHit(models.Model):
    """Daily count of searches that found nothing, next to Wagtail's daily query hits."""

    query = models.ForeignKey(Query, on_delete=models.CASCADE, related_name="zero_result_hits")
    date = models.DateField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        constraints = [
            models.UniqueConstraint(fields=["query", "date"], name="search_zero_result_day")
        ]

    def __str__(self):
        return f"{self.query} {self.date}: {self.hits}"
