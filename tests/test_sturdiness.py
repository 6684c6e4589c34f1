"""Whole-site guarantees, on real builds: the same input gives the same files, text from the
data cannot become markup, and a build stopped by bad data leaves the last good site as it was."""

from __future__ import annotations

import gzip
import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SUBPATH, mkdocs_build
from llmkb.write import copy_project

# Only the sitemap carries a date of its own (the build day); everything else must be identical.
DATED = {"sitemap.xml", "sitemap.xml.gz", "en/sitemap.xml", "en/sitemap.xml.gz"}
# Markup that would run, break out of an attribute or a <title>, or turn into Markdown syntax,
# a link or a formula.
PAYLOAD = '"></title><script>alert("kb")</script><img src=x onerror=alert(1)> *b* `c` $d$ \\(e\\) (f) [g](h) - 1. |'
FREE_TEXT = {"title", "other_titles", "known_as", "authors", "venue", "summary", "name", "seed_name",
             "organization", "notes", "term", "aliases", "definition", "description"}


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def digest(site: Path) -> str:
    h = hashlib.sha256()
    for name, body in tree(site).items():
        h.update(name.encode() + b"\0" + hashlib.sha256(body).digest())
    return h.hexdigest()


def undated(name: str, body: bytes) -> bytes:
    if name.endswith(".gz"):
        body = gzip.decompress(body)
    return re.sub(rb"<lastmod>[^<]*</lastmod>", b"", body)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project that tests may break (generated pages left out)."""
    return copy_project(ROOT, tmp_path_factory.mktemp("project"))


def test_two_builds_of_the_same_input_are_identical(site, port, tmp_path):
    again = tmp_path / SUBPATH
    result = mkdocs_build(again, f"http://127.0.0.1:{port}/{SUBPATH}/")
    assert result.returncode == 0, result.stderr[-2000:]
    first, second = tree(site), tree(again)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert set(differing) <= DATED, f"files that differ between two builds: {differing[:10]}"
    for name in differing:
        assert undated(name, first[name]) == undated(name, second[name]), f"{name} differs beyond its dates"


def _inject(value, key: str | None):
    if isinstance(value, dict):
        return {k: _inject(v, k if key is None else key) for k, v in value.items()}
    if isinstance(value, list):
        return [_inject(v, key) for v in value]
    if isinstance(value, str) and key in FREE_TEXT:
        return value + " " + PAYLOAD
    return value


class _Markup(HTMLParser):
    """Finds what the payload would be if it escaped: a script running it, an onerror handler."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        self.found += [f"<{tag} {name}>" for name, _ in attrs if name.startswith("on")]

    def handle_data(self, data):
        if self._in_script and 'alert("kb")' in data:
            self.found.append("<script> with the payload")

    def handle_endtag(self, tag):
        self._in_script = False


def test_markup_in_any_text_field_is_shown_as_text(project, tmp_path):
    for name in ("papers", "models", "glossary", "topics"):
        path = project / "data" / f"{name}.yaml"
        entries = yaml.safe_load(path.read_text("utf-8"))
        path.write_text(yaml.safe_dump([_inject(e, None) for e in entries], allow_unicode=True), "utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(site, "http://127.0.0.1:8000/", cwd=project)
    assert result.returncode == 0, result.stderr[-3000:]

    pages = sorted(site.rglob("*.html"))
    for page in pages:
        parser = _Markup()
        parser.feed(page.read_text("utf-8"))
        assert not parser.found, f"{page.relative_to(site)}: {parser.found}"
    # The payload reaches the reader letter for letter, as text, on pages made from each kind of entry.
    models = {m["id"]: m for m in yaml.safe_load((ROOT / "data" / "models.yaml").read_text("utf-8"))}
    papers = {p["id"]: p for p in yaml.safe_load((ROOT / "data" / "papers.yaml").read_text("utf-8"))}
    for page, expected in (("en/models/chinchilla/index.html", models["chinchilla"]["name"]["en"]),
                           ("models/chinchilla/index.html", models["chinchilla"]["name"]["zh"]),
                           ("papers/kaplan2020scaling/index.html", papers["kaplan2020scaling"]["title"])):
        text = (site / page).read_text("utf-8")
        heading = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", text, re.S).group(1)
        shown = " ".join(html.unescape(re.sub(r"<[^>]+>", "", heading)).split())
        assert shown == f"{expected} {PAYLOAD}", page
        title = re.search(r"<title>(.*?)</title>", text, re.S).group(1)
        assert html.unescape(title).startswith(f"{expected} {PAYLOAD}"), page
    assert "&lt;script&gt;alert(" in (site / "glossary" / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(" in (site / "en" / "topics" / "scaling" / "index.html").read_text("utf-8")


def test_bad_data_stops_the_build_and_leaves_the_last_site_untouched(project, tmp_path):
    site = tmp_path / "site"
    good = mkdocs_build(site, "http://127.0.0.1:8000/", cwd=project, extra_env={"BUILD_ONLY_LOCALE": "zh"})
    assert good.returncode == 0, good.stderr[-3000:]
    before, pages_before = digest(site), digest(project / "docs" / "papers")

    path = project / "data" / "models.yaml"
    models = yaml.safe_load(path.read_text("utf-8"))
    models[0]["parameters"] = "175B"
    path.write_text(yaml.safe_dump(models, allow_unicode=True, sort_keys=False), "utf-8")
    bad = mkdocs_build(site, "http://127.0.0.1:8000/", cwd=project, extra_env={"BUILD_ONLY_LOCALE": "zh"})

    assert bad.returncode != 0
    for part in ("data/models.yaml", models[0]["id"], "'parameters'"):
        assert part in bad.stderr, f"{part!r} not in the error:\n{bad.stderr[-2000:]}"
    assert digest(site) == before, "a refused build changed the published site"
    assert digest(project / "docs" / "papers") == pages_before, "a refused build changed generated pages"
