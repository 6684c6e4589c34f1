"""Every section ends with a dated "since 2023" part in both languages (issue 13).

The part is the section's last ``##`` heading (id ``since-2023``), opens with the dated
``since-2023`` admonition, gives at least one verdict word, and cites at least two papers
first released in 2023 or later; zh and en cite the same papers there.

Checked to fail on broken sources: deleting the admonition line of one section, moving a
heading after the part, or citing only one later paper each made it fail.
"""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT

SECTIONS = ROOT / "docs" / "sections"
LANGS = {
    "zh": {"suffix": ".md", "heading": "## 2023 年之后 { #since-2023 }",
           "admonition": '!!! since-2023 "截至 2026 年"',
           "verdicts": ("**成立**", "**有修正**", "**有争议**", "**尚无定论**")},
    "en": {"suffix": ".en.md", "heading": "## Since 2023 { #since-2023 }",
           "admonition": '!!! since-2023 "As of 2026"',
           "verdicts": ("**held**", "**revised**", "**contested**", "**open**")},
}
PAPERS = {p["id"]: p for p in yaml.safe_load((ROOT / "data" / "papers.yaml").read_text("utf-8"))}
CITED = re.compile(r"(?<!\\)\{(?:cite|citet|paper):([^}|\s]+)")


def first_release_year(paper: dict) -> int:
    """The arXiv v1 year where there is an arXiv id (2303.03846 -> 2023), else the venue year."""
    return 2000 + int(paper["arxiv"][:2]) if paper.get("arxiv") else paper["year"]


def sections() -> list[str]:
    return sorted(p.name[:-3] for p in SECTIONS.glob("*.md")
                  if not p.name.endswith(".en.md") and p.name != "appendix.md")


def since_part(name: str, lang: str) -> str:
    spec = LANGS[lang]
    text = (SECTIONS / f"{name}{spec['suffix']}").read_text("utf-8")
    assert spec["heading"] in text, f"{name}{spec['suffix']}: no '{spec['heading']}'"
    part = text[text.index(spec["heading"]):]
    later = [line for line in part.splitlines()[1:] if line.startswith("## ")]
    assert not later, f"{name}{spec['suffix']}: the since-2023 part is not last; {later[0]!r} follows it"
    return part


@pytest.mark.parametrize("name", sections())
@pytest.mark.parametrize("lang", LANGS)
def test_section_ends_with_a_dated_since_2023_part(name, lang):
    spec = LANGS[lang]
    part = since_part(name, lang)
    body = [line for line in part.splitlines()[1:] if line.strip()]
    assert body and body[0] == spec["admonition"], (
        f"{name}{spec['suffix']}: the part must open with {spec['admonition']}")
    assert any(v in part for v in spec["verdicts"]), f"{name}{spec['suffix']}: no verdict word"
    later = {i for i in CITED.findall(part) if i in PAPERS and first_release_year(PAPERS[i]) >= 2023}
    assert len(later) >= 2, f"{name}{spec['suffix']}: cites {sorted(later)}; at least two 2023+ papers needed"


@pytest.mark.parametrize("name", sections())
def test_since_2023_parts_cite_the_same_papers_in_both_languages(name):
    zh, en = (set(CITED.findall(since_part(name, lang))) for lang in LANGS)
    assert zh == en, f"{name}: only in zh {sorted(zh - en)}, only in en {sorted(en - zh)}"
