#!/usr/bin/env python
"""HTTP load run against a running hub (not a test): threads, a fixed duration, stdlib only.

Each of `--concurrency` threads loops for `--duration` seconds over a mix of requests:
`/api/search/` with varied queries (es, en, pt; with and without filters) and a practice
page. It prints JSON: requests, errors (any status but 200, or a connection failure),
throughput, p50/p95/p99 latency overall and per kind, and how many search-API requests
should have been counted by the analytics (page 1 with a query), so a caller can compare
with the database.

    .venv/bin/python bench/load_bench.py --base http://127.0.0.1:8001 \
        --practice /es/practicas/piloto-herramientas-virtuales-emprendimiento-migrantes-ecuador/

Only loopback addresses are accepted as --base: this is for a server you run yourself.
"""

import argparse
import ipaddress
import json
import random
import socket
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

QUERIES = [
    ("salud", "es"),
    ("emprendimiento", "es"),
    ("migrantes", "pt"),
    ("remesas", "en"),
    ("trata de personas", "es"),
    ("fronteira", "pt"),
    ("livelihoods", "en"),
    ("xenofobia", "es"),
    ("niñez migrante", "es"),
    ("regularização", "pt"),
    ("lecciones aprendidas", "es"),
    ("return and reintegration", "en"),
    ("albergue", "es"),
    ("xenofovia", "es"),
    ("qwzxvplm", "en"),
]
FILTERS = [{}, {}, {"country": "EC"}, {"type": "lesson"}, {"country": "PE", "theme": "salud"}]


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))], 1)


def summary(latencies):
    return {
        "requests": len(latencies),
        "p50_ms": percentile(latencies, 0.50),
        "p95_ms": percentile(latencies, 0.95),
        "p99_ms": percentile(latencies, 0.99),
        "mean_ms": round(statistics.fmean(latencies), 1) if latencies else None,
    }


def loopback(base):
    host = urllib.parse.urlsplit(base).hostname or ""
    addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    return addresses and all(ipaddress.ip_address(a).is_loopback for a in addresses)


def run(base, practice, duration, concurrency, seed):
    lock = threading.Lock()
    results = {"search": [], "practice": []}
    errors, counted = [], [0]
    deadline = time.monotonic() + duration

    def worker(n):
        rng = random.Random(seed + n)
        while time.monotonic() < deadline:
            if rng.random() < 0.7:
                kind = "search"
                query, language = rng.choice(QUERIES)
                params = {"q": query, "lang": language, **rng.choice(FILTERS)}
                url = f"{base}/api/search/?{urllib.parse.urlencode(params)}"
            else:
                kind, url = "practice", base + practice
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError as error:
                status = f"{type(error).__name__}: {error}"
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if status == 200:
                    results[kind].append(elapsed)
                    counted[0] += kind == "search"
                else:
                    errors.append({"url": url, "status": status})

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    every = results["search"] + results["practice"]
    return {
        "duration_s": round(elapsed, 1),
        "concurrency": concurrency,
        "throughput_rps": round(len(every) / elapsed, 1),
        "errors": len(errors),
        "error_samples": errors[:5],
        "analytics_expected": counted[0],
        "all": summary(every),
        "search_api": summary(results["search"]),
        "practice_page": summary(results["practice"]),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--practice", required=True, help="path of a practice page")
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not loopback(args.base):
        parser.error("--base must be a loopback address (a server on this machine)")
    report = run(args.base.rstrip("/"), args.practice, args.duration, args.concurrency, args.seed)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
