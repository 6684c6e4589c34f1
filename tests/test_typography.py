"""Chinese typography over the Chinese sources and the Chinese text of the data.

Rules (CONTRIBUTING.md): a space between Chinese and Latin letters or digits; full-width
punctuation inside Chinese sentences; no space before full-width punctuation or between two
Chinese characters.
"""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT

CJK = r"[\u4e00-\u9fff]"
RULES = [
    (re.compile(rf"{CJK}[A-Za-z0-9]|[A-Za-z0-9]{CJK}"), "a space is needed between Chinese and Latin/digits"),
    (re.compile(rf"{CJK}[,;:?!]|{CJK}\.(?!\d)|{CJK}\(|\){CJK}"), "half-width punctuation next to Chinese"),
    (re.compile(r" [，。：；！？、）」』》]"), "space before full-width punctuation"),
    (re.compile(r"[（「『《] "), "space after full-width opening punctuation"),
    (re.compile(rf"{CJK} +{CJK}"), "space between two Chinese characters"),
]

MODELS = {m["id"]: m for m in yaml.safe_load((ROOT / "data" / "models.yaml").read_text("utf-8"))}


def _model_name(m: re.Match) -> str:
    model = MODELS.get(m.group(1))
    return model["name"]["zh"] if model else "X"


def prose(line: str) -> str:
    """The text a reader sees, with Markdown syntax reduced to neutral placeholders."""
    line = re.sub(r"<!--.*?-->", "", line)
    line = re.sub(r"《[^》]*》", "《X》", line)  # titles are quoted as published
    line = re.sub(r"`[^`]*`", "X", line)
    line = re.sub(r"\{model:([^}|]+)\}", _model_name, line)
    line = re.sub(r"\{citet:[^}]*\}", "X（X）", line)   # how llmkb.markers renders them in Chinese
    line = re.sub(r"\{cite:[^}]*\}", "（X）", line)
    line = re.sub(r"\{paper:[^}]*\}", "X", line)
    line = re.sub(r"\{claim:[^}]*\}", "", line)
    line = re.sub(r"\{\s*[#:.][^}]*\}", "", line)          # attribute lists, heading ids
    line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)  # links keep their text
    line = re.sub(r"\$[^$]*\$", "X", line)
    line = re.sub(r"\*\*|__", "", line)
    line = re.sub(r"<[^>]+>", "", line)
    return line


def check_text(text: str) -> list[str]:
    problems = []
    for pattern, why in RULES:
        for m in pattern.finditer(text):
            problems.append(f"{why}: …{text[max(0, m.start() - 12):m.end() + 12]}…")
    return problems


def zh_sources():
    docs = ROOT / "docs"
    return sorted(p.relative_to(ROOT).as_posix() for p in docs.rglob("*.md")
                  if not p.name.endswith(".en.md") and p.relative_to(docs).parts[0] in ("sections", "index.md", "errata.md"))


@pytest.mark.parametrize("source", zh_sources())
def test_chinese_source(source):
    problems = []
    in_fence = in_front = False
    for number, line in enumerate((ROOT / source).read_text("utf-8").splitlines(), start=1):
        if number == 1 and line == "---":
            in_front = True
            continue
        if in_front:
            in_front = line != "---"
            if not line.startswith("description:"):
                continue
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence or line.startswith("| ---"):
            continue
        problems += [f"{source}:{number}: {p}" for p in check_text(prose(line))]
    assert not problems, "\n".join(problems)


def _zh_strings(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "zh" and isinstance(value, str):
                yield path + ".zh", value
            elif key == "zh" and isinstance(value, list):
                for i, v in enumerate(value):
                    yield f"{path}.zh[{i}]", v
            else:
                yield from _zh_strings(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            label = item.get("id", i) if isinstance(item, dict) else i
            yield from _zh_strings(item, f"{label}")


@pytest.mark.parametrize("name", ["papers", "models", "glossary", "topics", "figures", "scaling"])
def test_chinese_text_in_data(name):
    data = yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text("utf-8"))
    problems = [f"data/{name}.yaml: {where}: {p}" for where, text in _zh_strings(data)
                for p in check_text(text)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("text", ["GPT-3有1750亿参数", "模型,参数", "参数 。", "大 模型", "（ 注"])
def test_lint_catches_each_rule(text):
    assert check_text(prose(text)), text


@pytest.mark.parametrize("text", ["GPT-3 有 1750 亿参数。", "见 {cite:kaplan2020scaling}。",
                                  "在[第 3 节](scaling.md#scaling-laws)中", "（ICL）是", "`x`"])
def test_lint_accepts_good_text(text):
    assert not check_text(prose(text)), text


# English a Chinese page uses on purpose: a prompt quoted as the paper typed it, a benchmark's name.
ENGLISH_ALLOWED = ("Let's think step by step", "Instruction Induction")


def _english_forms(glossary) -> list[tuple[str, str]]:
    """(English form, the Chinese term) for terms whose Chinese form the glossary gives."""
    forms = []
    for term in glossary:
        chinese = {w.casefold() for w in [term["term"]["zh"], *term.get("aliases", {}).get("zh", [])]}
        for word in [term["term"]["en"], *term.get("aliases", {}).get("en", [])]:
            if word.casefold() not in chinese:
                forms.append((word, term["term"]["zh"]))
    return forms


@pytest.mark.parametrize("path", [p for p in zh_sources() if p.startswith("docs/sections/")])
def test_chinese_prose_uses_the_chinese_terms(path):
    """上下文学习, not "in-context learning", in a Chinese sentence; an English gloss in brackets
    after the Chinese term (伸缩法则（scaling law）) and code are fine."""
    glossary = yaml.safe_load((ROOT / "data" / "glossary.yaml").read_text("utf-8"))
    forms = _english_forms(glossary)
    text = (ROOT / path).read_text("utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    problems, fence = [], False
    for number, line in enumerate(body.split("\n"), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if fence:
            continue
        plain = re.sub(r"（[^）]*）|“[^”]*”|\"[^\"]*\"", "", prose(line))
        for phrase in ENGLISH_ALLOWED:
            plain = re.sub(re.escape(phrase), "", plain, flags=re.I)
        for word, chinese in forms:
            if re.search(rf"(?<![A-Za-z-]){re.escape(word)}(?![A-Za-z])", plain, re.I):
                problems.append(f"{path}: “{word}” in a Chinese sentence; the glossary says {chinese}: {line[:60]}…")
    assert not problems, "\n".join(problems)
