"""Entry point: load -> validate -> render -> write. Used by scripts/hooks.py and the tests."""

from __future__ import annotations

from pathlib import Path

from . import languages, load, render, validate, write
from .validate import KB


def prepare(root: Path, docs_dir: Path | None = None) -> tuple[KB, dict[str, str]]:
    """Everything but the disk: raises DataError before a single file is written."""
    docs_dir = docs_dir or root / "docs"
    langs = languages.load(root)
    data = load.load_data(root)
    pages = load.load_pages(docs_dir, langs, skip=write.GENERATED)
    kb = validate.validate(root, data, pages, langs)
    return kb, render.render_all(kb)


def generate(root: Path, docs_dir: Path | None = None) -> tuple[KB, dict[str, int]]:
    docs_dir = docs_dir or root / "docs"
    kb, outputs = prepare(root, docs_dir)
    return kb, write.write_outputs(docs_dir, outputs)


if __name__ == "__main__":
    import sys

    from .errors import DataError

    try:
        _, counts = generate(Path(sys.argv[1] if len(sys.argv) > 1 else "."))
    except DataError as err:
        sys.exit(f"error: {err}")
    print(counts)
