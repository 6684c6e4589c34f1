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
MARKER = re.compile(r"(?<!\\)\{(citet|cite|paper|model|claim):([^}|\s]*)(?:\|([^}]*))?\}")
# Anything that looks like a marker, even a malformed one, left in a built page.
LEFTOVER = re.compile(r"\{\s*(?:citet|cite|paper|model|claim)\s*:[^}]*\}")
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


def anchor(ident: str, n: int) -> str:
    """The id of the n-th (1-based) citation of a paper or model on a page: ``cite-ID-N``."""
    return f"cite-{ident}-{n}"


def claim_anchor(ident: str) -> str:
    return f"claim-{ident}"
