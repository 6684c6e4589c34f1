"""The generator: loading, validation (every kind of bad input), rendering, golden output."""

from __future__ import annotations

import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import bibtexparser
import pytest
import yaml

from conftest import ROOT
from llmkb import DataError
from llmkb.build import generate, prepare
from llmkb.render import citations
from llmkb import languages
from llmkb.text import md_escape as md

GOLDEN = Path(__file__).parent / "fixtures" / "golden"


def edit(root: Path, name: str, change) -> None:
    path = root / "data" / f"{name}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def error_of(root: Path) -> str:
    with pytest.raises(DataError) as info:
        generate(root)
    assert not (root / "docs" / "papers").exists(), "bad input must leave no generated page behind"
    return str(info.value)


# --- Good input ----------------------------------------------------------------------------

def test_mini_data_set_generates_both_languages(mini):
    kb, counts = generate(mini)
    assert set(kb.papers) == {"kaplan2020scaling", "hoffmann2022chinchilla"}
    for page in ("papers/kaplan2020scaling.md", "papers/kaplan2020scaling.en.md",
                 "models/chinchilla.md", "models/chinchilla.en.md", "glossary/index.md", "timeline/index.en.md"):
        assert (mini / "docs" / page).is_file(), page
    _, again = generate(mini)
    assert again["written"] == 0 and again["unchanged"] == counts["written"], "second run must rewrite nothing"


def test_generated_pages_match_golden(mini):
    """A change to the generated pages must be deliberate: UPDATE_GOLDEN=1 pytest rewrites them."""
    _, outputs = prepare(mini)
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in outputs.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(text.encode("utf-8"))
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode("utf-8") for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(outputs) == sorted(expected)
    for rel, text in outputs.items():
        assert text == expected[rel], f"{rel} differs from tests/fixtures/golden/{rel}"


def test_generation_is_deterministic(mini):
    _, first = prepare(mini)
    _, second = prepare(mini)
    assert first == second


def test_cited_in_names_heading_and_sentence(mini):
    kb, _ = prepare(mini)
    cited = citations(kb)["paper:hoffmann2022chinchilla"]
    assert cited["zh"] == [{"section": "demo", "heading_id": "scaling-laws", "heading": "伸缩法则",
                            "sentence": "Chinchilla 的结论见 Hoffmann 和 Borgeaud（2022，表 2）。",
                            "anchor": "cite-hoffmann2022chinchilla-1"}]
    assert cited["en"][0]["sentence"] == "Chinchilla comes from Hoffmann and Borgeaud (2022, Table 2)."


def test_every_citation_on_a_line_is_cited_in(mini):
    """Two sentences citing one paper on one source line both appear on its page.

    Failed before the fix: the sentence was found with str.find, so always the first one."""
    page = mini / "docs" / "sections" / "demo.md"
    page.write_text(page.read_text("utf-8") + "\n第一句{cite:kaplan2020scaling}。第二句{cite:kaplan2020scaling|图 2}。\n",
                    "utf-8")
    kb, _ = prepare(mini)
    sentences = [i["sentence"] for i in citations(kb)["paper:kaplan2020scaling"]["zh"]]
    assert any(s.startswith("第一句") for s in sentences) and any(s.startswith("第二句") for s in sentences)
    anchors = [i["anchor"] for i in citations(kb)["paper:kaplan2020scaling"]["zh"]]
    assert len(set(anchors)) == len(anchors)


def test_a_citation_opening_a_sentence_quotes_that_sentence(mini):
    """Failed before: a marker right after "；" was counted in the sentence before it."""
    page = mini / "docs" / "sections" / "demo.md"
    page.write_text(page.read_text("utf-8") + "\n前一句讲别的；{citet:kaplan2020scaling}给出了幂律。\n", "utf-8")
    kb, _ = prepare(mini)
    sentences = [i["sentence"] for i in citations(kb)["paper:kaplan2020scaling"]["zh"]]
    assert "Kaplan 等人（2020）给出了幂律。" in sentences, sentences


def test_bibtex_parses_with_one_entry_per_paper(mini):
    _, outputs = prepare(mini)
    library = bibtexparser.parse_string(outputs["downloads/papers.bib"])
    assert not library.failed_blocks
    assert sorted(e.key for e in library.entries) == ["hoffmann2022chinchilla", "kaplan2020scaling"]
    neurips = next(e for e in library.entries if e.key == "hoffmann2022chinchilla")
    assert neurips.entry_type == "inproceedings" and neurips["booktitle"] == "NeurIPS 2022"


def test_chart_is_well_formed_svg_naming_every_appendix_model():
    kb, outputs = prepare(ROOT)
    for name in ("downloads/parameters.svg", "downloads/parameters.en.svg"):
        svg = ET.fromstring(outputs[name])
        texts = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
        lang = "en" if ".en." in name else "zh"
        for m in kb.models.values():
            if m["appendix"]:
                assert m["name"][lang] in texts, f"{name} lacks {m['name'][lang]}"
        assert svg.find("{http://www.w3.org/2000/svg}title") is not None
        assert svg.find("{http://www.w3.org/2000/svg}desc") is not None


def test_parameter_formats():
    zh, en = languages.load(ROOT)
    assert en.number(175_000_000_000) == "175B" and zh.number(175_000_000_000) == "1750 亿"
    assert en.number(1_600_000_000_000) == "1.6T" and zh.number(117_000_000) == "1.17 亿"
    assert en.number(None) == "undisclosed"


def test_text_from_data_is_escaped(mini):
    edit(mini, "papers", lambda d: d[0].update(title="<script>alert(1)</script> *bold* [x](y)"))
    _, outputs = prepare(mini)
    page = outputs["papers/kaplan2020scaling.md"]
    prose, _, code = page.partition("```bibtex")
    assert "<script>" not in prose and "# &lt;script&gt;alert" in prose
    assert r"\ensuremath{<}script\ensuremath{>}" in code  # BibTeX gets it LaTeX-encoded, as text
    assert md("*a* [b](c)") == r"\*a\* \[b\](c)"
    # Parentheses stay bare: arithmatex reads an escaped "\(" as the start of a formula.
    assert md("GPT-3 (175B) costs $5; C^0.73 ~ x") == r"GPT-3 (175B) costs \$5; C^0.73 ~ x"
    assert md("- a") == r"\- a" and md("12. b") == r"12\. b" and md("a - b. c") == "a - b. c"


# --- Bad input: each names file, entry and field, and writes nothing ------------------------

BAD = {
    "missing field": ("papers", lambda d: d[0].pop("title"), ["data/papers.yaml", "kaplan2020scaling", "'title'", "required"]),
    "wrong type": ("models", lambda d: d[0].update(parameters="70B"), ["data/models.yaml", "chinchilla", "'parameters'"]),
    "duplicate id": ("papers", lambda d: d.append(dict(d[0])), ["data/papers.yaml", "kaplan2020scaling", "duplicate id"]),
    "unknown paper": ("models", lambda d: d[0].update(paper="nobody2020"), ["data/models.yaml", "chinchilla", "'paper'", "nobody2020"]),
    "unknown topic": ("papers", lambda d: d[0].update(topics=["astrology"]), ["data/papers.yaml", "'topics'", "astrology"]),
    "bad arXiv id": ("papers", lambda d: d[0].update(arxiv="arXiv:2001.8361"), ["data/papers.yaml", "kaplan2020scaling", "'arxiv'"]),
    "id with a path": ("papers", lambda d: d[0].update(id="../x"), ["data/papers.yaml", "'id'"]),
    "unknown field": ("papers", lambda d: d[0].update(tilte="typo"), ["data/papers.yaml", "kaplan2020scaling", "tilte"]),
    "very long title": ("papers", lambda d: d[0].update(title="x" * 1000), ["data/papers.yaml", "kaplan2020scaling", "'title'"]),
    "bad month": ("models", lambda d: d[0].update(announced="2022-13"), ["data/models.yaml", "chinchilla", "'announced'"]),
    "missing translation": ("models", lambda d: d[0]["notes"].pop("en"), ["data/models.yaml", "chinchilla", "'notes.en'"]),
    # The optional model-database fields (issue 13): a count in words, an unknown licence or
    # architecture, or a note for a field that cannot be null must each stop the build.
    "token count not a number": ("models", lambda d: d[0].update(training_tokens="1.4T"), ["data/models.yaml", "chinchilla", "'training_tokens'", "1.4T"]),
    "unknown licence": ("models", lambda d: d[0].update(licence="wtfpl"), ["data/models.yaml", "chinchilla", "'licence'", "wtfpl"]),
    "unknown architecture": ("models", lambda d: d[0].update(architecture="sparse"), ["data/models.yaml", "chinchilla", "'architecture'", "sparse"]),
    "note for a field that is never null": ("models", lambda d: d[0].update(missing={"announced": {"zh": "未知", "en": "unknown"}}), ["data/models.yaml", "chinchilla", "'missing'", "announced"]),
    "duplicate term": ("glossary", lambda d: d.append(dict(d[0], id="other")), ["data/glossary.yaml", "other", "term.zh"]),
    "active above total": ("models", lambda d: d[0].update(active_parameters=d[0]["parameters"] * 2), ["data/models.yaml", "chinchilla", "'active_parameters'", "exceed"]),
    "later model without its fields": ("models", lambda d: d[1].update(announced="2024-05"), ["data/models.yaml", "chatgpt", "'context_length'", "after the article"]),
    "null without a note": ("models", lambda d: d[1].update(announced="2024-05", active_parameters=None, training_tokens=None, context_length=None, open_weights=False, licence="proprietary", architecture="dense"), ["data/models.yaml", "chatgpt", "missing.training_tokens"]),
    "unknown section": ("glossary", lambda d: d[0].update(sections=["nowhere"]), ["data/glossary.yaml", "scaling-law", "nowhere"]),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_data_is_refused_with_file_entry_and_field(mini, case):
    name, change, expected = BAD[case]
    edit(mini, name, change)
    message = error_of(mini)
    for part in expected:
        assert part in message, f"{case}: {part!r} not in {message!r}"


def test_yaml_syntax_error_names_the_line(mini):
    path = mini / "data" / "papers.yaml"
    path.write_text(path.read_text("utf-8") + "- id: [unclosed\n", "utf-8")
    message = error_of(mini)
    assert re.search(r"data/papers\.yaml:\d+: YAML syntax error", message), message


def test_duplicate_key_in_one_entry_is_refused(mini):
    path = mini / "data" / "topics.yaml"
    path.write_text(path.read_text("utf-8") + "  id: again\n", "utf-8")
    assert "duplicate key 'id'" in error_of(mini)


def test_non_utf8_bytes_are_refused(mini):
    path = mini / "data" / "models.yaml"
    path.write_bytes(path.read_bytes() + b"# \xff\xfe\n")
    message = error_of(mini)
    assert "data/models.yaml" in message and "UTF-8" in message


def test_unknown_id_in_a_section_names_file_and_line(mini):
    page = mini / "docs" / "sections" / "demo.md"
    text = page.read_text("utf-8") + "\n见 {cite:nobody2020}。\n"
    page.write_text(text, "utf-8")
    message = error_of(mini)
    line = text.count("\n")  # the line just written, counted from 1 with the front matter
    assert f"docs/sections/demo.md:{line}:" in message and "nobody2020" in message


def test_section_without_translation_is_refused(mini):
    (mini / "docs" / "sections" / "demo.en.md").unlink()
    assert "demo.en.md is missing" in error_of(mini)


def test_all_errors_are_reported_at_once(mini):
    edit(mini, "papers", lambda d: [p.pop("year") for p in d])
    assert error_of(mini).count("'year'") == 2


def test_section_with_an_unknown_topic_names_file_and_field(mini):
    page = mini / "docs" / "sections" / "demo.en.md"
    text = page.read_text("utf-8")
    page.write_text(text.replace("topics: [", "topics: [astrology, ", 1), "utf-8")
    assert "topics: [astrology" in page.read_text("utf-8")
    message = error_of(mini)
    assert "docs/sections/demo.en.md" in message and "topics" in message and "astrology" in message


def test_chart_tells_the_article_era_from_later_models_and_links_every_point():
    """~40 models over 2018-2025: every point a link with a <title>, later ones marked apart.
    (Failed before the chart knew eras: one kind of dot, no links, appendix models only.)"""
    from types import SimpleNamespace

    from llmkb import languages
    from llmkb.chart import parameter_chart

    models = {f"m{i}": {"id": f"m{i}", "name": {"zh": f"模型{i}", "en": f"Model {i}"},
                        "organization": {"zh": "某实验室", "en": "A lab"}, "parameters": 10 ** (8 + i % 5) * (1 + i % 7),
                        "announced": f"{2018 + i % 8}-{1 + i % 12:02d}", "appendix": i % 9 == 0}
              for i in range(40)}
    ns = "{http://www.w3.org/2000/svg}"
    registry = {lang.code: lang for lang in languages.load(ROOT)}
    for lang, later in (("zh", "原文之后"), ("en", "Since the article")):
        svg = ET.fromstring(parameter_chart(SimpleNamespace(models=models), registry[lang]))
        points = svg.findall(f".//{ns}a")
        assert len(points) == 40
        assert all(p.find(f"{ns}title") is not None and p.get("href").startswith("../models/m") for p in points)
        eras = {p.get("class").split("--")[-1] for p in points}
        assert eras == {"before", "after"}
        after = [p for p in points if p.get("class").endswith("--after")]
        assert all(m["announced"] > "2023-01" for m in models.values()
                   if any(p.get("href") == f"../models/{m['id']}/" for p in after))
        assert later in "".join(svg.itertext())


@pytest.mark.parametrize("new, message", [
    ("", "front matter needs 'article_heading'"),
    ('article_heading: "另一个标题"\n', "'article_heading' differs between the languages"),
])
def test_a_section_quotes_the_articles_heading_the_same_in_every_language(mini, new, message):
    """The heading is what search finds a section by ("为什么是OpenAI") and what its box quotes."""
    page = mini / "docs" / "sections" / "demo.en.md"
    page.write_text(page.read_text("utf-8").replace('article_heading: "演示"\n', new), "utf-8")
    error = error_of(mini)
    assert "docs/sections/demo.en.md" in error and "field 'article_heading'" in error and message in error
