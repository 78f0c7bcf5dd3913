"""Adding a rich-text section is a change to the model only (its field and its `Section`;
PracticePage's panels read its own SECTIONS): the index, completeness, the API and the page
template read the declaration. tests/declared/models.py declares one on a page type of its
own, with nothing else."""

import pytest

from practices.localisation.status import practice_statuses
from search.service import search
from tests.declared.models import SectionedPracticePage
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db

TESTIMONY = "<p>Las tejedoras de Otavalo cuentan cómo la cooperativa cambió sus ingresos.</p>"


class SectionedPracticeFactory(PracticePageFactory):
    class Meta:
        model = SectionedPracticePage


@pytest.fixture
def practice(superuser):
    return SectionedPracticeFactory(
        title="Cooperativa textil", testimonies=TESTIMONY, user=superuser, publish=True
    )


def test_the_new_section_is_searchable(practice):
    response = search("tejedoras otavalo", language="es")
    assert [hit.page_id for hit in response.hits] == [practice.pk]
    assert "tejedoras" in response.hits[0].text


def test_the_new_section_counts_in_completeness(practice):
    [status] = practice_statuses([practice.translation_key], model=SectionedPracticePage)
    checks = {str(label): done for label, done, _required in status.checks}
    assert checks["testimonies"] is True
    practice.testimonies = ""
    practice.save_revision().publish()
    [status] = practice_statuses([practice.translation_key], model=SectionedPracticePage)
    assert "testimonies" in [str(label) for label in status.missing]


def test_the_new_section_is_in_the_api(client, practice):
    response = client.get(
        "/api/v2/pages/", {"type": "declared.SectionedPracticePage", "fields": "testimonies"}
    )
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["testimonies"] == TESTIMONY


def test_the_new_section_is_on_the_page(practice):
    # rendered as this page type (the practice index routes to PracticePage itself)
    html = practice.make_preview_request().render().content.decode()
    assert "<section><h2>Testimonies</h2><p>Las tejedoras de Otavalo" in html
