"""The appendix chart: parameter counts (log scale) against announcement date, as SVG.

Written with ElementTree rather than a charting library: pygal, the light option, embeds a
random id, a build date and a script in every chart, which breaks deterministic builds and
the no-script-from-elsewhere rule; matplotlib is far heavier than one scatter plot needs.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET


W, H = 720, 400
LEFT, RIGHT, TOP, BOTTOM = 92, 30, 20, 50


def _when(announced: str) -> float:
    year, month = announced.split("-")
    return int(year) + (int(month) - 1) / 12


def _text_width(text: str) -> float:
    return sum(11 if ord(c) > 0x2E80 else 6.6 for c in text)


def parameter_chart(kb, language, inline: bool = False) -> str:
    models = [m for m in kb.models.values() if m["appendix"] and m["parameters"]]
    models.sort(key=lambda m: (m["announced"], -m["parameters"]))
    lang, t = language.code, language.strings
    t = {"title": t["chart_title"], "x": t["chart_x"], "y": t["chart_y"]}
    svg = ET.Element("svg", {
        "viewBox": f"0 0 {W} {H}", "role": "img", "class": "kb-chart__svg",
        "aria-labelledby": f"chart-title-{lang} chart-desc-{lang}", "font-size": "12",
        "font-family": "system-ui, sans-serif"})
    if not inline:
        svg.set("xmlns", "http://www.w3.org/2000/svg")
    ET.SubElement(svg, "title", {"id": f"chart-title-{lang}"}).text = t["title"]
    sep = language.p.semicolon
    ET.SubElement(svg, "desc", {"id": f"chart-desc-{lang}"}).text = sep.join(
        f"{m['name'][lang]}: {language.number(m['parameters'])}, {m['announced']}" for m in models)
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

    axes = ET.SubElement(svg, "g", {"class": "kb-chart__axes", "stroke": "currentColor", "fill": "currentColor"})
    for year in range(x0, x1 + 1):
        ET.SubElement(axes, "line", {"x1": f"{sx(year):.1f}", "x2": f"{sx(year):.1f}", "y1": str(TOP),
                                     "y2": str(H - BOTTOM), "stroke-opacity": "0.15"})
        ET.SubElement(axes, "text", {"x": f"{sx(year):.1f}", "y": str(H - BOTTOM + 18), "text-anchor": "middle",
                                     "stroke": "none"}).text = str(year)
    for exp in range(lo, hi + 1):
        for mult in (1, 2, 5):
            n = mult * 10**exp
            if exp == hi and mult > 1:
                continue
            y = sy(n)
            ET.SubElement(axes, "line", {"x1": str(LEFT), "x2": str(W - RIGHT), "y1": f"{y:.1f}", "y2": f"{y:.1f}",
                                         "stroke-opacity": "0.3" if mult == 1 else "0.12"})
            ET.SubElement(axes, "text", {"x": str(LEFT - 6), "y": f"{y + 4:.1f}", "text-anchor": "end",
                                         "stroke": "none"}).text = language.number(n)
    ET.SubElement(axes, "text", {"x": f"{(LEFT + W - RIGHT) / 2:.1f}", "y": str(H - 10), "text-anchor": "middle",
                                 "stroke": "none"}).text = t["x"]
    ET.SubElement(axes, "text", {"x": "14", "y": f"{(TOP + H - BOTTOM) / 2:.1f}", "text-anchor": "middle",
                                 "stroke": "none", "transform": f"rotate(-90 14 {(TOP + H - BOTTOM) / 2:.1f})"}
                  ).text = t["y"]

    points = ET.SubElement(svg, "g", {"class": "kb-chart__points"})
    placed: list[tuple[float, float, float, float]] = []
    for m in models:
        x, y = sx(_when(m["announced"])), sy(m["parameters"])
        ET.SubElement(points, "circle", {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": "5",
                                         "class": "kb-chart__dot", "fill": "#3f51b5"})
        label = f"{m['name'][lang]} {language.number(m['parameters'])}"
        width = _text_width(label)
        # Greedy placement: the first of four spots beside the dot that overlaps no earlier label.
        for dx, dy, anchor in ((8, -8, "start"), (8, 16, "start"), (-8, -8, "end"), (-8, 16, "end")):
            left = x + dx if anchor == "start" else x + dx - width
            box = (left, y + dy - 12, left + width, y + dy + 2)
            inside = LEFT <= box[0] and box[2] <= W - 2
            if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                                  for b in placed):
                break
        placed.append(box)
        ET.SubElement(points, "text", {"x": f"{x + dx:.1f}", "y": f"{y + dy:.1f}", "text-anchor": anchor,
                                       "fill": "currentColor"}).text = label
    return ET.tostring(svg, encoding="unicode")
