"""Small text helpers shared by the renderers: escaping, links, labels, number formats."""

from __future__ import annotations

import html
import posixpath
import re

from . import load

# What Markdown, tables, attr_list and arithmatex would read as syntax. Not "(" or ")": with
# arithmatex, an escaped "\(" opens inline math; not "~" or "^": nothing here gives them meaning
# and Python-Markdown would print their backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|$])")
_LIST_START = re.compile(r"^(\s*\d*)([-.])(?=\s)")


def md(text: str) -> str:
    """Data text as inline Markdown that shows literally: no HTML, no formatting."""
    text = _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))
    return _LIST_START.sub(r"\1\\\2", text)  # "- x" or "1. x" at the start would become a list


def attr(text: str) -> str:
    return html.escape(str(text), quote=True)


def rel(from_src: str, to_src: str) -> str:
    """A link between two source files (``docs/``-relative), as MkDocs wants it written."""
    anchor = ""
    if "#" in to_src:
        to_src, anchor = to_src.split("#", 1)
        anchor = "#" + anchor
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".") + anchor


def surname(author: str) -> str:
    return author.split()[-1] if " " in author else author


def author_year(paper: dict, lang: str) -> str:
    authors = paper["authors"]
    if len(authors) == 1:
        who = surname(authors[0])
    elif len(authors) == 2:
        joiner = " 和 " if lang == "zh" else " and "
        who = surname(authors[0]) + joiner + surname(authors[1])
    else:
        who = surname(authors[0]) + (" 等" if lang == "zh" else " et al.")
    return f"{who}，{paper['year']}" if lang == "zh" else f"{who}, {paper['year']}"


def params(n: int | None, lang: str) -> str:
    if n is None:
        return "未公开" if lang == "zh" else "undisclosed"

    def num(x: float) -> str:
        return f"{x:.2f}".rstrip("0").rstrip(".")

    if lang == "zh":
        if n >= 10**12:
            return f"{num(n / 10**12)} 万亿"
        if n >= 10**8:
            return f"{num(n / 10**8)} 亿"
        return f"{num(n / 10**4)} 万"
    for size, unit in ((10**12, "T"), (10**9, "B"), (10**6, "M")):
        if n >= size:
            return f"{num(n / size)}{unit}"
    return str(n)


def arxiv_month(paper: dict) -> str:
    """``YYYY-MM`` from a new-style arXiv id (2001.08361 -> 2020-01), else ``YYYY``."""
    if paper.get("arxiv"):
        return f"20{paper['arxiv'][:2]}-{paper['arxiv'][2:4]}"
    return str(paper["year"])


# --- Markers ({paper:id}, {cite:id|loc}, {model:id}) ---------------------------------------

def marker_label(kb, kind: str, ident: str, locator: str | None, lang: str) -> str:
    if kind == "model":
        return kb.models[ident]["name"][lang]
    paper = kb.papers[ident]
    if kind == "paper":
        return paper["title"]
    label = author_year(paper, lang)
    if locator:
        label += ("，" if lang == "zh" else ", ") + locator.strip()
    return label


def marker_target(kind: str, ident: str) -> str:
    return f"{'models' if kind == 'model' else 'papers'}/{ident}.md"


# Claim-audit markers ({claim:ID}, data/claims.yaml). Until they are rendered as anchors,
# they are dropped so that no reader sees them as raw text.
CLAIM = re.compile(r"\{claim:[a-z0-9-]+\}")


def replace_markers(kb, markdown: str, lang: str, from_src: str) -> str:
    def link(m: re.Match) -> str:
        kind, ident, locator = m.groups()
        label = md(marker_label(kb, kind, ident, locator, lang))
        css = "kb-cite" if kind == "cite" else f"kb-{kind}"
        return f"[{label}]({rel(from_src, marker_target(kind, ident))}){{ .{css} }}"

    out, in_fence = [], False
    for line in markdown.split("\n"):
        if load.FENCE.match(line):
            in_fence = not in_fence
        out.append(line if in_fence else load.MARKER.sub(link, CLAIM.sub("", line)))
    return "\n".join(out)


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_SENTENCE_END = {"zh": re.compile(r"(?<=[。！？；])"), "en": re.compile(r"(?<=[.!?;])\s+(?=[A-Z“\"(])")}


def plain_sentence(kb, paragraph: str, marker_start: int, lang: str) -> str:
    """The sentence of a source line that holds a marker, as plain text for 'Cited in' lists."""
    pieces, start = [], 0
    for m in _SENTENCE_END[lang].finditer(paragraph):
        pieces.append((start, m.start()))
        start = m.end()
    pieces.append((start, len(paragraph)))
    begin, end = next(((b, e) for b, e in pieces if b <= marker_start < e + 1), pieces[-1])
    text = CLAIM.sub("", paragraph[begin:end])
    text = load.MARKER.sub(lambda m: marker_label(kb, m.group(1), m.group(2), m.group(3), lang), text)
    text = _LINK.sub(r"\1", text)
    text = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", text)
    text = re.sub(r"\{[:#.][^}]*\}", "", text)
    text = text.replace("**", "").replace("`", "").replace("$", "")
    return " ".join(text.split())
