"""Read the plain text of a good-practice write-up ("sistematización") into structured fields.

Pure Python (no Django) so it can be tested and benchmarked on its own. See docs/importer.md.
"""

import hashlib
import itertools
import json
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field

from search.stopwords import STOP_WORDS

from .places import VOCABULARY, demonym_countries, fold, named_countries, place_practice

PREAMBLE, SUMMARY, ALT_SUMMARY, LESSONS, RECOMMENDATIONS, RESULTS, OTHER, IGNORE = (
    "preamble",
    "summary",
    "alt_summary",
    "lessons",
    "recommendations",
    "results",
    "other",
    "ignore",
)
# Sections with a prose field of their own on the practice page (same names as PracticePage).
PROSE_SECTIONS = (
    "context",
    "objectives",
    "methodology",
    "innovation",
    "sustainability",
    "replicability",
    "gender_diversity",
)
PARTNERS, DATES, CONTACT = "partners", "dates", "contact"
# What an extraction holds beyond the core record (title … themes), in Extraction's order.
DETAIL_FIELDS = (
    "subnational_area",
    *PROSE_SECTIONS,
    "partners",
    "description",
    "start_date",
    "end_date",
    "contact_name",
    "contact_email",
)
LANGUAGES = ("es", "en", "pt")
CORE_SECTIONS = (SUMMARY, ALT_SUMMARY, LESSONS, RECOMMENDATIONS, RESULTS)


class ExtractError(ValueError):
    """The text has no structure the importer recognises."""


@dataclass
class Extraction:
    title: str = ""
    language: str = "es"
    summary: str = ""
    lessons: list[str] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    results: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    subnational_area: str = ""
    context: str = ""
    objectives: str = ""
    methodology: str = ""
    innovation: str = ""
    sustainability: str = ""
    replicability: str = ""
    gender_diversity: str = ""
    partners: list[str] = field(default_factory=list)
    description: str = ""  # sections without a field of their own, with their headings
    start_date: str = ""  # "YYYY-MM" or "YYYY" as the document states it
    end_date: str = ""
    contact_name: str = ""
    contact_email: str = ""
    place_unclear: bool = False  # places are named but none clearly enough to suggest

    def as_dict(self):
        return asdict(self)


# --- normalisation --------------------------------------------------------------------------

SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\v]")
INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)


def normalise(text):
    """NFC, LF line ends, no BOM/zero-width/soft hyphens, single spaces, stripped lines."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\u00ad\n", "").replace("\u00ad", "")
    text = SPACES.sub(" ", INVISIBLE.sub("", text)).translate(LIGATURES)
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def fingerprint(text):
    """A stable hash of the document's words, blind to encoding, line ends and spacing."""
    words = " ".join(normalise(text).split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def word_set(text):
    return frozenset(text.split())


def words_re(text):
    """Compile alternatives from a whitespace-separated list: 'a_b c' -> r'a b|c'."""
    return "|".join(word.replace("_", " ") for word in text.split())


# --- headings ---------------------------------------------------------------------------------

QUALIFIERS = words_re(
    "principales principais main key major otras outras other breve brief nuestras our algunas"
    " some generales general final finales"
)
HEADING_CORES = [
    (kind, "|".join(patterns))
    for kind, patterns in json.loads(
        (VOCABULARY / "headings.json").read_text(encoding="utf-8")
    ).items()
    if not kind.startswith("_")
]
HEADING_PATTERNS = [
    (kind, re.compile(rf"(?:(?:{QUALIFIERS}) )?(?:{core})(?= |$)")) for kind, core in HEADING_CORES
]
KEY_NOUNS = {
    **dict.fromkeys(("lecciones", "licoes", "lessons", "aprendizajes", "aprendizados"), LESSONS),
    **dict.fromkeys(("recomendaciones", "recomendacoes", "recommendations"), RECOMMENDATIONS),
    **dict.fromkeys(("resultados", "results", "logros"), RESULTS),
}
CONNECTORS = word_set(
    "de del da do das dos of from for on sobre en in na no nas nos y e and para con com with"
    " durante during a al ao la las el los the o os as"
)
TAIL_WORDS = (
    CONNECTORS
    | word_set(
        "practica pratica practice buena buenas boa boas good experiencia experience iniciativa"
        " initiative proyecto projeto project programa program programme intervencion intervencao"
        " intervention implementacion implementacao implementation replica replicacion replicacao"
        " replication replicabilidad futuras futuros future otras outras other organizaciones"
        " organizacoes organizations similares similar iniciativas initiatives experiencias"
        " experiences practicas praticas practices alcanzados obtenidos logrados alcancados obtidos"
        " achieved obtained aprendidas learned learnt clave chave key principales principais main"
        " piloto pilot proceso processo process ejecucion execucao execution actores atores actors"
        " gobierno governo government gobiernos governos governments instituciones instituicoes"
        " institutions su sus seu sua its their esta este estas estos essa esse this these nuestra"
        " nuestro nossa nosso our general generales gerais impacto impactos impact impacts"
        " argentina bolivia brasil brazil chile colombia ecuador equador guyana paraguay paraguai"
        " peru surinam suriname uruguay uruguai venezuela"
    )
    | set(KEY_NOUNS)
)
CONTINUATIONS = (
    word_set(
        "aprendidas aprendidos learned learnt practica pratica practice alcanzados alcancados"
        " achieved obtenidos obtidos logrados ejecutivo executivo executive clave chave"
    )
    | CONNECTORS
)
NUMBERING = re.compile(
    r"^\s*(?:\(?(?:\d{1,2}(?:\.\d{1,2})*|[IVXivx]{1,4}|[A-Ha-h])[.)]-?|\d{1,2}(?=\s))\s*"
)


def heading_kind(raw):
    """The section a heading line opens, or None: any case, decorated, numbered, ':'-ended."""
    raw = raw.strip()
    if not raw or len(raw) > 100 or raw.endswith((".", ",", ";")):
        return None
    numbered = NUMBERING.match(raw)
    text = raw[numbered.end() :] if numbered else raw
    styled = bool(
        numbered
        or raw.endswith(":")
        or not raw[0].isalnum()
        or (any(c.isalpha() for c in raw) and not any(c.islower() for c in raw))
    )
    key = fold(re.sub(r"\([^)]*\)", " ", text))
    if not key or len(key.split()) > 10:
        return None
    for kind, pattern in HEADING_PATTERNS:
        match = pattern.match(key)
        if not match:
            continue
        tail = [word for word in key[match.end() :].split() if not word.isdigit()]
        if tail and (
            tail[0] not in CONNECTORS
            or len(tail) > 6
            or not (all(word in TAIL_WORDS for word in tail) or (styled and len(tail) <= 4))
        ):
            continue
        if kind == OTHER:
            kind = next((KEY_NOUNS[word] for word in tail if word in KEY_NOUNS), OTHER)
        return kind
    return None


def heading_at(lines, index):
    """(kind, lines used, inline text) for a heading starting at ``lines[index]``, else None.

    Handles headings split over two lines ("Lecciones" / "aprendidas") and inline ones
    ("Resultados: 1.200 personas capacitadas").
    """
    line = lines[index]
    kind = heading_kind(line)
    following = [j for j in range(index + 1, min(index + 3, len(lines))) if lines[j]][:1]
    if following:
        nxt = lines[following[0]]
        nxt_words, words = fold(nxt).split(), fold(line).split()
        if (
            nxt_words
            and len(nxt_words) <= 4
            and not nxt.endswith(".")
            and (
                kind is None or nxt_words[0] in CONTINUATIONS or (words and words[-1] in CONNECTORS)
            )
            and heading_kind(nxt) is None
        ):
            joined = heading_kind(f"{line.rstrip(':')} {nxt}")
            if joined and (kind is None or len(line) + len(nxt) < 100):
                return joined, following[0] - index + 1, ""
    if kind:
        return kind, 1, ""
    head, colon, rest = line.partition(":")
    if colon and rest.strip() and len(head) < 60:
        kind = heading_kind(head)
        if kind and not (kind not in CORE_SECTIONS and MARKER.match(line)):
            return kind, 1, rest.strip()
    return None


# --- noise ------------------------------------------------------------------------------------

SERIES_WORDS = word_set(
    "sistematizacion sistematizacao systematization systematisation de da das del of the la las"
    " a as buenas buena boas boa good best promising prometedoras promissoras practicas practica"
    " praticas pratica practices practice experiencias experiencia experiences experience ficha"
    " serie series n no numero number vol informe report relatorio documento document"
)
SERIES_ANCHORS = word_set(
    "sistematizacion sistematizacao systematization systematisation practicas praticas practices"
    " practica pratica practice experiencias experiences informe report relatorio"
)
ORG_WORDS = word_set(
    "oim iom onu un migracion migracao migration migraciones migracoes organizacion organizacao"
    " organization internacional international para las as for the agencia agency de da del do"
    " la hub regional sobre gestion gestao conocimiento conhecimento knowledge management en na"
    " in suramerica sudamerica america sul south mirac comite committee asignacion alocacao"
    " allocation recursos resources migratorios migratory innovamigracion oficina office"
    " escritorio y and e of nacional country mission mision missao sur latina caribe argentina"
    " bolivia brasil brazil chile colombia ecuador equador guyana paraguay paraguai peru surinam"
    " suriname uruguay uruguai venezuela"
)
ORG_ANCHORS = word_set(
    "oim iom onu mirac hub conocimiento conhecimento knowledge innovamigracion suramerica"
    " sudamerica migraciones migracoes migratorios asignacion alocacao allocation"
)
CTA = re.compile(
    "|".join(
        (
            r"(?:conoce|conozca|conheca|descubre|descubra|lee|lea|leia|leer|ver|veja|saiba|sepa"
            r"|read|learn|find out|see|discover) (?:mas|more|mais)(?: \w+){0,3}",
            r"escribanos|escribenos|escribinos|escribenos aqui|escreva nos|escreva para nos"
            r"|write to us|write us|contactanos|contactenos|contacte nos|contact us|fale conosco"
            r"|entre em contato(?: conosco)?|get in touch|contactar",
            r"(?:siguenos|sigue nos|siganos|siga nos|follow us)(?: \w+){0,3}",
            r"(?:descarga|descargar|descargue|download|baixe|baixar|faca o download)(?: \w+){0,4}",
            r"(?:para )?(?:mas informacion|mais informacoes|more information|more info"
            r"|for more information)(?: \w+){0,4}",
            r"(?:visita|visite|visit) (?:nuestro|nuestra|our|nosso|nossa|el sitio|la pagina"
            r"|the website|o site|www)(?: \w+){0,4}",
            r"(?:suscribete|suscribase|subscribe|inscreva se|assine)(?: \w+){0,4}",
            r"comparte|compartir|share|compartilhe|compartilhar|dona|donate|doe",
            r"(?:haz|haga|clic|click|clique)(?: \w+){0,4}",
            r"volver arriba|back to top|voltar ao topo|ir arriba",
        )
    )
)
SOCIAL = word_set("facebook twitter x instagram youtube linkedin tiktok flickr whatsapp threads")
URL = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?:[\w-]+\.)+(?:org|int|com|net|gob|gov|edu|info)(?:\.[a-z]{2})?(?:/\S*)?",
    re.IGNORECASE,
)
HANDLE = re.compile(r"^[@#]\w+|^\w*(?:[a-zà-ÿ][A-ZÀ-Þ]|[A-ZÀ-Þ]{2,}[a-zà-ÿ])\w*$")
PAGE_NUMBER = re.compile(
    r"^(?:p[áa]g(?:ina)?\.?|page|p\.)?\s*\d{1,4}(?:\s*(?:/|de|of)\s*\d{1,4})?$", re.IGNORECASE
)
CREDIT = re.compile(
    r"^(?:foto|fotos|fotografia|photo|photos|photograph|credito|creditos|credit|credits|imagen"
    r"|image|imagem|copyright|todos los derechos|all rights|todos os direitos)\b"
)
DISCLAIMER = re.compile(
    r"^(?:(?:con el apoyo de|with the support of|com o apoio de|financiado por|financiada por"
    r"|funded by|financiado pelo|financiado pela)(?: \w+){0,6}$"
    r"|(?:las opiniones expresadas|the opinions expressed|as opinioes expressas|esta publicacion"
    r"|this publication|esta publicacao|este documento fue|this document was|este documento foi)\b)"
)
META_LABELS = {
    "title": r"titulo(?: de la (?:buena )?practica)?|title(?: of the practice)?"
    r"|nombre de la (?:buena )?practica|nome da (?:boa )?pratica|name of the practice",
    "country": r"pais|paises|country|countries",
    "place": r"ubicacion|location|localizacao|lugar|ciudad|city|cidade",
    "other": r"fecha|date|ano|year|autor|autora|autores|author|authors|elaborado por"
    r"|elaborada por|prepared by|periodo|period|duracion|duracao|duration|codigo|code"
    r"|organizacion|organization|organizacao|institucion|institution|instituicao",
}
META = {key: re.compile(pattern) for key, pattern in META_LABELS.items()}


def is_series(line):
    """The series heading above the title: 'SISTEMATIZACIÓN DE BUENAS PRÁCTICAS'."""
    words = fold(line).split()
    return (
        0 < len(words) <= 10
        and all(w in SERIES_WORDS or w in ORG_WORDS or w.isdigit() for w in words)
        and any(w in SERIES_ANCHORS for w in words)
    )


def without_urls(line):
    """The line without its web and e-mail addresses (tested word by word: linear time)."""
    return " ".join(w for w in line.split() if not URL.fullmatch(w.strip("()[]<>.,;:")))


def is_cta(line):
    key = fold(without_urls(line))
    return bool(key) and len(key.split()) <= 7 and CTA.fullmatch(key) is not None


def is_noise(line):
    """Decoration, web addresses, handles, logo text, page numbers, photo credits."""
    key = fold(line)
    words = key.split()
    if not words:
        return True
    if PAGE_NUMBER.match(line.strip("-–—· ")):
        return True
    rest = without_urls(line)
    if rest != line and len(fold(rest).split()) <= 4:
        return True
    tokens = [t for t in re.split(r"[\s|/·•,]+", line) if t and any(c.isalnum() for c in t)]
    tokens = [t.strip(":.-–—()[]") for t in tokens if fold(t) not in SOCIAL]
    if 0 < len(tokens) <= 3 and all(len(t) <= 40 and HANDLE.match(t) for t in tokens):
        return True
    if (
        len(words) <= 8
        and all(w in ORG_WORDS or w.isdigit() for w in words)
        and any(w in ORG_ANCHORS for w in words)
    ):
        return True
    credit = "©" in line or (CREDIT.match(key) and ":" in line[:20])
    return bool(DISCLAIMER.match(key) or (credit and len(words) <= 15))


def is_caps_heading(line):
    """An unknown heading in capitals (not a list item): it ends the section before it."""
    letters = [c for c in line if c.isalpha()]
    return (
        len(letters) >= 3
        and not any(c.islower() for c in letters)
        and len(line.split()) <= 10
        and not line.endswith(".")
        and not MARKER.match(line)
    )


def meta_field(line):
    """('title' | 'country' | 'place' | 'other', value) for a 'Label: value' line, else None."""
    head, colon, value = line.partition(":")
    if not colon or not value.strip() or len(head) > 40:
        return None
    key = fold(head)
    return next(((name, value.strip()) for name, p in META.items() if p.fullmatch(key)), None)


# --- sections, paragraphs and items ----------------------------------------------------------

MARKER = re.compile(
    r"^(?:[-–—•●○◦▪▫■□►▶▸▹➢➣➤→✓✔✗✘❖◆◇★☆*·⁃‣>»\uf000-\uf0ff]+\s*"
    r"|\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-zA-Z]|[ivxIVX]{1,4})\)\s*"
    r"|(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})(?:\.-?|-)\s+)(?=\S)"
)
SENTENCE_END = re.compile(r"[.!?…;:][”\"'»)]*$")


def split_sections(lines):
    """Assign every content line to a section; headings, noise and calls to action drop out."""
    sections = {PREAMBLE: []}
    meta = {}
    filled = set()  # sections that already hold a content line
    current, started, index = PREAMBLE, False, 0
    while index < len(lines):
        line = lines[index]
        heading = heading_at(lines, index) if line else None
        if (
            heading is None
            and line
            and started
            and not unmarked_list(current, sections.get(current, []))
            and is_unknown_heading(lines, index)
        ):
            heading = (OTHER, 1, "")
        if heading:
            current, used, inline = heading
            started = True
            if current == OTHER:  # kept with its heading in the description
                sections.setdefault(OTHER, []).extend(["", " ".join(lines[index : index + used])])
            sections.setdefault(current, []).extend(["", inline] if inline else [""])
            if inline:
                filled.add(current)
            index += used
            continue
        index += 1
        field_ = meta_field(line) if line else None
        if field_:
            meta.setdefault(field_[0], field_[1])
            line = ""
        elif line and current not in (CONTACT, PARTNERS) and (is_noise(line) or is_series(line)):
            line = ""
        elif line and is_cta(line):
            current = IGNORE if current in filled else current
            line = ""
        elif line and started and is_caps_heading(line):
            following = next((lines[j] for j in range(index, len(lines)) if lines[j]), "")
            if current in filled and not MARKER.match(following):
                current = OTHER
                sections.setdefault(OTHER, []).extend(["", line.strip(DECORATION), ""])
            line = ""
        sections.setdefault(current, []).append(line)
        if line:
            filled.add(current)
    return sections, meta


def unmarked_list(kind, lines):
    """A list section not (yet) written with markers: a short paragraph in it is an item,
    not a heading."""
    return kind in (LESSONS, RECOMMENDATIONS, RESULTS, PARTNERS) and not any(
        MARKER.match(line) for line in lines if line
    )


def is_unknown_heading(lines, index):
    """A short title-like line standing alone between blank lines, followed by prose."""
    line = lines[index]
    words = line.split()
    following = next((lines[j] for j in range(index + 1, len(lines)) if lines[j]), "")
    return (
        (index == 0 or not lines[index - 1])
        and index + 1 < len(lines)
        and not lines[index + 1]
        and 1 <= len(words) <= 8
        and line[:1].isupper()
        and not SENTENCE_END.search(line)
        and not MARKER.match(line)
        and not line.endswith(",")
        and len(following.split()) >= 12
        and not MARKER.match(following)
        and not any(c.isdigit() for c in line)
    )


def join_wrapped(lines):
    """Join wrapped lines with spaces; a hyphenated wrap 'cons-' / 'truye' -> 'construye'."""
    parts = [lines[0]]
    for line in lines[1:]:
        if re.fullmatch(r"[^\W\d_]-", parts[-1][-2:]) and line[:1].islower():
            parts[-1] = parts[-1][:-1]
        else:
            parts.append(" ")
        parts.append(line)
    return "".join(parts)


def blocks(lines):
    """Runs of non-blank lines."""
    return [list(run) for nonblank, run in itertools.groupby(lines, key=bool) if nonblank]


def paragraphs(lines):
    """Paragraphs of a section as (text, is_list_item): markers start items, wraps are joined."""
    return [paragraph for block in blocks(lines) for paragraph in block_paragraphs(block)]


def block_paragraphs(block):
    """Split one run of non-blank lines into paragraphs, deciding which line breaks are wraps."""
    width = max(len(line) for line in block)

    def full(previous, line):
        return len(previous) + 1 + len(line.split()[0]) > 0.9 * width

    pairs = list(itertools.pairwise(block))
    wrapped = (
        30 <= width <= 140
        and any(not SENTENCE_END.search(a) for a, _ in pairs)
        and sum(full(a, b) for a, b in pairs) >= 0.6 * len(pairs)
    )
    result = []  # [lines, is_item]
    for index, line in enumerate(block):
        marker = MARKER.match(line)
        if marker:
            result.append([[line[marker.end() :]], True])
            continue
        previous = block[index - 1] if index else ""
        continues = result and (
            result[-1][1]
            or line[:1].islower()
            or previous.endswith((",", "-"))
            or (wrapped and full(previous, line))
        )
        if continues:
            result[-1][0].append(line)
        else:
            result.append([[line], False])
    joined = [(join_wrapped(lines).strip(), item) for lines, item in result]
    return [(text, item) for text, item in joined if text]


def items(lines):
    """List items of a section, intro lines ending with ':' dropped."""
    texts = [text for text, _ in paragraphs(lines)]
    return [t for i, t in enumerate(texts) if not (t.endswith(":") and i < len(texts) - 1)]


def prose(lines):
    return "\n\n".join(f"- {text}" if item else text for text, item in paragraphs(lines))


MONTHS = word_set(
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre"
    " diciembre janeiro fevereiro marco maio junho julho setembro outubro novembro dezembro"
    " january february march april may june july august september october november december"
    " regional multipais multi country"
)
DECORATION = "#*★☆▶►▸■□●•◆◇❖=_~|>»« -–—:"


def title_and_rest(lines):
    """The title is the run of short blocks before the first section; the rest is prose."""
    runs = blocks(lines)
    title = ""
    for count, block in enumerate(runs):
        text = join_wrapped(block)
        label = len(text.split()) <= 6 and (
            re.search(r"\b(19|20)\d\d\b", text) or (named_countries(text) and not title)
        )
        if label and all(w in TAIL_WORDS or w.isdigit() or w in MONTHS for w in fold(text).split()):
            continue
        if len(title) + len(text) > 300 or text.endswith((".", ";")):
            return title, runs[count:]
        title = f"{title} {text.strip(DECORATION)}".strip()
    return title, []


# --- language, countries, themes --------------------------------------------------------------

# The stop words of one language only ("de", "a", "no" tell nothing): search's lists.
MARKERS = {
    lang: words.difference(*(other for o, other in STOP_WORDS.items() if o != lang))
    for lang, words in STOP_WORDS.items()
}
SPELLING = {"es": re.compile(r"ción|ñ|ciones"), "pt": re.compile(r"ção|ções|ão|õe|nh|lh")}


def detect_language(text):
    """es, pt or en from stop-word frequencies and a few spellings; Spanish when unsure."""
    lowered = text.lower()
    tokens = Counter(fold(lowered).split())
    scores = {
        lang: sum(tokens[word] for word in MARKERS[lang])
        + 2 * len(SPELLING[lang].findall(lowered) if lang in SPELLING else [])
        for lang in LANGUAGES
    }
    best = max(LANGUAGES, key=lambda lang: scores[lang])
    return best if scores[best] else "es"


def detect_countries(text):
    """ISO codes of the countries where ``text`` places the practice (see places.py)."""
    return place_practice("", text).countries


THEMES = {
    slug: "|".join(patterns)
    for slug, patterns in json.loads(
        (VOCABULARY / "themes.json").read_text(encoding="utf-8")
    ).items()
    if not slug.startswith("_")
}
THEME_PATTERNS = {slug: re.compile(rf"\b(?:{pattern})") for slug, pattern in THEMES.items()}


def suggest_themes(title, body, limit=3):
    """Theme slugs whose keywords occur at least twice (title counts triple) and a third as
    often as the leading theme's, alphabetical."""
    title_key, body_key = fold(title), fold(body)
    scores = {
        slug: 3 * len(pattern.findall(title_key)) + len(pattern.findall(body_key))
        for slug, pattern in THEME_PATTERNS.items()
    }
    best = max(scores.values(), default=0)
    ranked = sorted(
        (slug for slug in scores if scores[slug] >= max(2, best / 3)), key=lambda s: -scores[s]
    )
    return sorted(ranked[:limit])


# --- the whole document -----------------------------------------------------------------------


LONE_MARKER = re.compile(r"(?:\d{1,2}[.)]|[a-z][.)]|[-–—•●▪■►▶*·✓➢\uf000-\uf0ff])")


def attach_lone_markers(lines):
    """'1.' or '•' alone on a line (as some PDF producers write them) joins the text after it."""
    out = []
    pending = ""
    for line in lines:
        if LONE_MARKER.fullmatch(line):
            pending = line
            continue
        if pending and line:
            line, pending = f"{pending} {line}", ""
        out.append(line)
    return out


MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            "enero janeiro january jan",
            "febrero fevereiro february feb",
            "marzo marco march mar",
            "abril april apr",
            "mayo maio may",
            "junio junho june jun",
            "julio julho july jul",
            "agosto august aug",
            "septiembre setiembre setembro september sep sept",
            "octubre outubro october oct",
            "noviembre novembro november nov",
            "diciembre dezembro december dec",
        ),
        start=1,
    )
    for name in names.split()
}
DATE = re.compile(rf"\b(?:({'|'.join(MONTH_NUMBERS)})(?: (?:de|of))? )?((?:19|20)\d\d)\b")


def stated_dates(text):
    """(start, end) as 'YYYY-MM' or 'YYYY' from a dates section: 'marzo de 2022 a diciembre…'."""
    found = [
        f"{year}-{MONTH_NUMBERS[month]:02d}" if month else year
        for month, year in DATE.findall(fold(text))
    ]
    return (found + ["", ""])[:2]


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def stated_contact(text):
    """(name, e-mail) from a contact section: 'Punto focal: Ana Pérez, coordinadora, ana@…'."""
    email = EMAIL.search(text)
    before = text[: email.start()] if email else text
    before = before.rpartition(":")[2] if ":" in before[:30] else before
    name = before.split(",")[0].strip(" -–—:;") if before.strip() else ""
    return name, email.group().rstrip(".") if email else ""


def extract(text, fallback_title=""):
    """Structured fields of a write-up; raises ExtractError when it has no recognisable sections."""
    lines = attach_lone_markers(normalise(text).split("\n"))
    sections, meta = split_sections(lines)
    title, rest = title_and_rest(sections[PREAMBLE])
    title = meta.get("title") or title
    summary = prose(sections.get(SUMMARY, []))
    if not summary:
        summary = prose(sections.get(ALT_SUMMARY, [])) or prose(
            [line for block in rest for line in [*block, ""]]
        )
    found = Extraction(
        title=title or fallback_title,
        summary=summary,
        lessons=items(sections.get(LESSONS, [])),
        recommendations=items(sections.get(RECOMMENDATIONS, [])),
        results=items(sections.get(RESULTS, [])),
        partners=items(sections.get(PARTNERS, [])),
        description=prose(sections.get(OTHER, [])),
        **{name: prose(sections.get(name, [])) for name in PROSE_SECTIONS},
    )
    if not any(sections.get(kind) for kind in (SUMMARY, LESSONS, RECOMMENDATIONS, RESULTS)):
        raise ExtractError(
            "no recognisable structure: no summary, lessons learned, recommendations"
            " or results section"
        )
    if not (found.lessons or found.recommendations or found.results or found.summary):
        raise ExtractError("the recognised sections are empty")
    if not found.title:
        raise ExtractError("no title before the first section")
    found.start_date, found.end_date = stated_dates(" ".join(sections.get(DATES, [])))
    found.contact_name, found.contact_email = stated_contact(" ".join(sections.get(CONTACT, [])))
    content = "\n".join(
        [found.title, found.summary, *found.lessons, *found.recommendations, *found.results]
    )
    found.language = detect_language(content)
    stated = named_countries(meta.get("country", ""))
    # Where it ran: the title and what the document says it did, not what it recommends.
    body = "\n".join(
        [meta.get("place", ""), found.summary, found.context, found.methodology, *found.results]
    )
    placement = place_practice(found.title, body)
    found.countries = stated or placement.countries
    found.subnational_area = placement.subnational_area if len(found.countries) == 1 else ""
    found.place_unclear = not found.countries and placement.weak
    if not found.countries and not placement.weak:  # no place at all: the host population
        hosts = demonym_countries(f"{found.title}\n{found.summary}")
        found.countries = hosts if len(hosts) == 1 else []
    found.themes = suggest_themes(
        found.title,
        "\n".join([found.summary, *found.lessons, *found.recommendations, *found.results]),
    )
    return found
