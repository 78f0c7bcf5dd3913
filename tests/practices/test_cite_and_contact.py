"""How to cite a practice (block, BibTeX, RIS), its PDF sheet, and the contact form."""

import io
import json
import re

from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, override

from wagtail.models import Locale, PageViewRestriction

import bibtexparser
import pytest
import rispy
from bs4 import BeautifulSoup
from pypdf import PdfReader

from practices.models import ContactMessage, PracticeIndexPage, PracticePage
from tests.scoped import built_once, seed

pytestmark = pytest.mark.django_db

ADDRESS = "focal.point.secreto@example.org"
LANGUAGES = ["es", "en", "pt"]


def version(page, language):
    return page.get_translation(Locale.objects.get(language_code=language))


def words(text):
    return " ".join(text.split())


def citation_text(client, page):
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    return words(soup.select_one("#citation-text").get_text())


@pytest.mark.parametrize(
    ("language", "heading", "retrieved"),
    [("es", "Cómo citar", "Recuperado el"), ("en", "How to cite", "Retrieved"), ("pt", "Como citar", "Acesso em")],
)  # fmt: skip
def test_the_citation_is_in_the_page_language(client, seed_practice, language, heading, retrieved):
    page = version(seed_practice, language)
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert soup.select_one("#cite-heading").get_text() == heading
    text = citation_text(client, page)
    with override(language):
        today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
        hub = gettext("Knowledge Hub")
    assert page.title in text and page.full_url in text and today in text
    assert retrieved in text and hub in text
    assert f"({page.published_date.year})" in text
    assert text.startswith("OIM") or "MiRAC" not in text  # the implementer is the author


def test_bibtex_and_ris_parse_in_reference_managers_libraries(client, seed_practice):
    page = version(seed_practice, "pt")
    bib = client.get(page.url + "cite.bib")
    assert bib.status_code == 200 and bib["Content-Type"].startswith("application/x-bibtex")
    entry = bibtexparser.loads(bib.content.decode()).entries[0]
    assert entry["ENTRYTYPE"] == "misc"
    assert entry["title"].strip("{}") == page.title
    assert entry["url"] == page.full_url and entry["year"] == str(page.published_date.year)
    assert entry["language"] == "portuguese"
    ris = client.get(page.url + "cite.ris")
    assert ris.status_code == 200 and b"\r\n" in ris.content
    (record,) = rispy.loads(ris.content.decode())
    assert record["type_of_reference"] == "ELEC"
    assert record["title"] == page.title and record["urls"] == [page.full_url]
    assert record["authors"] and record["language"] == "pt"


def test_bibtex_escapes_special_characters(client, superuser):
    index = PracticeIndexPage.objects.get(locale=Locale.get_default())
    page = PracticePage(title="Salud & derechos {50%} #1_x", slug="salud-especial", summary="x")
    index.add_child(instance=page)
    page.save_revision(user=superuser).publish(user=superuser)
    entry = bibtexparser.loads(client.get(page.url + "cite.bib").content.decode()).entries[0]
    assert entry["title"] == r"{Salud \& derechos \{50\%\} \#1\_x}"
    assert entry["author"] == "{Hub de conocimiento}"  # no implementer recorded: the hub


def pdf_text(client, page):
    response = client.get(page.url + "sheet.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    with override(page.locale.language_code):
        footer = f"{gettext('Knowledge Hub')} · {page.full_url} · "
    texts = []
    for number, sheet in enumerate(reader.pages, start=1):
        text = words(sheet.extract_text())
        assert f"{footer}{number}/{len(reader.pages)}" in text  # every page says where it is from
        texts.append(text.replace(f"{footer}{number}/{len(reader.pages)}", ""))
    return words(" ".join(texts)), reader


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_sheet_holds_title_lessons_recommendations_and_citation(
    client, seed_practice, language
):
    page = version(seed_practice, language)
    text, reader = pdf_text(client, page)
    assert words(page.title) in text
    lessons = list(page.lessons.all())
    assert len(lessons) == 4
    for lesson in lessons:
        assert f"{lesson.number}. {words(lesson.text)}" in text
    for recommendation in page.recommendations.all():
        assert f"{recommendation.number}. {words(recommendation.text)}" in text
    # A long URL may be broken across lines: compare the citation without line breaks.
    assert "".join(citation_text(client, page).split()) in "".join(text.split())
    assert {"es": "Idioma: Español", "en": "Language: English", "pt": "Idioma: Português"}[
        language
    ] in text
    assert reader.metadata.title == page.title
    if language != "es":
        assert seed_practice.full_url in "".join(text.split())  # the label links the original


def test_downloads_of_hidden_practices_are_not_served(client, superuser):
    index = PracticeIndexPage.objects.get(locale=Locale.get_default())
    private = PracticePage(title="PRIVADA", slug="privada-descarga", summary="x")
    index.add_child(instance=private)
    private.save_revision(user=superuser).publish(user=superuser)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = PracticePage(title="BORRADOR", slug="borrador-descarga", summary="x", live=False)
    index.add_child(instance=draft)
    for name in PracticePage.DOWNLOADS:
        assert client.get(f"{index.url}privada-descarga/{name}").status_code == 302  # login
        assert client.get(f"{index.url}borrador-descarga/{name}").status_code == 404
    assert client.get(f"{index.url}borrador-descarga/other.pdf").status_code == 404


def test_no_form_and_no_relay_without_consent(client, seed_practice):
    seed_practice.contact_email = ADDRESS
    seed_practice.contact_consent = False
    seed_practice.save_revision().publish()
    assert 'id="contact"' not in client.get(seed_practice.url).content.decode()
    response = client.post(seed_practice.url + "contact/", MESSAGE)
    assert response.status_code == 302 and mail.outbox == []


@pytest.fixture(scope="module")
def consented(django_db_setup, django_db_blocker):
    """The seed practice, its focal point consenting in every language (built once for the
    module, whose tests from here on all use it)."""
    yield from built_once(django_db_blocker, consenting_seed)


def consenting_seed():
    seed_practice = seed()
    seed_practice.contact_name = "Ana Focal"
    seed_practice.contact_email = ADDRESS
    seed_practice.contact_consent = True
    seed_practice.save_revision().publish()
    for language in ("en", "pt"):
        page = version(seed_practice, language)
        page.contact_name, page.contact_email, page.contact_consent = "Ana Focal", ADDRESS, True
        page.save_revision().publish()
    return seed_practice


MESSAGE = {
    "name": "Rosa Pérez",
    "organisation": "Red Migrante",
    "email": "rosa@example.org",
    "message": "Quisiera replicar la práctica en Loja.",
    "website": "",
}


def test_the_form_relays_the_message_with_reply_to_the_sender(client, consented):
    page = version(consented, "en")
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    form = soup.select_one("#contact form")
    assert form["action"] == page.url + "contact/"
    assert form.select_one('input[name="csrfmiddlewaretoken"]')
    response = client.post(form["action"], MESSAGE)
    assert response.status_code == 302 and response["Location"] == page.url + "#contact"
    (email,) = mail.outbox
    assert email.to == [ADDRESS] and email.reply_to == ["rosa@example.org"]
    assert "Quisiera replicar la práctica en Loja." in email.body
    assert "Rosa Pérez (Red Migrante)" in email.body and page.title in email.subject
    stored = ContactMessage.objects.get()
    assert stored.page == page and stored.language == "en"
    followed = client.get(response["Location"]).content.decode()
    assert "Your message was sent" in followed and ADDRESS not in followed


def test_bad_input_honeypot_and_rate_limit_send_nothing(client, consented):
    url = consented.url + "contact/"
    response = client.post(url, {**MESSAGE, "email": "not-an-address"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Quisiera replicar" in html  # what they typed is kept
    assert ADDRESS not in html
    assert client.post(url, {**MESSAGE, "website": "http://spam"}).status_code == 400
    assert mail.outbox == []
    for _n in range(5):
        assert client.post(url, MESSAGE).status_code == 302
    limited = client.post(url, MESSAGE)
    assert limited.status_code == 400 and "Demasiados mensajes" in limited.content.decode()
    assert len(mail.outbox) == 5 == ContactMessage.objects.count()


def test_the_address_is_in_no_public_output(client, consented):
    outputs = []
    for language in LANGUAGES:
        page = version(consented, language)
        outputs.append(client.get(page.url).content.decode())
        outputs.append(client.get(page.url + "cite.bib").content.decode())
        outputs.append(client.get(page.url + "cite.ris").content.decode())
        outputs.append(pdf_text(client, page)[0])
        outputs.append(client.get(f"/api/v2/pages/{page.pk}/").content.decode())
        outputs.append(client.get(f"/{language}/feed/").content.decode())
        for file_format in ("csv", "json"):
            outputs.append(
                client.get(
                    "/api/search/export/", {"format": file_format, "lang": language}
                ).content.decode("utf-8-sig")
            )
    outputs.append(
        client.get(
            "/api/v2/pages/", {"type": "practices.PracticePage", "fields": "*", "limit": 100}
        ).content.decode()
    )
    outputs.append(client.get("/api/search/", {"q": "focal"}).content.decode())
    for output in outputs:
        assert ADDRESS not in output and "focal.point.secreto" not in output
    contact = json.loads(outputs[4])["public_contact"]
    assert contact["name"] == "Ana Focal" and contact["contact_form"].endswith("#contact")


def test_practice_page_query_budget_holds_with_citation_and_form(
    client, consented, django_assert_max_num_queries
):
    client.get(consented.url)
    with django_assert_max_num_queries(13):
        assert client.get(consented.url).status_code == 200
    assert re.search(r"cite\.bib", client.get(consented.url).content.decode())


def staff(group_name):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(group_name.replace(" ", "-"), password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_staff_see_counts_and_only_km_admins_read_messages(client, consented):
    client.post(consented.url + "contact/", MESSAGE)
    client.post(version(consented, "pt").url + "contact/", MESSAGE)
    message = ContactMessage.objects.filter(page=consented).get()
    client.force_login(staff("Contributors"))
    listing = client.get(reverse("practice_listing:index"))
    assert listing.status_code == 200
    soup = BeautifulSoup(listing.content, "html.parser")
    row = next(tr for tr in soup.select("tbody tr") if consented.title[:40] in tr.get_text())
    assert "2" in [cell.get_text(strip=True) for cell in row.select("td")]
    assert client.get(reverse("contactmessage:index")).status_code in (302, 403)
    inspect = reverse("contactmessage:inspect", args=[message.pk])
    assert client.get(inspect).status_code in (302, 403)
    client.force_login(staff("KM admins"))
    assert client.get(reverse("contactmessage:index")).status_code == 200
    assert "Quisiera replicar la práctica en Loja." in client.get(inspect).content.decode()
