#!/usr/bin/env python
"""Search benchmark (not a test): index build time and query latency at scale.

For each size N it builds a fresh database with the demo site's page tree and N generated
practices (4 lessons and 2 recommendations each, es/pt/en text recombined from the demo
practices, random taxonomy terms and dates), then prints JSON with:

- the hub index build time (`search.indexer.rebuild`, what `manage.py update_index` runs);
- p50/p95 of ~100 varied queries through the JSON API (`GET /api/search/`: query, facets,
  highlights, analytics), each with the engine's query cache emptied first ("api_ms"),
  then repeated ("api_repeat_ms": paging, facet clicks), and through the service alone;
- the same queries as a raw engine query on the same index (FTS5 `MATCH ... ORDER BY
  bm25 LIMIT 10`, or tsvector `@@ ... ORDER BY ts_rank LIMIT 10`): the floor;
- the stock Wagtail database backend (top 10 + count), on a subset of the queries and with
  a per-query time limit, since it can take many seconds per query at 10k.

    .venv/bin/python bench/search_bench.py --sizes 1000 10000
    .venv/bin/python bench/search_bench.py --database postgres --sizes 1000 10000 100000

PostgreSQL uses DATABASE_URL's server (default postgres://hub:hub@127.0.0.1:5432) and
creates and drops a database per size. Figures are in docs/performance.md.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEMO = BASE_DIR / "home" / "demo" / "data"
LANGUAGES = ("es", "pt", "en")
LANGUAGE_WEIGHTS = (0.6, 0.25, 0.15)
DEFAULT_PG = "postgres://hub:hub@127.0.0.1:5432/postgres"
#: Kept between runs: the corpus databases, and the vectors of every text embedded so far
#: (keyed by the hash of the model and the text, as `search.SearchVector`).
DATA = BASE_DIR / "cache" / "bench"
VECTORS = DATA / "vectors.sqlite3"
BORROW_POOL = 512  # texts really encoded with --borrow-vectors

TITLES = {
    "es": (
        [
            "Programa",
            "Red",
            "Estrategia",
            "Protocolo",
            "Centro",
            "Plan",
            "Proyecto piloto",
            "Ventanilla",
            "Observatorio",
            "Mesa",
        ],
        [
            "integración",
            "salud",
            "regularización",
            "emprendimiento",
            "educación",
            "protección",
            "empleo",
            "retorno",
            "cohesión social",
            "inclusión financiera",
            "gestión de riesgos",
            "documentación",
            "vivienda",
            "atención psicosocial",
        ],
        [
            "personas migrantes",
            "mujeres migrantes",
            "niñas, niños y adolescentes",
            "refugiados",
            "personas retornadas",
            "comunidades de acogida",
            "pueblos indígenas",
            "trabajadores migrantes",
        ],
        "de {topic} para {population} en {place}",
    ),
    "pt": (
        [
            "Programa",
            "Rede",
            "Estratégia",
            "Protocolo",
            "Centro",
            "Plano",
            "Projeto piloto",
            "Balcão",
            "Observatório",
            "Comitê",
        ],
        [
            "integração",
            "saúde",
            "regularização",
            "empreendedorismo",
            "educação",
            "proteção",
            "emprego",
            "retorno",
            "coesão social",
            "inclusão financeira",
            "gestão de riscos",
            "documentação",
            "moradia",
            "atenção psicossocial",
        ],
        [
            "pessoas migrantes",
            "mulheres migrantes",
            "crianças e adolescentes",
            "refugiados",
            "pessoas retornadas",
            "comunidades de acolhida",
            "povos indígenas",
            "trabalhadores migrantes",
        ],
        "de {topic} para {population} em {place}",
    ),
    "en": (
        [
            "Programme",
            "Network",
            "Strategy",
            "Protocol",
            "Centre",
            "Plan",
            "Pilot project",
            "One-stop service",
            "Observatory",
            "Working group",
        ],
        [
            "integration",
            "health",
            "regularisation",
            "entrepreneurship",
            "education",
            "protection",
            "employment",
            "return",
            "social cohesion",
            "financial inclusion",
            "disaster risk management",
            "documentation",
            "housing",
            "psychosocial support",
        ],
        [
            "migrants",
            "migrant women",
            "children and adolescents",
            "refugees",
            "returnees",
            "host communities",
            "indigenous peoples",
            "migrant workers",
        ],
        "on {topic} for {population} in {place}",
    ),
}
PLACES = [
    "Lima",
    "Quito",
    "Cúcuta",
    "Boa Vista",
    "Pacaraima",
    "Georgetown",
    "Asunción",
    "Santa Cruz",
    "Rivera",
    "Arica",
    "Tumbes",
    "Manaus",
    "São Paulo",
    "Bogotá",
    "Cali",
    "Guayaquil",
    "Mendoza",
    "Montevideo",
    "Paramaribo",
    "Caracas",
    "La Paz",
    "Iquique",
    "Tacna",
    "Foz do Iguaçu",
    "Leticia",
    "Riohacha",
    "Barranquilla",
    "Medellín",
    "Porto Alegre",
    "Cuenca",
]

# ~100 queries: common and rare words, three languages, phrases, no accents, plurals,
# typos, and filters. Each is (q, extra API parameters).
QUERIES = [
    (q, {})
    for q in [
        "migrantes",
        "salud",
        "frontera",
        "albergues",
        "remesas",
        "xenofobia",
        "empleo",
        "educación",
        "regularización",
        "trata",
        "niñez",
        "mujeres",
        "retorno",
        "datos",
        "clima",
        "saúde",
        "fronteira",
        "abrigos",
        "remessas",
        "migrants",
        "health",
        "border",
        "shelters",
        "remittances",
        "xenophobia",
        "employment",
        "children",
        "women",
        "returnees",
        "observatorio",
        "confianza",
        "capacitación",
        "vacunación",
        "matrícula",
        "indígenas",
        "salud mental",
        "trata de personas",
        "medios de vida",
        "inclusión financiera",
        "violencia de género",
        "certificación de competencias",
        "human trafficking",
        "skills certification",
        "migração laboral",
        "tráfico de pessoas",
        "cambio climático",
        "gestión de riesgos",
        "seguro de salud",
        "ventanilla única",
        "diálogo comunitario",
        "escuelas migrantes",
        "fair recruitment",
        "social cohesion",
        "legal identity",
        "host communities",
        "mobilidade humana",
        "regularizacion",
        "educacion",
        "ninos",
        "saude",
        "migracao",
        "albergue",
        "emprendedores",
        "jovenes",
        "mulheres",
        "refugiada",
        "retornadas",
        "vacunas",
        "comunidad de acogida",
        "remittance",
        "abrigo temporario",
        "migrnates",
        "xenofovia",
        "remitances",
        "fronetra",
        "regulrizacion",
        "educasion",
        "emprendimeinto",
        "helth",
        "salud migrantes lima",
        "mujeres violencia albergues",
        "niños escuela documentos",
        "empleo jóvenes retornados",
        "remittances women families",
        "border health vaccination",
        "saúde mulheres refugiadas",
        "datos movilidad frontera",
        "clima desastres indígenas",
        "confianza comunidad promotores",
    ]
] + [
    ("salud", {"country": "PE"}),
    ("migrantes", {"type": "lesson"}),
    ("migrantes", {"language": "pt"}),
    ("educación", {"year": "2020"}),
    ("empleo", {"theme": "migracion-laboral"}),
    ("mujeres", {"population": "mujeres", "country": ["BR", "CO"]}),
    ("health", {"gcm": "15"}),
    ("", {"type": "practice", "country": "EC"}),
    ("", {"type": "lesson", "theme": "salud"}),
    ("frontera", {"type": "recommendation", "language": "es"}),
]


# --- the parent process: one child process per size ---------------------------------


def database_url(kind, size, seed):
    if kind == "sqlite":
        return f"sqlite:///{DATA / f'bench-{size}-{seed}.sqlite3'}"
    base = os.environ.get("DATABASE_URL", DEFAULT_PG)
    return base.rsplit("/", 1)[0] + f"/hub_bench_{size}_{seed}"


def postgres_admin(url, statement):
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(statement)


def fresh_database(kind, url):
    """An empty database at url (the corpus is generated into it)."""
    if kind == "sqlite":
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    name = url.rsplit("/", 1)[1]
    postgres_admin(url, f"DROP DATABASE IF EXISTS {name}")
    postgres_admin(url, f"CREATE DATABASE {name}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--stock-queries",
        type=int,
        default=10,
        help="queries run through the stock backend (it is slow)",
    )
    parser.add_argument(
        "--stock-timeout",
        type=float,
        default=20.0,
        help="seconds before a stock query is abandoned",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--fresh", action="store_true", help="generate the corpus again")
    parser.add_argument(
        "--borrow-vectors",
        action="store_true",
        help=f"encode only {BORROW_POOL} of the texts the vector store lacks and give the "
        "others those vectors in turn: query time and memory at 10k-100k without hours of "
        "embedding (the build figures then leave most of the embedding out)",
    )
    parser.add_argument(
        "--cold-vectors",
        action="store_true",
        help="empty the vector store before the build: every vector is computed, as in the "
        "first build of a site",
    )
    parser.add_argument(
        "--no-build",
        action="store_true",
        help="measure the queries on the indexes an earlier run built (no rebuild)",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--reuse", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args)))
        return
    DATA.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes:
        url = database_url(args.database, size, args.seed)
        ready = DATA / f"{args.database}-{size}-{args.seed}.ready"
        reuse = ready.exists() and not args.fresh
        if args.no_build and not reuse:
            raise SystemExit(f"--no-build: no corpus of {size} practices was built before")
        if not reuse:
            ready.unlink(missing_ok=True)
            fresh_database(args.database, url)
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "hub.settings.test"}
        env.pop("HUB_SEARCH_ENGINE", None)
        command = [sys.executable, __file__, "--one", str(size), *sys.argv[1:]]
        command += ["--reuse"] if reuse else []
        done = subprocess.run(command, env=env, cwd=BASE_DIR, capture_output=True, text=True)
        if done.returncode:
            sys.stderr.write(done.stderr)
            raise SystemExit(done.returncode)
        ready.touch()
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), file=sys.stderr)
    print(json.dumps(results, indent=2))
    print(table(results))


def table(results):
    """The main figures, one column per run (milliseconds p50 / p95)."""

    def pair(figures):
        return f"{figures['p50']} / {figures['p95']}"

    rows = {
        "database": lambda r: r["database"],
        "practices / documents / vectors": lambda r: (
            f"{r['practices']:,} / {r['documents']:,} / {r['vectors']:,}"
        ),
        "index build, s (vectors computed, borrowed)": lambda r: (
            f"{r['index_build_s']} ({r['vectors_computed']:,}, {r['vectors_borrowed']:,})"
        ),
        "index build, CPU s (this process + embedding workers)": lambda r: r["index_build_cpu_s"],
        "embedding, ms per vector (CPU ms)": lambda r: (
            f"{r['embedding_ms_per_vector']} ({r['embedding_cpu_ms_per_vector']})"
        ),
        "rebuild, unchanged text, s (CPU s)": lambda r: (
            f"{r['rebuild_unchanged_s']} ({r['rebuild_unchanged_cpu_s']})"
        ),
        "vector matrix, MB (RSS MB)": lambda r: (
            f"{r['vector_matrix_mb']} ({r['vector_matrix_rss_mb']})"
        ),
        "API, cold": lambda r: pair(r["api_ms"]),
        "API, cold, CPU of the process": lambda r: pair(r["api_cpu_ms"]),
        "API, repeat": lambda r: pair(r["api_repeat_ms"]),
        "service only, cold": lambda r: pair(r["service_ms"]),
        "raw engine top 10 + dot product": lambda r: pair(r["raw_engine_ms"]),
        "stock backend, top 10 + count": lambda r: pair(r["stock_ms"]),
        "API / raw, p95": lambda r: r["api_vs_raw_p95"],
        "stock / API, p95": lambda r: r["stock_vs_api_p95"],
        "load average before build, after build, after queries": lambda r: ", ".join(
            str(v[0]) for v in r["load_average_1_5_15"].values()
        ),
    }
    lines = [f"| | {' | '.join(str(r['practices']) for r in results)} |"]
    lines.append("|---" * (len(results) + 1) + "|")
    lines += [
        f"| {name} | {' | '.join(str(get(r)) for r in results)} |" for name, get in rows.items()
    ]
    return "\n".join(lines)


# --- the child process: build, index, measure ---------------------------------------


def run_one(size, args):
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    generated = None
    if not args.reuse:
        site()
        started = time.perf_counter()
        generate(size, random.Random(args.seed))
        generated = round(time.perf_counter() - started, 1)

    from search import indexer
    from search.models import SearchDocument, SearchVector
    from search.semantic import current_matrix

    load = {"before_build": os.getloadavg()}
    if args.cold_vectors:  # the first build of a site: every vector is computed
        SearchVector.objects.all().delete()
    stored = SearchVector.objects.count() if args.cold_vectors else load_vectors()
    embedding = count_embedding(args.borrow_vectors)
    build = build_cpu = rebuild = rebuild_cpu = None
    if not args.no_build:
        started, cpu = time.perf_counter(), cpu_seconds()
        indexer.rebuild()  # with embeddings on: the vectors it lacks are computed at commit
        build, build_cpu = time.perf_counter() - started, cpu_seconds() - cpu
    built = dict(embedding)
    if not args.no_build:
        started, cpu = time.perf_counter(), cpu_seconds()
        indexer.rebuild()  # nothing changed: every vector is reused
        rebuild, rebuild_cpu = time.perf_counter() - started, cpu_seconds() - cpu
    stop_counting(embedding)
    load["after_build"] = os.getloadavg()
    save_vectors(embedding["borrowed_hashes"])
    documents = SearchDocument.objects.count()
    vectors = SearchVector.objects.count()
    before = rss_mb()
    matrix = current_matrix()
    matrix_rss = round(rss_mb() - before, 1)
    stock_build = None
    # --stock-queries 0 skips the stock backend (for 100k); --no-build reuses its index
    if args.stock_queries and not args.no_build:
        started = time.perf_counter()
        call_command("wagtail_update_index", verbosity=0)
        stock_build = round(time.perf_counter() - started, 1)

    times, engine = measure(args)
    stock = measure_stock(args) if args.stock_queries else []
    load["after_queries"] = os.getloadavg()
    result = {
        "database": args.database,
        "engine": engine,
        "practices": size,
        "documents": documents,
        "queries": len(QUERIES),
        "generate_s": generated,  # None: the corpus of an earlier run was reused
        "index_build_s": rounded(build),
        # CPU of this process and the embedding workers (PostgreSQL's server time is not in it)
        "index_build_cpu_s": rounded(build_cpu),
        "vectors_stored_before_build": stored,
        "vectors_computed": built["computed"],
        "vectors_borrowed": built["borrowed"],
        "embedding_s": round(built["seconds"], 1),
        "embedding_ms_per_vector": ratio(1000 * built["seconds"], built["computed"]),
        "embedding_cpu_ms_per_vector": ratio(1000 * built["cpu_seconds"], built["computed"]),
        "rebuild_unchanged_s": rounded(rebuild),
        "rebuild_unchanged_cpu_s": rounded(rebuild_cpu),
        "embeddings": os.environ.get("HUB_EMBEDDINGS", "") or "use-multilingual",
        "vectors": vectors,
        "vector_matrix_mb": round(matrix.nbytes / 2**20, 1),
        "vector_matrix_rss_mb": matrix_rss,
        "stock_index_build_s": stock_build,
        "api_ms": summary(times["api"]),
        # this process's CPU time: on a busy machine, near what an idle one would take
        # (SQLite runs in the process; PostgreSQL's server time is not in it)
        "api_cpu_ms": summary(times["api_cpu"]),
        "api_repeat_ms": summary(times["repeat"]),
        "service_ms": summary(times["service"]),
        "raw_engine_ms": summary(times["raw"]),
        "stock_ms": summary([t for t in stock if t is not None]),
        "stock_queries": len(stock),
        "stock_timeouts": sum(t is None for t in stock),
        "load_average_1_5_15": {k: [round(x, 1) for x in v] for k, v in load.items()},
    }
    result["api_vs_raw_p95"] = ratio(result["api_ms"]["p95"], result["raw_engine_ms"]["p95"])
    result["stock_vs_api_p95"] = ratio(result["stock_ms"]["p95"], result["api_ms"]["p95"])
    return result


def rss_mb():
    """This process's resident memory now."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def load_vectors():
    """Put the vectors of earlier runs into the store (the rebuild reuses those whose text
    has not changed and drops the others); returns how many the store then holds."""
    import sqlite3

    from search.models import SearchVector

    if VECTORS.exists():
        with sqlite3.connect(VECTORS) as cache:
            rows = cache.execute("SELECT hash, vector FROM vectors")
            while batch := rows.fetchmany(2000):
                SearchVector.objects.bulk_create(
                    [SearchVector(hash=h, vector=v) for h, v in batch], ignore_conflicts=True
                )
    return SearchVector.objects.count()


def save_vectors(borrowed):
    """Keep the store's computed vectors for the next runs (never the borrowed ones)."""
    import sqlite3

    from search.models import SearchVector

    with sqlite3.connect(VECTORS) as cache:
        cache.execute("CREATE TABLE IF NOT EXISTS vectors (hash TEXT PRIMARY KEY, vector BLOB)")
        for batch in chunks(SearchVector.objects.values_list("hash", "vector").iterator(), 2000):
            cache.executemany(
                "INSERT OR IGNORE INTO vectors VALUES (?, ?)",
                [(h, bytes(v)) for h, v in batch if h not in borrowed],
            )


def chunks(iterable, size):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def count_embedding(borrow):
    """Count and time the document encoding of a rebuild (`search.semantic.encoded`, in
    one process per core). With borrow, only the first BORROW_POOL texts are encoded; the
    others get those vectors in turn (their hashes are noted, so they are never kept for
    later runs)."""
    from search import semantic
    from search.embeddings import get_embedder, text_hash

    embedder = get_embedder()
    counts = {"computed": 0, "borrowed": 0, "seconds": 0.0, "cpu_seconds": 0.0}
    counts["borrowed_hashes"] = set()
    if embedder is None:
        return counts
    encoded = semantic.encoded
    pool = []

    def counted(batches):
        real = batches
        if borrow:
            real, wanted = [], BORROW_POOL - len(pool)
            for batch in batches:
                if wanted <= 0:
                    break
                real.append(batch)
                wanted -= len(batch)
        started, cpu = time.perf_counter(), cpu_seconds()
        for vectors in encoded(real):
            counts["computed"] += len(vectors)
            pool.extend(vectors)
            yield vectors
        counts["seconds"] += time.perf_counter() - started
        counts["cpu_seconds"] += cpu_seconds() - cpu
        for texts in batches[len(real) :]:
            counts["borrowed_hashes"].update(text_hash(embedder.name, t) for t in texts)
            start = counts["borrowed"]
            counts["borrowed"] += len(texts)
            yield [pool[(start + i) % len(pool)] for i in range(len(texts))]

    semantic.encoded = counted
    counts["restore"] = encoded
    return counts


def stop_counting(counts):
    """Rebuilds encode without counting again."""
    from search import semantic

    if "restore" in counts:
        semantic.encoded = counts["restore"]


def cpu_seconds():
    """CPU time of this process and of its finished children (the embedding workers)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def rounded(seconds):
    return None if seconds is None else round(seconds, 1)


def ratio(a, b):
    return round(a / b, 1) if a and b else None


def summary(values):
    if not values:
        return {"p50": None, "p95": None, "n": 0}
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return {"p50": round(statistics.median(values), 1), "p95": round(p95, 1), "n": len(values)}


def site():
    """The demo page tree (home, sections, standard pages) in es/en/pt, without practices."""
    import json as _json

    from django.contrib.auth import get_user_model

    from home.demo.loader import ensure_tree

    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "x")
    ensure_tree(_json.loads((DEMO / "site.json").read_text(encoding="utf-8")), user)


def pools():
    """Sentences, lessons and recommendations of the demo practices, per language."""
    import re

    from django.utils.html import strip_tags

    sentences = {language: [] for language in LANGUAGES}
    lessons = {language: [] for language in LANGUAGES}
    recommendations = {language: [] for language in LANGUAGES}
    for path in sorted(DEMO.glob("[0-9]*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for language, content in data["content"].items():
            lessons[language] += content["lessons"]
            recommendations[language] += content["recommendations"]
            texts = [content["summary"]]
            for value in content.values():
                if isinstance(value, list):
                    texts += [strip_tags(item) for item in value if isinstance(item, str)]
            for text in texts:
                sentences[language] += [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 30]
    return sentences, lessons, recommendations


def paragraphs(rng, sentences, words):
    out, count = [], 0
    while count < words:
        paragraph = " ".join(rng.sample(sentences, 3))
        out.append(f"<p>{paragraph}</p>")
        count += len(paragraph.split())
    return "".join(out)


def generate(size, rng):
    """N practices through bulk inserts (Wagtail's add_child would take minutes)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from wagtail.models import Locale, Page

    from practices.models import (
        Country,
        GCMObjective,
        Population,
        PracticeIndexPage,
        PracticeLesson,
        PracticePage,
        PracticeRecommendation,
        Theme,
    )
    from practices.models.taxonomy import invalidate_labels

    sentences, lessons, recommendations = pools()
    default = Locale.get_default()
    themes = list(Theme.objects.filter(locale=default).values_list("pk", flat=True))
    populations = list(Population.objects.filter(locale=default).values_list("pk", flat=True))
    countries = list(Country.objects.filter(locale=default).values_list("pk", flat=True))
    objectives = list(GCMObjective.objects.filter(locale=default).values_list("pk", flat=True))
    indexes = {
        p.locale.language_code: p for p in PracticeIndexPage.objects.select_related("locale")
    }
    content_type = ContentType.objects.get_for_model(PracticePage)
    now = timezone.now()
    children = dict.fromkeys(LANGUAGES, 0)
    fields = list(PracticePage._meta.local_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    insert = (
        f"INSERT INTO {PracticePage._meta.db_table} ({columns}) "  # noqa: S608 (model metadata)
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    batch_size = 1000
    for start in range(0, size, batch_size):
        with transaction.atomic():
            pages, practices = [], []
            for n in range(start, min(size, start + batch_size)):
                language = rng.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0]
                parent = indexes[language]
                children[language] += 1
                actions, topics, people, pattern = TITLES[language]
                title = f"{rng.choice(actions)} " + pattern.format(
                    topic=rng.choice(topics),
                    population=rng.choice(people),
                    place=rng.choice(PLACES),
                )
                slug = f"{slugify(title)[:60]}-{n}"
                pages.append(
                    Page(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        content_type=content_type,
                        path=Page._get_path(parent.path, parent.depth + 1, children[language]),
                        depth=parent.depth + 1,
                        numchild=0,
                        url_path=f"{parent.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=now,
                        last_published_at=now,
                        locale_id=parent.locale_id,
                        translation_key=uuid.uuid4(),
                    )
                )
                pool = sentences[language]
                practices.append(
                    PracticePage(
                        title=title,
                        summary=" ".join(rng.sample(pool, 2)),
                        description=paragraphs(rng, pool, 120),
                        context=paragraphs(rng, pool, 100),
                        methodology=paragraphs(rng, pool, 120),
                        results=paragraphs(rng, pool, 60),
                        original_language=language,
                        published_date=timezone.datetime(
                            rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
                        ).date(),
                        stage=rng.choice(["pilot", "ongoing", "completed", "scaled_up"]),
                    )
                )
            Page.objects.bulk_create(pages)
            rows = []
            lesson_rows, recommendation_rows, links = [], [], []
            for page, practice in zip(pages, practices, strict=True):
                practice.page_ptr_id = practice.id = page.pk
                rows.append(
                    [f.get_db_prep_save(f.pre_save(practice, True), connection) for f in fields]
                )
                language = page.locale_id
                lesson_rows += [
                    PracticeLesson(page_id=page.pk, text=text, sort_order=i, locale_id=language)
                    for i, text in enumerate(rng.sample(lessons[practice.original_language], 4))
                ]
                recommendation_rows += [
                    PracticeRecommendation(
                        page_id=page.pk, text=text, sort_order=i, locale_id=language
                    )
                    for i, text in enumerate(
                        rng.sample(recommendations[practice.original_language], 2)
                    )
                ]
                links.append(
                    (
                        page.pk,
                        rng.sample(themes, rng.randint(1, 2)),
                        rng.sample(populations, rng.randint(1, 3)),
                        rng.sample(countries, rng.randint(1, 2)),
                        rng.sample(objectives, rng.randint(1, 3)),
                    )
                )
            with connection.cursor() as cursor:
                cursor.executemany(insert, rows)
            PracticeLesson.objects.bulk_create(lesson_rows)
            PracticeRecommendation.objects.bulk_create(recommendation_rows)
            for name, position in (
                ("themes", 1),
                ("populations", 2),
                ("countries", 3),
                ("gcm_objectives", 4),
            ):
                through = PracticePage._meta.get_field(name).remote_field.through
                target = through._meta.get_field(
                    {
                        "themes": "theme",
                        "populations": "population",
                        "countries": "country",
                        "gcm_objectives": "gcmobjective",
                    }[name]
                ).attname
                through.objects.bulk_create(
                    [
                        through(practicepage_id=link[0], **{target: pk})
                        for link in links
                        for pk in link[position]
                    ]
                )
    for language, parent in indexes.items():
        Page.objects.filter(pk=parent.pk).update(numchild=children[language])
    invalidate_labels()


def measure(args):
    """Per query: the API call with the engine's query cache emptied first (cold), the same
    call again (repeat: paging, facet clicks, popular queries), the service alone (cold), and
    the raw engine query. Returns lists of milliseconds and the engine name."""
    from django.test import RequestFactory

    from search import service
    from search.engines import get_engine
    from search.semantic import _encode
    from search.views import search_api

    factory = RequestFactory()

    class Client:
        """The API view, timed up to the response; the response is then closed, which
        writes the analytics (Django does that after handing the response to the server)."""

        def get(self, path, params):
            response = search_api(factory.get(path, params))
            self.last = response
            return response

    client = Client()
    engine = get_engine()
    cache = getattr(engine, "cache", None)
    for q, params in QUERIES[:10]:  # warm up: thesaurus, stemmer memo, facet sets, labels
        client.get("/api/search/", {"q": q, "lang": "es", **params}).close()
    times = {"api": [], "api_cpu": [], "repeat": [], "service": [], "raw": []}
    for n, (q, params) in enumerate(QUERIES):
        language = LANGUAGES[n % 3]
        request = {"q": q, "lang": language, **params}
        if cache:
            cache.data.clear()
        _encode.cache_clear()  # the query's embedding is part of the cold figure
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get("/api/search/", request)
        times["api"].append((time.perf_counter() - started) * 1000)
        times["api_cpu"].append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200, response.content
        response.close()
        started = time.perf_counter()
        response = client.get("/api/search/", request)
        times["repeat"].append((time.perf_counter() - started) * 1000)
        response.close()
        filters = {k: v if isinstance(v, list) else [v] for k, v in params.items()}
        if cache:
            cache.data.clear()
        started = time.perf_counter()
        service.search(q, language=language, filters=filters)
        times["service"].append((time.perf_counter() - started) * 1000)
        if q:
            times["raw"].append(raw_query(engine, q))
    return times, engine.name


def raw_query(engine, q):
    """The engine's own top-10 query on the same index, the same analysed expression (any
    clause, ranked by the engine's score), plus the dot product over the vector matrix."""
    from django.db import connection

    from search.query import parse
    from search.semantic import current_matrix, query_vector
    from search.suggest import languages_of

    parsed = parse(q, languages_of)
    if not parsed:
        return 0.0
    vector = query_vector(q)
    matrix = current_matrix()
    parsed = parsed.relaxed()
    with connection.cursor() as cursor:
        if engine.name == "sqlite":
            from search.engines.sqlite import match_expression

            sql = (
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
                "ORDER BY bm25(search_fts) LIMIT 10"
            )
            params = [match_expression(parsed)]
        else:
            from search.engines.postgres import tsquery

            sql = (
                "SELECT id FROM search_vector, to_tsquery('simple', %s) q "
                "WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT 10"
            )
            params = [tsquery(parsed)]
        started = time.perf_counter()
        cursor.execute(sql, params)
        cursor.fetchall()
        if vector is not None:
            matrix.nearest(vector, 100)
        return (time.perf_counter() - started) * 1000


def measure_stock(args):
    """Top 10 + count through Wagtail's stock database backend; None when over the limit."""
    from django.db import OperationalError, connection, transaction
    from django.db.utils import DatabaseError

    from practices.models import PracticePage

    times = []
    queries = [q for q, params in QUERIES if q and not params][: args.stock_queries]
    for q in queries:
        started = time.perf_counter()
        deadline = started + args.stock_timeout
        try:
            with transaction.atomic():
                if connection.vendor == "sqlite":
                    connection.ensure_connection()
                    connection.connection.set_progress_handler(
                        lambda deadline=deadline: int(time.perf_counter() > deadline), 100_000
                    )
                else:
                    with connection.cursor() as cursor:
                        cursor.execute(
                            f"SET LOCAL statement_timeout = {int(args.stock_timeout * 1000)}"
                        )
                results = PracticePage.objects.live().search(q)
                list(results[:10])
                results.count()
            times.append((time.perf_counter() - started) * 1000)
        except (OperationalError, DatabaseError):
            times.append(None)
        finally:
            if connection.vendor == "sqlite" and connection.connection:
                connection.connection.set_progress_handler(None, 0)
    return times


if __name__ == "__main__":
    main()
