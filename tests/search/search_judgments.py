"""Graded relevance judgments over the demo content (home/demo/data).

Keys: a practice is its demo key ("peru-salud-lima-norte"), a lesson "key#L2", a recommendation
"key#R1", a toolkit "toolkit:<key>", a standard page "page:<slug>".
Grades: 3 = the answer, 2 = clearly relevant, 1 = partly relevant; unlisted = not relevant.
Each query says which case it exercises: accents, plural, cross-language, typo, lesson, phrase.
"""

from corpus_keys import (
    ABRIGOS,
    BOLIVIA,
    COHESION,
    COLOMBIA,
    DATOS,
    ECUADOR,
    ESCOLA,
    GUIA,
    GUYANA_LABOUR,
    MODULO,
    PARAGUAY,
    PERU,
    REMESAS,
    TRATA,
    VBG,
)

XENOPHOBIA = {COHESION: 3, MODULO: 3, f"{ESCOLA}#L3": 2, ESCOLA: 1, f"{ABRIGOS}#L4": 1}
REMITTANCES = {REMESAS: 3, f"{REMESAS}#L3": 2, f"{REMESAS}#R2": 2, f"{REMESAS}#L2": 1}
TRAFFICKING = {TRATA: 3, f"{TRATA}#L4": 2, f"{TRATA}#L1": 1, f"{TRATA}#R1": 1, ABRIGOS: 1}
REGULARISATION = {COLOMBIA: 3, f"{COLOMBIA}#L3": 2, f"{COLOMBIA}#R1": 1, ABRIGOS: 1}
SHELTERS = {
    ABRIGOS: 3,
    f"{ABRIGOS}#L3": 2,
    f"{ABRIGOS}#R1": 2,
    f"{ABRIGOS}#R2": 2,
    TRATA: 1,
    VBG: 1,
}
RETURN = {PARAGUAY: 3, f"{PARAGUAY}#L1": 2, f"{PARAGUAY}#L3": 2, f"{PARAGUAY}#R2": 1, ECUADOR: 1}

JUDGMENTS = [
    # (case, language, query, {key: grade})
    ("plain", "es", "emprendimiento", {ECUADOR: 3, PARAGUAY: 1}),
    ("cross-language", "pt", "empreendedorismo", {ECUADOR: 3, PARAGUAY: 1}),
    ("cross-language", "en", "entrepreneurship", {ECUADOR: 3, PARAGUAY: 1}),
    ("plural", "es", "migrantes emprendedores", {ECUADOR: 3}),
    ("no accent", "es", "regularizacion", REGULARISATION),
    ("cross-language", "en", "regularisation", REGULARISATION),
    ("phrase", "pt", "regularização migratória", REGULARISATION),
    ("phrase", "es", "trata de personas", TRAFFICKING),
    ("cross-language", "en", "human trafficking", TRAFFICKING),
    ("cross-language", "pt", "tráfico de pessoas", TRAFFICKING),
    ("plain", "es", "salud migrantes Lima", {PERU: 3, f"{PERU}#L2": 1, f"{PERU}#R2": 1}),
    ("cross-language", "en", "health insurance", {PERU: 3, f"{PERU}#L2": 1}),
    ("no accent", "pt", "saude", {PERU: 3, f"{PERU}#R2": 2, f"{PERU}#L2": 2, f"{PERU}#R1": 1}),
    ("plural", "es", "albergues", SHELTERS),
    ("singular", "en", "shelter", SHELTERS),
    ("plain", "es", "xenofobia", XENOPHOBIA),
    ("cross-language", "en", "xenophobia", XENOPHOBIA),
    ("plain", "es", "remesas", REMITTANCES),
    ("cross-language", "en", "remittances", REMITTANCES),
    ("cross-language", "pt", "remessas", REMITTANCES),
    ("no accent", "es", "ninos escuela", {ESCOLA: 3, f"{ESCOLA}#L1": 1, f"{ESCOLA}#R1": 1}),
    ("cross-language", "en", "children school", {ESCOLA: 3, f"{ESCOLA}#L1": 1, f"{ESCOLA}#R1": 1}),
    ("plural", "es", "retornados", RETURN),
    ("cross-language", "en", "returnees reintegration", RETURN),
    ("no accent", "es", "cambio climatico", {BOLIVIA: 3, f"{BOLIVIA}#L3": 2, f"{BOLIVIA}#R1": 1}),
    ("cross-language", "pt", "mudança climática", {BOLIVIA: 3, f"{BOLIVIA}#L3": 2}),
    ("typo", "es", "migrnates emprendimiento", {ECUADOR: 3}),
    ("typo", "en", "remitances", REMITTANCES),
    ("typo", "es", "xenofovia", XENOPHOBIA),
    ("typo", "es", "regulrizacion", REGULARISATION),
    ("plain", "es", "violencia de género", {VBG: 3, f"{VBG}#L1": 2, f"{VBG}#R2": 1}),
    ("no accent", "pt", "violencia baseada em genero", {VBG: 3, f"{VBG}#L1": 2, f"{VBG}#R2": 1}),
    ("cross-language", "en", "border data observatory", {DATOS: 3, f"{DATOS}#L1": 1}),
    (
        "no accent",
        "es",
        "certificacion de competencias",
        {GUYANA_LABOUR: 3, f"{GUYANA_LABOUR}#L1": 2, PARAGUAY: 1},
    ),
    ("cross-language", "en", "fair recruitment", {GUYANA_LABOUR: 3}),
    ("cross-language", "pt", "mulheres refugiadas", {VBG: 3, f"{VBG}#L3": 1}),
    (
        "lesson",
        "es",
        "confianza",
        {
            f"{PERU}#L1": 3,
            f"{VBG}#L1": 3,
            f"{COLOMBIA}#L1": 2,
            f"{TRATA}#L2": 2,
            f"{ESCOLA}#L2": 2,
            f"{COHESION}#L2": 2,
        },
    ),
    ("plural", "es", "sistematizar buenas practicas", {GUIA: 3}),
    ("plain", "es", "seguro integral de salud", {PERU: 3}),
]


def hit_key(hit, keys):
    """The judgment key of a search hit, given {translation_key: demo key}."""
    base = keys.get(hit.translation_key, hit.translation_key)
    if hit.type == "lesson":
        return f"{base}#L{hit.number}"
    if hit.type == "recommendation":
        return f"{base}#R{hit.number}"
    return base


def practice_grades(grades):
    """Judgments at the level of the results a visitor sees: a practice shown with its
    matching lessons and recommendations is graded as the best of them."""
    found = {}
    for key, grade in grades.items():
        base = key.split("#", 1)[0]
        found[base] = max(found.get(base, 0), grade)
    return found


def practice_ranking(hits, keys):
    """Judgment keys of the hits in rank order, each practice once."""
    ranked = []
    for hit in hits:
        key = hit_key(hit, keys).split("#", 1)[0]
        if key not in ranked:
            ranked.append(key)
    return ranked
