"""The parameter chart: parameter counts (log scale) against announcement date, as SVG.

Written with ElementTree rather than a charting library: pygal, the light option, embeds a
random id, a build date and a script in every chart, which breaks deterministic builds and
the no-script-from-elsewhere rule; matplotlib is far heavier than one scatter plot needs.

Two drawings of the same data: ``wide`` (desktop, labels at 14 user units in a 720-unit box,
so at least 12 px in a 640 px text column) and ``narrow`` (phones: a 360-unit box drawn at
about its own size, 12-unit labels). The page shows one of them by CSS. Models announced
after the article (January 2023) are drawn as orange diamonds, the article's own era as
blue dots, with a legend. Every point is a link to the model's page with a ``<title>``, so it
is reachable by keyboard and shows the model's facts on hover; a point whose label finds no
free spot keeps its link and title and is named in the data table below the chart.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import Callable

ARTICLE = "2023-01"  # the month of the article the survey follows (render.ARTICLE_MONTH)


def _labels(language) -> dict:
    s = language.strings
    return {"title": s["chart_title"], "x": s["chart_x"], "y": s["chart_y"],
            "before": s["chart_legend_article"], "after": s["chart_legend_later"], "article": s["chart_rule"],
            "table": s["chart_data"], "model": s["model"], "organization": s["organization"],
            "parameters": s["parameters"], "announced": s["announced"], "era": s["era"],
            "era_before": s["era_article"], "era_after": s["era_later"]}
GEOMETRY = {
    # width, height, margins (left, right, top, bottom), label size, tick size, dot radius
    "wide": dict(W=720, H=460, L=84, R=16, T=48, B=52, font=14, tick=13, r=5.5),
    "narrow": dict(W=340, H=440, L=58, R=8, T=58, B=46, font=12, tick=12, r=4.5),
}
COLOURS = {"before": "#3f51b5", "after": "#d35400"}


def _when(announced: str) -> float:
    year, _, month = announced.partition("-")
    return int(year) + (int(month or 1) - 1) / 12


def _text_width(text: str, size: float) -> float:
    return sum(size * (1.0 if ord(c) > 0x2E80 else 0.62) for c in text)


def chart_models(kb) -> list[dict]:
    models = [m for m in kb.models.values() if m["parameters"]]
    models.sort(key=lambda m: (m["announced"], -m["parameters"]))
    return models


def era(model: dict) -> str:
    return "before" if model["announced"] <= ARTICLE else "after"


def _default_href(model_id: str) -> str:
    return f"../models/{model_id}/"


def parameter_chart(kb, language, inline: bool = False, variant: str = "wide",
                    href: Callable[[str], str] = _default_href) -> str:
    g = GEOMETRY[variant]
    W, H, LEFT, RIGHT, TOP, BOTTOM = g["W"], g["H"], g["L"], g["R"], g["T"], g["B"]
    models = chart_models(kb)
    lang, t, params = language.code, _labels(language), language.number
    ids = f"{lang}-{variant}"
    svg = ET.Element("svg", {
        "viewBox": f"0 0 {W} {H}", "role": "group", "class": f"kb-chart__svg kb-chart__svg--{variant}",
        "aria-labelledby": f"chart-title-{ids}", "aria-describedby": f"chart-desc-{ids}",
        "font-size": str(g["font"]), "font-family": "system-ui, sans-serif"})
    if not inline:
        svg.set("xmlns", "http://www.w3.org/2000/svg")
        svg.set("width", str(W))
        svg.set("height", str(H))
    ET.SubElement(svg, "title", {"id": f"chart-title-{ids}"}).text = t["title"]
    sep = language.p.semicolon
    ET.SubElement(svg, "desc", {"id": f"chart-desc-{ids}"}).text = sep.join(
        f"{m['name'][lang]}: {params(m['parameters'])}, {m['announced']}" for m in models)
    if not models:
        return ET.tostring(svg, encoding="unicode")

    x0 = math.floor(min(_when(m["announced"]) for m in models))
    x1 = math.floor(max(_when(m["announced"]) for m in models)) + 1
    lo = math.floor(math.log10(min(m["parameters"] for m in models)))
    hi = math.ceil(math.log10(max(m["parameters"] for m in models)))
    if hi == lo:
        hi += 1

    def sx(v: float) -> float:
        return LEFT + (v - x0) / (x1 - x0) * (W - LEFT - RIGHT)

    def sy(n: float) -> float:
        return TOP + (hi - math.log10(n)) / (hi - lo) * (H - TOP - BOTTOM)

    tick = str(g["tick"])
    axes = ET.SubElement(svg, "g", {"class": "kb-chart__axes", "stroke": "currentColor", "fill": "currentColor",
                                    "font-size": tick})
    step = 1 if (x1 - x0) * 36 <= (W - LEFT - RIGHT) * (1 if variant == "wide" else 0.6) else 2
    for year in range(x0, x1 + 1):
        ET.SubElement(axes, "line", {"x1": f"{sx(year):.1f}", "x2": f"{sx(year):.1f}", "y1": str(TOP),
                                     "y2": str(H - BOTTOM), "stroke-opacity": "0.15"})
        if (year - x0) % step == 0:
            ET.SubElement(axes, "text", {"x": f"{sx(year):.1f}", "y": str(H - BOTTOM + 18), "text-anchor": "middle",
                                         "stroke": "none"}).text = str(year)
    decades = hi - lo
    mults = (1,) if variant == "narrow" and decades > 2 else (1, 3) if decades > 2 else (1, 2, 5)
    for exp in range(lo, hi + 1):
        for mult in mults:
            n = mult * 10**exp
            if exp == hi and mult > 1:
                continue
            y = sy(n)
            ET.SubElement(axes, "line", {"x1": str(LEFT), "x2": str(W - RIGHT), "y1": f"{y:.1f}", "y2": f"{y:.1f}",
                                         "stroke-opacity": "0.3" if mult == 1 else "0.12"})
            ET.SubElement(axes, "text", {"x": str(LEFT - 6), "y": f"{y + 4:.1f}", "text-anchor": "end",
                                         "stroke": "none"}).text = params(n)
    ET.SubElement(axes, "text", {"x": f"{(LEFT + W - RIGHT) / 2:.1f}", "y": str(H - 8), "text-anchor": "middle",
                                 "stroke": "none"}).text = t["x"]
    ET.SubElement(axes, "text", {"x": "14", "y": f"{(TOP + H - BOTTOM) / 2:.1f}", "text-anchor": "middle",
                                 "stroke": "none", "transform": f"rotate(-90 14 {(TOP + H - BOTTOM) / 2:.1f})"}
                  ).text = t["y"]

    # The article's date as a dashed rule, when the chart reaches past it.
    article_x = sx(_when(ARTICLE))
    placed: list[tuple[float, float, float, float]] = []
    if x0 < _when(ARTICLE) < x1 and any(era(m) == "after" for m in models):
        ET.SubElement(axes, "line", {"x1": f"{article_x:.1f}", "x2": f"{article_x:.1f}", "y1": str(TOP),
                                     "y2": str(H - BOTTOM), "stroke-opacity": "0.6", "stroke-dasharray": "4 4"})
        ET.SubElement(axes, "text", {"x": f"{article_x + 4:.1f}", "y": str(H - BOTTOM - 6), "stroke": "none",
                                     "font-style": "italic"}).text = t["article"]
        placed.append((article_x, H - BOTTOM - 6 - g["tick"], article_x + 4 + _text_width(t["article"], g["tick"]),
                       H - BOTTOM - 4))

    # Legend, above the plot: one row on the wide drawing, two on the narrow one.
    legend = ET.SubElement(svg, "g", {"class": "kb-chart__legend", "font-size": tick})
    lx, ly = LEFT, 18
    for key in ("before", "after"):
        _marker(legend, key, lx + 6, ly - 4, g["r"])
        ET.SubElement(legend, "text", {"x": f"{lx + 16:.1f}", "y": f"{ly:.1f}", "fill": "currentColor"}).text = t[key]
        if variant == "wide":
            lx += 16 + _text_width(t[key], g["tick"]) + 24
        else:
            ly += 20

    # Dots first, so that labels avoid every dot and not only the earlier ones.
    points = ET.SubElement(svg, "g", {"class": "kb-chart__points"})
    xy = {m["id"]: (sx(_when(m["announced"])), sy(m["parameters"])) for m in models}
    r = g["r"]
    placed += [(x - r - 1, y - r - 1, x + r + 1, y + r + 1) for x, y in xy.values()]
    for m in models:
        x, y = xy[m["id"]]
        facts = " · ".join([m["name"][lang], m["organization"][lang], params(m["parameters"]), m["announced"]])
        link = ET.SubElement(points, "a", {"href": href(m["id"]), "class": f"kb-chart__point kb-chart__point--{era(m)}"})
        ET.SubElement(link, "title").text = facts
        _marker(link, era(m), x, y, r)

    # Labels: the appendix models first, then the largest; each takes the first free spot of
    # a few around its dot (farther ones with a leader line), or stays unlabelled.
    labels = ET.SubElement(svg, "g", {"class": "kb-chart__labels", "fill": "currentColor", "aria-hidden": "true",
                                      "pointer-events": "none"})
    size = g["font"]
    order = sorted(models, key=lambda m: (not m["appendix"], -m["parameters"]))
    for m in order:
        x, y = xy[m["id"]]
        label = m["name"][lang] if variant == "narrow" else f"{m['name'][lang]} {params(m['parameters'])}"
        width = _text_width(label, size)
        spot = _free_spot(x, y, width, size, r, placed, (LEFT, TOP - 4, W - 2, H - BOTTOM))
        if spot is None:
            continue
        tx, ty, anchor, box, leader = spot
        placed.append(box)
        if leader:
            ET.SubElement(labels, "line", {"x1": f"{x:.1f}", "y1": f"{y:.1f}", "x2": f"{leader[0]:.1f}",
                                           "y2": f"{leader[1]:.1f}", "stroke": "currentColor",
                                           "stroke-opacity": "0.5"})
        ET.SubElement(labels, "text", {"x": f"{tx:.1f}", "y": f"{ty:.1f}", "text-anchor": anchor}).text = label
    return ET.tostring(svg, encoding="unicode")


def _marker(parent: ET.Element, key: str, x: float, y: float, r: float) -> None:
    if key == "before":
        ET.SubElement(parent, "circle", {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": f"{r:g}",
                                         "class": "kb-chart__dot kb-chart__dot--before", "fill": COLOURS["before"]})
    else:
        s = r * 1.35
        ET.SubElement(parent, "path", {"d": f"M{x:.1f} {y - s:.1f}L{x + s:.1f} {y:.1f}L{x:.1f} {y + s:.1f}"
                                            f"L{x - s:.1f} {y:.1f}Z",
                                       "class": "kb-chart__dot kb-chart__dot--after", "fill": COLOURS["after"]})


def _free_spot(x, y, width, size, r, placed, bounds):
    gap = r + 3
    near = [(gap, size * 0.35, "start"), (-gap, size * 0.35, "end"), (gap * 0.6, -gap, "start"),
            (gap * 0.6, gap + size * 0.8, "start"), (-gap * 0.6, -gap, "end"), (-gap * 0.6, gap + size * 0.8, "end")]
    far = [(side * (gap + 6 + 10 * step), sign * (gap + size * (0.6 + 1.1 * step)) + (size * 0.8 if sign > 0 else 0),
            "start" if side > 0 else "end")
           for step in range(3) for sign in (-1, 1) for side in (1, -1)]
    for dx, dy, anchor in near + far:
        left = x + dx if anchor == "start" else x + dx - width
        box = (left - 1, y + dy - size * 0.85, left + width + 1, y + dy + size * 0.25)
        inside = bounds[0] <= box[0] and box[2] <= bounds[2] and bounds[1] <= box[1] and box[3] <= bounds[3]
        if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            far_spot = (dx, dy, anchor) in far
            leader = (x + dx, y + dy - size * 0.3) if far_spot else None
            return x + dx, y + dy, anchor, box, leader
    return None


def chart_table(kb, language, href: Callable[[str], str] = _default_href) -> str:
    """The chart's data as an HTML table, its text alternative (in a <details> below it)."""
    lang, t, params = language.code, _labels(language), language.number
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # noqa: E731
    rows = "".join(
        f'<tr><td><a href="{href(m["id"])}">{esc(m["name"][lang])}</a></td><td>{esc(m["organization"][lang])}</td>'
        f'<td><data value="{m["parameters"]}">{params(m["parameters"])}</data></td>'
        f'<td><time datetime="{m["announced"]}">{m["announced"]}</time></td><td>{t["era_" + era(m)]}</td></tr>'
        for m in chart_models(kb))
    head = "".join(f"<th>{t[k]}</th>" for k in ("model", "organization", "parameters", "announced", "era"))
    return (f'<details class="kb-chart__data"><summary>{t["table"]}</summary>'
            f'<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
            f"</details>")


def chart_drawings(kb, language, src: str) -> tuple[str, str]:
    """The appendix's figure: both drawings and the data table, as raw HTML.

    Raw HTML links are not rewritten by MkDocs, so they are written as the built page's
    URLs (directory URLs): ``sections/appendix.md`` is served at ``sections/appendix/``.
    """
    depth = src.count("/") + (0 if src.rsplit("/", 1)[-1] == "index.md" else 1)
    prefix = "../" * depth

    def href(model_id: str) -> str:
        return f"{prefix}models/{model_id}/"

    drawings = "".join(parameter_chart(kb, language, inline=True, variant=v, href=href) for v in ("wide", "narrow"))
    return drawings, chart_table(kb, language, href)
