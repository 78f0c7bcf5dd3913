"""One practice from draft to reviewed Portuguese translation, in the real admin UI.

docs/workflow.md ("Revisión editorial") and docs/translation.md ("The human pass"), played by
one user per group (created by scenario.py's ``journey_users``), each in their own browser
context:

1. a Contributor creates a practice in the Spanish practice index and submits it;
2. a Reviewer requests changes, with a comment;
3. the Contributor fixes the summary and resubmits;
4. the Reviewer approves, the KM admin gives the final approval: the page is live;
5. a Translator starts the Portuguese translation, pre-translates it with Apertium and edits
   one string by hand; the KM admin marks it as reviewed on the translation dashboard and
   publishes it from the translation editor (translators cannot publish);
6. the public Portuguese page says "Translation reviewed by our team" and passes axe.

A screenshot is saved at every step: tests/artifacts/screenshots/journey-NN-<step>.png.
"""

import re
import uuid
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import expect
from test_accessibility import audit  # tests/browser is on sys.path (rootdir conftest)

pytestmark = pytest.mark.browser

SUMMARY_DRAFT = "Un resumen provisional."
SUMMARY_FIXED = (
    "Ferias de empleo organizadas con los municipios para personas migrantes y refugiadas."
)
LESSON = "Coordinar con las oficinas municipales antes de convocar a las empresas."
LESSON_PT = "Coordenar com os escritórios municipais antes de convocar as empresas."
REVIEW_COMMENT = "El resumen es demasiado breve: explicar qué se hizo y con quién."


# Removes the journey's practice and its translations again, so that the suites that run
# after this one (test_journeys.py, test_offline.py) count the demo listings they expect.
DELETE_PAGES = """
from wagtail.models import Page
key = Page.objects.get(pk={page_id}).translation_key
for page in Page.objects.filter(translation_key=key).specific().order_by("-depth"):
    page.delete()
"""


@pytest.fixture
def created(manage):
    """Ids of what the journey creates, deleted after the test (even when it fails)."""
    created = {}
    yield created
    if "page_id" in created:
        manage("shell", "-c", DELETE_PAGES.format(page_id=created["page_id"]))


def path_is(expected):
    return lambda url: urlsplit(url).path == expected


class Journey:
    """The users' browser contexts and the numbered screenshots of one journey."""

    def __init__(self, hub, context_factory, screenshot):
        self.hub = hub
        self.context_factory = context_factory
        self.screenshot = screenshot
        self.pages = {}
        self.step = 0

    def as_user(self, role):
        """A logged-in admin tab for role (contributor, reviewer, translator, kmadmin)."""
        if role not in self.pages:
            page = self.context_factory().new_page()
            user = self.hub.journey["users"][role]
            self.hub.login(page, user["username"], user["password"])
            self.pages[role] = page
        return self.pages[role]

    def shot(self, page, name):
        self.step += 1
        self.screenshot(page, f"journey-{self.step:02d}-{name}")


def footer_action(page, name):
    """Click an action of the editor's footer menu (the "More actions" dropdown)."""
    action = page.locator("footer").get_by_role("button", name=name, exact=True)
    if not action.is_visible():
        page.locator("footer .w-dropdown__toggle").click()
    expect(action).to_be_visible()
    action.click()


def workflow_action_with_comment(page, name, comment):
    """A workflow action that opens a modal asking for a comment (e.g. Request changes)."""
    footer_action(page, name)
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    dialog.locator("textarea[name=comment]").fill(comment)
    return dialog


def expect_success(page, text):
    expect(page.locator(".messages .success")).to_contain_text(text)


def test_editorial_journey(hub, context_factory, screenshot, created):
    journey = Journey(hub, context_factory, screenshot)
    title = f"Ferias de empleo inclusivas ({uuid.uuid4().hex[:6]})"

    # 1. The contributor creates the practice and submits it to Revisión editorial.
    contributor = journey.as_user("contributor")
    contributor.goto(f"/admin/pages/{hub.journey['practice_index']}/add_subpage/")
    contributor.wait_for_url(re.compile(r"/admin/pages/add/practices/practicepage/\d+/$"))
    contributor.locator("input[name=title]").fill(title)
    contributor.locator("textarea[name=summary]").fill(SUMMARY_DRAFT)
    contributor.get_by_role("button", name="Add lesson").click()
    contributor.locator("textarea[name='lessons-0-text']").fill(LESSON)
    journey.shot(contributor, "contributor-new-practice")
    footer_action(contributor, "Submit to Revisión editorial")
    contributor.wait_for_url(lambda url: "/add/" not in url)
    expect_success(contributor, title)
    edit_link = contributor.locator(".messages .success a[href*='/edit/']").first
    page_id = int(re.search(r"/admin/pages/(\d+)/edit/", edit_link.get_attribute("href"))[1])
    created["page_id"] = page_id
    edit_url = f"/admin/pages/{page_id}/edit/"
    journey.shot(contributor, "contributor-submitted")

    # 2. The reviewer opens it from the dashboard and requests changes, with a comment.
    reviewer = journey.as_user("reviewer")
    reviewer.goto("/admin/")
    reviewer.locator(f"a[href='{edit_url}']").first.click()
    reviewer.wait_for_url(path_is(edit_url))
    expect(reviewer.locator("input[name=title]")).to_have_value(title)
    journey.shot(reviewer, "reviewer-opens")
    dialog = workflow_action_with_comment(reviewer, "Request changes", REVIEW_COMMENT)
    journey.shot(reviewer, "reviewer-request-changes")
    dialog.get_by_role("button", name="Request changes").click()
    # Back in the explorer. The flash message is not asserted here: it was missing once in CI
    # (stop 16, not reproduced); the contributor's status panel below checks the outcome.
    reviewer.wait_for_url(
        lambda url: urlsplit(url).path.startswith("/admin/pages/") and "/edit/" not in url
    )
    journey.shot(reviewer, "reviewer-changes-requested")

    # 3. The contributor sees the comment, fixes the summary and resubmits.
    contributor.goto(edit_url)
    contributor.locator("[data-side-panel-toggle='status']").click()
    status = contributor.locator("[data-side-panel='status']")
    expect(status).to_contain_text("Changes requested")
    status.get_by_role("button", name="View details").click()
    details = contributor.locator("#workflow-status-dialog")
    expect(details).to_contain_text(REVIEW_COMMENT)
    journey.shot(contributor, "contributor-reads-comment")
    details.get_by_role("button", name="Close").first.click()
    expect(details).to_be_hidden()
    contributor.locator("textarea[name=summary]").fill(SUMMARY_FIXED)
    journey.shot(contributor, "contributor-fixes")
    footer_action(contributor, "Resubmit to Revisión")
    expect_success(contributor, title)
    journey.shot(contributor, "contributor-resubmitted")

    # 4. The reviewer approves (Revisión), the KM admin approves (Aprobación final): live.
    reviewer.goto(edit_url)
    expect(reviewer.locator("textarea[name=summary]")).to_have_value(SUMMARY_FIXED)
    footer_action(reviewer, "Approve")
    expect_success(reviewer, title)
    journey.shot(reviewer, "reviewer-approved")

    km_admin = journey.as_user("kmadmin")
    km_admin.goto(edit_url)
    expect(km_admin.locator("[data-side-panel='status']")).to_contain_text("Aprobación final")
    slug = km_admin.locator("input[name=slug]").input_value()
    footer_action(km_admin, "Approve and Publish")  # the last task's approval publishes
    expect_success(km_admin, title)
    journey.shot(km_admin, "kmadmin-approved")

    public_es = f"{hub.page_url('listing', 'es')}{slug}/"
    visitor = journey.context_factory().new_page()
    response = visitor.goto(public_es)
    assert response.status == 200
    expect(visitor.locator("h1")).to_have_text(title)
    expect(visitor.get_by_text(SUMMARY_FIXED).first).to_be_visible()
    expect(visitor.locator("[data-language-status]")).to_have_attribute(
        "data-language-status", "original"
    )
    journey.shot(visitor, "public-es-live")

    # 5. The translator starts the Portuguese translation from the translation dashboard
    #    (they have no permission on the Spanish tree, so no page actions there), ...
    translator = journey.as_user("translator")
    dashboard = f"/admin/translation-status/?{urlencode({'q': title})}"
    translator.goto(dashboard)
    cell = translator.locator("tr", has_text=title).locator("td[data-language=pt]")
    expect(cell).to_have_attribute("data-state", "not_started")
    cell.get_by_role("link", name="Translate", exact=True).click()
    translator.wait_for_url(re.compile(r"/admin/localize/submit/page/\d+/"))
    translator.get_by_label("Portuguese").check()
    journey.shot(translator, "translator-translate-to-pt")
    translator.get_by_role("button", name="Submit").click()
    translator.wait_for_url(lambda url: "/admin/translation-status/" in url)
    expect(cell).not_to_have_attribute("data-state", "not_started")
    cell.get_by_role("link", name="Edit translation").click()
    translator.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    journey.shot(translator, "translator-editor")
    translator.get_by_role("button", name="Translate with Apertium").click()
    expect_success(translator, "Apertium")
    journey.shot(translator, "translator-apertium")
    # ... and corrects Apertium's lesson by hand (it saves the string as a manual one).
    segment = translator.locator("li").filter(has=translator.get_by_text(LESSON, exact=True)).last
    segment.get_by_role("button", name="Edit").click()
    segment.locator("textarea").fill(LESSON_PT)
    journey.shot(translator, "translator-edits-lesson")
    segment.get_by_role("button", name="Save").click()
    expect(segment).to_contain_text(LESSON_PT)
    expect(segment.get_by_role("button", name="Edit")).to_be_visible()  # saved
    publish_pt = "Publish in Portuguese"
    expect(translator.locator("footer").get_by_role("button", name=publish_pt)).to_have_count(0)
    journey.shot(translator, "translator-lesson-saved")

    # The KM admin does the human pass for the rest (Mark as reviewed on the dashboard) ...
    km_admin.goto(dashboard)
    cell = km_admin.locator("tr", has_text=title).locator("td[data-language=pt]")
    expect(cell).to_have_attribute("data-state", "machine")
    journey.shot(km_admin, "kmadmin-dashboard-machine")
    cell.get_by_role("button", name="Mark as reviewed").click()
    expect_success(km_admin, "marked as reviewed")
    expect(cell).not_to_have_attribute("data-state", "machine")
    journey.shot(km_admin, "kmadmin-marked-reviewed")
    expect(cell).to_have_attribute("data-state", "up_to_date")
    expect(cell).to_contain_text("Not published")

    # ... and publishes it from the translation editor.
    cell.get_by_role("link", name="Edit translation").click()
    km_admin.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(km_admin.get_by_text(LESSON_PT).first).to_be_visible()
    journey.shot(km_admin, "kmadmin-translation-editor")
    km_admin.locator("footer").get_by_role("button", name=publish_pt).click()
    expect_success(km_admin, "in Portuguese")
    journey.shot(km_admin, "kmadmin-published-pt")

    # 6. The public Portuguese page: reviewed translation label, no serious axe violation.
    visitor.goto(public_es)
    visitor.locator("header nav.languages a[hreflang=pt]").click()
    visitor.wait_for_url(re.compile(r"/pt/praticas/[^/]+/$"))
    assert f"/{page_id}/" not in visitor.url, "the switcher offers no live Portuguese page"
    expect(visitor.locator("html")).to_have_attribute("lang", "pt")
    expect(visitor.locator("main")).to_contain_text(LESSON_PT)
    label = visitor.locator("[data-language-status]")
    # "human" is the reviewed kind (practices/localisation/, tests/translation/).
    expect(label).to_have_attribute("data-language-status", "human")
    expect(label).to_contain_text("Tradução revisada pela nossa equipe.")
    expect(label.locator(f"a[href='{public_es}']")).to_be_visible()  # read the original
    journey.shot(visitor, "public-pt-reviewed")
    assert audit(visitor, "journey-public-pt") == []
