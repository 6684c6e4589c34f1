"""The shape every section shares: a key-points box first, worked examples in both languages.

Checked on the built pages, so that a box whose indentation broke (and which Markdown then
prints as a plain paragraph) fails too. Each test failed once on a broken copy of the
sources: a section without its box, a box with six bullets, a prompt block in one language
only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT

SECTIONS = sorted(p.name[:-3] for p in (ROOT / "docs" / "sections").glob("*.md")
                  if not p.name.endswith(".en.md") and p.name != "appendix.md")
TITLE = {"zh": "要点", "en": "Key points"}
BOX = re.compile(r'<div class="admonition abstract">\s*<p class="admonition-title">(.*?)</p>(.*?)</div>', re.S)
TEXT_BLOCK = re.compile(r'<div class="language-text highlight">')
# Worked prompts (issue 14): how many copyable text blocks a section must at least hold.
WORKED_PROMPTS = {"icl-and-instructions": 2, "reasoning": 7}


def _article(site: Path, lang: str, name: str) -> str:
    html = (site / ("en" if lang == "en" else "") / "sections" / name / "index.html").read_text("utf-8")
    return html[html.find("<article"):html.find("</article>")]


def key_points(article: str, lang: str) -> list[str] | None:
    """The bullets of the key-points box above the first ``<h2>``, or None if there is none."""
    head = article.split("<h2", 1)[0]
    for title, body in BOX.findall(head):
        if title.strip() == TITLE[lang]:
            return re.findall(r"<li>(.*?)</li>", body, re.S)
    return None


def test_the_list_of_sections_is_complete():
    assert len(SECTIONS) == 8, SECTIONS


@pytest.mark.parametrize("name", SECTIONS)
def test_section_opens_with_key_points(site, name):
    counts = {}
    for lang in ("zh", "en"):
        bullets = key_points(_article(site, lang, name), lang)
        assert bullets is not None, f"{lang} {name}: no '{TITLE[lang]}' box before the first ## heading"
        assert 3 <= len(bullets) <= 5, f"{lang} {name}: {len(bullets)} key points, expected 3 to 5"
        counts[lang] = len(bullets)
    assert counts["zh"] == counts["en"], f"{name}: {counts}"


@pytest.mark.parametrize("name", SECTIONS)
def test_prompt_blocks_in_both_languages(site, name):
    zh, en = (len(TEXT_BLOCK.findall(_article(site, lang, name))) for lang in ("zh", "en"))
    assert zh == en, f"{name}: {zh} text blocks in zh, {en} in en"
    assert zh >= WORKED_PROMPTS.get(name, 0), f"{name}: {zh} worked prompts, expected at least {WORKED_PROMPTS[name]}"
