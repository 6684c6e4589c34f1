"""Step 1: read the data files and the hand-written section sources, without judging them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import DataError

DATA_FILES = ("topics", "papers", "models", "glossary")
SECTIONS_DIR = "sections"


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML silently keeps the last of two equal keys; a typo would then lose data."""


def _mapping_without_duplicates(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}'", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


def read_text(path: Path, shown: str) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        raise DataError(shown, f"not valid UTF-8 (byte {err.start})", line=line) from None
    except FileNotFoundError:
        raise DataError(shown, "file is missing") from None


def read_yaml(path: Path, shown: str) -> list:
    """A data file is a YAML list of mappings; anything else is an error naming the line."""
    text = read_text(path, shown)
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err)
        raise DataError(shown, f"YAML syntax error: {problem}",
                        line=mark.line + 1 if mark else None) from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise DataError(shown, "must be a YAML list of entries")
    return data


def load_data(root: Path) -> dict[str, list]:
    return {name: read_yaml(root / "data" / f"{name}.yaml", f"data/{name}.yaml")
            for name in DATA_FILES}


# --- Section sources -------------------------------------------------------------------

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{\s*#([A-Za-z0-9_-]+)[^}]*\})?\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
# {paper:id} {cite:id} {cite:id|locator} {model:id}: see CONTRIBUTING.md.
MARKER = re.compile(r"\{(paper|cite|model):([^}|\s]*)(?:\|([^}]*))?\}")


@dataclass
class Heading:
    level: int
    text: str
    id: str | None
    line: int


@dataclass
class Marker:
    kind: str
    id: str
    locator: str | None
    line: int
    heading: Heading | None
    paragraph: str


@dataclass
class Section:
    name: str
    lang: str
    path: str
    meta: dict
    headings: list[Heading] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)

    @property
    def title(self) -> str:
        return next((h.text for h in self.headings if h.level == 1), self.name)


def split_front_matter(text: str, shown: str) -> tuple[dict, str, int]:
    """Returns (meta, body, number of lines the front matter took)."""
    if not text.startswith("---\n"):
        return {}, text, 0
    end = text.find("\n---\n", 4)
    if end < 0:
        raise DataError(shown, "front matter is not closed by '---'", line=1)
    try:
        meta = yaml.safe_load(text[4:end]) or {}
    except yaml.YAMLError as err:
        raise DataError(shown, f"front matter YAML error: {err}", line=1) from None
    if not isinstance(meta, dict):
        raise DataError(shown, "front matter must be a mapping", line=1)
    return meta, text[end + 5:], text[: end + 5].count("\n")


def parse_section(path: Path, shown: str, name: str, lang: str) -> Section:
    meta, body, offset = split_front_matter(read_text(path, shown), shown)
    section = Section(name=name, lang=lang, path=shown, meta=meta)
    lines = body.split("\n")
    in_fence = False
    current: Heading | None = None
    for number, line in enumerate(lines, start=offset + 1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        match = HEADING.match(line)
        if match:
            current = Heading(len(match.group(1)), match.group(2), match.group(3), number)
            section.headings.append(current)
        for m in MARKER.finditer(line):
            section.markers.append(Marker(m.group(1), m.group(2), m.group(3), number,
                                          current, line))
    return section


def load_sections(docs_dir: Path) -> list[Section]:
    """Every section in both languages: ``NAME.md`` is Chinese, ``NAME.en.md`` English."""
    found = []
    for path in sorted((docs_dir / SECTIONS_DIR).glob("*.md")):
        stem = path.name[: -len(".md")]
        name, lang = (stem[:-3], "en") if stem.endswith(".en") else (stem, "zh")
        shown = f"docs/{SECTIONS_DIR}/{path.name}"
        found.append(parse_section(path, shown, name, lang))
    return found
