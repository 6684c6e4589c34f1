"""The strict build and what every built page must carry."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from conftest import ROOT, html_pages, lang_of

HAND_WRITTEN = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")
                      if not p.name.endswith(".en.md") and p.relative_to(ROOT / "docs").parts[0]
                      in ("index.md", "errata.md", "sections"))


def built_page(src: str) -> str:
    """Where a hand-written source file is published, relative to the language root."""
    return "index.html" if src == "index.md" else src[:-3] + "/index.html"


def test_strict_build_prints_no_warning(build):
    log = build["log"]
    assert "WARNING" not in log, log[-3000:]
    assert "ERROR" not in log, log[-3000:]


def test_every_hand_written_page_is_published_in_both_languages(site):
    assert len(HAND_WRITTEN) == 11  # home, errata, 8 sections, appendix
    for src in HAND_WRITTEN:
        url = built_page(src)
        assert (site / url).is_file(), f"zh page missing for {src}"
        assert (site / "en" / url).is_file(), f"en page missing for {src}"


def test_pages_declare_language_description_and_alternates(site):
    for path in html_pages(site):
        if path.name == "404.html":
            continue
        html = path.read_text("utf-8")
        lang = lang_of(site, path)
        assert f'<html lang="{lang}"' in html, path
        match = re.search(r'<meta name="description" content="([^"]*)"', html)
        assert match and len(match.group(1)) >= 10, f"{path}: no useful meta description"
        hreflangs = set(re.findall(r'<link rel="alternate" href="[^"]+" hreflang="(\w+)"', html))
        assert hreflangs == {"zh", "en"}, f"{path}: hreflang alternates {hreflangs}"


def test_descriptions_are_specific_to_each_page(site):
    seen: dict[str, str] = {}
    for path in html_pages(site):
        if path.name == "404.html":
            continue
        desc = re.search(r'<meta name="description" content="([^"]*)"', path.read_text("utf-8")).group(1)
        assert desc not in seen, f"{path} repeats the description of {seen.get(desc)}"
        seen[desc] = str(path)


def test_sitemap_lists_both_languages_under_the_sub_path(site):
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "/llm-kb/sections/scaling/" in sitemap
    assert 'hreflang="en" href="http://127.0.0.1:' in sitemap and "/llm-kb/en/sections/scaling/" in sitemap
    assert "None" not in sitemap


def test_heading_anchors_are_readable(site):
    """No heading may end up with an empty, numeric or non-ASCII anchor (the toc default)."""
    for path in html_pages(site):
        html = path.read_text("utf-8")
        for level, ident in re.findall(r'<h([2-6]) id="([^"]*)"', html):
            assert ident and re.fullmatch(r"[a-z][a-z0-9-]*", ident), f"{path}: h{level} id {ident!r}"


def test_last_updated_and_edit_link(site):
    page = (site / "sections" / "scaling" / "index.html").read_text("utf-8")
    assert "/edit/main/docs/sections/scaling.md" in page
    en = (site / "en" / "sections" / "scaling" / "index.html").read_text("utf-8")
    assert "/edit/main/docs/sections/scaling.en.md" in en
    paper = (site / "papers" / "kaplan2020scaling" / "index.html").read_text("utf-8")
    assert "/edit/main/data/papers.yaml" in paper, "generated pages must send editors to the data"
    # The date Material prints is the last commit of the page's source (or of its data file).
    dates = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "docs/sections/scaling.md"],
                           cwd=ROOT, capture_output=True, text=True).stdout.strip()
    if dates:  # a clean clone has history; an exported tarball would not
        assert re.search(r'md-source-file__fact.{0,800}?' + dates, page, re.S), dates
    data_date = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "data/papers.yaml"],
                               cwd=ROOT, capture_output=True, text=True).stdout.strip()
    if data_date:
        assert re.search(r'md-source-file__fact.{0,800}?' + data_date, paper, re.S), data_date


def test_404_page_per_language(site):
    """The root 404.html is the Chinese build's, en/404.html the English one's (the Chinese page
    sends missing English addresses there: tests/test_reader.py follows it in Chromium)."""
    zh, en = (site / "404.html").read_text("utf-8"), (site / "en" / "404.html").read_text("utf-8")
    assert '<html lang="zh"' in zh and "页面不存在" in zh and "page not found" not in zh
    assert '<html lang="en"' in en and "page not found" in en and "页面不存在" not in en


def test_formulas_appear_only_where_the_source_writes_one(site):
    # Data text is escaped for Markdown; an escape that arithmatex reads as "\\(" would turn
    # "GPT-3 (175B)" into an italic formula. Only hand-written pages hold formulas.
    expected = set()
    for src in HAND_WRITTEN:
        for lang, suffix in (("zh", ".md"), ("en", ".en.md")):
            if re.search(r"\$[^$\s]|\\\(", (ROOT / "docs" / (src[:-3] + suffix)).read_text("utf-8")):
                expected.add(("en/" if lang == "en" else "") + built_page(src))
    found = {p.relative_to(site).as_posix() for p in site.rglob("*.html") if "<math" in p.read_text("utf-8")}
    assert expected, "no page writes a formula: the check below would prove nothing"
    assert found == expected, f"formulas on pages that write none: {sorted(found - expected)[:8]}"


def test_the_appendix_lists_the_articles_eight_models_and_the_model_table_all(site):
    """The appendix shows the article's table as the article listed it; later models live in the
    model table. Failed before: the appendix's table held every model, 2025 ones included."""
    import yaml

    models = yaml.safe_load((ROOT / "data" / "models.yaml").read_text("utf-8"))
    for prefix in ("", "en/"):
        appendix = (site / prefix / "sections" / "appendix" / "index.html").read_text("utf-8")
        table = appendix.split('class="kb-sortable"', 1)[1].split("</table>", 1)[0]
        listed = set(re.findall(r'href="\.\./\.\./models/([^/"]+)/"', table))
        assert listed == {m["id"] for m in models if m["appendix"]}
        full = (site / prefix / "models" / "index.html").read_text("utf-8").split("</table>", 1)[0]
        assert len(set(re.findall(r'href="([a-z0-9-]+)/"', full))) == len(models)


# --- Tables wrapped at build time (page speed, issue 12) -------------------------------------

def _css_rules(css: str) -> set[str]:
    """Rules as compact text, whitespace and last semicolons aside, for comparing two sheets."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s*([{};:,>+])\s*", r"\1", css)
    css = re.sub(r"\s+", " ", css).replace(";}", "}")
    return set(re.findall(r"[^{}@]+\{[^{}]*\}", css))


def test_tables_carry_materials_table_rules():
    """Tables come wrapped and classed from the build (hooks.prewrap_tables), so Material's rules for
    class-less tables no longer reach them: extra.css must hold every one of them, renamed."""
    import material

    theme = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    material_css = next(theme.glob("main.*.min.css")).read_text("utf-8")
    wanted = {rule.replace("table:not([class])", "table.kb-table")
              for rule in _css_rules(material_css) if "table:not([class])" in rule}
    ours = _css_rules((ROOT / "docs" / "assets" / "stylesheets" / "extra.css").read_text("utf-8"))
    assert len(wanted) >= 10, "Material's table rules not found: has its stylesheet changed?"
    missing = sorted(wanted - ours)
    assert not missing, f"extra.css lacks Material's table rules: {missing}"


def test_no_table_is_left_for_materials_script_to_move(site):
    """Material moves every table:not([class]) at load, which costs a full restyle of it."""
    for path in html_pages(site):
        html = path.read_text("utf-8")
        bare = re.findall(r"<table(?![^>]*\bclass=)[^>]*>", html)
        assert not bare, f"{path.relative_to(site)}: {len(bare)} table(s) without a class"
        for table in re.finditer(r'<table class="kb-table"', html):
            before = html[max(0, table.start() - 200):table.start()]
            assert re.search(r'<div class="md-typeset__scrollwrap">\s*<div class="md-typeset__table">\s*$', before), \
                f"{path.relative_to(site)}: a kb-table outside Material's wrappers"


def test_pages_carry_a_link_card_and_homes_their_site_name(site):
    """D21/D22 of the browser review: Open Graph tags on every page; each language's home page
    is titled by the site's name alone."""
    for path in html_pages(site):
        if path.name == "404.html":
            continue
        html = path.read_text("utf-8")
        for prop in ("og:title", "og:description", "og:url", "og:type"):
            assert re.search(rf'<meta property="{prop}" content="[^"]+">', html), f"{path.relative_to(site)}: {prop}"
        card = re.search(r'<meta property="og:description" content="([^"]*)">', html).group(1)
        plain = re.search(r'<meta name="description" content="([^"]*)">', html).group(1)
        assert card == plain, f"{path.relative_to(site)}: the card's description differs (escaped twice?)"
    zh = re.search(r"<title>(.*?)</title>", (site / "index.html").read_text("utf-8")).group(1)
    en = re.search(r"<title>(.*?)</title>", (site / "en" / "index.html").read_text("utf-8")).group(1)
    assert " - " not in zh and " - " not in en, (zh, en)
