"""Turn the bytes of a .txt, .docx or .pdf write-up into plain text."""

import codecs
import io
import itertools
import re
import statistics
import time
import unicodedata
import zipfile
from collections import Counter
from pathlib import PurePath

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf")
# Limits that refuse a hostile file before it costs time or memory (issue: deflate bombs).
MAX_FILE_BYTES = 10_000_000
MAX_UNCOMPRESSED_BYTES = 50_000_000  # all parts of a .docx together
MAX_COMPRESSION_RATIO = 100  # uncompressed / compressed size of a .docx part
MAX_PARAGRAPHS = 20_000
MAX_PAGES = 300
MAX_TEXT_CHARS = 2_000_000
TIME_BUDGET_SECONDS = 20
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:p[áa]g(?:ina)?\.?|page|p\.)?\s*\d{1,4}(?:\s*(?:/|de|of)\s*\d{1,4})?[-–—\s]*$",
    re.IGNORECASE,
)


RUNNING_HEADER = re.compile(r"\d|\s[|·•—–-]\s")


class ReadError(Exception):
    """A file that cannot be turned into text; ``code`` is stable, the message explains."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def read_document(name, data):
    """Return the text of the file called ``name`` whose content is ``data``."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(
            "unsupported", f"unsupported file type '{suffix or name}' (use .txt, .docx or .pdf)"
        )
    if not data.strip():
        raise ReadError("empty", "empty file")
    if len(data) > MAX_FILE_BYTES:
        raise ReadError("too_large", f"file larger than {MAX_FILE_BYTES // 1_000_000} MB")
    text = {".txt": read_txt, ".docx": read_docx, ".pdf": read_pdf}[suffix](data)
    if len(text) > MAX_TEXT_CHARS:
        raise ReadError("too_large", f"more than {MAX_TEXT_CHARS:,} characters of text")
    if not text.strip():
        raise ReadError("empty", "the file contains no text")
    return text


def read_txt(data):
    """Decode UTF-8 (strictly, BOM allowed) or UTF-16 with BOM, else Windows-1252/Latin-1.

    Form feeds mark the pages of a text export from a PDF: their running lines are removed.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif data.startswith((b"PK\x03\x04", b"%PDF", OLE_MAGIC)) or b"\x00" in data[:8192]:
        raise ReadError("binary", "binary file, not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f"
    )
    if controls > max(2, len(text) // 100):
        raise ReadError("binary", "binary file, not text")
    if "\f" in text.strip():
        pages = [page.replace("\r\n", "\n").split("\n") for page in text.split("\f")]
        text = "\n\n".join("\n".join(lines) for lines in _strip_running_lines(pages))
    return text


def read_docx(data):
    """Paragraphs of the body, tables and text boxes in order; Word numbering becomes markers.

    A two-column table row ("País" | "Perú", "Lecciones aprendidas" | list) reads as a
    "label: value" line or as a heading followed by its paragraphs.
    """
    from docx import Document

    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ReadError("encrypted", "encrypted (password-protected) document")
        raise ReadError("unreadable", "old Word 97-2003 document: save it as .docx")
    _check_archive(data)
    try:
        document = Document(io.BytesIO(data))
    except Exception as error:
        raise ReadError("unreadable", "not a valid .docx file") from error
    paragraphs = sum(1 for _ in document.element.body.iter(f"{W}p"))
    if paragraphs > MAX_PARAGRAPHS:
        raise ReadError("too_large", f"more than {MAX_PARAGRAPHS:,} paragraphs")
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    blocks = []
    for block in _DocxText(document).blocks(document.element.body):
        blocks.append(block)
        if time.monotonic() > deadline:
            raise ReadError("too_slow", f"reading took more than {TIME_BUDGET_SECONDS} s")
    return "\n\n".join(blocks)


def _check_archive(data):
    """Refuse a .docx whose parts would inflate past the limits, before decompressing any."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise ReadError("unreadable", "not a valid .docx file") from error
    total = sum(part.file_size for part in parts)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ReadError(
            "too_large",
            f"the document would unpack to {total // 1_000_000} MB "
            f"(limit {MAX_UNCOMPRESSED_BYTES // 1_000_000} MB)",
        )
    for part in parts:
        if part.file_size > 1_000_000 and part.file_size > MAX_COMPRESSION_RATIO * max(
            part.compress_size, 1
        ):
            raise ReadError(
                "too_large", f"suspicious compression ratio in {part.filename} (a zip bomb?)"
            )


class _DocxText:
    def __init__(self, document):
        self.document = document
        self.numbering = _numbering_formats(document)
        self.counters = Counter()

    def blocks(self, element):
        for child in element:
            if child.tag == f"{W}p":
                yield from self.paragraph(child)
            elif child.tag == f"{W}tbl":
                yield from self.table(child)
            elif child.tag != MC_FALLBACK:
                yield from self.blocks(child)

    def paragraph(self, p):
        text = _paragraph_text(p)
        number = _paragraph_numbering(p, self.document) if text.strip() else None
        if number and self.numbering.get(number, "bullet") in ("bullet", "none"):
            text = f"• {text}"
        elif number:
            self.counters[number] += 1
            for deeper in [k for k in self.counters if k[0] == number[0] and k[1] > number[1]]:
                del self.counters[deeper]
            text = f"{self.counters[number]}. {text}"
        if text.strip():
            yield text
        for run in p.iterchildren(f"{W}r"):
            for box in run.iter(f"{W}txbxContent"):
                if not any(a.tag == MC_FALLBACK for a in box.iterancestors()):
                    yield from self.blocks(box)

    def table(self, tbl):
        for row in tbl.iterchildren(f"{W}tr"):
            cells = [list(self.blocks(cell)) for cell in row.iterchildren(f"{W}tc")]
            cells = [cell for cell in cells if cell]
            if len(cells) == 2 and len(cells[0]) == 1 and len(cells[0][0]) <= 60:
                label, content = cells
                if len(content) == 1:
                    yield f"{label[0].rstrip(':')}: {content[0]}"
                    continue
            for cell in cells:
                yield from cell


def _paragraph_text(p):
    parts = []
    for element in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        owner = next(a for a in element.iterancestors(f"{W}p"))
        if owner is not p:
            continue
        tag = element.tag[len(W) :]
        parts.append({"t": element.text or "", "tab": "\t", "noBreakHyphen": "-"}.get(tag, "\n"))
    return "".join(parts)


def _paragraph_numbering(p, document):
    """(numId, level) of a numbered or bulleted paragraph, directly or through its style."""
    ppr = p.find(f"{W}pPr")
    num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
    if num_pr is None and ppr is not None and ppr.find(f"{W}pStyle") is not None:
        style_id = ppr.find(f"{W}pStyle").get(f"{W}val")
        style = document.styles.element.get_by_id(style_id)
        while style is not None and num_pr is None:
            style_ppr = style.find(f"{W}pPr")
            num_pr = style_ppr.find(f"{W}numPr") if style_ppr is not None else None
            based_on = style.find(f"{W}basedOn")
            style = (
                document.styles.element.get_by_id(based_on.get(f"{W}val"))
                if based_on is not None
                else None
            )
    if num_pr is None or num_pr.find(f"{W}numId") is None:
        return None
    num_id = num_pr.find(f"{W}numId").get(f"{W}val")
    level = num_pr.find(f"{W}ilvl")
    return (
        (num_id, int(level.get(f"{W}val")) if level is not None else 0) if num_id != "0" else None
    )


def _numbering_formats(document):
    """Map (numId, level) to the Word number format ('bullet', 'decimal', ...)."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstract = {}
    for node in root.iter(f"{W}abstractNum"):
        for lvl in node.iter(f"{W}lvl"):
            fmt = lvl.find(f"{W}numFmt")
            abstract[(node.get(f"{W}abstractNumId"), int(lvl.get(f"{W}ilvl")))] = (
                fmt.get(f"{W}val") if fmt is not None else "decimal"
            )
    formats = {}
    for num in root.iter(f"{W}num"):
        abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
        for (key, level), fmt in abstract.items():
            if key == abstract_id:
                formats[(num.get(f"{W}numId"), level)] = fmt
    return formats


def read_pdf(data):
    """Text of a text PDF, paragraph gaps as blank lines, repeated headers and footers removed."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as error:
                raise ReadError("encrypted", "encrypted (password-protected) PDF") from error
            if not opened:
                raise ReadError("encrypted", "encrypted (password-protected) PDF")
        if len(reader.pages) > MAX_PAGES:
            raise ReadError("too_large", f"more than {MAX_PAGES} pages")
        deadline = time.monotonic() + TIME_BUDGET_SECONDS
        pages = []
        for page in reader.pages:
            pages.append(_pdf_page_lines(page))
            if time.monotonic() > deadline:
                raise ReadError("too_slow", f"reading took more than {TIME_BUDGET_SECONDS} s")
    except ReadError:
        raise
    except Exception as error:
        raise ReadError("unreadable", "not a valid PDF or its text cannot be read") from error
    pages = _strip_running_lines(pages)
    text = "\n\n".join("\n".join(lines) for lines in pages)
    if not text.strip():
        raise ReadError("empty", "the PDF has no text layer (scanned image?)")
    return text


def _pdf_page_lines(page):
    """Lines of one page with a blank line wherever the vertical gap is paragraph-sized."""
    lines = [["", None, 0.0]]

    def visit(text, cm, tm, font_dict, font_size):
        for index, part in enumerate(text.split("\n")):
            if index:
                lines.append(["", None, 0.0])
            if part.strip():
                line = lines[-1]
                line[0] += part
                if line[1] is None:
                    line[1] = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                    line[2] = abs(font_size * (tm[3] or tm[0]) * (cm[3] or cm[0]))
            elif part:
                lines[-1][0] += part

    page.extract_text(visitor_text=visit)
    lines = [(" ".join(t.split()), y, size) for t, y, size in lines if t.strip()]
    gaps = [
        a[1] - b[1] for a, b in itertools.pairwise(lines) if a[1] is not None and b[1] is not None
    ]
    positive = [gap for gap in gaps if gap > 0]
    sizes = [size for _, _, size in lines if size]
    normal = statistics.median(positive) if positive else 0
    if sizes and normal > 1.8 * statistics.median(sizes):
        normal = 1.5 * statistics.median(sizes)
    out = []
    for index, (text, y, _size) in enumerate(lines):
        if index and y is not None and lines[index - 1][1] is not None:
            gap = lines[index - 1][1] - y
            if normal and (gap > 1.3 * normal or gap < -normal):
                out.append("")
        out.append(text)
    return out


def _strip_running_lines(pages, edge=3):
    """Drop page numbers and lines repeated at the top or bottom of most pages, then join a
    paragraph or item that runs across a page break.

    On the first page a repeated line goes only when it reads as a running header (a page
    number, or parts joined by '|', '·' or a dash): a cover title often doubles as the header.
    """

    def key(line):
        return re.sub(r"\d+", "#", line.casefold()).strip()

    def edges(lines):
        content = [i for i, line in enumerate(lines) if line]
        return set(content[:edge] + content[-edge:])

    counts = Counter()
    for lines in pages:
        counts.update({key(lines[i]) for i in edges(lines)})
    repeated = {k for k, n in counts.items() if len(pages) > 1 and n >= max(2, len(pages) / 2)}
    cleaned = []
    for number, lines in enumerate(pages):
        drop = {
            i
            for i in edges(lines)
            if PAGE_NUMBER.match(lines[i])
            or (key(lines[i]) in repeated and (number or RUNNING_HEADER.search(lines[i])))
        }
        kept = [line for i, line in enumerate(lines) if i not in drop]
        while kept and not kept[0]:
            kept.pop(0)
        while kept and not kept[-1]:
            kept.pop()
        if cleaned and cleaned[-1] and kept and _runs_on(cleaned[-1][-1], kept[0]):
            cleaned[-1].extend(kept)  # one line break, not a paragraph gap
        else:
            cleaned.append(kept)
    return cleaned


def _runs_on(last, first):
    """The text before a page break continues after it: no sentence end, lower-case start."""
    return not re.search(r"[.!?…:;]['\"”»)]*$", last) and first[:1].islower()
