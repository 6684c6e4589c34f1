"""The claim audit and the citations: data checks, the generated page, reference lists, labels."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, html_pages
from llmkb.build import prepare
from llmkb.text import authors_short
from test_data import edit, error_of



BAD = {
    "unknown anchor": (lambda d: d[0].update(anchor="nowhere"), ["data/claims.yaml", "demo-chinchilla-table", "'anchor'", "nowhere"]),
    "unknown paper": (lambda d: d[0]["sources"][0].update(paper="nobody2020"), ["data/claims.yaml", "demo-chinchilla-table", "sources.0.paper", "nobody2020"]),
    "unknown status": (lambda d: d[0].update(status="probably"), ["data/claims.yaml", "demo-chinchilla-table", "'status'"]),
    "missing translation": (lambda d: d[0]["claim"].pop("en"), ["data/claims.yaml", "demo-chinchilla-table", "claim.en"]),
    "unknown section": (lambda d: d[0].update(section="nowhere"), ["data/claims.yaml", "demo-chinchilla-table", "'section'"]),
    "not placed in the text": (lambda d: d.append(dict(d[0], id="demo-unplaced")), ["data/claims.yaml", "demo-unplaced", "must appear once"]),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_claims_stop_the_build_naming_file_entry_and_field(mini, case):
    change, expected = BAD[case]
    edit(mini, "claims", change)
    message = error_of(mini)
    for part in expected:
        assert part in message, f"{case}: {part!r} not in {message!r}"


def test_an_unknown_claim_marker_names_file_and_line(mini):
    page = mini / "docs" / "sections" / "demo.en.md"
    text = page.read_text("utf-8") + "\nMore{claim:nobody}.\n"
    page.write_text(text, "utf-8")
    assert f"docs/sections/demo.en.md:{text.count(chr(10))}:" in error_of(mini)


def test_claim_page_lists_every_claim_in_both_languages_with_links(mini):
    kb, outputs = prepare(mini)
    for suffix in ("", ".en"):
        page = outputs[f"claims/index{suffix}.md"]
        for claim in kb.claims.values():
            assert f'id="{claim["id"]}"' in page
            assert f"../sections/demo.md#claim-{claim['id']}" in page
        assert "../papers/hoffmann2022chinchilla.md" in page
    zh, en = outputs["claims/index.md"], outputs["claims/index.en.md"]
    assert zh.count('class="kb-claim-status') == en.count('class="kb-claim-status') == len(kb.claims)


# --- On the built site ---------------------------------------------------------------------------

def test_labels_are_unique_on_the_whole_site():
    kb, _ = prepare(ROOT)
    for lang in kb.languages:
        seen: dict[str, str] = {}
        for paper in kb.papers.values():
            label = f"{authors_short(paper, lang)} {kb.labels[paper['id']]}"
            assert label not in seen, f"{label}: {seen.get(label)} and {paper['id']}"
            seen[label] = paper["id"]


def test_every_section_ends_with_the_references_it_cites(site):
    kb, _ = prepare(ROOT)
    for name, langs in kb.sections.items():
        for code, section in langs.items():
            cited = []
            for marker in section.markers:
                if marker.kind in ("cite", "citet", "paper") and marker.id not in cited:
                    cited.append(marker.id)
            page = site / ("en/" if code == "en" else "") / "sections" / name / "index.html"
            html = page.read_text("utf-8")
            if not cited:
                assert 'id="references"' not in html
                continue
            refs = html.split('id="references"', 1)[1].split("</ol>", 1)[0]
            listed = re.findall(r'href="\.\./\.\./papers/([^/"]+)/"', refs)
            assert listed == cited, f"{page}: {listed} != {cited}"


def test_reference_entries_read_cleanly(site):
    """No doubled full stop after "et al." and no year written twice ("NeurIPS 2022, 2022")."""
    for page in html_pages(site):
        html = page.read_text("utf-8")
        if 'id="references"' not in html:
            continue
        refs = html.split('id="references"', 1)[1].split("</ol>", 1)[0]
        entries = [re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li>(.*?)</li>", refs, re.S)]
        assert entries, page
        for entry in entries:
            assert ".." not in entry, f"{page}: {entry}"
            assert not re.search(r"((?:19|20)\d\d), \1\.", entry), f"{page}: {entry}"


def test_claim_anchors_exist_where_the_claim_page_points(site):
    anchors = set()
    for page in html_pages(site):
        if "/sections/" in page.as_posix():
            anchors |= {(page.parent.name, a) for a in re.findall(r'id="(claim-[^"]+)"', page.read_text("utf-8"))}
    claims = site / "claims" / "index.html"
    for section, anchor in re.findall(r'href="\.\./sections/([^/]+)/#(claim-[^"]+)"', claims.read_text("utf-8")):
        assert (section, anchor) in anchors, f"{section}#{anchor}"


def test_paper_facts_are_one_list_item_each(site):
    """After a long author list ("and others: 444 authors in all") the venue stays its own
    item: the template's trim_blocks once ate the line break and glued it to the authors."""
    from llmkb.languages import load as load_languages

    for lang in load_languages(ROOT):
        root = site if lang.default else site / lang.code
        for page in sorted((root / "papers").glob("*/index.html")):
            if page.parent.name == "by-year":
                continue
            html = page.read_text("utf-8")
            assert f"<li><strong>{lang.t('venue')}</strong>" in html, page
