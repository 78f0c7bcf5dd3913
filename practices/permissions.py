"""Who may delete a practice or toolkit (docs/roles.md)."""

from wagtail.models import PagePermissionTester


class KnowledgePagePermissionTester(PagePermissionTester):
    """Wagtail's tester, with deletion kept for publishers (KM admins) and for the owner of a
    never-published draft that is not in review: nobody else's draft, no page in moderation,
    no public proposal (it has no owner)."""

    def can_delete(self, ignore_bulk=False):
        if not super().can_delete(ignore_bulk):
            return False
        if self.user.is_superuser or "publish" in self.permissions:
            return True
        pages = self.page.get_descendants(inclusive=True)
        others = pages.exclude(owner=self.user, first_published_at__isnull=True)
        in_review = pages.filter(_workflow_states__status="in_progress")
        return not others.exists() and not in_review.exists()
