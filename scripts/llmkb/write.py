"""Step 4: put rendered files under docs/, touching only what changed.

Only changed files are rewritten so that ``mkdocs serve`` does not see its own output as
an edit and rebuild forever; files a previous run generated but this one did not are removed.
"""

from __future__ import annotations

from pathlib import Path

GENERATED = ("models", "papers", "topics", "glossary", "timeline", "downloads", ".generated")


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
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        counts["written"] += 1
    for folder in GENERATED:
        for path in sorted((docs_dir / folder).rglob("*")) if (docs_dir / folder).is_dir() else []:
            if path.is_file() and path.relative_to(docs_dir).as_posix() not in outputs:
                path.unlink()
                counts["removed"] += 1
    return counts
