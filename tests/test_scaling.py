"""Issue 14, the scaling mechanics: display math, the calculator, the figures and their data.

The calculator's JavaScript (docs/assets/javascripts/scaling.js) runs in Chromium on the built
page and must print what scripts/llmkb/scaling.py computes for the same input; bad input must
give a message in the page's language and never NaN or Infinity. Every number a figure shows
must trace back to data/figures.yaml (published points, with a locator) or to the fitted
constants of data/scaling.yaml; bad figure data must stop the build naming file, entry, field.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser

import pytest
import yaml

from conftest import ROOT, mkdocs_build
from llmkb import DataError, scaling
from llmkb.figures import curve, load_extras, load_figures

SC, FIGURES = load_extras(ROOT)
K = SC.k
PAPERS = {p["id"] for p in yaml.safe_load((ROOT / "data" / "papers.yaml").read_text("utf-8"))}


def test_scaling_page_has_no_raw_tex(site):
    """$$...$$ blocks become block MathML (scripts/llmkb/mdext.py); no TeX is left for a reader."""
    for page in ("sections/scaling/index.html", "en/sections/scaling/index.html"):
        html = (site / page).read_text("utf-8")
        body = html[html.index('<article'):html.index('</article>')]
        assert "\\[" not in body and "\\(" not in body and "$$" not in body, page
        assert body.count('display="block"') >= 8, page


# --- The maths ----------------------------------------------------------------------------------

def test_published_numbers_come_out_of_the_formulas():
    """Sanity of scaling.py against the papers: Eq. 4 exponents, 20 tokens per parameter."""
    g, a, b = scaling.chinchilla_g(K)
    assert a == pytest.approx(0.28 / 0.62) and b == pytest.approx(0.34 / 0.62) and g == pytest.approx(1.3447, rel=1e-4)
    n, d = scaling.rule_of_thumb(1.2e20, K)  # Table 3: 1B parameters, 20.2B tokens, 1.21e20 FLOPs
    assert n == pytest.approx(1e9) and d == pytest.approx(2e10)
    n, d = scaling.chinchilla(5.76e23, K)
    assert 6 * n * d == pytest.approx(5.76e23)
    assert scaling.loss(70e9, 1.4e12, K) == pytest.approx(1.69 + 406.4 / 70e9**0.34 + 410.7 / 1.4e12**0.28)
    assert scaling.kaplan(K["pf_day"], K)[0] == pytest.approx(1.3e9)  # Table 6 at C_min = 1 PF-day


@pytest.mark.parametrize("text,code", [("", "empty"), ("  ", "empty"), ("-5", "positive"), ("0", "positive"),
                                       ("abc", "nan"), ("1e400", "range"), ("inf", "nan"), ("NaN", "nan"),
                                       ("1e50", "range"), ("5.76e23", None), ("1,000,000,000", None)])
def test_input_parsing(text, code):
    field = "params" if "," in text else "flops"
    value, error = scaling.parse(text, field)
    assert error == code and (value is None) == (code is not None)


def test_formats():
    assert scaling.sci(5.76e23) == "5.76 × 10²³" and scaling.sci(9.996e23) == "1 × 10²⁴"
    assert scaling.count(7e10, "zh") == "700 亿" and scaling.count(7e10, "en") == "70B"
    assert scaling.count(1.4e12, "zh") == "1.4 万亿" and scaling.count(2.98e12, "en") == "2.98T"


# --- The built page without JavaScript ----------------------------------------------------------

class _Data(HTMLParser):
    """<data value> elements inside a given part of the page, with their text."""

    def __init__(self):
        super().__init__()
        self.items: list[tuple[dict, str]] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "data":
            self._open = dict(attrs)
            self.items.append((self._open, ""))

    def handle_data(self, data):
        if self._open is not None:
            attrs, text = self.items[-1]
            self.items[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "data":
            self._open = None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_worked_table_is_rendered_at_build_time(site, lang):
    """Without JavaScript: the form is hidden and the table of three budgets holds Python's numbers."""
    html = (site / ("en/" if lang == "en" else "") / "sections/scaling/index.html").read_text("utf-8")
    assert re.search(r'<form class="kb-calc__form" id="kb-calc-form" hidden', html)
    worked = html[html.index("kb-calc__worked"):]
    worked = worked[:worked.index("</table>")]
    rows = re.findall(r'<tr data-compute="([^"]+)">(.*?)</tr>', worked, re.S)
    assert [float(c) for c, _ in rows] == [1.21e20, 5.76e23, 3.85e24]
    for c, row in rows:
        parser = _Data()
        parser.feed(row)
        values = [(a["data-kind"], float(a["value"]), text) for a, text in parser.items]
        alloc = scaling.allocate(float(c), K)
        expected = [("compute", float(c))] + [(kind, alloc[rule][kind]) for rule in ("kaplan", "chinchilla", "rule")
                                             for kind in ("params", "tokens")]
        assert [k for k, _, _ in values] == [k for k, _ in expected]
        assert [v for _, v, _ in values] == pytest.approx([v for _, v in expected], rel=1e-12)
        assert all(text == scaling.fmt(kind, v, lang) for kind, v, text in values)
    # The constants reach the script through the page, from data/scaling.yaml.
    island = re.search(r'<script type="application/json" id="kb-scaling-data">(.*?)</script>', html, re.S).group(1)
    assert json.loads(island)["k"] == K


# --- The calculator in Chromium -------------------------------------------------------------------

def _rows(page) -> dict[str, dict[str, tuple[float, str]]]:
    return page.eval_on_selector_all("#kb-calc-allocation tr[data-rule]", """rows => Object.fromEntries(rows.map(r =>
        [r.dataset.rule, Object.fromEntries([...r.querySelectorAll('data')].map(d => [d.dataset.kind, [Number(d.value), d.textContent]]))]))""")


def _open(page, base_url, lang):
    page.goto(base_url + ("en/" if lang == "en" else "") + "sections/scaling/")
    page.wait_for_selector("#kb-calc-result:not([hidden])")


CASES = [  # (lang, mode, inputs, expected rows from Python)
    ("zh", "compute", {"flops": "5.76e23"}, lambda: scaling.allocate(5.76e23, K)),
    ("en", "compute", {"flops": "1e21"}, lambda: scaling.allocate(1e21, K)),
    ("zh", "compute", {"flops": "3.85e+24"}, lambda: scaling.allocate(3.85e24, K)),
    ("en", "gpu", {"gpu": "a100", "gpus": "1024", "days": "30", "util": "40"},
     lambda: scaling.allocate(scaling.gpu_compute(1024, 30, 40, SC.entries["a100"]["value"]), K)),
    ("zh", "gpu", {"gpu": "h100-sxm", "gpus": "4096", "days": "90", "util": "35"},
     lambda: scaling.allocate(scaling.gpu_compute(4096, 90, 35, SC.entries["h100-sxm"]["value"]), K)),
    ("en", "params", {"params": "7e10"}, lambda: scaling.from_params(7e10, K)),
    ("zh", "params", {"params": "1,000,000,000"}, lambda: scaling.from_params(1e9, K)),
]


@pytest.mark.browser
@pytest.mark.parametrize("lang,mode,inputs,expected", CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_calculator_matches_python(page, base_url, lang, mode, inputs, expected):
    """The page's script and scaling.py agree on every number and on how it is written."""
    _open(page, base_url, lang)
    page.check(f"#kb-calc-form input[name=mode][value={mode}]")
    for name, value in inputs.items():
        if name == "gpu":
            page.select_option("#kb-calc-gpu", value)
        else:
            page.fill(f"#kb-calc-{name}", value)
    page.click("#kb-calc-form button[type=submit]")
    got = _rows(page)
    want = expected()
    assert set(got) == set(want) == {"kaplan", "chinchilla", "rule"}
    for rule, cells in want.items():
        for kind, value in cells.items():
            shown_value, shown_text = got[rule][kind]
            assert shown_value == pytest.approx(value, rel=1e-12), (rule, kind)
            assert shown_text == scaling.fmt(kind, value, lang), (rule, kind)
    assert page.inner_text("#kb-calc-error") == ""


BAD = [("", "empty"), ("-5", "positive"), ("abc", "nan"), ("1e400", "range"), ("0", "positive")]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_input_gets_a_message_in_the_page_language(page, base_url, lang):
    _open(page, base_url, lang)
    for text, code in BAD:
        page.fill("#kb-calc-flops", text)
        page.press("#kb-calc-flops", "Enter")  # keyboard: Enter in the field submits
        message = page.inner_text("#kb-calc-error")
        expected = scaling._t(lang)["err_" + code].split("{")[0].strip("（(")
        assert expected in message, (text, message)
        assert page.get_attribute("#kb-calc-flops", "aria-invalid") == "true"
        assert page.locator("#kb-calc-result").is_hidden()
        body = page.inner_text("article")
        assert "NaN" not in body and "Infinity" not in body, text
    if lang == "zh":
        assert "请输入" in page.inner_text("#kb-calc-error") or "超出" in page.inner_text("#kb-calc-error")
    page.fill("#kb-calc-flops", "1e22")
    page.press("#kb-calc-flops", "Enter")
    assert page.inner_text("#kb-calc-error") == "" and page.locator("#kb-calc-result").is_visible()
    assert page.get_attribute("#kb-calc-flops", "aria-invalid") is None


@pytest.mark.browser
def test_calculator_works_from_the_keyboard(page, base_url):
    _open(page, base_url, "en")
    page.focus("#kb-calc-form input[name=mode][value=compute]")
    page.keyboard.press("ArrowRight")  # radio group: arrows move between modes
    assert page.locator("#kb-calc-gpus").is_visible()
    page.keyboard.press("ArrowRight")
    assert page.locator("#kb-calc-params").is_visible() and page.locator("#kb-calc-gpus").is_hidden()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "kb-calc-params"
    page.keyboard.press("Control+A")
    page.keyboard.type("2.8e11")
    page.keyboard.press("Enter")
    assert _rows(page)["rule"]["params"][0] == pytest.approx(2.8e11)


# --- Figures --------------------------------------------------------------------------------------

def _placed(site) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for page in sorted(site.rglob("sections/*/index.html")):
        for fid in re.findall(r'<figure class="kb-fig" id="figure-[^"]+" data-figure="([^"]+)"',
                              page.read_text("utf-8")):
            found.setdefault(fid, []).append(page.relative_to(site).as_posix())
    return found


def test_at_least_four_figures_each_placed_in_both_languages(site):
    placed = _placed(site)
    assert len(FIGURES) >= 4 and set(placed) == set(FIGURES)
    for fid, pages in placed.items():
        assert sum(p.startswith("en/") for p in pages) == 1 and len(pages) == 2, (fid, pages)


def test_every_number_in_a_figure_traces_to_data_with_a_locator(site):
    """The text alternative of each figure lists its numbers: each is a published point of
    data/figures.yaml, or a value of a curve computed from data/scaling.yaml's constants; every
    series has a paper and a locator, and the figure links to that paper."""
    assert all(e["locator"]["zh"] and e["locator"]["en"] for e in SC.entries.values()
               if e["kind"] in ("constant", "model"))
    for page in sorted(site.rglob("sections/*/index.html")):
        html = page.read_text("utf-8")
        for fid, body in re.findall(r'data-figure="([^"]+)"[^>]*>(.*?)</figure>', html, re.S):
            fig = FIGURES[fid]
            assert "<svg" in body and "<title" in body and "<details" in body
            series = {s["id"]: s for s in fig["series"]}
            for s in fig["series"]:
                paper = s.get("source", fig["source"])
                assert paper in PAPERS and s.get("locator", fig["locator"])
                assert f'papers/{paper}/"' in body, (fid, paper)
            rows = re.findall(r'<tr data-series="([^"]+)" data-x="([^"]+)" data-y="([^"]+)">', body)
            cells = re.findall(r'<td data-series="([^"]+)" data-y="([^"]+)">', body)
            assert rows or cells, fid
            for sid, x, y in rows:
                s, x, y = series[sid], float(x), float(y)
                if "points" in s:
                    assert [x, y] in [[float(a), float(b)] for a, b in s["points"]], (fid, sid, x, y)
                else:
                    assert y == pytest.approx(curve(dict(s, range=[x, x * (1 + 1e-12)]), K, 2)[0][1], rel=1e-9)
            for sid, y in cells:
                assert float(y) in series[sid]["values"], (fid, sid, y)
            if fig["kind"] == "bars":
                assert len(cells) == sum(len(s["values"]) for s in fig["series"])
            else:
                assert {sid for sid, *_ in rows} == set(series)


def test_figure_curves_follow_the_formulas():
    fig = FIGURES["compute-optimal-allocations"]
    kaplan = next(s for s in fig["series"] if s.get("formula") == "kaplan-params")
    for c, n in curve(kaplan, K):
        assert n == pytest.approx(1.3e9 * (c / 8.64e19) ** 0.73)
    iso = next(s for s in FIGURES["chinchilla-isoflop"]["series"] if s.get("compute") == 5.76e23)
    best = min(curve(iso, K, 400), key=lambda p: p[1])[0]
    assert best == pytest.approx(scaling.chinchilla(5.76e23, K)[0], rel=0.03)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_figure_labels_are_readable_at_1366(browser, base_url, lang):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    for path in ("sections/scaling/", "sections/reasoning/"):
        page.goto(base_url + ("en/" if lang == "en" else "") + path)
        sizes = page.eval_on_selector_all("figure.kb-fig svg text", """els => els.map(t => {
            const box = t.getBoundingClientRect(); return [t.textContent, box.height, box.width]; })""")
        assert sizes
        small = [(text, h) for text, h, w in sizes if h < 12 * 1.05]  # line box ~ 1.2 x font size
        assert not small, small[:5]
        widths = page.eval_on_selector_all("figure.kb-fig svg", "els => els.map(e => e.getBoundingClientRect().width)")
        assert all(w > 500 for w in widths), widths
    context.close()


# --- Bad figure data ----------------------------------------------------------------------------

@pytest.fixture
def data_copy(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "i18n", tmp_path / "i18n")
    return tmp_path


def _edit_figures(root, change):
    path = root / "data" / "figures.yaml"
    figs = yaml.safe_load(path.read_text("utf-8"))
    change({f["id"]: f for f in figs})
    path.write_text(yaml.safe_dump(figs, allow_unicode=True, sort_keys=False), "utf-8")


BAD_FIGURES = {
    "missing title": (lambda f: f["zero-shot-cot"].pop("title"), "zero-shot-cot", "'title'"),
    "unknown paper": (lambda f: f["zero-shot-cot"].update(source="nobody2020"), "zero-shot-cot", "'source'"),
    "text for a number": (lambda f: f["cot-gsm8k-by-size"]["series"][0]["points"][0].__setitem__(1, "4.1%"),
                          "cot-gsm8k-by-size", "'series.0.points.0.1'"),
    "bars and categories disagree": (lambda f: f["zero-shot-cot"]["series"][1]["values"].append(1.0),
                                     "zero-shot-cot", "'series.1.values'"),
    "points and formula": (lambda f: f["compute-optimal-allocations"]["series"][0].update(points=[[1, 2]]),
                           "compute-optimal-allocations", "'series.0'"),
    "zero on a log scale": (lambda f: f["cot-gsm8k-by-size"]["series"][0]["points"][0].__setitem__(0, 0),
                            "cot-gsm8k-by-size", "'series.0.points.0'"),
    "missing locator": (lambda f: f["chinchilla-isoflop"]["locator"].pop("en"), "chinchilla-isoflop", "'locator.en'"),
}


@pytest.mark.parametrize("case", sorted(BAD_FIGURES))
def test_bad_figure_data_names_file_entry_and_field(data_copy, case):
    change, entry, field = BAD_FIGURES[case]
    _edit_figures(data_copy, change)
    with pytest.raises(DataError) as info:
        load_figures(data_copy, PAPERS)
    message = str(info.value)
    for part in ("data/figures.yaml:", f"entry '{entry}'", f"field {field}"):
        assert part in message, f"{case}: {part!r} not in {message!r}"


def test_bad_scaling_constant_names_file_entry_and_field(data_copy):
    path = data_copy / "data" / "scaling.yaml"
    entries = yaml.safe_load(path.read_text("utf-8"))
    next(e for e in entries if e["id"] == "chinchilla-alpha")["value"] = -0.34
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), "utf-8")
    with pytest.raises(DataError) as info:
        load_extras(data_copy)
    message = str(info.value)
    assert "data/scaling.yaml:" in message and "entry 'chinchilla-alpha', field 'value'" in message


@pytest.mark.slow
def test_bad_figure_data_stops_the_build(tmp_path):
    """A real build of a copy with a broken figure: it fails and says where, before any page."""
    from llmkb.write import copy_project

    project = copy_project(ROOT, tmp_path / "project")
    _edit_figures(project, lambda f: f["cot-gsm8k-by-size"]["series"][2].update(points="many"))
    result = mkdocs_build(tmp_path / "site", "http://127.0.0.1:8000/", cwd=project,
                          extra_env={"BUILD_ONLY_LOCALE": "zh"})
    assert result.returncode != 0
    assert "data/figures.yaml:" in result.stderr
    assert "entry 'cot-gsm8k-by-size', field 'series.2.points'" in result.stderr
    assert not (project / "docs" / "papers").exists(), "bad figure data must stop the build before generating"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["sections/scaling/", "en/sections/scaling/"])
def test_scaling_page_passes_the_accessibility_scan(page, base_url, path):
    """The calculator's form, its result tables and the figures, as axe sees them."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(base_url + path, wait_until="networkidle")
    page.wait_for_selector("#kb-calc-result:not([hidden])")
    page.click("details.kb-fig__data-table summary >> nth=0")
    violations = Axe().run(page).response["violations"]
    assert not violations, "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes) e.g. "
                                     f"{v['nodes'][0]['html'][:160]}" for v in violations)
