"""The scaling section's arithmetic: compute-optimal allocations, the Chinchilla loss, the calculator.

One module holds the maths, so the table printed at build time (what a reader without
JavaScript sees) and the browser test that checks ``docs/assets/javascripts/scaling.js``
compute the same numbers from the same constants. The constants live in
``data/scaling.yaml`` (each with its paper and locator); the build writes them into the page
as a JSON island, so the script never keeps a copy of its own.

Formulas (symbols as on the page):

- training compute  C ≈ 6 N D                                  (Kaplan et al. 2020, §2.1)
- Kaplan allocation N = N_e (C / PF-day)^0.73, D = C / (6 N)     (Kaplan et al. 2020, Table 6)
- Chinchilla loss   L(N, D) = E + A / N^α + B / D^β             (Hoffmann et al. 2022, Eq. 10)
- its optimum       N = G (C/6)^a, D = G^-1 (C/6)^b,
                    G = (αA / βB)^(1/(α+β)), a = β/(α+β), b = α/(α+β)   (Eq. 4)
- rule of thumb     D = 20 N, so C = 120 N^2                    (reading of Table 3)
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from .languages import strings
from .errors import DataError, DataErrors

FILE = "data/scaling.yaml"
# Constants the maths needs, by data id -> short name used in code and in the JSON island.
NEEDED = {
    "flops-per-parameter-token": "six", "pf-day": "pf_day", "kaplan-n-e": "kaplan_ne",
    "kaplan-p-n": "kaplan_pn", "chinchilla-e": "E", "chinchilla-a": "A", "chinchilla-b": "B",
    "chinchilla-alpha": "alpha", "chinchilla-beta": "beta", "tokens-per-parameter": "tpp",
}
# What a reader may type: the same bounds in Python and in scaling.js (read from the island).
LIMITS = {"flops": (1e15, 1e32), "params": (1e6, 1e15), "gpus": (1, 1e7), "days": (0.01, 36500),
          "util": (0.1, 100)}
NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


@dataclass
class Scaling:
    entries: dict[str, dict]

    @property
    def k(self) -> dict[str, float]:
        return {short: float(self.entries[ident]["value"]) for ident, short in NEEDED.items()}

    def of_kind(self, kind: str) -> list[dict]:
        return [e for e in self.entries.values() if e["kind"] == kind]


def load_scaling(root: Path, papers: set[str], models: set[str]) -> Scaling:
    """Read and check data/scaling.yaml: schema, then the paper and model ids it points to."""
    from .validate import read_checked  # validate imports load; keep this module light

    entries = read_checked(root, FILE, "scaling")
    errors: list[DataError] = []
    by_id: dict[str, dict] = {}
    for e in entries:
        if e["id"] in by_id:
            errors.append(DataError(FILE, "duplicate id", entry=e["id"], field="id"))
        by_id[e["id"]] = e
        if "source" in e and e["source"] not in papers:
            errors.append(DataError(FILE, f"unknown paper '{e['source']}'", entry=e["id"], field="source"))
        if e["kind"] == "model" and e["model"] not in models:
            errors.append(DataError(FILE, f"unknown model '{e['model']}'", entry=e["id"], field="model"))
    for ident in NEEDED:
        if ident not in by_id or by_id[ident]["kind"] != "constant":
            errors.append(DataError(FILE, "the calculator needs this constant", entry=ident))
    if errors:
        raise DataErrors(errors)
    return Scaling(by_id)


# --- The maths ---------------------------------------------------------------------------------

def chinchilla_g(k: dict) -> tuple[float, float, float]:
    """G, a, b of Hoffmann et al.'s Eq. (4)."""
    s = k["alpha"] + k["beta"]
    g = (k["alpha"] * k["A"] / (k["beta"] * k["B"])) ** (1 / s)
    return g, k["beta"] / s, k["alpha"] / s


def loss(n: float, d: float, k: dict) -> float:
    return k["E"] + k["A"] / n ** k["alpha"] + k["B"] / d ** k["beta"]


def kaplan(c: float, k: dict) -> tuple[float, float]:
    n = k["kaplan_ne"] * (c / k["pf_day"]) ** k["kaplan_pn"]
    return n, c / (k["six"] * n)


def chinchilla(c: float, k: dict) -> tuple[float, float]:
    g, a, b = chinchilla_g(k)
    return g * (c / k["six"]) ** a, (c / k["six"]) ** b / g


def rule_of_thumb(c: float, k: dict) -> tuple[float, float]:
    n = math.sqrt(c / (k["six"] * k["tpp"]))
    return n, k["tpp"] * n


RULES = {"kaplan": kaplan, "chinchilla": chinchilla, "rule": rule_of_thumb}


def compute_for(n: float, k: dict) -> dict[str, float]:
    """The budget at which each rule makes a model of n parameters compute-optimal."""
    g, a, _ = chinchilla_g(k)
    return {"kaplan": k["pf_day"] * (n / k["kaplan_ne"]) ** (1 / k["kaplan_pn"]),
            "chinchilla": k["six"] * (n / g) ** (1 / a),
            "rule": k["six"] * k["tpp"] * n * n}


def allocate(c: float, k: dict) -> dict[str, dict[str, float]]:
    """Parameters, tokens, tokens per parameter and Chinchilla-fit loss under each rule."""
    out = {}
    for name, rule in RULES.items():
        n, d = rule(c, k)
        out[name] = {"compute": c, "params": n, "tokens": d, "ratio": d / n, "loss": loss(n, d, k)}
    return out


def from_params(n: float, k: dict) -> dict[str, dict[str, float]]:
    """Given a model size: the budget and tokens each rule calls for, and the resulting loss."""
    out = {}
    for name, c in compute_for(n, k).items():
        d = c / (k["six"] * n)
        out[name] = {"compute": c, "params": n, "tokens": d, "ratio": d / n, "loss": loss(n, d, k)}
    return out


def reference(sc: Scaling) -> list[dict]:
    k = sc.k
    rows = []
    for m in sc.of_kind("model"):
        n, d = float(m["parameters"]), float(m["tokens"])
        c = k["six"] * n * d
        rows.append({"id": m["id"], "model": m["model"], "params": n, "tokens": d, "compute": c,
                     "ratio": d / n, "loss": loss(n, d, k), "optimal_params": chinchilla(c, k)[0]})
    return rows


def parse(text: str, field: str) -> tuple[float | None, str | None]:
    """A reader's input: (value, None) or (None, error code). Mirrors scaling.js exactly."""
    raw = (text or "").strip().replace(",", "").replace("_", "").replace(" ", "")
    if not raw:
        return None, "empty"
    if not NUMBER.match(raw):
        return None, "nan"
    value = float(raw)
    if not math.isfinite(value):
        return None, "range"
    if value <= 0:
        return None, "positive"
    lo, hi = LIMITS[field]
    if value < lo or value > hi:
        return None, "range"
    return value, None


def gpu_compute(count: float, days: float, util_percent: float, peak: float) -> float:
    return count * days * 86400 * peak * util_percent / 100


# --- Formatting (the same rules as scaling.js) -------------------------------------------------

SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _sig(x: float, digits: int = 3) -> str:
    """x with `digits` significant digits, trailing zeros dropped."""
    if x == 0:
        return "0"
    places = max(0, digits - 1 - math.floor(math.log10(abs(x))))
    text = f"{x:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def sci(x: float) -> str:
    """1.23 × 10²³"""
    e = math.floor(math.log10(x))
    m = float(_sig(x / 10**e))
    if m >= 10:
        m, e = m / 10, e + 1
    return f"{_sig(m)} × 10{str(e).translate(SUPERSCRIPT)}"


def count(x: float, lang: str) -> str:
    """Parameters or tokens: 700 亿 / 70B, 1.4 万亿 / 1.4T; scientific past 10^16."""
    if x >= 1e16:
        return sci(x)
    if lang == "zh":
        for size, unit in ((1e12, " 万亿"), (1e8, " 亿"), (1e4, " 万")):
            if x >= size:
                return _sig(x / size) + unit
        return _sig(x)
    for size, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if x >= size:
            return _sig(x / size) + unit
    return _sig(x)


def fmt(kind: str, x: float, lang: str) -> str:
    if kind in ("params", "tokens", "optimal_params"):
        return count(x, lang)
    if kind == "compute":
        return sci(x)
    if kind == "loss":
        return f"{x:.3f}"
    return _sig(x)  # ratio


# --- The calculator block: form, JSON island, worked table ------------------------------------

def _t(lang: str) -> dict:
    """This module's strings in the registry (i18n/*.yaml, key 'calculator')."""
    return strings(lang)["calculator"]


ROW_LABEL = {"kaplan": "kaplan", "chinchilla": "chinchilla", "rule": "rule20"}
# Hoffmann et al. 2022, Table 3 (Approach 1): parameters, FLOPs, tokens. Three rows for the worked
# example; the figures data (data/figures.yaml, chinchilla-table-3) holds all nine.
WORKED = [(1e9, 1.21e20, 20.2e9), (67e9, 5.76e23, 1.5e12), (175e9, 3.85e24, 3.7e12)]


def island(sc: Scaling, kb, lang: str) -> dict:
    """What scaling.js reads: constants, GPUs, limits and labels."""
    return {
        "k": sc.k, "limits": LIMITS, "labels": _t(lang),
        "gpus": [{"id": g["id"], "name": g["name"][lang], "peak": float(g["value"])} for g in sc.of_kind("gpu")],
    }


def _row(cells: list[str], head: bool = False) -> str:
    tag = "th" if head else "td"
    return "<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>"


def _num(kind: str, x: float, lang: str) -> str:
    return f'<data value="{x!r}" data-kind="{kind}">{html.escape(fmt(kind, x, lang))}</data>'


def allocation_table(rows: dict[str, dict[str, float]], lang: str) -> str:
    t = _t(lang)
    head = _row([t["rule"], t["n"], t["d"], t["ratio"], t["c"], t["loss"]], head=True)
    body = "".join(
        f'<tr data-rule="{name}"><th scope="row">{html.escape(t[ROW_LABEL[name]])}</th>'
        + "".join(f"<td>{_num(kind, r[kind], lang)}</td>" for kind in ("params", "tokens", "ratio", "compute", "loss"))
        + "</tr>" for name, r in rows.items())
    return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"


def models_table(sc: Scaling, kb, lang: str, link, model_url) -> str:
    t = _t(lang)
    head = _row([t["model"], t["n"], t["d"], t["ratio"], t["c"], t["loss"], t["opt"], t["source"]], head=True)
    entries = {m["id"]: m for m in sc.of_kind("model")}
    body = ""
    for r in reference(sc):
        m = entries[r["id"]]
        name = html.escape(kb.models[r["model"]]["name"][lang])
        body += (f'<tr data-model="{r["id"]}"><th scope="row"><a href="{html.escape(model_url(r["model"]))}">{name}</a></th>'
                 + "".join(f"<td>{_num(kind, r[kind], lang)}</td>"
                           for kind in ("params", "tokens", "ratio", "compute", "loss", "optimal_params"))
                 + f"<td>{link(m['source'], m['locator'][lang])}</td></tr>")
    return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"


def worked_table(sc: Scaling, lang: str, cite: str) -> str:
    t, k = _t(lang), sc.k
    head = _row([t["budget"], t["table3"], t["kaplan"], t["chinchilla"], t["rule20"]], head=True)
    body = ""
    for n, c, d in WORKED:
        alloc = allocate(c, k)
        cells = [f"{_num('params', r['params'], lang)} / {_num('tokens', r['tokens'], lang)}"
                 for r in (alloc["kaplan"], alloc["chinchilla"], alloc["rule"])]
        body += (f'<tr data-compute="{c!r}"><th scope="row">{_num("compute", c, lang)}</th>'
                 f"<td>{html.escape(count(n, lang))} / {html.escape(count(d, lang))}</td>"
                 + "".join(f"<td>{x}</td>" for x in cells) + "</tr>")
    note = html.escape(t["worked_note"]).replace("{cite}", cite)
    return (f'<p class="kb-calc__caption"><strong>{html.escape(t["worked"])}</strong></p>\n'
            f'<div class="kb-calc__scroll kb-calc__worked"><table><thead>{head}</thead><tbody>{body}</tbody></table></div>\n'
            f'<p class="kb-calc__note">{note}</p>')


def calculator(sc: Scaling, kb, lang: str, link, model_url, script_url: str) -> str:
    """The whole block. ``link(paper_id, locator)`` returns an HTML citation link,
    ``model_url(model_id)`` the URL of a model's page."""
    t = _t(lang)
    e = html.escape
    gpu_options = "".join(f'<option value="{g["id"]}">{e(g["name"][lang])}: {e(sci(float(g["value"])))} FLOP/s</option>'
                          for g in sc.of_kind("gpu"))
    gpu_sources = "；".join if lang == "zh" else "; ".join
    gpu_note = gpu_sources(f'<a href="{e(g["url"])}">{e(g["name"][lang])}</a>（{e(g["locator"][lang])}）'
                           if lang == "zh" else
                           f'<a href="{e(g["url"])}">{e(g["name"][lang])}</a> ({e(g["locator"][lang])})'
                           for g in sc.of_kind("gpu"))

    def field(ident: str, label: str, value: str, hint: str | None = None) -> str:
        described = f' aria-describedby="kb-calc-{ident}-hint"' if hint else ""
        hint_html = f'<span class="kb-calc__hint" id="kb-calc-{ident}-hint">{e(hint)}</span>' if hint else ""
        return (f'<p class="kb-calc__field"><label for="kb-calc-{ident}">{e(label)}</label>'
                f'<input id="kb-calc-{ident}" name="{ident}" type="text" inputmode="decimal" '
                f'autocomplete="off" spellcheck="false" value="{e(value)}"{described}>{hint_html}</p>')

    modes = "".join(
        f'<label class="kb-calc__mode"><input type="radio" name="mode" value="{m}"{" checked" if m == "compute" else ""}>'
        f" {e(t['m_' + m])}</label>" for m in ("compute", "gpu", "params"))
    data = json.dumps(island(sc, kb, lang), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    form = f"""<form class="kb-calc__form" id="kb-calc-form" hidden novalidate>
<fieldset><legend>{e(t['mode'])}</legend>{modes}</fieldset>
<div data-mode="compute">{field('flops', t['flops'], '5.76e23', t['flops_hint'])}</div>
<div data-mode="gpu" hidden><p class="kb-calc__field"><label for="kb-calc-gpu">{e(t['gpu'])}</label><select id="kb-calc-gpu" name="gpu">{gpu_options}</select></p>
{field('gpus', t['gpus'], '1024')}{field('days', t['days'], '30')}{field('util', t['util'], '40', t['util_hint'])}
<p class="kb-calc__hint">{e(t['peak'])}: {gpu_note}</p></div>
<div data-mode="params" hidden>{field('params', t['params'], '7e10', t['params_hint'])}</div>
<p><button type="submit" class="md-button md-button--primary">{e(t['submit'])}</button></p>
<p class="kb-calc__error" id="kb-calc-error" role="alert"></p>
</form>
<div class="kb-calc__result" id="kb-calc-result" aria-live="polite" hidden>
<p class="kb-calc__budget" id="kb-calc-budget"></p>
<div class="kb-calc__scroll" id="kb-calc-allocation"></div>
</div>"""
    return (f'<div class="kb-calc" id="kb-calc" lang="{lang}" data-search-exclude>\n{form}\n'
            f'{worked_table(sc, lang, link("hoffmann2022chinchilla", "表 3" if lang == "zh" else "Table 3"))}\n'
            f'<p class="kb-calc__caption"><strong>{e(t["models"])}</strong></p>\n'
            f'<div class="kb-calc__scroll">{models_table(sc, kb, lang, link, model_url)}</div>\n'
            f'<script type="application/json" id="kb-scaling-data">{data}</script>\n'
            f'<script src="{e(script_url)}" defer></script>\n</div>\n')
