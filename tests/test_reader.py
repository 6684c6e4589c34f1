"""What a reader sees, measured in Chromium at 1366 and 390 px in both languages (issue 12).

Each test was run once against the code it guards before the fix (or with the fix undone)
and failed there: the model table with `all: inherit` buttons, the chart at 322 px with 5 px
labels, the English 404 for everyone, no breadcrumb on generated pages, the bilingual footer
and palette labels, no reference list in print.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT, SUBPATH

pytestmark = pytest.mark.browser

SIZES = {"desk": (1366, 900), "phone": (390, 844)}
LANGS = ("", "en/")
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
PAGE_KINDS = {"home": "", "section": "sections/scaling/", "paper": "papers/kaplan2020scaling/",
              "model": "models/gpt-3/", "models": "models/", "appendix": "sections/appendix/",
              "glossary": "glossary/", "topic": "topics/emergence/", "timeline": "timeline/", "errata": "errata/"}


@pytest.fixture(params=list(SIZES), scope="module")
def viewport(request):
    return request.param


@pytest.fixture
def screen(browser, viewport):
    w, h = SIZES[viewport]
    context = browser.new_context(viewport={"width": w, "height": h}, is_mobile=viewport == "phone")
    page = context.new_page()
    yield page
    context.close()


# --- Layout: nothing cut off, nothing spilling over ------------------------------------------

CLIPPED = """() => Array.from(document.querySelectorAll("article table")).map(table => {
  const wrap = table.closest(".md-typeset__scrollwrap") || table.parentElement;
  const style = getComputedStyle(wrap);
  return {clipped: table.getBoundingClientRect().width > wrap.clientWidth + 1,
          scrolls: ["auto", "scroll"].includes(style.overflowX),
          cue: style.backgroundImage.includes("gradient"),
          cell: Math.min(...Array.from(table.rows[0].cells).map(c => c.getBoundingClientRect().width))};
})"""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["models", "appendix", "errata"])
def test_a_table_wider_than_its_column_scrolls_and_says_so(screen, base_url, viewport, lang, kind):
    screen.goto(base_url + lang + PAGE_KINDS[kind], wait_until="networkidle")
    tables = screen.evaluate(CLIPPED)
    assert tables
    for t in tables:
        if t["clipped"]:
            assert t["scrolls"] and t["cue"], f"{kind}: a clipped table without a scroll cue: {t}"


@pytest.mark.parametrize("lang", LANGS)
def test_model_table_fits_a_desktop_column_and_keeps_names_in_view(screen, base_url, viewport, lang):
    screen.goto(base_url + lang + "models/", wait_until="networkidle")
    button = screen.locator(".kb-sortable th button").first
    assert button.evaluate("b => getComputedStyle(b).display") != "table-cell"  # no `all: inherit`
    if viewport == "desk":
        assert not screen.evaluate(CLIPPED)[0]["clipped"], "the model table overflows a 1366 px desktop"
    first = screen.locator(".kb-sortable td:first-child").first
    assert first.evaluate("c => getComputedStyle(c).position") == "sticky"


@pytest.mark.parametrize("lang", LANGS)
def test_model_filter_says_when_nothing_matches(screen, base_url, viewport, lang):
    screen.goto(base_url + lang + "models/")
    screen.fill(".kb-sortable input.kb-filter", "zzzz-no-such-model")
    note = screen.locator(".kb-filter-empty")
    note.wait_for(state="visible", timeout=3000)
    assert note.inner_text().strip()
    screen.fill(".kb-sortable input.kb-filter", "")
    note.wait_for(state="hidden", timeout=3000)


def test_model_filter_is_kept_in_the_address(page, base_url):
    """A filtered view can be shared: the filter goes into ?filter= and is applied on arrival."""
    page.goto(base_url + "models/")
    page.fill(".kb-sortable input.kb-filter", "清华")
    page.wait_for_function("() => location.search.includes('filter=')")
    shared = page.url
    page.goto(base_url)
    page.goto(shared)
    assert page.input_value(".kb-sortable input.kb-filter") == "清华"
    shown = page.evaluate("() => Array.from(document.querySelectorAll('.kb-sortable tbody tr')).filter(r => !r.hidden).map(r => r.textContent)")
    assert shown and all("清华" in row for row in shown), shown
    page.fill(".kb-sortable input.kb-filter", "")
    page.wait_for_function("() => !location.search.includes('filter=')")


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_scrolls_sideways(screen, base_url, viewport, lang):
    for kind, path in PAGE_KINDS.items():
        screen.goto(base_url + lang + path)
        overflow = screen.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{lang}{path}: {overflow} px wider than the screen"


# --- The chart --------------------------------------------------------------------------------

CHART = """() => {
  const svg = Array.from(document.querySelectorAll("figure.kb-chart svg")).find(s => s.getBoundingClientRect().width > 0);
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const texts = Array.from(svg.querySelectorAll("text"));
  const sizes = texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const boxes = Array.from(svg.querySelectorAll(".kb-chart__labels text")).map(t => t.getBoundingClientRect());
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 2 && b.top < a.bottom - 2) overlaps++;
  }
  const points = Array.from(svg.querySelectorAll("a.kb-chart__point"));
  return {width: svg.getBoundingClientRect().width, column: svg.closest("article").clientWidth,
          smallest: Math.min(...sizes), labels: boxes.length, overlaps,
          points: points.length, titled: points.filter(a => a.querySelector("title")).length,
          focusable: points.filter(a => a.tabIndex >= 0).length,
          hrefs: points.map(a => a.getAttribute("href"))};
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_chart_is_column_wide_legible_and_linked(screen, base_url, viewport, lang):
    screen.goto(base_url + lang + "sections/appendix/", wait_until="networkidle")
    chart = screen.evaluate(CHART)
    assert chart["width"] >= min(600, 0.85 * chart["column"]), chart
    assert chart["smallest"] >= 12, f"smallest chart text {chart['smallest']:.1f} px"
    assert chart["labels"] >= 8 and chart["overlaps"] == 0, chart
    assert chart["points"] >= 8 and chart["titled"] == chart["points"] == chart["focusable"]
    assert all(re.fullmatch(r"(\.\./)+models/[\w.-]+/", h) for h in chart["hrefs"]), chart["hrefs"]
    screen.click(f'a.kb-chart__point[href="{chart["hrefs"][0]}"] >> visible=true')
    screen.wait_for_load_state()
    assert "/models/" in screen.url
    # The text alternative: the same points as a table.
    screen.go_back()
    rows = screen.locator("details.kb-chart__data tbody tr")
    assert rows.count() == chart["points"]


# --- Where am I -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_page_but_home_has_a_breadcrumb_and_an_active_tab(screen, base_url, viewport, lang):
    for kind, path in PAGE_KINDS.items():
        if kind == "home":
            continue
        screen.goto(base_url + lang + path)
        crumbs = screen.locator("nav.md-path .md-path__link")
        assert crumbs.count() >= 2 and crumbs.first.is_visible(), f"{lang}{path}: no breadcrumb"
        if viewport == "desk":
            active = screen.locator(".md-tabs__item--active .md-tabs__link")
            assert active.count() == 1, f"{lang}{path}: no active tab"
            assert int(active.evaluate("a => getComputedStyle(a).fontWeight")) >= 600
    for path, listing in (("papers/kaplan2020scaling/", "papers/"), ("models/gpt-3/", "models/")):
        screen.goto(base_url + lang + path)
        last = screen.locator("nav.md-path .md-path__link").last
        assert last.evaluate("a => a.href") == base_url + lang + listing, path


# --- One language per page --------------------------------------------------------------------

UI_TEXT = """() => {
  const out = [];
  const skip = el => el.closest("article") || el.closest(".md-select__link[hreflang=zh]") ||
                     el.closest(".md-search-result");
  document.querySelectorAll("body *").forEach(el => {
    if (skip(el)) return;
    for (const attr of ["title", "aria-label", "placeholder", "alt"]) {
      if (el.getAttribute(attr)) out.push(attr + "=" + el.getAttribute(attr));
    }
    for (const node of el.childNodes) if (node.nodeType === 3 && node.textContent.trim()) out.push(node.textContent.trim());
  });
  document.querySelectorAll("article [title], article [aria-label]").forEach(el => {
    if (el.matches("a.headerlink, button, .md-content__button")) out.push(el.getAttribute("title") || el.getAttribute("aria-label"));
  });
  return out;
}"""


@pytest.mark.parametrize("kind", ["home", "section", "paper", "model", "models"])
def test_english_pages_carry_no_chinese_ui_labels(screen, base_url, viewport, kind):
    screen.goto(base_url + "en/" + PAGE_KINDS[kind])
    labels = [t for t in screen.evaluate(UI_TEXT) if CJK.search(t)]
    assert not labels, labels[:10]


def test_chinese_pages_have_chinese_footer_and_palette_names(page, base_url):
    page.goto(base_url)
    assert "Content licensed" not in page.locator(".md-copyright").inner_text()
    titles = page.locator("form[data-kb-palette] label").evaluate_all("ls => ls.map(l => l.title)")
    assert titles and all(CJK.search(t) and "/" not in t for t in titles), titles


# --- Light and dark (overrides/partials/palette.html replaces Material's palette component) ----

PALETTE = """() => [document.body.getAttribute("data-md-color-scheme"),
  Array.from(document.querySelectorAll("form[data-kb-palette] label")).filter(l => !l.hidden).map(l => l.title),
  getComputedStyle(document.documentElement).colorScheme]"""


@pytest.mark.parametrize("system", ["light", "dark"])
def test_palette_starts_in_the_system_scheme_without_any_script_file(browser, base_url, system):
    """The header's inline script applies the scheme before the content is drawn: with
    Material's bundle and extra.js blocked, a dark system still gets the dark page."""
    context = browser.new_context(color_scheme=system)
    page = context.new_page()
    page.route(re.compile(r".*\.js$"), lambda route: route.abort())
    page.goto(base_url + "sections/scaling/", wait_until="load")
    scheme, shown, root = page.evaluate(PALETTE)
    context.close()
    assert scheme == ("slate" if system == "dark" else "default")
    assert len(shown) == 1, f"one toggle is shown, not {shown}"
    assert (root == "dark") == (system == "dark"), "the page's own scrollbar follows the scheme"


def test_palette_toggle_cycles_and_is_remembered(browser, base_url):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(base_url, wait_until="load")
    seen = [page.evaluate(PALETTE)]
    for _ in range(3):
        page.locator("form[data-kb-palette] label:not([hidden])").click()
        seen.append(page.evaluate(PALETTE))
    assert [s[0] for s in seen] == ["default", "default", "slate", "default"], seen
    assert [len(s[1]) for s in seen] == [1, 1, 1, 1], seen
    page.locator("form[data-kb-palette] label:not([hidden])").click()
    page.locator("form[data-kb-palette] label:not([hidden])").click()  # dark chosen
    page.goto(base_url + "en/models/", wait_until="load")
    scheme, shown, _ = page.evaluate(PALETTE)
    assert scheme == "slate" and shown == ["Dark"], (scheme, shown)
    page.focus("form[data-kb-palette] input:checked")
    page.keyboard.press("Enter")  # as in Material: Enter moves to the next option
    scheme, shown, _ = page.evaluate(PALETTE)
    context.close()
    assert scheme == "default" and shown == ["Follow system"], (scheme, shown)


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """GitHub Pages: a missing path gets the site's root 404.html."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (self.root / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_url(build):
    """The site behind a server that answers missing paths as GitHub Pages does (on another
    port than the address the site was built for, so links are compared by path)."""
    handler = type("H", (_PagesHandler,), {"root": build["site"]})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(build["serve_root"])))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}/"
    server.shutdown()


@pytest.mark.parametrize("missing, lang, heading", [
    ("no-such-page/", "zh", "页面不存在"), ("sections/no-such/", "zh", "页面不存在"),
    ("en/no-such-page/", "en", "page not found"), ("en/papers/nope/#x", "en", "page not found")])
def test_404_page_speaks_the_language_of_the_missing_address(screen, build, pages_url, missing, lang, heading):
    base = pages_url
    screen.goto(base + missing)
    screen.wait_for_function(f"document.documentElement.lang === '{lang}'")
    screen.wait_for_load_state()
    assert heading in screen.locator("article h1").inner_text()
    assert screen.url.startswith(base + missing.split("#")[0]), screen.url  # the address stays
    menu = screen.locator("a.md-select__link").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert [m.rsplit(f"/{SUBPATH}/", 1)[1] for m in menu] == ["", "en/"], menu
    description = screen.locator('meta[name="description"]').get_attribute("content")
    assert description and description.rstrip().endswith(("。", ".")), description


# --- Print and PDF ----------------------------------------------------------------------------

def test_print_shows_the_reference_list_and_whole_tables(page, base_url):
    page.goto(base_url + "en/sections/scaling/")
    page.emulate_media(media="print")
    refs = page.locator("#references + ol, #references ~ ol").first
    assert refs.is_visible()
    text = refs.inner_text()
    assert "Kaplan" in text and "https://arxiv.org/abs/2001.08361" in text
    page.goto(base_url + "models/")
    page.emulate_media(media="print")
    table = page.locator(".kb-sortable table")
    wrap_width = page.locator("article").evaluate("a => a.clientWidth")
    assert table.evaluate("t => t.getBoundingClientRect().width") <= wrap_width + 1
    assert not page.locator(".kb-filter").is_visible()


def test_pdf_of_the_survey_per_language(site, tmp_path):
    """scripts/pdf.py prints home, sections and appendix into one PDF per language (into a
    copy of the site: the shared build must stay what `mkdocs build` makes)."""
    site = Path(shutil.copytree(site, tmp_path / "site"))
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "pdf.py"), str(site)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    for prefix in ("", "en/"):
        pdf = site / prefix / "downloads" / "llm-kb.pdf"
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 150_000
        assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 15
        # Every font is embedded: a descriptor without a font file belongs to a Type 3 font,
        # whose glyphs are drawn in the PDF itself (how Chromium embeds OpenType CJK faces).
        descriptors = re.findall(rb"/Type\s*/FontDescriptor.*?>>", data, re.S)
        bare = [d for d in descriptors if not re.search(rb"/FontFile[23]?", d)]
        assert descriptors and len(bare) <= len(re.findall(rb"/Subtype\s*/Type3", data)), bare[:2]
        home = (site / prefix / "index.html").read_text("utf-8")
        assert 'href="downloads/llm-kb.pdf"' in home
