"""How to cite a practice: the suggested citation in the page's language, BibTeX and RIS."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

BIBTEX_SPECIAL = re.compile(r"([&%$#_{}~^\\])")
BIBTEX_LANGUAGES = {"es": "spanish", "en": "english", "pt": "portuguese"}


@dataclass
class Citation:
    authors: list  # organisation names; the hub when no implementer is recorded
    year: int
    published: date
    title: str
    publisher: str
    url: str
    accessed: date
    language: str
    summary: str
    keywords: list

    def text(self):
        """The suggested citation, in the page's language."""
        with override(self.language):
            return _(
                "%(author)s (%(year)s). %(title)s. %(hub)s. Retrieved %(date)s, from %(url)s"
            ) % {
                "author": ", ".join(self.authors),
                "year": self.year,
                "title": self.title,
                "hub": self.publisher,
                "date": formats.date_format(self.accessed, "DATE_FORMAT"),
                "url": self.url,
            }

    @property
    def key(self):
        words = slugify(self.title).split("-")[:4]
        return "-".join(["hub", *words, str(self.year)])

    def bibtex(self):
        """A BibTeX @misc entry (corporate authors braced so they are not split)."""

        def escape(value):
            return BIBTEX_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))

        fields = [
            ("author", " and ".join("{" + escape(author) + "}" for author in self.authors)),
            ("title", "{" + escape(self.title) + "}"),
            ("year", str(self.year)),
            ("publisher", escape(self.publisher)),
            ("howpublished", escape(self.publisher)),
            ("url", self.url),
            ("urldate", self.accessed.isoformat()),
            ("language", BIBTEX_LANGUAGES.get(self.language, self.language)),
            ("keywords", escape(", ".join(self.keywords))),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
        return f"@misc{{{self.key},\n{body}\n}}\n"

    def ris(self):
        """A RIS record (type ELEC, a web page), CRLF line ends as the format specifies."""

        def line(tag, value):
            return f"{tag}  - {' '.join(str(value).split())}"

        lines = [line("TY", "ELEC"), line("TI", self.title)]
        lines += [line("AU", author) for author in self.authors]
        lines += [
            line("PY", self.year),
            line("DA", self.published.strftime("%Y/%m/%d")),
            line("PB", self.publisher),
            line("UR", self.url),
            line("Y2", self.accessed.strftime("%Y/%m/%d")),
            line("LA", self.language),
            line("AB", self.summary),
        ]
        lines += [line("KW", keyword) for keyword in self.keywords]
        lines.append("ER  - ")
        return "\r\n".join(lines) + "\r\n"


def citation_for(page, authors, keywords, url):
    """The citation of a knowledge page: authors are its implementing organisations."""
    language = page.locale.language_code
    with override(language):
        publisher = _("Knowledge Hub")
    return Citation(
        authors=authors or [publisher],
        year=page.published_date.year,
        published=page.published_date,
        title=page.title,
        publisher=publisher,
        url=url,
        accessed=timezone.localdate(),
        language=language,
        summary=page.summary,
        keywords=keywords,
    )
