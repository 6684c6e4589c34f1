"""Generator of the knowledge base's data-driven pages.

The pipeline is four plain steps, each a module: ``load`` reads ``data/*.yaml`` and the
section sources, ``validate`` checks them (schema and cross-references), ``render`` turns
them into Markdown/BibTeX/CSV/JSON/SVG text, ``write`` puts that text under ``docs/``.
``build.generate`` runs them in that order; ``scripts/hooks.py`` calls it from MkDocs.
"""

from .errors import DataError

LANGS = ("zh", "en")

__all__ = ["DataError", "LANGS"]
