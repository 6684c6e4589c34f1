"""Search: the benchmark of tests/search_queries.yaml held to its targets, the cost of a page
view, bad input, highlighting, and what the build writes (scripts/llmkb/search.py).

The site is served under a sub-path (conftest.py); the search box is Material's, answered by
Pagefind through assets/javascripts/search-worker.js.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from bench import run_search_queries, search_box, search_rates  # noqa: E402
from llmkb.search import sizes, synonyms  # noqa: E402

# The targets are top-1 >= 85 % and top-3 >= 97 %. With the 2023-2025 papers merged, the
# Chinese benchmark stands at top-3 96 % (3 of 80 queries miss; `bench search` lists them), so
# this guard holds today's level against regressions while those misses are worked on.
TARGETS = {"top1": 0.85, "top3": 0.97}  # issue 11


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_benchmark_meets_its_targets_in_the_readers_language(page, base_url, lang):
    """Top-1 and top-3 over the benchmark, nothing in the other language, nonsense finds
    nothing. Failed on the search before Pagefind (zh top-1 61 %, top-3 78 %)."""
    rows = run_search_queries(page, base_url, lang)
    rates = search_rates(rows)
    misses = "\n".join(f"  {r['q']!r}: first {r['found'][:3]}, expected one of {r['ok']}"
                       for r in rows if not r["passed"])
    assert rates["wrong"] == 0, [(r["q"], r["wrong"][:2]) for r in rows if r["wrong"]]
    assert rates["nonsense_found"] == 0, misses
    assert rates["top1"] >= TARGETS["top1"] and rates["top3"] >= TARGETS["top3"], (
        f"top-1 {rates['top1']:.0%}, top-3 {rates['top3']:.0%}\n{misses}")


def _search_requests(urls: list[str]) -> list[str]:
    return [u for u in urls if "/pagefind/" in u or "/search/" in u or "search-worker" in u]


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "en/sections/scaling/"])
def test_a_page_view_downloads_no_search_index(browser, base_url, site, path):
    """Until the reader searches, only Material's stub config (well under 1 KB) is fetched.
    Failed while Material's full index (300 KB raw) was loaded on every page view."""
    context = browser.new_context()
    page = context.new_page()
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(base_url + path, wait_until="networkidle")
    fetched = _search_requests(seen)
    assert not [u for u in fetched if "/pagefind/" in u], fetched
    for stub in (site / "search" / "search_index.json", site / "en" / "search" / "search_index.json"):
        assert stub.stat().st_size < 1024 and json.loads(stub.read_text("utf-8"))["docs"] == []
    context.close()


@pytest.mark.browser
def test_bad_input_breaks_nothing_and_injects_nothing(browser, base_url):
    """Empty, very long, regex and HTML queries: no error, no element from the query in the
    page, and search still works afterwards. Failed with a worker that put the query into the
    result title unescaped ("<b>GPT-3</b>" rendered a <b>)."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url, wait_until="networkidle")
    for query in ["", "涌现" * 500, "(*[\\", "<img src=x onerror=alert(1)>", "<b>GPT-3</b>",
                  "\"><script>window.__pwned=1</script>", "GPT-3 <img src=x onerror=window.__pwned=1>"]:
        search_box(page, query)
        assert page.locator(".md-search-result img, .md-search-result b, .md-search-result script").count() == 0
        assert page.evaluate("() => window.__pwned") is None
    assert search_box(page, "涌现能力")[0].startswith(base_url + "topics/emergence/")
    assert not errors, errors
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang,query,expected", [("zh", "涌现能力", "涌现"), ("en", "scaling law", "scaling")])
def test_the_result_page_highlights_the_query(page, base_url, lang, query, expected):
    """Clicking a result opens the page with the query's words marked. Failed with a worker
    that sent no terms (the link's ?h= is then empty and nothing is marked)."""
    page.goto(base_url + ("en/" if lang == "en" else ""), wait_until="networkidle")
    search_box(page, query)
    page.click("li.md-search-result__item > a")
    page.wait_for_load_state("load")
    assert "h=" in page.url
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for(state="attached", timeout=5000)
    assert expected in " ".join(marks.all_inner_texts()).lower()


@pytest.mark.browser
def test_slash_opens_search_and_a_session_stays_on_this_origin(browser, base_url):
    """The `/` shortcut focuses Material's box; a search downloads only from this site."""
    context = browser.new_context()
    page = context.new_page()
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(base_url + "en/", wait_until="networkidle")
    page.keyboard.press("/")
    assert page.evaluate("() => document.activeElement.matches('input.md-search__input')")
    assert search_box(page, "chain of thought")
    origin = urlsplit(base_url).netloc
    assert [u for u in seen if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != origin] == []
    assert any("/en/pagefind/" in u for u in seen) and not any("/llm-kb/pagefind/" in u for u in seen)
    context.close()


def test_each_language_has_its_own_pagefind_bundle(site):
    """zh pages are indexed as zh (segmented) into pagefind/, en into en/pagefind/."""
    zh = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    en = json.loads((site / "en" / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert set(zh["languages"]) == {"zh"} and set(en["languages"]) == {"en"}
    assert zh["languages"]["zh"]["page_count"] == en["languages"]["en"]["page_count"] > 50


def test_variants_come_from_the_data():
    """Sizes in both notations, glossary aliases and model names in one group each, with the
    page about them; nothing is listed by hand outside data/."""
    assert {"175B", "175 billion", "1750 亿", "1750亿"} <= set(sizes(175_000_000_000))
    assert {"15 亿", "1.5B"} <= set(sizes(1_500_000_000))
    from llmkb.build import prepare

    kb, _ = prepare(ROOT)
    zh = synonyms(kb)["zh"]
    groups = zh["groups"]

    def group_of(form):
        return next((forms, pages) for forms, pages in groups if form in forms)

    assert {"伸缩法则", "扩展法则", "scaling law"} <= set(group_of("伸缩法则")[0])
    assert group_of("ICL")[1] == ["glossary/#in-context-learning"]
    assert group_of("BIG-bench")[1] == ["papers/srivastava2022bigbench/"]  # a paper's known_as
    # Pages a query may be sent to without the index have their title; an author's papers are
    # only reordered among what the index finds, so they add no title to the file.
    assert {"glossary/#in-context-learning", "papers/srivastava2022bigbench/",
            "sections/why-openai/"} <= set(zh["titles"])
    own = [forms for forms, pages in groups if pages == ["models/gpt-3/"]]
    assert own[0][0] == "GPT-3"  # a model's title: the first group that names it alone
    assert group_of("Kaplan")[1] == ["papers/kaplan2020scaling/"]
    assert "papers/kaplan2020scaling/" not in zh["titles"]
    assert [["ChatGPT 为什么出自 OpenAI", "ChatGPT:为什么是OpenAI"], "sections/why-openai/"] in zh["headings"]
    assert {"文心", "ERNIE 3.0 Titan"} <= set(group_of("文心")[0])
    assert group_of("175B")[1][0] == "models/gpt-3/"
    assert "PanGu alpha" in group_of("盘古")[0]
    assert "GPT 3.0" in group_of("GPT-3")[0]  # as the article writes it


def test_build_fails_clearly_when_the_index_tool_is_missing(tmp_path):
    """Without pagefind-bin-extended the build stops at once and says what to install
    (a site without search would otherwise be published)."""
    fake = tmp_path / "hide"
    fake.mkdir()
    (fake / "pagefind_bin_extended.py").write_text(
        "raise ImportError('No module named pagefind_bin_extended', name='pagefind_bin_extended')\n")
    env = dict(os.environ, PYTHONPATH=str(fake), NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "search index tool is missing" in result.stderr and "pagefind-bin-extended" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_what_other_pages_already_say_is_not_indexed():
    """A paper's "Cited in" quotes and a list page's list repeat other pages: left out, so the
    reader's words find the page that says it first. The title and intro of a list stay."""
    from llmkb.search import _indexed_part

    paper = ('<article><h1>T</h1><h2 id="summary">S</h2><p>own words</p>'
             '<h2 id="cited-in">C</h2><ul><li>quoted sentence</li></ul><h2 id="bibtex">B</h2></article>')
    kept = _indexed_part("/papers/x2020y/", paper)
    assert "own words" in kept and "quoted sentence" not in kept and 'id="bibtex"' in kept
    listing = '<article><h1 id="t">Models</h1><p>35 models.</p><div><table><tr><td>GPT-3</td></tr></table></div></article>'
    kept = _indexed_part("/models/", listing)
    assert "35 models." in kept and "GPT-3" not in kept and kept.endswith("</article>")
    assert _indexed_part("/glossary/", listing) == listing
