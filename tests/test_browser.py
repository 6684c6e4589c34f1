"""Click through the built site in Chromium, served under a sub-path like GitHub project pages."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def switch_language(page, lang: str) -> None:
    page.hover(".md-header .md-select")
    page.click(f".md-header a.md-select__link[hreflang={lang}]")
    page.wait_for_load_state("load")


@pytest.mark.parametrize("path", ["sections/scaling/", "sections/scaling/#emergent-abilities",
                                  "papers/kaplan2020scaling/#cited-in"])
def test_language_toggle_keeps_the_page_and_its_anchor(page, base_url, path):
    """There and back: the same page, the same heading, the page's language set."""
    anchor = path.partition("#")[2]
    page.goto(base_url + path)
    assert page.locator("html").get_attribute("lang") == "zh"
    switch_language(page, "en")
    assert page.url == base_url + "en/" + path
    assert page.locator("html").get_attribute("lang") == "en"
    if anchor:
        assert page.locator(f"#{anchor}").is_visible()
    switch_language(page, "zh")
    assert page.url == base_url + path


@pytest.mark.parametrize("path", ["", "en/", "sections/knowledge/", "en/sections/knowledge/",
                                  "models/", "en/papers/kojima2022zeroshotcot/"])
def test_page_load_stays_on_this_origin_without_errors(browser, base_url, path):
    context = browser.new_context()
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + path, wait_until="networkidle")
    origin = urlsplit(base_url).netloc
    foreign = [u for u in requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != origin]
    assert not foreign, foreign
    assert not errors, errors
    context.close()


def test_model_table_sorts_and_filters(page, base_url):
    page.goto(base_url + "en/models/")
    table = page.locator(".kb-sortable table")
    page.click(".kb-sortable th:nth-child(3) button")  # Parameters
    page.click(".kb-sortable th:nth-child(3) button")  # descending
    values = table.locator("tbody tr data").evaluate_all("els => els.map(e => Number(e.value))")
    assert values == sorted(values, reverse=True) and values[0] > 0
    page.fill(".kb-sortable input[type=search]", "DeepMind")
    visible = table.locator("tbody tr:not([hidden])")
    assert visible.count() >= 2
    assert all("DeepMind" in t for t in visible.all_inner_texts())


def test_glossary_term_shows_its_definition_on_keyboard_focus(page, base_url):
    page.goto(base_url + "en/sections/scaling/")
    term = page.locator("a.kb-term").first
    title = term.get_attribute("title")
    assert title and ":" in title
    term.focus()
    tooltip = page.locator(".kb-tip").filter(has_text=title.split(":")[0])
    tooltip.first.wait_for(state="visible", timeout=3000)
    page.keyboard.press("Escape")  # WCAG 1.4.13: dismissible without moving focus
    tooltip.first.wait_for(state="hidden", timeout=3000)


@pytest.mark.parametrize("path", ["", "en/", "sections/reasoning/", "en/sections/reasoning/",
                                  "models/", "en/papers/kaplan2020scaling/"])
def test_accessibility_scan_finds_no_violation(page, base_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(base_url + path, wait_until="networkidle")
    results = Axe().run(page)
    violations = results.response["violations"]
    assert not violations, "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes) e.g. "
                                     f"{v['nodes'][0]['html'][:160]}" for v in violations)
