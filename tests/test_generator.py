"""Regression tests for the bugs a code review reproduced, and the language registry.

Each test says in its docstring what it failed on before the fix (commit 509032a).
"""

from __future__ import annotations

import re

import bibtexparser
import markdown
import pytest
import yaml

from conftest import ROOT
from llmkb import DataError, languages
from llmkb.build import prepare
from llmkb.mdext import KBExtension, PageContext
from test_data import edit, error_of



def _load_hooks():
    """scripts/hooks.py as MkDocs loads it: a file, not a package module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("kb_hooks", ROOT / "scripts" / "hooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sys_hooks = _load_hooks()



def render(kb, text: str, lang: str = "zh", src: str = "sections/demo.md", terms: bool = True) -> str:
    ext = KBExtension()
    ext.page = PageContext(kb, kb.lang(lang), src, f"docs/{src}", link_terms=terms)
    md = markdown.Markdown(extensions=["attr_list", "toc", "admonition", "tables", "pymdownx.superfences",
                                       "pymdownx.arithmatex", ext],
                           extension_configs={"pymdownx.arithmatex": {"generic": True}})
    return md.convert(text)


# --- 2. Unknown ids anywhere, marker syntax in data ------------------------------------------

def test_unknown_id_on_the_home_page_names_file_and_line(mini):
    """Failed before: only docs/sections/ was validated; index.md crashed with a bare KeyError."""
    (mini / "docs" / "index.md").write_text("# 首页\n\n见 {cite:nobody2020}。\n", "utf-8")
    (mini / "docs" / "index.en.md").write_text("# Home\n\nSee {cite:kaplan2020scaling}.\n", "utf-8")
    message = error_of(mini)
    assert "docs/index.md:3" in message and "nobody2020" in message


def test_marker_syntax_in_data_text_is_refused(mini):
    """Failed before: `{cite:x}` in a summary reached the page and crashed with KeyError 'x\\\\'."""
    edit(mini, "papers", lambda d: d[0]["summary"].update(zh="见 {cite:x}。"))
    message = error_of(mini)
    assert "data/papers.yaml" in message and "kaplan2020scaling" in message and "summary.zh" in message


# --- 3. Multi-line data text -------------------------------------------------------------------

def test_multiline_data_text_never_becomes_markdown_structure(mini):
    """Failed before: a note with line breaks became a list, a code block, <details> and an <h1>."""
    note = "第一段\n- 不是列表\n\n    不是代码\n\n??? 不是折叠块\n# 不是标题"
    edit(mini, "models", lambda d: d[0]["notes"].update(zh=note))
    _, outputs = prepare(mini)
    page = outputs["models/chinchilla.md"]
    html = markdown.Markdown(extensions=["attr_list", "admonition", "pymdownx.details"]).convert(
        page.split("---\n", 2)[2])
    for tag in ("<ul>\n<li>不是", "<pre>", "<details", "<h1>不是"):
        assert tag not in html, tag
    assert html.count("<h1") == 1
    assert "第一段 - 不是列表" in html and "不是代码" in html


def test_one_line_fields_refuse_line_breaks(mini):
    """Failed before: the `line` pattern's `$` accepted a trailing newline ("title\\n")."""
    edit(mini, "papers", lambda d: d[0].update(title="Scaling Laws\n"))
    message = error_of(mini)
    assert "'title'" in message and "one line" in message


# --- 4. BibTeX that LaTeX accepts ----------------------------------------------------------------

LATEX_SPECIAL = re.compile(r"(?<!\\)[&%$#_]|[^\x00-\x7f]")


def test_bibtex_is_latex_safe_and_parses_back():
    """Failed before: a bare & in the Gopher title and a raw α in PanGu's."""
    kb, outputs = prepare(ROOT)
    library = bibtexparser.parse_string(outputs["downloads/papers.bib"])
    assert not library.failed_blocks
    assert len(library.entries) == len(kb.papers)
    for entry in library.entries:
        for f in entry.fields:
            if f.key in ("url", "doi", "eprint"):
                continue
            assert not LATEX_SPECIAL.search(f.value), f"{entry.key}.{f.key}: {f.value}"
            assert f.value.count("{") == f.value.count("}"), f"{entry.key}.{f.key} has unbalanced braces"


def test_bibtex_keeps_surnames_with_particles_whole(mini):
    edit(mini, "papers", lambda d: d[0].update(authors=["Diego de Las Casas", "Jared Kaplan"]))
    _, outputs = prepare(mini)
    assert "author = {de Las Casas, Diego and Kaplan, Jared}" in outputs["downloads/papers.bib"]


# --- 5. Glossary links -------------------------------------------------------------------------

def _with_terms(mini, terms):
    edit(mini, "glossary", lambda d: d.extend(terms))
    kb, _ = prepare(mini)
    return kb


def test_the_longest_term_wins_by_its_own_length(mini):
    """Failed before: terms were ordered by the length of their regex, so 指令微调 became 指令 + 微调."""
    kb = _with_terms(mini, [
        {"id": "instruction", "term": {"zh": "指令", "en": "instruction"}, "definition": {"zh": "指令。", "en": "An instruction."}, "sections": []},
        {"id": "tuning", "term": {"zh": "微调", "en": "fine-tuning"}, "definition": {"zh": "微调。", "en": "Tuning."}, "sections": []},
        {"id": "instruction-tuning", "term": {"zh": "指令微调", "en": "instruction tuning"}, "aliases": {"zh": ["指令精调技术手段"]},
         "definition": {"zh": "指令微调。", "en": "Instruction tuning."}, "sections": []},
    ])
    html = render(kb, "先做指令微调。")
    assert html.count('class="kb-term"') == 1 and "#instruction-tuning" in html


def test_no_glossary_link_in_formulas_code_headings_or_links(mini):
    """Failed before: a term inside a formula got an <a> that latex2mathml printed as text."""
    kb, _ = prepare(mini)
    text = ("# 伸缩法则\n\n`伸缩法则` [伸缩法则](https://example.org) $\\text{伸缩法则}$\n\n"
            "然后才是伸缩法则。")
    html = render(kb, text)
    assert html.count('class="kb-term"') == 1
    assert re.search(r'然后才是<a class="kb-term"[^>]*>伸缩法则</a>', html)
    assert "<math" in html and "kb-term" not in html.split("<math", 1)[1].split("</math>", 1)[0]


# --- 6. Leftover markers -----------------------------------------------------------------------

def test_a_leftover_marker_is_found_even_beside_inline_code():
    """Failed before: the guard skipped a marker with any <code in the 200 characters before it."""
    page = "<p><code>x</code> and then {cite: kaplan2020scaling} typed wrong</p>"
    assert sys_hooks.leftover_markers(page) == ["{cite: kaplan2020scaling}"]
    assert sys_hooks.leftover_markers("<pre><code>{cite:x}</code></pre><p>fine</p>") == []


def test_a_marker_with_a_locator_inside_a_table_cell(mini):
    """Failed before: the locator's "|" split the cell, and "{cite:id" was published as text."""
    kb, _ = prepare(mini)
    html = render(kb, "| a | b |\n| --- | --- |\n| x | {cite:kaplan2020scaling|表 1} |\n")
    assert "Kaplan 等，2020，表 1</a>" in html and html.count("<td>") == 2
    found = sys_hooks.leftover_markers("<td>{cite:kaplan2020scaling</td><td>表 1}</td>")
    assert found and found[0].startswith("{cite:kaplan2020scaling")
    assert sys_hooks.leftover_markers("<td>{cite:kaplan2020scaling</td><td>x</td>")


def test_markers_in_code_are_left_alone(mini):
    kb, _ = prepare(mini)
    html = render(kb, "`{cite:nope}`\n\n```\n{cite:nope}\n```\n\n{citet:kaplan2020scaling|图 1}")
    assert html.count("{cite:nope}") == 2
    assert 'id="cite-kaplan2020scaling-1"' in html and "Kaplan 等人（2020，图 1）" in html


def test_parenthetical_and_narrative_citations(mini):
    kb, _ = prepare(mini)
    zh = render(kb, "结论{cite:kaplan2020scaling|摘要}。{citet:kaplan2020scaling}发现。")
    assert "（<a" in zh and "Kaplan 等，2020，摘要</a>）" in zh and ">Kaplan 等人（2020）</a>" in zh
    en = render(kb, "A finding {cite:kaplan2020scaling|abstract}.", lang="en")
    assert "(<a" in en and "Kaplan et al., 2020, abstract</a>)" in en
    assert 'title="Scaling Laws for Neural Language Models' in en


def test_labels_get_a_suffix_when_two_papers_read_alike(mini):
    def twin(d):
        d.append(dict(d[0], id="kaplan2020other", arxiv="2010.14701", title="Another Study"))
    edit(mini, "papers", twin)
    kb, _ = prepare(mini)
    assert kb.labels["kaplan2020scaling"] == "2020a" and kb.labels["kaplan2020other"] == "2020b"
    assert kb.labels["hoffmann2022chinchilla"] == "2022"


# --- The language registry ---------------------------------------------------------------------

def test_mkdocs_yml_lists_the_languages_of_the_registry():
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_IgnoreTags)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    listed = [(lang["locale"], bool(lang.get("default"))) for lang in i18n["languages"]]
    assert listed == [(lang.code, lang.default) for lang in languages.load(ROOT)]


class _IgnoreTags(yaml.SafeLoader):
    pass


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def _add_language(value, code: str):
    if isinstance(value, dict):
        out = {k: _add_language(v, code) for k, v in value.items()}
        if set(value) == {"zh", "en"} and all(isinstance(v, str) for v in value.values()):
            out[code] = f"{value['en']} ({code})"
        return out
    if isinstance(value, list):
        return [_add_language(v, code) for v in value]
    return value


def test_a_third_language_gets_its_own_files_and_overwrites_none(mini):
    """Failed before: every non-zh language was written as `.en.md`, so ja overwrote English."""
    ja = yaml.safe_load((mini / "i18n" / "en.yaml").read_text("utf-8"))
    ja.update(code="ja", suffix=".ja", name="日本語")
    (mini / "i18n" / "ja.yaml").write_text(yaml.safe_dump(ja, allow_unicode=True), "utf-8")
    for name in ("papers", "models", "glossary", "topics", "claims"):
        edit(mini, name, lambda d: d.__setitem__(slice(None), _add_language(d, "ja")))
    demo = mini / "docs" / "sections" / "demo.en.md"
    (mini / "docs" / "sections" / "demo.ja.md").write_text(demo.read_text("utf-8").replace("Demo", "デモ"), "utf-8")
    kb, outputs = prepare(mini)
    assert kb.langs == ("zh", "en", "ja")
    for page in ("papers/kaplan2020scaling", "models/chinchilla", "glossary/index", "models/index"):
        zh, en, jp = (outputs[f"{page}{s}.md"] for s in ("", ".en", ".ja"))
        assert len({zh, en, jp}) == 3, page
        assert "(ja)" in jp
        if page != "glossary/index":  # the glossary names each term in the other languages too
            assert "(ja)" not in en
    assert outputs["downloads/models.ja.csv"] and "name_ja" in outputs["downloads/models.csv"]
    pages = [p for p in outputs if p.endswith(".md")]
    assert len(pages) == 3 * len([p for p in pages if not re.search(r"\.(en|ja)\.md$", p)])


def test_a_language_missing_a_string_is_refused(mini):
    path = mini / "i18n" / "en.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    del data["strings"]["cited_in"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(DataError, match=r"i18n/en.yaml.*cited_in"):
        prepare(mini)


def test_gitignore_lists_exactly_the_generated_folders():
    from llmkb.write import FOLDERS

    ignored = {line.strip("/") for line in (ROOT / ".gitignore").read_text("utf-8").splitlines()
               if line.startswith("/docs/")}
    assert ignored == {f"docs/{folder}" for folder in FOLDERS}


def test_the_build_refuses_to_run_without_the_search_index_tool(monkeypatch):
    """Without Pagefind's binary the site would have no search: the build stops, saying why."""
    import sys

    from mkdocs.exceptions import PluginError

    monkeypatch.setitem(sys.modules, "pagefind_bin_extended", None)  # makes the import fail
    with pytest.raises(PluginError, match="search index tool is missing"):
        sys_hooks.on_config(None)
