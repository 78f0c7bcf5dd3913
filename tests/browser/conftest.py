"""Browser suite: Debian's chromium, driven by Playwright, against a real hub server.

pytest-django's test database is not used here (transactional live-server tests would flush
the demo content the other suites load). Instead, once per session:

1. a SQLite database is built in a temporary directory (``migrate``, ``load_demo``, then
   ``scenario.py`` for the few pages the journeys need);
2. ``manage.py runserver 127.0.0.1:<free port> --noreload --insecure`` serves it with
   ``hub.settings.test``, as a subprocess, stopped at the end of the session.

Both happen in a background thread started right after collection, while the database tests
(moved before the browser tests) run; the log is tests/artifacts/browser-server.log.

Playwright and chromium are started per test module, not per session: while Playwright's
sync API is running it marks an asyncio loop as running in this thread, and the Django ORM
would refuse to run in any database test after it.

Every browser context aborts and records requests that leave the local server; a test that
caused one fails in teardown. Screenshots go to tests/artifacts/screenshots/ (gitignored),
including one for every failed test.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
BASE_DIR = HERE.parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = BASE_DIR / "tests" / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
SERVER_SETTINGS = "hub.settings.test"
SERVER_START_TIMEOUT = 60
ADMIN_USERNAME = "admin"  # created by manage.py load_demo
ADMIN_PASSWORD = "hub-demo-2026"
SERVER_KEY = pytest.StashKey["HubServer"]()


@dataclass
class Hub:
    """The running server and what scenario.py found in its database."""

    url: str
    host: str
    pages: dict
    seed: dict
    editable: dict
    untranslated: dict
    log: Path
    mail_dir: Path  # the server's outgoing e-mail, one .log file per connection
    contact: dict = field(default_factory=dict)  # a practice whose focal point consented
    journey: dict = field(default_factory=dict)  # users and ids for test_editorial_journey
    search: dict = field(default_factory=dict)  # pages test_search_journey looks for

    def page_url(self, kind, language):
        return self.pages[kind][language]

    def login(self, page, username=ADMIN_USERNAME, password=ADMIN_PASSWORD):
        """Log in to the Wagtail admin with the demo account."""
        page.goto("/admin/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("form button[type=submit]")
        page.wait_for_url("**/admin/")


@dataclass
class RequestGuard:
    """Aborts and records every request that does not go to the local server."""

    host: str
    external: list = field(default_factory=list)

    def attach(self, context):
        context.route(lambda url: self.is_external(url), self.abort)

    def is_external(self, url):
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about"}:
            return False
        return parts.netloc != self.host

    def abort(self, route):
        request = route.request
        origin = request.frame.url if request.frame else ""
        self.external.append((request.url, origin))
        route.abort()


def _tail(path, lines=40):
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chromium_missing():
    """Why the browser suite cannot run here, or None."""
    if CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK):
        return None
    return f"{CHROMIUM} is not installed (apt-get install chromium); browser tests need it"


class ServerError(Exception):
    pass


class HubServer:
    """Builds the demo database and serves it with runserver, in a background thread.

    Started as soon as collection is over (pytest_collection_finish), so that the build
    (about 25 s of CPU) overlaps the database tests, which run first.
    """

    def __init__(self):
        self.workdir = Path(tempfile.mkdtemp(prefix="hub-browser-"))
        self.log = ARTIFACTS / "browser-server.log"
        self.process = None
        self.hub = None
        self.error = None
        self.thread = threading.Thread(target=self._build, name="hub-server", daemon=True)

    def start(self):
        self.thread.start()
        return self

    def result(self):
        self.thread.join()
        if self.error:
            raise ServerError(self.error)
        return self.hub

    def stop(self):
        self.thread.join(timeout=SERVER_START_TIMEOUT)
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def _env(self):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SERVER_SETTINGS,
            "DATABASE_URL": f"sqlite:///{self.workdir / 'db.sqlite3'}",
            "PYTHONUNBUFFERED": "1",
            "HUB_TEST_MAIL_DIR": str(self.workdir / "mail"),
        }
        # The browser server searches its own database (the vendor's engine, SQLite FTS5),
        # never a shared Elasticsearch index.
        for name in ("HUB_SEARCH_ENGINE", "HUB_ELASTICSEARCH_URL", "HUB_ELASTICSEARCH_INDEX"):
            env.pop(name, None)
        return env

    def _run(self, args, env):
        with self.log.open("a") as out:
            out.write(f"\n$ {' '.join(args)}\n")
            out.flush()
            completed = subprocess.run(
                [sys.executable, *args],
                cwd=BASE_DIR,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=600,
                check=False,
            )
        if completed.returncode:
            raise ServerError(f"`{' '.join(args)}` failed:\n{_tail(self.log)}")

    def _build(self):
        try:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            self.log.write_text("")
            env = self._env()
            self._run(["manage.py", "migrate", "--no-input", "-v0"], env)
            self._run(["manage.py", "load_demo", "--allow-production"], env)
            scenario_file = self.workdir / "scenario.json"
            self._run([str(Path(__file__).with_name("scenario.py")), str(scenario_file)], env)
            scenario = json.loads(scenario_file.read_text(encoding="utf-8"))
            host = f"127.0.0.1:{_free_port()}"
            with self.log.open("a") as out:
                self.process = subprocess.Popen(
                    [sys.executable, "manage.py", "runserver", host, "--noreload", "--insecure"],
                    cwd=BASE_DIR,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            self._wait_until_up(f"http://{host}{scenario['pages']['home']['es']}")
            self.hub = Hub(
                url=f"http://{host}",
                host=host,
                log=self.log,
                mail_dir=self.workdir / "mail",
                **scenario,
            )
        except Exception as error:  # reported by result(), in the first test that needs it
            self.error = str(error)

    def _wait_until_up(self, url):
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError(
                    f"runserver exited with {self.process.returncode}:\n{_tail(self.log)}"
                )
            try:
                with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (local)
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.25)
        raise ServerError(
            f"runserver did not answer {url} in {SERVER_START_TIMEOUT}s:\n{_tail(self.log)}"
        )


def is_browser_test(item):
    return item.path.is_relative_to(HERE)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Every test here is marked browser; they run last, after the database tests."""
    unmarked = [
        i.nodeid for i in items if is_browser_test(i) and not i.get_closest_marker("browser")
    ]
    if unmarked:
        raise pytest.UsageError(f"mark these @pytest.mark.browser: {unmarked}")
    items[:] = [i for i in items if not is_browser_test(i)] + [
        i for i in items if is_browser_test(i)
    ]


def pytest_collection_finish(session):
    """Start building the server now if browser tests were selected and can run."""
    if session.config.option.collectonly or chromium_missing():
        return
    if any(is_browser_test(item) for item in session.items):
        session.config.stash[SERVER_KEY] = HubServer().start()


def pytest_sessionfinish(session):
    server = session.config.stash.get(SERVER_KEY, None)
    if server is not None:
        server.stop()


@pytest.fixture(scope="session")
def chromium_executable():
    """Debian's chromium; skipped locally when missing, but CI must have it."""
    reason = chromium_missing()
    if reason is None:
        return str(CHROMIUM)
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def hub(chromium_executable, pytestconfig):
    """The hub server on its own demo database, for the whole session."""
    server = pytestconfig.stash.get(SERVER_KEY, None)
    if server is None:  # e.g. the suite was not selected at collection time
        server = pytestconfig.stash[SERVER_KEY] = HubServer().start()
    try:
        return server.result()
    except ServerError as error:
        pytest.fail(f"the browser suite's server did not start: {error}", pytrace=False)


@pytest.fixture(scope="session")
def manage(hub, pytestconfig):
    """manage(*args): run a manage.py command on the browser server's database.

    Output goes to the server log; a failing command raises ServerError.
    """
    server = pytestconfig.stash[SERVER_KEY]
    return lambda *args: server._run(["manage.py", *args], server._env())


@pytest.fixture(scope="module")
def browser(chromium_executable):
    """Chromium for one test module (Playwright gives each launch a fresh user-data-dir)."""
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_failed = report.failed
    return report


def _new_context(browser, hub, **options):
    options = {"viewport": {"width": 1280, "height": 900}, **options}
    context = browser.new_context(base_url=hub.url, **options)
    context.set_default_timeout(15_000)
    guard = RequestGuard(hub.host)
    guard.attach(context)
    context.guard = guard
    return context


def _close_context(context, request):
    """Close a context (screenshots first if the test failed); return its public leaks.

    Requests from admin pages are left to test_offline.py, which checks them on their own.
    """
    if getattr(request.node, "browser_failed", False):
        for number, page in enumerate(context.pages):
            save_screenshot(page, f"FAILED-{request.node.name}-{number}")
    context.close()
    return [(url, origin) for url, origin in context.guard.external if "/admin/" not in origin]


@pytest.fixture
def context(browser, hub, request):
    """A fresh browser context (own cookies); external requests fail the test."""
    context = _new_context(browser, hub)
    yield context
    leaks = _close_context(context, request)
    assert not leaks, f"requests left the local server (url, from page): {leaks}"


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def context_factory(browser, hub, request):
    """Contexts with options (java_script_enabled=False, ...), closed after the test."""
    contexts = []

    def make(**options):
        contexts.append(_new_context(browser, hub, **options))
        return contexts[-1]

    yield make
    leaks = [leak for context in contexts for leak in _close_context(context, request)]
    assert not leaks, f"requests left the local server (url, from page): {leaks}"


def save_screenshot(page, name, full_page=True):
    """Save a screenshot under tests/artifacts/screenshots/ and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / (re.sub(r"[^\w.-]+", "_", name).strip("_") + ".png")
    page.screenshot(path=path, full_page=full_page)
    return path


@pytest.fixture
def screenshot():
    """save_screenshot(page, name), for the tests."""
    return save_screenshot
