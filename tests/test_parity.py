"""Translation parity: the same pages, with the same heading ids in the same order."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

DOCS = ROOT / "docs"
# The glossary is in pinyin order in Chinese and alphabetical in English: same ids, own order.
SORTED_BY_LANGUAGE = {"glossary"}
HEADING = re.compile(r'<h([2-6]) id="([^"]+)"')  # h1 is the page title, never linked to


def _content(html: str) -> str:
    start = html.find('<article class="md-content__inner')
    end = html.find("</article>", start)
    return html[start:end]


def heading_ids(html: str) -> list[str]:
    return [ident for _, ident in HEADING.findall(_content(html))]


def test_every_source_page_has_its_translation():
    missing = []
    for path in DOCS.rglob("*.md"):
        if path.relative_to(DOCS).parts[0].startswith("."):
            continue
        twin = path.with_name(path.name[:-6] + ".md") if path.name.endswith(".en.md") else \
            path.with_name(path.name[:-3] + ".en.md")
        if not twin.exists():
            missing.append(f"{path.relative_to(ROOT)} has no {twin.name}")
    assert not missing, "\n".join(missing)


def test_same_heading_ids_in_the_same_order(site):
    pages = [p for p in site.rglob("index.html") if p.relative_to(site).parts[0] != "en"]
    assert len(pages) > 50
    problems = []
    for zh_page in pages:
        rel = zh_page.relative_to(site)
        en_page = site / "en" / rel
        zh_ids = heading_ids(zh_page.read_text("utf-8"))
        en_ids = heading_ids(en_page.read_text("utf-8"))
        if rel.parent.as_posix() in SORTED_BY_LANGUAGE and sorted(zh_ids) == sorted(en_ids):
            continue
        if zh_ids != en_ids:
            extra_zh = [i for i in zh_ids if i not in en_ids]
            extra_en = [i for i in en_ids if i not in zh_ids]
            detail = (f"only in zh: {extra_zh}; only in en: {extra_en}" if extra_zh or extra_en
                      else f"order differs: zh {zh_ids} / en {en_ids}")
            problems.append(f"{rel.parent}: {detail}")
    assert not problems, "\n".join(problems)


def _source_headings(path):
    ids = []
    in_fence = False
    for line in path.read_text("utf-8").splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        m = re.match(r"^(#{2,6})\s+.*\{\s*#([\w-]+)\s*\}\s*$", line)
        if not in_fence and re.match(r"^#{2,6}\s", line):
            ids.append(m.group(2) if m else None)
    return ids


@pytest.mark.parametrize("path", sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")
                                        if p.relative_to(DOCS).parts[0] in ("sections", "index.md", "errata.md")))
def test_source_headings_have_explicit_ids(path):
    """Explicit ids (`## 伸缩法则 { #scaling-laws }`) are what keeps a deep link across languages."""
    ids = _source_headings(DOCS / path)
    assert None not in ids, f"docs/{path}: a heading without an explicit {{ #id }}"


def test_markers_match_across_languages():
    """Both languages cite the same papers and models, so 'Cited in' lists agree."""
    marker = re.compile(r"\{(?:paper|cite|model):([^}|]+)")
    for zh in (DOCS / "sections").glob("*.md"):
        if zh.name.endswith(".en.md"):
            continue
        en = zh.with_name(zh.name[:-3] + ".en.md")
        assert set(marker.findall(zh.read_text("utf-8"))) == set(marker.findall(en.read_text("utf-8"))), zh.name
