"""The printable PDF sheet of a practice (<practice url>sheet.pdf), with fpdf2.

fpdf2 is pure Python and needs no system library; the fonts are DejaVu from Debian's
`fonts-dejavu-core` (Latin, accents, ç, ñ, €), embedded and subset. Nothing is fetched.
"""

from pathlib import Path

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import override

from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = "DejaVu"
INK = (33, 37, 41)
MUTED = (90, 98, 104)


class Sheet(FPDF):
    def __init__(self, footer_text):
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)

    def footer(self):
        self.set_y(-13)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.footer_text} · {self.page_no()}/{{nb}}", align="C")

    def paragraph(self, text, size=10, style="", color=INK, after=2):
        self.set_font(FONT, style, size)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(after)

    def heading(self, text):
        self.ln(2)
        self.paragraph(text, size=13, style="B", after=1)

    def numbered(self, items):
        self.set_font(FONT, "", 10)
        self.set_text_color(*INK)
        for item in items:
            label = f"{item.number}."
            self.cell(8, 5, label)
            self.multi_cell(0, 5, " ".join(item.text.split()), new_x="LMARGIN", new_y="NEXT")
            self.ln(1.5)


def language_label(page, status):
    """'Language: English. Translation reviewed by our team (original: Spanish).'"""
    language = page.locale.get_display_name()
    if status.kind == "original":
        note = _("Original version")
    elif status.kind == "machine":
        note = _("Machine translation, not yet reviewed by our team.")
    else:
        note = _("Translation reviewed by our team.")
    label = _("Language: %(language)s") % {"language": language} + " · " + note
    if status.original:
        label += " " + _("Original: %(url)s") % {"url": status.original.full_url}
    return label


def practice_sheet(page, lessons, recommendations, classification, citation, status):
    """The sheet's PDF bytes, in the page's language."""
    with override(page.locale.language_code):
        pdf = Sheet(f"{citation.publisher} · {citation.url}")
        pdf.set_title(page.title)
        pdf.set_author(", ".join(citation.authors))
        pdf.set_lang(page.locale.language_code)
        pdf.add_page()
        pdf.paragraph(citation.publisher.upper(), size=8, color=MUTED, after=1)
        pdf.paragraph(page.title, size=17, style="B", after=2)
        pdf.paragraph(language_label(page, status), size=9, color=MUTED, after=3)
        pdf.paragraph(page.summary, size=11, after=3)

        facts = [
            (_("Type"), page.get_record_type_display()),
            (_("Countries"), ", ".join(t.name for t in classification["countries"])),
            (_("Stage"), page.get_stage_display()),
            (_("Themes"), ", ".join(t.name for t in classification["themes"])),
            (_("Target populations"), ", ".join(t.name for t in classification["populations"])),
            (_("GCM objectives"), "; ".join(str(t) for t in classification["gcm_objectives"])),
        ]
        facts += [
            (str(role), ", ".join(o.name for o in organisations))
            for role, organisations in classification["actors"]
        ]
        facts.append((_("Published"), formats.date_format(page.published_date, "DATE_FORMAT")))
        for label, value in facts:
            if value:
                pdf.paragraph(f"{label}: {value}", size=9, after=0.5)

        if lessons:
            pdf.heading(_("Lessons learned"))
            pdf.numbered(lessons)
        if recommendations:
            pdf.heading(_("Recommendations"))
            pdf.numbered(recommendations)

        pdf.heading(_("How to cite"))
        pdf.paragraph(citation.text(), size=9)
        pdf.set_font(FONT, "", 9)
        pdf.set_text_color(0, 70, 140)
        pdf.multi_cell(0, 5, citation.url, link=citation.url, new_x="LMARGIN", new_y="NEXT")
        return bytes(pdf.output())
