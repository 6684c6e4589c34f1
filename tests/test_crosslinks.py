"""On the built site, citations link both ways: section -> paper and paper -> section."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import ROOT

SECTIONS = sorted(p.name[:-3] for p in (ROOT / "docs" / "sections").glob("*.md") if not p.name.endswith(".en.md"))
MARKER = re.compile(r"\{(paper|cite|model):([^}|]+)")


def _cited(name: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {"paper": set(), "model": set()}
    for kind, ident in MARKER.findall((ROOT / "docs" / "sections" / f"{name}.md").read_text("utf-8")):
        found["model" if kind == "model" else "paper"].add(ident)
    return found


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"#]*)(?:#[^"]*)?"', html))


def test_sections_and_papers_link_both_ways(site: Path):
    problems, pairs = [], 0
    for lang_dir in (site, site / "en"):
        for name in SECTIONS:
            section_html = (lang_dir / "sections" / name / "index.html").read_text("utf-8")
            for kind, ids in _cited(name).items():
                folder = "papers" if kind == "paper" else "models"
                for ident in ids:
                    pairs += 1
                    if f"../../{folder}/{ident}/" not in _links(section_html):
                        problems.append(f"{lang_dir.name}/sections/{name} does not link to {folder}/{ident}")
                    target = (lang_dir / folder / ident / "index.html").read_text("utf-8")
                    if f"../../sections/{name}/" not in _links(target):
                        problems.append(f"{lang_dir.name}/{folder}/{ident} does not link back to sections/{name}")
    assert pairs > 100
    assert not problems, "\n".join(problems)


def test_every_paper_and_model_has_a_page_in_both_languages(site: Path):
    for name, folder in (("papers", "papers"), ("models", "models")):
        for entry in yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text("utf-8")):
            assert (site / folder / entry["id"] / "index.html").is_file(), entry["id"]
            assert (site / "en" / folder / entry["id"] / "index.html").is_file(), entry["id"]


def test_model_names_in_sections_are_links(site: Path):
    """A model named in running text is a link (written as a {model:id} marker)."""
    models = yaml.safe_load((ROOT / "data" / "models.yaml").read_text("utf-8"))
    names = {m["name"]["en"] for m in models if len(m["name"]["en"]) > 3} - {"FLAN"}
    problems = []
    for name in SECTIONS:
        html = (site / "en" / "sections" / name / "index.html").read_text("utf-8")
        body = html[html.find('<article'):html.find("</article>")]
        # Figures (their series labels name models) cite their own sources.
        body = re.sub(r"<figure class=.kb-fig.*?</figure>|<svg\b.*?</svg>|<a\b[^>]*>.*?</a>|<h[1-6][^>]*>.*?</h[1-6]>|<code>.*?</code>|<[^>]+>", " ", body, flags=re.S)
        for model in names:
            if re.search(rf"(?<![\w-]){re.escape(model)}(?![\w-]| Bench)", body):
                problems.append(f"en/sections/{name}: '{model}' appears without a link")
    assert not problems, "\n".join(problems)


def _part(name: str) -> int:
    meta = yaml.safe_load((ROOT / "docs" / "sections" / f"{name}.md").read_text("utf-8").split("---")[1])
    return meta["part"] if isinstance(meta.get("part"), int) else 99


def test_back_link_lists_read_in_the_articles_order_without_twin_labels(site: Path):
    """A model's "Discussed in" and a paper's "Cited in" go section 1, 2, ... then the appendix,
    and two rows never read the same (section 1 has two "Timeframe" subsections)."""
    checked = 0
    for lang_dir in (site, site / "en"):
        for page in [*(lang_dir / "models").glob("*/index.html"), *(lang_dir / "papers").glob("*/index.html")]:
            html = page.read_text("utf-8")
            start = html.find('id="discussed-in"') if "/models/" in page.as_posix() else html.find('id="cited-in"')
            if start < 0:
                continue
            block = html[start:html.find("</ul>", start)]
            rows = re.findall(r'<li><a href="\.\./\.\./sections/([a-z0-9-]+)/#[^"]*">([^<]*)</a>', block)
            parts = [_part(name) for name, _ in rows]
            assert parts == sorted(parts), f"{page.relative_to(site)}: sections out of order {[n for n, _ in rows]}"
            if "/models/" in page.as_posix():
                labels = [label for _, label in rows]
                assert len(labels) == len(set(labels)), f"{page.relative_to(site)}: repeated rows {labels}"
            checked += bool(rows)
    assert checked > 40


def test_model_facts_table_has_a_header_and_says_what_yes_means(site: Path):
    for lang_dir, words in ((site, ("项目", "内容", "附录的模型表")), (site / "en", ("Field", "Value", "appendix table"))):
        html = (lang_dir / "models" / "gpt-3" / "index.html").read_text("utf-8")
        head = re.search(r'id="facts".*?<thead>(.*?)</thead>', html, re.S).group(1)
        assert words[0] in head and words[1] in head, head
        assert words[2] in html


def test_sections_name_their_topics(site: Path):
    """Front matter ``topics`` are shown (and linked) in the box under each section's title."""
    for lang_dir in (site, site / "en"):
        for name in SECTIONS:
            meta = yaml.safe_load((ROOT / "docs" / "sections" / f"{name}.md").read_text("utf-8").split("---")[1])
            html = (lang_dir / "sections" / name / "index.html").read_text("utf-8")
            box = html[html.find('class="admonition info"'):]
            box = box[:box.find("</div>")]
            for topic in meta.get("topics", []):
                assert f'href="../../topics/{topic}/"' in box, f"{name}: topic {topic} not in the about box"


def test_downloads_folder_has_a_page_listing_its_files(site: Path):
    """/downloads/ is a page (browser review D20): every file of the folder, and the PDF that
    scripts/pdf.py writes there after the build, is linked from it."""
    for lang_dir in (site, site / "en"):
        html = (lang_dir / "downloads" / "index.html").read_text("utf-8")
        files = sorted(p.name for p in (lang_dir / "downloads").iterdir() if p.suffix != ".html")
        assert files, "no downloads written"
        for name in [*files, "llm-kb.pdf"]:
            assert f'href="{name}"' in html, f"{lang_dir.name}/downloads/: no link to {name}"
        assert 'class="md-path"' in html, "no breadcrumb"
