"""Shared fixtures: one strict build of the whole site, served under a sub-path.

The site is built once per test session, as GitHub project pages host it: under
``/llm-kb/`` rather than at the root, so relative links and the search base are tested too.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SUBPATH = "llm-kb"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mkdocs_build(site_dir: Path, site_url: str, extra_env: dict | None = None,
                 cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1",
               DISABLE_MKDOCS_2_WARNING="true", **(extra_env or {}))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                          cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def build(tmp_path_factory, port):
    """The finished build: its output folder (``site``) and what MkDocs printed (``log``)."""
    serve_root = tmp_path_factory.mktemp("serve")
    site = serve_root / SUBPATH
    result = mkdocs_build(site, f"http://127.0.0.1:{port}/{SUBPATH}/")
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}")
    return {"site": site, "serve_root": serve_root, "log": result.stderr}


@pytest.fixture(scope="session")
def site(build) -> Path:
    return build["site"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url(build, port):
    """The built site over HTTP at ``http://127.0.0.1:PORT/llm-kb/``."""
    handler = functools.partial(_QuietHandler, directory=str(build["serve_root"]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}/{SUBPATH}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright. Missing: a skip locally, a failure under CI."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None and not os.access(CHROMIUM, os.X_OK):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium not found at {CHROMIUM}: .ci/run must install it (apt-get install chromium)")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def mini(tmp_path) -> Path:
    """A copy of the small data set (tests/fixtures/mini), with the real schemas and languages,
    that a test may break."""
    shutil.copytree(MINI, tmp_path / "kb")
    shutil.copytree(ROOT / "data" / "schema", tmp_path / "kb" / "data" / "schema")
    shutil.copytree(ROOT / "i18n", tmp_path / "kb" / "i18n")
    return tmp_path / "kb"


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def lang_of(site: Path, path: Path) -> str:
    return "en" if path.relative_to(site).parts[0] == "en" else "zh"
