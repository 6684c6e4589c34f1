"""The marker syntax of hand-written pages, in one place (CONTRIBUTING.md documents it).

    {cite:id}  {cite:id|locator}    parenthetical citation: （Kaplan 等，2020，摘要）
    {citet:id} {citet:id|locator}   narrative citation:     Kaplan 等人（2020，摘要）
    {paper:id}                      the paper's title, linked
    {model:id}                      the model's name, linked
    {claim:id}                      the anchor of an entry of data/claims.yaml

The generator reads markers from the sources with ``scan`` (to validate them and to build
"Cited in" lists); the Markdown extension (``mdext``) renders them with the same ``MARKER``;
the post-build guard looks for ``LEFTOVER`` in the HTML. A backslash before the brace
(``\\{cite:x}``, which is how data text is escaped) is not a marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

KINDS = ("cite", "citet", "paper", "model", "claim")
# Which data each kind points into.
TARGET = {"cite": "papers", "citet": "papers", "paper": "papers", "model": "models", "claim": "claims"}
MARKER = re.compile(r"(?<!\\)\{(citet|cite|paper|model|claim):([^}|\s]*)(?:[|\u00a6]([^}]*))?\}")
# Anything that looks like the start of a marker left in a built page, closed or not (a table
# cell split at a marker's "|" leaves "{cite:id" in one cell and "locator}" in the next).
LEFTOVER = re.compile(r"\{\s*(?:citet|cite|paper|model|claim)\s*:[^}<\n]*\}?")
# Inside a table row the locator's "|" would split the cell; mdext swaps it for this before
# the table is parsed.
TABLE_SAFE_BAR = "\u00a6"
FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1")


@dataclass(frozen=True)
class Found:
    kind: str
    id: str
    locator: str | None
    line: int      # 1-based, in the file
    column: int    # 0-based, in that line
    text: str      # the whole source line


def _blank_code_spans(line: str) -> str:
    """The line with inline code replaced by spaces, so columns stay right."""
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def scan(text: str, first_line: int = 1) -> Iterator[Found]:
    """Every marker outside fenced blocks and inline code, in document order."""
    in_fence = False
    for number, line in enumerate(text.split("\n"), start=first_line):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for m in MARKER.finditer(_blank_code_spans(line)):
            yield Found(m.group(1), m.group(2), m.group(3), number, m.start(), line)


def table_safe(line: str) -> str:
    """The line with each marker's "|" replaced, outside code spans."""
    blanked = _blank_code_spans(line)
    chars = list(line)
    for m in MARKER.finditer(blanked):
        if m.group(3) is not None:
            bar = m.start() + m.group(0).index("|", len(m.group(1)) + 1)
            chars[bar] = TABLE_SAFE_BAR
    return "".join(chars)


def anchor(ident: str, n: int) -> str:
    """The id of the n-th (1-based) citation of a paper or model on a page: ``cite-ID-N``."""
    return f"cite-{ident}-{n}"


def claim_anchor(ident: str) -> str:
    return f"claim-{ident}"
