"""Seeded fuzzing of every public search entry point: whatever the parameters, the answer
is 200, 400 or 404, never a server error.

Bounded and reproducible: `FUZZ_SEED` fixes the requests, `REQUESTS` per endpoint.
"""

import random

from django.test import Client
from django.urls import reverse
from django.utils.translation import override

import pytest

from practices.models import LessonsLibraryPage, PracticeIndexPage

pytestmark = pytest.mark.django_db

FUZZ_SEED = 20261201
REQUESTS = 120
FACETS = ("type", "country", "theme", "population", "gcm", "year", "language", "stage")

WORDS = [
    "salud",
    "migrantes",
    "emprendimiento",
    "remesas",
    "trata de personas",
    "fronteira",
    "niñez",
    "xenofobia",
    "a",
    "de",
    "the",
]
HOSTILE = [
    "",
    " ",
    "\t\n",
    '"',
    '""',
    "'",
    "*",
    "**",
    "-",
    "--",
    "+",
    "^",
    ":",
    "(",
    ")",
    "()",
    "NEAR(",
    "NEAR(a b, 2)",
    "OR",
    "AND",
    "NOT",
    "a OR",
    "OR b",
    "a AND NOT b",
    "title:x",
    "col:*",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "%",
    "%%",
    "_",
    "\\",
    "<script>alert(1)</script>",
    "&amp;",
    "{{ 7*7 }}",
    "{% debug %}",
    "${jndi:x}",
    "\x00",
    "a\x00b",
    "\u202e",
    "\u200b",
    "😀" * 30,
    "ß" * 50,
    "ﬁ",
    "İ",
    "Ω",
    "\ufeff",
    "𝔰𝔞𝔩𝔲𝔡",
    "x" * 201,
    "y " * 400,
    "salud " * 100,
    "%00",
    "../../etc/passwd",
    "null",
    "None",
    "-1",
    "0",
    "1e9",
    "NaN",
    "[]",
    "{}",
    "a|b",
    "a&b",
    "!x",
    "~x",
    "a:b:c",
    '"salud',
]
NUMBERS = [
    "",
    "0",
    "-1",
    "1",
    "2",
    "3",
    "4",
    "99",
    "500",
    "501",
    str(10**30),
    "-" + "9" * 40,
    "abc",
    "1.5",
    "1e3",
    " 2",
    "２",
    "0x10",
    "NaN",
    "\x00",
    "1;2",
    "١",
]
SORTS = ["", "relevance", "date", "title", "newest", "random", "-date", "DATE", "\x00"]
LANGS = ["", "es", "en", "pt", "xx", "ES", "es-ES", "pt-BR", "zz", "\x00", "e" * 300]
VALUES = [
    "EC",
    "PE",
    "XR",
    "ec",
    "salud",
    "trata-de-personas",
    "1",
    "23",
    "24",
    "0",
    "2022",
    "9999",
    "es",
    "pilot",
    "practice",
    "lesson",
    "",
    "x" * 300,
    "\x00",
    "' OR 1=1",
]


def fuzz_params(rng):
    params = {}
    if rng.random() < 0.85:
        parts = [rng.choice(WORDS + HOSTILE) for _ in range(rng.randint(1, 4))]
        params["q"] = " ".join(parts) if rng.random() < 0.7 else "".join(parts)
    for name, pool in (("page", NUMBERS), ("page_size", NUMBERS), ("sort", SORTS)):
        if rng.random() < 0.4:
            params[name] = rng.choice(pool)
    if rng.random() < 0.3:
        params["lang"] = rng.choice(LANGS)
    if rng.random() < 0.3:
        params["kind"] = rng.choice(["lessons", "recommendations", "x"])
    for facet in rng.sample(FACETS, rng.randint(0, 3)):
        params[facet] = [rng.choice(VALUES) for _ in range(rng.randint(1, 3))]
    return params


def endpoints():
    found = []
    for language in ("es", "en", "pt"):
        with override(language):
            found.append(reverse("search"))
    found.append(PracticeIndexPage.objects.get(locale__language_code="es").url)
    found.append(LessonsLibraryPage.objects.get(locale__language_code="pt").url)
    found.append("/api/search/")
    return found


def test_fuzzed_search_requests_never_fail():
    rng = random.Random(FUZZ_SEED)
    client = Client(raise_request_exception=False)
    failures = []
    for url in endpoints():
        for _ in range(REQUESTS):
            params = fuzz_params(rng)
            response = client.get(url, params)
            if response.status_code not in (200, 400, 404):
                failures.append((response.status_code, url, params))
    assert not failures, failures[:5]
