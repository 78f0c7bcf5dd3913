"""A researcher downloads a search's results, cites a practice and writes to its implementer."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect
from test_accessibility import audit  # tests/browser is on sys.path (rootdir conftest)

pytestmark = pytest.mark.browser


def test_download_cite_and_contact_without_seeing_the_address(context_factory, hub, screenshot):
    context = context_factory(
        accept_downloads=True, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    address = hub.contact["email"]

    # A search, then "Descargar resultados" (CSV) for what is on screen.
    page.goto(f"{hub.url}/es/buscar/?q=salud")
    titles = page.locator("#search-results .hit-title a").all_inner_texts()
    assert titles
    with page.expect_download() as download_info:
        page.locator('.export-links a[data-format="csv"]').click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), "rb") as file:
        body = file.read()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert rows[0][0] == "Título"
    exported = {row[0] for row in rows[1:]}
    assert {" ".join(t.split()) for t in titles if t} & exported

    # A practice whose focal point consented: its citation, copied.
    page.goto(hub.contact["urls"]["es"])
    citation = page.locator("#citation-text")
    expect(citation).to_contain_text("Recuperado el")
    page.get_by_role("button", name="Copiar la cita").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == " ".join(citation.inner_text().split()) or copied == citation.inner_text()
    assert address not in page.content()
    screenshot(page, "practice-cite-contact-es")
    assert audit(page, "practice-cite-contact-es") == []

    # The contact form: a mistake first, then the message goes through the hub.
    form = page.locator("#contact form")
    form.get_by_label("Su nombre").fill("Rosa Pérez")
    form.get_by_label("Su correo electrónico").fill("no-es-un-correo")
    form.get_by_label("Mensaje").fill("Quisiéramos replicar las brigadas en Arequipa.")
    form.locator("button[type=submit]").click()
    expect(page.locator("#contact .field-error").first).to_be_visible()
    assert address not in page.content()
    assert audit(page, "practice-contact-errors-es") == []
    form = page.locator("#contact form")
    form.get_by_label("Su correo electrónico").fill("rosa.perez@example.org")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"#contact$"))
    expect(page.locator("#contact .notice")).to_contain_text("Su mensaje fue enviado")
    assert address not in page.content()
    screenshot(page, "practice-contact-sent-es")

    mails = [path.read_text(encoding="utf-8") for path in hub.mail_dir.glob("*.log")]
    sent = [mail for mail in mails if "Arequipa" in mail]
    assert len(sent) == 1
    assert f"To: {address}" in sent[0]
    assert "Reply-To: rosa.perez@example.org" in sent[0]
