"""Small text helpers shared by the renderers: escaping, links, citation labels."""

from __future__ import annotations

import html
import posixpath
import re

from . import markers

# What Markdown, tables, attr_list and arithmatex would read as syntax. Not "(" or ")": with
# arithmatex, an escaped "\(" opens inline math; not "~" or "^": nothing here gives them meaning
# and Python-Markdown would print their backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|$])")
_LIST_START = re.compile(r"^(\s*\d*)([-.=])(?=\s|$)")
_BLANK_LINES = re.compile(r"\n\s*\n")


def one_line(text) -> str:
    return " ".join(str(text).split())


def md_escape(text) -> str:
    """Data text as one line of inline Markdown that shows literally: no HTML, no formatting.

    Line breaks become spaces: a newline in data must never start a list, a code block,
    a heading or a collapsible block.
    """
    text = _MD_SPECIAL.sub(r"\\\1", html.escape(one_line(text), quote=False))
    return _LIST_START.sub(r"\1\\\2", text)  # "- x" or "1. x" at the start would become a list


def md_paragraphs(text) -> str:
    """A paragraph field: blank lines separate paragraphs, each shown as plain text."""
    return "\n\n".join(md_escape(p) for p in _BLANK_LINES.split(str(text).strip()) if p.strip())


def attr(text) -> str:
    return html.escape(one_line(text), quote=True)


def rel(from_src: str, to_src: str) -> str:
    """A link between two source files (``docs/``-relative), as MkDocs wants it written."""
    anchor = ""
    if "#" in to_src:
        to_src, anchor = to_src.split("#", 1)
        anchor = "#" + anchor
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".") + anchor


def surname(author: str) -> str:
    return author.split()[-1] if " " in author else author


def authors_short(paper: dict, lang, narrative: bool = False) -> str:
    """``Kaplan 等`` / ``Kaplan et al.``: the author part of a citation label."""
    authors, pattern = paper["authors"], lang.authors
    if len(authors) == 1:
        return pattern["one"].format(a=surname(authors[0]))
    if len(authors) == 2:
        return pattern["two"].format(a=surname(authors[0]), b=surname(authors[1]))
    return pattern["many_narrative" if narrative else "many"].format(a=surname(authors[0]))


def author_year(kb, paper: dict, lang) -> str:
    """``Kaplan 等，2020`` / ``Kaplan et al., 2020``, with 2022a/2022b where needed."""
    return f"{authors_short(paper, lang)}{lang.p.comma}{kb.labels[paper['id']]}"


def cite_text(kb, kind: str, ident: str, locator: str | None, lang) -> str:
    """The visible text of a marker, as plain text."""
    if kind == "model":
        return kb.models[ident]["name"][lang.code]
    if kind == "claim":
        return ""
    paper = kb.papers[ident]
    if kind == "paper":
        return paper["title"]
    year = kb.labels[ident] + (f"{lang.p.comma}{locator.strip()}" if locator else "")
    if kind == "citet":
        return f"{authors_short(paper, lang, narrative=True)}{lang.p.open}{year}{lang.p.close}"
    return f"{lang.p.open.strip()}{authors_short(paper, lang)}{lang.p.comma}{year}{lang.p.close}"


def paper_tooltip(paper: dict, lang) -> str:
    """What hovering or focusing a citation shows: title, authors, venue, one-line summary."""
    authors = ", ".join(paper["authors"][:3]) + (" …" if len(paper["authors"]) > 3 else "")
    summary = one_line(paper["summary"][lang.code])
    first = re.split(lang.punctuation["sentence_split"], summary, maxsplit=1)[0]
    return f"{paper['title']} — {authors} · {paper['venue']} · {first}"


def arxiv_month(paper: dict) -> str:
    """``YYYY-MM`` from a new-style arXiv id (2001.08361 -> 2020-01), else ``YYYY``."""
    if paper.get("first_public"):
        return paper["first_public"]
    if paper.get("arxiv"):
        return f"20{paper['arxiv'][:2]}-{paper['arxiv'][2:4]}"
    return str(paper["year"])


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def plain_sentence(kb, paragraph: str, column: int, lang) -> str:
    """The sentence of a source line around the marker at ``column``, as plain text."""
    pieces, start = [], 0
    for m in lang.sentence_end.finditer(paragraph):
        pieces.append((start, m.start()))
        start = m.end()
    pieces.append((start, len(paragraph)))
    begin, end = next(((b, e) for b, e in pieces if b <= column < e), pieces[-1])
    text = paragraph[begin:end]
    text = markers.MARKER.sub(lambda m: cite_text(kb, m.group(1), m.group(2), m.group(3), lang), text)
    text = _LINK.sub(r"\1", text)
    text = re.sub(r"^\s*(?:[-*+>]|\d+\.|!!!\s*\S+(?:\s+\"[^\"]*\")?)\s+", "", text)
    text = re.sub(r"\{[:#.][^}]*\}", "", text)
    text = text.replace("**", "").replace("`", "").replace("$", "")
    return one_line(text)
