"""Generator of the knowledge base's data-driven pages, and its page-time Markdown extension.

Build time, four plain steps, each a module: ``load`` reads ``data/*.yaml`` and the
hand-written pages, ``validate`` checks them (schema and cross-references), ``render`` turns
them into Markdown/BibTeX/CSV/JSON/SVG text through the templates in ``templates/``, and
``write`` puts that text under ``docs/``. ``build.generate`` runs them in that order.

Page time: ``mdext`` is a Python-Markdown extension that renders citation markers, glossary
links and formulas. ``scripts/hooks.py`` connects both to MkDocs.

``languages`` is the registry of languages (``i18n/*.yaml``); ``markers`` the marker syntax.
"""

from .errors import DataError

__all__ = ["DataError"]
