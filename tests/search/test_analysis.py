"""Analysis: folding, stemming, stop words, the thesaurus and query parsing."""

import time

import pytest

from search.analysis import analyzer, fold, surface_words
from search.query import MAX_CLAUSES, parse
from search.thesaurus import get_thesaurus
from search.thesaurus import parse as parse_thesaurus


def test_fold_removes_accents_and_case():
    assert fold("Regularización MIGRATÓRIA Niñez") == "regularizacion migratoria ninez"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("es", ["migrante", "migrantes", "Migrantes"]),
        ("es", ["emprendedor", "emprendedores"]),
        ("es", ["joven", "jóvenes", "jovenes"]),
        ("es", ["mujer", "mujeres"]),
        ("es", ["regularización", "regularizacion", "regularizaciones"]),
        ("pt", ["migração", "migracao", "migrações"]),
        ("pt", ["mulher", "mulheres"]),
        ("pt", ["criança", "crianças", "criancas"]),
        ("en", ["remittance", "remittances"]),
        ("en", ["child", "children"]),
    ],
)
def test_singular_plural_and_accents_share_a_term(language, words):
    terms = {analyzer(language).term(word) for word in words}
    assert len(terms) == 1, terms


def test_stop_words_are_dropped_but_meaningful_words_stay():
    es = analyzer("es")
    assert es.terms("la trata de personas") == ["trat", "person"]
    assert analyzer("en").term("who") == "who"  # the WHO
    assert es.term("vida") and es.term("red")


def test_stored_text_keeps_one_entry_per_word():
    assert analyzer("es").text("Trata de personas") == "trat _ person"


def test_surface_words_keep_the_written_form():
    assert surface_words("Niñez y adolescencia, 2021") == {
        "ninez": "niñez",
        "adolescencia": "adolescencia",
    }


def test_thesaurus_covers_the_domain_word_list():
    thesaurus = get_thesaurus()
    assert len(thesaurus.concepts) >= 13 + 40
    pairs = [
        ("es", "migrante", "en", "migrant"),
        ("es", "emprendimiento", "pt", "empreendedorismo"),
        ("es", "trata de personas", "en", "human trafficking"),
        ("en", "human trafficking", "pt", "tráfico de pessoas"),
        ("es", "regularización", "pt", "regularização"),
        ("es", "medios de vida", "en", "livelihoods"),
        ("es", "lecciones aprendidas", "pt", "lições aprendidas"),
        ("es", "salud", "pt", "saúde"),
        ("es", "niñez", "en", "children"),
        ("es", "xenofobia", "en", "xenophobia"),
        ("es", "remesas", "en", "remittances"),
        ("es", "albergue", "pt", "abrigo"),
        ("es", "frontera", "en", "border"),
        ("es", "retorno", "en", "return"),
    ]
    for source_language, source, target_language, target in pairs:
        source_key = tuple(analyzer(source_language).terms(source))
        target_key = tuple(analyzer(target_language).terms(target))
        concepts = thesaurus.lookup(source_key)
        assert any(target_key in concept.keys for concept in concepts), (source, target)


def test_thesaurus_file_format():
    concepts = parse_thesaurus(
        ["# comment", "es,en,pt", "", "ola de calor|calor extremo,heatwave,onda de calor"]
    )
    assert len(concepts) == 1
    assert ("heatwav",) in concepts[0].keys and ("ola", "calor") in concepts[0].keys


def test_thesaurus_is_reread_when_the_file_changes(settings, tmp_path):
    path = tmp_path / "thesaurus.csv"
    path.write_text("es,en,pt\ncolmena,beehive,colmeia\n", encoding="utf-8")
    settings.HUB_SEARCH_THESAURUS = str(path)
    assert get_thesaurus().lookup(("colmen",))
    path.write_text("es,en,pt\napicultura,beekeeping,apicultura\n", encoding="utf-8")
    import os

    os.utime(path, (time.time() + 5, time.time() + 5))
    assert not get_thesaurus().lookup(("colmen",))
    assert get_thesaurus().lookup(("apicultur",))


def test_query_expansion_across_languages():
    clauses = parse("trata de personas Perú").clauses
    assert len(clauses) == 2
    assert ("human", "traffick") in clauses[0].alternatives
    assert ("peru",) in clauses[1].alternatives


def test_quoted_phrases_are_kept_together():
    clause = parse('"medios de vida"').clauses[0]
    assert clause.phrase and ("medi", "vid") in clause.alternatives


def test_queries_are_bounded():
    query = parse(" ".join(f"palabra{n}" for n in range(500)) + " x" * 10_000)
    assert len(query.clauses) <= MAX_CLAUSES
    assert all(len(clause.alternatives) <= 40 for clause in query.clauses)
    assert not parse("!!! ??? ...")
