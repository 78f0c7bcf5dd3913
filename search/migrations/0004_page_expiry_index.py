"""A partial index on the expiry dates of pages: every search takes out the pages that have
just expired (`search.indexer.remove_expired`), and without it that was a scan of the whole
page table (8 ms a search at 10k practices, docs/performance.md). Few pages have an expiry
date, so the index is small."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0003_search_vectors")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS search_page_expire_at ON wagtailcore_page (expire_at) "
            "WHERE expire_at IS NOT NULL",
            "DROP INDEX IF EXISTS search_page_expire_at",
        )
    ]
