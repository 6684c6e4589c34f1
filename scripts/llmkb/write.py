"""Step 4: put rendered files under docs/, touching only what changed.

Only changed files are rewritten so that ``mkdocs serve`` does not see its own output as
an edit and rebuild forever; files a previous run generated but this one did not are removed.
"""

from __future__ import annotations

import os
from pathlib import Path

# Every folder the generator owns under docs/, and the data file an "edit this page" link of
# its pages points to. .gitignore lists the same folders (a test checks it).
FOLDERS = {
    "papers": "data/papers.yaml",
    "models": "data/models.yaml",
    "topics": "data/topics.yaml",
    "glossary": "data/glossary.yaml",
    "timeline": "data/papers.yaml",
    "claims": "data/claims.yaml",
    "downloads": "data/models.yaml",
}
GENERATED = tuple(FOLDERS)
# What a build reads: a copy of these (without the generated folders) builds the same site.
SOURCES = ("mkdocs.yml", "overrides", "scripts", "data", "i18n", "docs")


def copy_project(root: Path, dest: Path) -> Path:
    """A copy of the project's sources without generated pages, for tests and benchmarks."""
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    for part in SOURCES:
        if (root / part).is_dir():
            shutil.copytree(root / part, dest / part, ignore=shutil.ignore_patterns(*GENERATED, "__pycache__"))
        else:
            shutil.copy(root / part, dest / part)
    return dest


def write_outputs(docs_dir: Path, outputs: dict[str, str]) -> dict[str, int]:
    counts = {"written": 0, "unchanged": 0, "removed": 0}
    for rel_path in outputs:
        if rel_path.split("/", 1)[0] not in GENERATED:
            raise ValueError(f"refusing to write outside the generated folders: {rel_path}")
    for rel_path, text in sorted(outputs.items()):
        path = docs_dir / rel_path
        data = text.encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            counts["unchanged"] += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        # A name of its own per process: parallel test workers may write the same tree.
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        counts["written"] += 1
    for folder in GENERATED:
        for path in sorted((docs_dir / folder).rglob("*")) if (docs_dir / folder).is_dir() else []:
            if path.is_file() and path.relative_to(docs_dir).as_posix() not in outputs:
                path.unlink()
                counts["removed"] += 1
    return counts
