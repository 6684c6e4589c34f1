"""Figures drawn at build time from published numbers: data/figures.yaml -> inline SVG.

Each figure is placed in a section with ``<!-- kb:figure ID -->`` on its own line. A series
is either a list of published points (a table of a paper, with its locator) or a curve
computed from the fitted constants of ``data/scaling.yaml`` (``formula``), themselves with
locators. Written with ElementTree like ``chart.py``: no library, no script, deterministic.
Colours come from CSS variables (``extra.css``), so both colour schemes work; every figure
carries a title, its axis labels in the page's language, the same numbers as a table, and a
link to its source.
"""

from __future__ import annotations

import html
import math
import xml.etree.ElementTree as ET
from pathlib import Path

from . import scaling
from .languages import strings
from .errors import DataError, DataErrors

FILE = "data/figures.yaml"
W, H = 720, 440
LEFT, RIGHT, TOP = 84, 36, 16
FONT = 15  # viewBox units; the figure is drawn about 1:1 at 1366 px, so labels stay >= 12 px
FORMULAS = {"kaplan-params", "chinchilla-params", "rule-params", "isoflop-loss"}
def _t(lang: str) -> dict:
    """This module's strings in the registry (i18n/*.yaml, key 'figure')."""
    return strings(lang)["figure"]




# --- Loading and checking -----------------------------------------------------------------------

def load_extras(root: Path, papers: set[str] | None = None,
                models: set[str] | None = None) -> tuple[scaling.Scaling, dict[str, dict]]:
    """data/scaling.yaml and data/figures.yaml, checked before any page is written.

    The build passes the ids of the knowledge base it has just validated; without them (tests,
    tools) the data files are read to find them."""
    if papers is None or models is None:
        from .load import load_data

        data = load_data(root)
        papers, models = ({e["id"] for e in data[name] if isinstance(e, dict) and isinstance(e.get("id"), str)}
                          for name in ("papers", "models"))
    return scaling.load_scaling(root, papers, models), load_figures(root, papers)


def load_figures(root: Path, papers: set[str]) -> dict[str, dict]:
    """data/figures.yaml, checked against its schema, the paper ids and itself. Raises DataError."""
    from .validate import read_checked  # validate imports load; keep this module light

    entries = read_checked(root, FILE, "figures")
    errors: list[DataError] = []
    found: dict[str, dict] = {}
    for fig in entries:
        def err(message: str, field: str) -> None:
            errors.append(DataError(FILE, message, entry=fig["id"], field=field))
        if fig["id"] in found:
            err("duplicate id", "id")
        found[fig["id"]] = fig
        if fig["source"] not in papers:
            err(f"unknown paper '{fig['source']}'", "source")
        logs = {axis: fig[axis].get("scale") == "log" for axis in ("x", "y")}
        if fig["kind"] == "bars" and "categories" not in fig:
            err("a bar chart needs categories", "categories")
        for i, s in enumerate(fig["series"]):
            where = f"series.{i}"
            if "source" in s and s["source"] not in papers:
                err(f"unknown paper '{s['source']}'", f"{where}.source")
            if sum(key in s for key in ("points", "formula", "values")) != 1:
                err("give exactly one of points, values or formula", where)
                continue
            if fig["kind"] == "bars":
                if "values" not in s:
                    err("bar series take values, one per category", where)
                elif len(s["values"]) != len(fig.get("categories", [])):
                    err(f"{len(s['values'])} values for {len(fig.get('categories', []))} categories",
                        f"{where}.values")
                continue
            if "values" in s:
                err("values are for bar charts; a line takes points", where)
            elif "formula" in s:
                if s.get("range") is None or s["range"][0] >= s["range"][1]:
                    err("a formula needs a range [low, high] with low < high", f"{where}.range")
                if s["formula"] == "isoflop-loss" and "compute" not in s:
                    err("isoflop-loss needs the compute budget", f"{where}.compute")
            else:
                for j, (x, y) in enumerate(s["points"]):
                    if (logs["x"] and x <= 0) or (logs["y"] and y <= 0):
                        err("a log scale needs positive numbers", f"{where}.points.{j}")
    if errors:
        raise DataErrors(errors)
    return found


# --- Numbers --------------------------------------------------------------------------------------

def _logspace(lo: float, hi: float, n: int = 64) -> list[float]:
    a, b = math.log10(lo), math.log10(hi)
    return [10 ** (a + (b - a) * i / (n - 1)) for i in range(n)]


def curve(s: dict, k: dict, n: int = 64) -> list[tuple[float, float]]:
    """Points of a formula series (x on a log grid over its range)."""
    xs = _logspace(*s["range"], n)
    name = s["formula"]
    if name == "kaplan-params":
        return [(c, scaling.kaplan(c, k)[0]) for c in xs]
    if name == "chinchilla-params":
        return [(c, scaling.chinchilla(c, k)[0]) for c in xs]
    if name == "rule-params":
        return [(c, scaling.rule_of_thumb(c, k)[0]) for c in xs]
    c = s["compute"]  # isoflop-loss: loss of a model of N parameters trained on C / 6N tokens
    return [(p, scaling.loss(p, c / (k["six"] * p), k)) for p in xs]


def table_points(s: dict, k: dict) -> list[tuple[float, float]]:
    """What the text alternative lists: published points as they are, curves at each decade."""
    if "points" in s:
        return [(float(x), float(y)) for x, y in s["points"]]
    lo, hi = s["range"]
    xs = [10.0 ** e for e in range(math.ceil(math.log10(lo) - 1e-9), math.floor(math.log10(hi) + 1e-9) + 1)]
    return [(x, curve(dict(s, range=[x, x * (1 + 1e-12)]), k, 2)[0][1]) for x in xs]


def fmt(kind: str, v: float, lang: str, tick: bool = False) -> str:
    if tick and kind == "compute" and scaling.sci(v).startswith("1 × "):
        return scaling.sci(v)[4:]  # an axis reads better as 10²⁰ than 1 × 10²⁰
    if kind in ("params", "tokens"):
        return scaling.count(v, lang)
    if kind == "compute":
        return scaling.sci(v)
    if kind == "percent":
        return f"{v:g}%"
    if kind == "loss":
        return f"{v:.2f}"
    return f"{v:g}"


# --- Drawing --------------------------------------------------------------------------------------

def _ticks(lo: float, hi: float, log: bool) -> list[float]:
    if log:
        return [10.0 ** e for e in range(math.ceil(math.log10(lo) - 1e-9), math.floor(math.log10(hi) + 1e-9) + 1)]
    span = hi - lo
    step = 10 ** math.floor(math.log10(span / 4))
    for mult in (1, 2, 2.5, 5, 10):
        if span / (step * mult) <= 6:
            step *= mult
            break
    first = math.ceil(lo / step) * step
    return [first + i * step for i in range(int((hi - first) / step + 1e-9) + 1)]


def _bounds(values: list[float], log: bool, pad_zero: bool = False) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    if log:
        return 10 ** math.floor(math.log10(lo)), 10 ** math.ceil(math.log10(hi))
    if pad_zero:
        lo = min(0.0, lo)
    span = hi - lo or 1
    step = 10 ** math.floor(math.log10(span))
    return math.floor(lo / step * 2) * step / 2, math.ceil(hi / step * 2) * step / 2


def _text(parent, x: float, y: float, text: str, **attrs) -> ET.Element:
    el = ET.SubElement(parent, "text", {"x": f"{x:.1f}", "y": f"{y:.1f}", **attrs})
    el.text = text
    return el


def _marker(parent, shape: str, x: float, y: float, cls: str) -> None:
    if shape == "square":
        ET.SubElement(parent, "rect", {"x": f"{x - 4.5:.1f}", "y": f"{y - 4.5:.1f}", "width": "9", "height": "9",
                                       "class": cls})
    elif shape == "triangle":
        ET.SubElement(parent, "path", {"d": f"M{x:.1f} {y - 6:.1f}L{x + 5.5:.1f} {y + 4:.1f}L{x - 5.5:.1f} {y + 4:.1f}Z",
                                       "class": cls})
    elif shape == "circle":
        ET.SubElement(parent, "circle", {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": "5", "class": cls})


def _legend_rows(fig: dict, lang: str) -> list[list[dict]]:
    """Legend entries packed into rows that fit the width."""
    rows, row, width = [], [], 0.0
    for s in fig["series"]:
        w = 40 + scaling_text_width(s["label"][lang])
        if row and width + w > W - LEFT - RIGHT:
            rows.append(row)
            row, width = [], 0.0
        row.append(s)
        width += w + 18
    if row:
        rows.append(row)
    return rows


def scaling_text_width(text: str) -> float:
    return sum(FONT if ord(c) > 0x2E80 else FONT * 0.58 for c in text)


def svg(fig: dict, k: dict, lang: str) -> str:
    t_id = f"fig-{fig['id']}-title"
    root = ET.Element("svg", {"viewBox": f"0 0 {W} {H}", "role": "img", "class": "kb-fig__svg",
                              "aria-labelledby": t_id, "font-size": str(FONT),
                              "font-family": "system-ui, sans-serif"})
    ET.SubElement(root, "title", {"id": t_id}).text = fig["title"][lang]
    legend = _legend_rows(fig, lang)
    bottom = 58 + 24 * len(legend)
    plot = (LEFT, TOP, W - RIGHT, H - bottom)  # x0, y0, x1, y1
    xs_log, ys_log = fig["x"].get("scale") == "log", fig["y"].get("scale") == "log"
    bars = fig["kind"] == "bars"

    if bars:
        values = [v for s in fig["series"] for v in s["values"]]
        ylo, yhi = fig["y"]["range"] if "range" in fig["y"] else _bounds(values + [0.0], ys_log, pad_zero=True)
    else:
        pts = {s["id"]: (curve(s, k) if "formula" in s else [(float(x), float(y)) for x, y in s["points"]])
               for s in fig["series"]}
        allx = [p[0] for ps in pts.values() for p in ps]
        ally = [p[1] for ps in pts.values() for p in ps]
        xlo, xhi = (fig["x"]["range"] if "range" in fig["x"] else _bounds(allx, xs_log))
        ylo, yhi = (fig["y"]["range"] if "range" in fig["y"] else _bounds(ally, ys_log, pad_zero=not ys_log))

        def sx(v: float) -> float:
            a, b, v = (math.log10(xlo), math.log10(xhi), math.log10(v)) if xs_log else (xlo, xhi, v)
            return plot[0] + (v - a) / (b - a) * (plot[2] - plot[0])

    def sy(v: float) -> float:
        a, b, v = (math.log10(ylo), math.log10(yhi), math.log10(v)) if ys_log else (ylo, yhi, v)
        return plot[3] - (v - a) / (b - a) * (plot[3] - plot[1])

    axes = ET.SubElement(root, "g", {"class": "kb-fig__axes"})
    for v in _ticks(ylo, yhi, ys_log):
        y = sy(v)
        ET.SubElement(axes, "line", {"x1": str(plot[0]), "x2": str(plot[2]), "y1": f"{y:.1f}", "y2": f"{y:.1f}",
                                     "class": "kb-fig__grid"})
        _text(axes, plot[0] - 6, y + 5, fmt(fig["y"]["format"], v, lang, tick=True), **{"text-anchor": "end"})
    if bars:
        cats = fig["categories"]
        band = (plot[2] - plot[0]) / len(cats)
        width = band * 0.7 / len(fig["series"])
        for ci, cat in enumerate(cats):
            _text(axes, plot[0] + band * (ci + 0.5), plot[3] + 22, cat[lang], **{"text-anchor": "middle"})
    else:
        for v in _ticks(xlo, xhi, xs_log):
            x = sx(v)
            ET.SubElement(axes, "line", {"x1": f"{x:.1f}", "x2": f"{x:.1f}", "y1": str(plot[1]), "y2": str(plot[3]),
                                         "class": "kb-fig__grid"})
            _text(axes, x, plot[3] + 22, fmt(fig["x"]["format"], v, lang, tick=True), **{"text-anchor": "middle"})
    ET.SubElement(axes, "rect", {"x": str(plot[0]), "y": str(plot[1]), "width": str(plot[2] - plot[0]),
                                 "height": str(plot[3] - plot[1]), "class": "kb-fig__frame"})
    _text(axes, (plot[0] + plot[2]) / 2, plot[3] + 46, fig["x"]["label"][lang],
          **{"text-anchor": "middle", "class": "kb-fig__axis-label"})
    mid = (plot[1] + plot[3]) / 2
    _text(axes, 18, mid, fig["y"]["label"][lang],
          **{"text-anchor": "middle", "transform": f"rotate(-90 18 {mid:.1f})", "class": "kb-fig__axis-label"})

    clip = f"fig-{fig['id']}-clip"
    ET.SubElement(ET.SubElement(root, "clipPath", {"id": clip}), "rect", {
        "x": str(plot[0] - 8), "y": str(plot[1] - 8), "width": str(plot[2] - plot[0] + 16),
        "height": str(plot[3] - plot[1] + 16)})
    data = ET.SubElement(root, "g", {"class": "kb-fig__data", "clip-path": f"url(#{clip})"})
    for si, s in enumerate(fig["series"]):
        cls = f"kb-fig__c{s.get('color', si + 1)}"
        g = ET.SubElement(data, "g", {"class": f"kb-fig__series {cls}", "data-series": s["id"]})
        if bars:
            for ci, v in enumerate(s["values"]):
                x = plot[0] + band * ci + band * 0.15 + width * si
                ET.SubElement(g, "rect", {"x": f"{x:.1f}", "y": f"{sy(v):.1f}", "width": f"{width - 4:.1f}",
                                          "height": f"{sy(ylo) - sy(v):.1f}", "class": "kb-fig__bar"})
                _text(g, x + (width - 4) / 2, sy(v) - 6, fmt(fig["y"]["format"], v, lang),
                      **{"text-anchor": "middle", "class": "kb-fig__value"})
            continue
        ps = [(sx(x), sy(y)) for x, y in pts[s["id"]]]
        if s.get("line", "formula" in s or len(ps) > 1):
            d = "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in ps)
            ET.SubElement(g, "path", {"d": d, "class": "kb-fig__line" + (" kb-fig__line--dash" if s.get("dash") else "")})
        if "points" in s:
            for x, y in ps:
                _marker(g, s.get("marker", "circle"), x, y, "kb-fig__dot")

    key = ET.SubElement(root, "g", {"class": "kb-fig__legend"})
    for ri, row in enumerate(legend):
        x, y = plot[0], H - bottom + 70 + ri * 24
        for s in row:
            si = fig["series"].index(s)
            cls = f"kb-fig__c{s.get('color', si + 1)}"
            g = ET.SubElement(key, "g", {"class": cls})
            if bars:
                ET.SubElement(g, "rect", {"x": f"{x:.1f}", "y": f"{y - 11:.1f}", "width": "26", "height": "12",
                                          "class": "kb-fig__bar"})
            else:
                if "formula" in s or s.get("line", len(s.get("points", [])) > 1):
                    ET.SubElement(g, "path", {"d": f"M{x:.1f} {y - 5:.1f}h26",
                                              "class": "kb-fig__line" + (" kb-fig__line--dash" if s.get("dash") else "")})
                if "points" in s:
                    _marker(g, s.get("marker", "circle"), x + 13, y - 5, "kb-fig__dot")
            _text(key, x + 34, y, s["label"][lang])
            x += 40 + scaling_text_width(s["label"][lang]) + 18
    return ET.tostring(root, encoding="unicode")


def block(fig: dict, sc, lang: str, cite_link) -> str:
    """The figure as HTML: SVG, caption with the source link, the numbers as a table.
    ``cite_link(paper_id, locator)`` returns the HTML link to a paper's page."""
    k = sc.k
    t = _t(lang)
    e = html.escape
    sep = "；" if lang == "zh" else "; "

    def cite(s: dict) -> str:
        return cite_link(s.get("source", fig["source"]), s.get("locator", fig["locator"])[lang])

    sources = []
    for s in [fig, *fig["series"]]:
        link = cite(s)
        if link not in sources:
            sources.append(link)
    rows = []
    if fig["kind"] == "bars":
        head = [t["category"], *[s["label"][lang] for s in fig["series"]]]
        for ci, cat in enumerate(fig["categories"]):
            rows.append(f'<tr><th scope="row">{e(cat[lang])}</th>' + "".join(
                f'<td data-series="{s["id"]}" data-y="{s["values"][ci]!r}">{e(fmt(fig["y"]["format"], s["values"][ci], lang))}</td>'
                for s in fig["series"]) + "</tr>")
    else:
        head = [t["series"], fig["x"]["label"][lang], fig["y"]["label"][lang], t["source"]]
        for s in fig["series"]:
            origin = cite(s) + ("" if "points" in s else f"（{t['computed']}）" if lang == "zh" else f" ({t['computed']})")
            for x, y in table_points(s, k):
                rows.append(f'<tr data-series="{s["id"]}" data-x="{x!r}" data-y="{y!r}"><th scope="row">{e(s["label"][lang])}</th>'
                            f'<td>{e(fmt(fig["x"]["format"], x, lang))}</td><td>{e(fmt(fig["y"]["format"], y, lang))}</td>'
                            f"<td>{origin}</td></tr>")
    table = ("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr></thead><tbody>"
             + "".join(rows) + "</tbody></table>")
    caption = e(fig["caption"][lang]) if fig.get("caption") else ""
    source_label = "来源：" if lang == "zh" else "Source: "
    # Out of the search index: the numbers would outweigh the prose in the ranking.
    return (f'<figure class="kb-fig" id="figure-{fig["id"]}" data-figure="{fig["id"]}" data-search-exclude>\n'
            f'<p class="kb-fig__title">{e(fig["title"][lang])}</p>\n'
            f"{svg(fig, k, lang)}\n"
            f"<figcaption>{caption} {source_label}{sep.join(sources)}</figcaption>\n"
            f'<details class="kb-fig__data-table"><summary>{e(t["table"])}</summary>\n'
            f'<div class="kb-fig__scroll">{table}</div>\n</details>\n</figure>\n')
