"""Step 1: read the data files and the hand-written section sources, without judging them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import markers
from .errors import DataError
from .languages import language_of

# The data files; ``claims`` is optional (a site may have no claim audit yet).
DATA_FILES = ("topics", "papers", "models", "glossary", "claims")
OPTIONAL = {"claims"}
SECTIONS_DIR = "sections"

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~9x faster when present


class _UniqueKeyLoader(_Base):
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


class Entries(list):
    """A data file's entries, with the line each entry starts on (``lines[i]``)."""

    lines: list[int]


def read_yaml(path: Path, shown: str) -> Entries:
    """A data file is a YAML list of mappings; anything else is an error naming the line."""
    text = read_text(path, shown)
    loader = _UniqueKeyLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err)
        raise DataError(shown, f"YAML syntax error: {problem}",
                        line=mark.line + 1 if mark else None) from None
    finally:
        loader.dispose()
    entries = Entries()
    entries.lines = []
    if data is None:
        return entries
    if not isinstance(data, list):
        raise DataError(shown, "must be a YAML list of entries", line=1)
    entries.extend(data)
    entries.lines = [item.start_mark.line + 1 for item in node.value]
    return entries


def load_data(root: Path) -> dict[str, Entries]:
    found = {}
    for name in DATA_FILES:
        path = root / "data" / f"{name}.yaml"
        if name in OPTIONAL and not path.exists():
            found[name] = Entries()
            found[name].lines = []
            continue
        found[name] = read_yaml(path, f"data/{name}.yaml")
    return found


# --- Hand-written pages ------------------------------------------------------------------

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{\s*#([A-Za-z0-9_-]+)[^}]*\})?\s*$")


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
    column: int
    heading: Heading | None
    paragraph: str
    n: int = 0  # the n-th citation of this id on the page (1-based), for its anchor


@dataclass
class Section:
    """A hand-written page in one language (``name`` is its path without suffix or .md)."""

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
    current: Heading | None = None
    lines = body.split("\n")
    found = list(markers.scan(body, first_line=offset + 1))
    by_line: dict[int, list] = {}
    for m in found:
        by_line.setdefault(m.line, []).append(m)
    in_fence = False
    counts: dict[str, int] = {}
    for number, line in enumerate(lines, start=offset + 1):
        if markers.FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        match = HEADING.match(line)
        if match:
            current = Heading(len(match.group(1)), match.group(2), match.group(3), number)
            section.headings.append(current)
        for m in by_line.get(number, []):
            counts[m.id] = counts.get(m.id, 0) + (m.kind != "claim")
            section.markers.append(Marker(m.kind, m.id, m.locator, number, m.column, current, line,
                                          counts[m.id]))
    return section


def load_pages(docs_dir: Path, languages, skip: tuple[str, ...]) -> list[Section]:
    """Every hand-written page in every language; ``skip`` holds the generated folders."""
    found = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel.split("/", 1)[0] in skip:
            continue
        base, lang = language_of(languages, rel)
        found.append(parse_section(path, f"docs/{rel}", base[: -len(".md")], lang.code))
    return found
