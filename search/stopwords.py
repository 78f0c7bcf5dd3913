"""Stop words (folded: no accents) for the hub's languages, read from ``data/stop_words_*.txt``.

Short on purpose: articles, prepositions, conjunctions, pronouns and auxiliary verbs only.
Words that carry meaning in a migration context stay searchable even when general-purpose
lists drop them: "vida", "red" (network), "who" (the WHO), "it", "us", "can", "will", "estado".
A query made only of stop words is searched as typed (see `query.parse`). The importer reads
the same lists to tell a document's language.
"""

from pathlib import Path

DATA = Path(__file__).parent / "data"


def _read(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(word for line in lines if not line.startswith("#") for word in line.split())


STOP_WORDS = {
    path.stem.removeprefix("stop_words_"): _read(path)
    for path in sorted(DATA.glob("stop_words_*.txt"))
}
