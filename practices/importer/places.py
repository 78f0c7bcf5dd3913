"""Where a practice ran: countries and the subnational area, weighed from how places are named.

The vocabularies are data in ``vocabulary/`` (see docs/importer.md); first-level divisions come
from pycountry (ISO 3166-2).
"""

import csv
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pycountry

from search.analysis import fold as fold_accents

VOCABULARY = Path(__file__).parent / "vocabulary"
TITLE, BODY = "title", "body"
# Weight of one mention by where it stands and how the text names it.
WEIGHTS = {
    (TITLE, "country"): 6,
    (TITLE, "place"): 5,
    (BODY, "country", "here"): 2,
    (BODY, "country", "plain"): 1,
    (BODY, "place", "here"): 1.5,
    (BODY, "place", "plain"): 1.5,
}
MIN_SCORE = 1  # one plain mention of a country where the practice is described
SHARE_OF_BEST = 0.45  # a second country needs this share of the best one's score
READ_CHARS = 20_000  # the place of a practice is stated near the start of its sections


def fold(text, commas=False):
    """Search's fold, then its lower-case ASCII words joined by spaces (and commas, which tell a
    list from a new clause): 'Lecciones ★ Aprendidas:' -> 'lecciones aprendidas'."""
    return " ".join(re.findall(r"[a-z0-9]+|," if commas else r"[a-z0-9]+", fold_accents(text)))


def read_json(name):
    data = json.loads((VOCABULARY / name).read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if not key.startswith("_")}


@dataclass
class Vocabulary:
    names: dict  # code -> compiled pattern of the country's names
    demonyms: dict  # code -> compiled pattern of its demonyms
    places: dict  # folded place name -> (code, subdivision name or "")
    place_pattern: re.Pattern
    not_here: re.Pattern
    conjunctions: frozenset  # ',' and the words that join a list
    joiners: frozenset  # words that may follow a conjunction before the next place
    here: frozenset
    on_the_move: re.Pattern
    subdivisions: dict = field(default_factory=dict)  # (code, folded name) -> name


@cache
def vocabulary():
    countries = read_json("countries.json")
    names = {c: re.compile(rf"\b(?:{'|'.join(v['names'])})\b") for c, v in countries.items()}
    demonyms = {c: re.compile(rf"\b(?:{'|'.join(v['demonyms'])})\b") for c, v in countries.items()}
    excluded = {
        fold(line)
        for line in (VOCABULARY / "place_exclusions.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    owners = defaultdict(set)
    subdivisions = {}
    for code in countries:
        for division in pycountry.subdivisions.get(country_code=code) or []:
            if division.parent_code is None:
                key = fold(division.name)
                subdivisions[(code, key)] = division.name
                if key not in excluded:
                    owners[key].add((code, division.name))
    places = {key: next(iter(found)) for key, found in owners.items() if len(found) == 1}
    with (VOCABULARY / "cities.csv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            places[fold(row["city"])] = (row["country"], row["subdivision"])
    alternatives = sorted(places, key=len, reverse=True)
    cues = read_json("mention_cues.json")
    return Vocabulary(
        names=names,
        demonyms=demonyms,
        places=places,
        place_pattern=re.compile(rf"\b(?:{'|'.join(map(re.escape, alternatives))})\b"),
        not_here=re.compile(
            rf"\b(?:{'|'.join(cues['not_here'])})(?: (?:{'|'.join(cues['list_joiners'])}))*$"
        ),
        conjunctions=frozenset([",", *cues["conjunctions"]]),
        joiners=frozenset(cues["list_joiners"]),
        here=frozenset(cues["here"]),
        on_the_move=re.compile(rf"\b(?:{'|'.join(cues['people_on_the_move'])})"),
        subdivisions=subdivisions,
    )


def mentions(text):
    """(code, subdivision or None, 'country'|'place', start, end) for each place named."""
    vocab = vocabulary()
    key = fold(text, commas=True)
    found = []
    for code, pattern in vocab.names.items():
        found += [(code, None, "country", m.start(), m.end()) for m in pattern.finditer(key)]
    for match in vocab.place_pattern.finditer(key):
        code, subdivision = vocab.places[match.group()]
        found.append((code, subdivision, "place", match.start(), match.end()))
    return key, sorted(found, key=lambda m: m[3])


def how_named(key, start, spans):
    """'away' (origin, transit, destination, abroad, neighbour), 'here' ('en X') or 'plain'.

    The words before a list of places tell for the whole list: "desde Chile, Argentina y
    España"; "trabajan en Argentina, en Brasil o en España".
    """
    vocab = vocabulary()
    before = key[max(0, start - 160) : start].split()
    place_words = set()
    for a, b in spans:
        if b <= start:
            place_words.update(key[a:b].split())
    while before:
        last = before[-1]
        after_separator = len(before) > 1 and before[-2] in vocab.conjunctions
        in_list = last in place_words or last in vocab.conjunctions
        if not (in_list or (last in vocab.joiners and after_separator)):
            break
        before.pop()
    if vocab.not_here.search(" ".join(word for word in before[-8:] if word != ",")):
        return "away"
    return "here" if before and before[-1] in vocab.here else "plain"


@dataclass
class Placement:
    countries: list
    subnational_area: str = ""
    weak: bool = False  # places were named but not clearly enough to suggest a country


def place_practice(title, body):
    """Countries (ISO codes, sorted) and subnational area where the practice was implemented."""
    scores = Counter()
    areas = Counter()
    named = False
    for where, text in ((TITLE, title), (BODY, body)):
        key, found = mentions(text[:READ_CHARS])
        spans = [(m[3], m[4]) for m in found]
        for code, subdivision, kind, start, _end in found:
            named = True
            how = how_named(key, start, spans)
            if how == "away":
                continue
            weight = WEIGHTS[(where, kind)] if where == TITLE else WEIGHTS[(where, kind, how)]
            scores[code] += weight
            if subdivision:
                areas[(code, subdivision)] += weight
    if not scores or scores.most_common(1)[0][1] < MIN_SCORE:
        return Placement([], "", weak=named)
    best = scores.most_common(1)[0][1]
    countries = sorted(c for c, s in scores.items() if s >= MIN_SCORE and s >= SHARE_OF_BEST * best)
    area = ""
    if len(countries) == 1:
        ranked = [(a, n) for (c, a), n in areas.most_common() if c == countries[0]]
        area = ranked[0][0] if ranked else ""
    return Placement(countries, area)


def demonym_countries(text):
    """Countries whose demonym describes the host population ('población ecuatoriana'), not
    the people on the move ('migrantes venezolanos', 'Venezuelan nationals')."""
    vocab = vocabulary()
    key = fold(text)
    found = set()
    for code, pattern in vocab.demonyms.items():
        for match in pattern.finditer(key):
            near = key[max(0, match.start() - 40) : match.end() + 25]
            if not vocab.on_the_move.search(near):
                found.add(code)
    return sorted(found)


def named_countries(text):
    """Codes of the countries named in a 'País: …' field."""
    key = fold(text)
    return sorted(code for code, pattern in vocabulary().names.items() if pattern.search(key))
