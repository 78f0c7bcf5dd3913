#!/usr/bin/env python
"""The production profile, end to end (run by .ci/run; not a pytest module).

`hub.settings.production` with PostgreSQL and Redis, `collectstatic`, `migrate`,
`load_demo`, then gunicorn with 2 workers on a loopback port, and:

1. smoke: every public page type in es, en and pt, the feed, sitemap, both APIs, a static
   file, odd page numbers: each must answer its expected status, never 5xx;
2. load: `bench/load_bench.py` for 30 s at concurrency 8 on `/api/search/` and a practice
   page: 0 errors, and every search it made counted by the analytics (0 lost writes);
3. menu and privacy across both workers: a menu page made private and a featured practice's
   Portuguese translation put behind a password (through the ORM, in another process) are
   gone from every response at once; an expired practice is 404 at once. Each check is
   answered by both workers (gunicorn's access log names the pid).

    REDIS_URL=redis://127.0.0.1:6379/1 .venv/bin/python tests/production/smoke.py

Needs PostgreSQL (`--database-url`'s server; the database is created and dropped) and a
running Redis. Prints a JSON report and writes it to tests/artifacts/production-smoke.json.
"""

import argparse
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
ARTIFACT = BASE_DIR / "tests" / "artifacts" / "production-smoke.json"
REPEAT = 30  # requests per privacy check, spread over both workers


def log(message):
    print(f"[smoke {time.strftime('%H:%M:%S')}] {message}", flush=True)


class Failed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failed(message)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, capture=False):
    command = [PYTHON, "manage.py", *args]
    result = subprocess.run(
        command, cwd=BASE_DIR, env=env, check=False, capture_output=capture, text=True
    )
    if result.returncode:
        raise Failed(f"manage.py {' '.join(args)} failed:\n{result.stderr if capture else ''}")
    return result.stdout if capture else None


def orm(env, code):
    """Run code in a separate process with Django set up; it prints JSON on its last line."""
    out = manage(env, "shell", "-c", code, capture=True)
    return json.loads(out.strip().splitlines()[-1])


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def recreate_database(url):
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8'")
    return admin, name


def drop_database(admin, name):
    import psycopg

    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


URLS_CODE = """
import json
from wagtail.models import Locale
from home.models import HomePage, StandardPage
from practices.models import (LessonsLibraryPage, PracticeIndexPage, PracticePage,
    ToolkitIndexPage, ToolkitPage)
urls = []
for code in ("es", "en", "pt"):
    locale = Locale.objects.get(language_code=code)
    for model in (HomePage, PracticeIndexPage, LessonsLibraryPage, ToolkitIndexPage,
                  PracticePage, ToolkitPage, StandardPage):
        page = model.objects.live().public().filter(locale=locale).order_by("pk").first()
        urls.append(page.url)
print(json.dumps(urls))
"""


def smoke(base, env):
    urls = orm(env, URLS_CODE)
    listing = urls[1]
    expected = dict.fromkeys(urls, 200)
    for code, search in (("es", "buscar"), ("en", "search"), ("pt", "busca")):
        expected[f"/{code}/{search}/?q=salud"] = 200
        expected[f"/{code}/{search}/?q=salud&page=99"] = 200
        expected[f"/{code}/feed/"] = 200
    expected.update(
        {
            f"{listing}?page=4": 200,
            f"{listing}?page=-1": 200,
            f"{listing}?page=abc": 200,
            f"{urls[2]}?page=999&kind=recommendations": 200,
            "/sitemap.xml": 200,
            "/api/v2/pages/?limit=5": 200,
            "/api/search/?q=remesas&lang=en": 200,
            "/api/search/?q=salud&page=0": 400,
            "/api/search/autocomplete/?q=sal": 200,
            "/es/no-existe-esta-pagina/": 404,
        }
    )
    failures = []
    for url, status in expected.items():
        got, body = fetch(base + url)
        if got != status:
            failures.append(f"{url}: {got} (expected {status})")
        if url == urls[0]:
            stylesheets = re.findall(r'href="(/static/[^"]+\.css)"', body)
            check(stylesheets, "the home page links no stylesheet")
            for sheet in stylesheets:
                if fetch(base + sheet)[0] != 200:
                    failures.append(f"{sheet}: not served")
    check(not failures, "smoke failures:\n  " + "\n  ".join(failures))
    return {"urls": len(expected), "practice": urls[4]}


ANALYTICS_CODE = """
import json
from django.db.models import Sum
from wagtail.contrib.search_promotions.models import QueryDailyHits
from search import analytics
print(json.dumps({"hits": QueryDailyHits.objects.aggregate(n=Sum("hits"))["n"] or 0,
                  "dropped": analytics.dropped()}))
"""


def load(base, practice, env, duration, concurrency):
    before = orm(env, ANALYTICS_CODE)
    out = subprocess.run(
        [
            PYTHON,
            "bench/load_bench.py",
            "--base",
            base,
            "--practice",
            practice,
            "--duration",
            str(duration),
            "--concurrency",
            str(concurrency),
        ],
        cwd=BASE_DIR,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    report = json.loads(out)
    time.sleep(2)  # analytics are written just after each response
    after = orm(env, ANALYTICS_CODE)
    report["analytics_counted"] = after["hits"] - before["hits"]
    report["analytics_dropped"] = after["dropped"] - before["dropped"]
    check(report["errors"] == 0, f"load run errors: {report['error_samples']}")
    check(
        report["analytics_counted"] == report["analytics_expected"]
        and report["analytics_dropped"] == 0,
        f"analytics lost writes: {report['analytics_expected']} searches, "
        f"{report['analytics_counted']} counted, {report['analytics_dropped']} dropped",
    )
    return report


PRIVACY_SETUP = """
import json
from wagtail.models import Locale
from home.models import HomePage, StandardPage
es = HomePage.objects.get(locale__language_code="es")
menu = StandardPage.objects.child_of(es).live().in_menu().first()
practice = es.featured.first().practice
pt = practice.get_translation(Locale.objects.get(language_code="pt"))
print(json.dumps({"menu_title": menu.title, "menu_id": menu.pk, "practice_url": practice.url,
                  "pt_id": pt.pk, "pt_title": pt.title, "pt_url": pt.url}))
"""

PRIVACY_CHANGE = """
import datetime, json
from django.utils import timezone
from wagtail.models import PageViewRestriction
from practices.models import PracticePage
PageViewRestriction.objects.create(page_id={menu_id}, restriction_type="login")
PageViewRestriction.objects.create(page_id={pt_id}, restriction_type="password", password="x")
expired = PracticePage.objects.live().public().filter(locale__language_code="en").last()
PracticePage.objects.filter(pk=expired.pk).update(
    expire_at=timezone.now() - datetime.timedelta(minutes=1))
print(json.dumps({{"expired_url": expired.url, "expired_title": expired.title}}))
"""


def served_by(access_log, start, marker):
    """Pids of the workers that answered requests whose line contains marker."""
    lines = access_log.read_text().splitlines()[start:]
    return {line.split()[0] for line in lines if marker in line}


def privacy(base, env, access_log):
    page = orm(env, PRIVACY_SETUP)
    for _ in range(REPEAT):  # warm both workers' view of the cache
        check(page["menu_title"] in fetch(base + "/es/")[1], "menu page missing before")
        check(page["pt_title"] in fetch(base + "/pt/")[1], "featured translation missing before")
    changed = orm(env, PRIVACY_CHANGE.format(**page))
    start = len(access_log.read_text().splitlines())
    for n in range(REPEAT):
        status, html = fetch(f"{base}/es/?check=menu{n}")
        nav = html.split('class="main-nav"', 1)[-1].split("</nav>", 1)[0]
        check(status == 200 and page["menu_title"] not in nav, "a private page is in the menu")
        status, html = fetch(f"{base}/pt/?check=featured{n}")
        check(page["pt_title"] not in html, "a private translation is featured on /pt/")
        status, html = fetch(f"{base}{page['practice_url']}?check=switcher{n}")
        check(f'href="{page["pt_url"]}"' not in html, "the switcher links a private translation")
        status, _ = fetch(f"{base}{changed['expired_url']}?check=expired{n}")
        check(status == 404, f"an expired page answered {status}")
    time.sleep(1)
    workers = {
        name: len(served_by(access_log, start, f"check={name}"))
        for name in ("menu", "featured", "switcher", "expired")
    }
    check(all(n == 2 for n in workers.values()), f"not every check reached both workers: {workers}")
    return {"requests_per_check": REPEAT, "workers_per_check": workers}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default="postgres://hub:hub@127.0.0.1:5432/hub_production_smoke",
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1")
    )
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()

    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    admin, name = recreate_database(args.database_url)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "HUB_MACHINE_TRANSLATOR": "none",
    }
    env.pop("HUB_SEARCH_ENGINE", None)
    report, server, started = {}, None, time.monotonic()
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    try:
        log("migrate, collectstatic, load_demo")
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "collectstatic", "--no-input", "-v0")
        manage(env, "compile_translations", "-v0")
        help_text = manage(env, "load_demo", "--help", capture=True)
        manage(
            env, "load_demo", *(["--allow-production"] if "--allow-production" in help_text else [])
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        access_log = ARTIFACT.parent / "production-access.log"
        access_log.write_text("")
        server = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "hub.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "60",
                "--access-logfile",
                str(access_log),
                "--access-logformat",
                '%(p)s "%(r)s" %(s)s %(M)sms',
            ],
            cwd=BASE_DIR,
            env=env,
        )
        for _ in range(240):  # 2 minutes: CI runs this beside the SQLite suite
            try:
                if fetch(base + "/es/")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            raise Failed("gunicorn did not answer within 2 minutes")
        log("smoke")
        report["smoke"] = smoke(base, env)
        log(f"load: {args.duration:.0f} s at concurrency {args.concurrency}")
        report["load"] = load(
            base, report["smoke"]["practice"], env, args.duration, args.concurrency
        )
        log("menu and privacy across both workers")
        report["privacy"] = privacy(base, env, access_log)
        report["ok"] = True
    except Failed as failure:
        report["ok"] = False
        report["failure"] = str(failure)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        drop_database(admin, name)
        report["seconds"] = round(time.monotonic() - started)
        ARTIFACT.write_text(json.dumps(report, indent=2))
        print(json.dumps(report, indent=2))
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
