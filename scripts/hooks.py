"""MkDocs hooks: generate the data pages before each build and resolve markers in pages.

mkdocs-static-i18n only localizes real files inside docs_dir, so the generator writes real
``.md``/``.en.md`` files (git-ignored) in ``on_pre_build``. The i18n plugin re-runs the whole
build once per language, so every hook here must be idempotent.
"""

from __future__ import annotations

import html as htmllib
import logging
import re
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from llmkb import DataError
from llmkb.build import generate
from llmkb.render import BLOCKS
from llmkb.search import SearchBuildError, build_indexes, check_tool
from llmkb.terms import link_terms
from llmkb.text import replace_markers
from llmkb.write import GENERATED

log = logging.getLogger("mkdocs.hooks.llmkb")
STATE: dict = {}
BLOCK = re.compile(r"^<!-- kb:([a-z-]+) -->$", re.M)
DATA_OF = {"papers": "data/papers.yaml", "models": "data/models.yaml", "topics": "data/topics.yaml",
           "glossary": "data/glossary.yaml", "timeline": "data/papers.yaml"}


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    try:
        check_tool()
    except SearchBuildError as err:
        raise PluginError(str(err)) from None
    return config


def _git_dates(root: Path) -> dict[str, str]:
    """Last commit date of every tracked file, from one `git log` call."""
    try:
        out = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--no-renames"],
                             cwd=root, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in out.splitlines():
        if line.startswith("\x00"):
            current = line[1:]
        elif line and line not in dates:
            dates[line] = current
    return dates


def on_pre_build(config):
    root = _root(config)
    try:
        kb, counts = generate(root, Path(config.docs_dir))
    except DataError as err:
        raise PluginError(f"bad input, nothing was generated:\n{err}") from None
    STATE.update(kb=kb, root=root, dates=_git_dates(root))
    if counts["written"] or counts["removed"]:
        log.info(f"generated pages: {counts}")


def _lang(page) -> str:
    return getattr(page.file, "locale", None) or "zh"


def _source_uri(page) -> str:
    """``sections/scaling.md`` for both languages' files, as links are written."""
    return page.file.src_uri.replace(".en.md", ".md")


def on_page_markdown(markdown, page, config, files):
    kb, lang, src = STATE["kb"], _lang(page), _source_uri(page)
    markdown = replace_markers(kb, markdown, lang, src)
    markdown = BLOCK.sub(lambda m: _block(m.group(1), kb, lang, src, page), markdown)

    folder = src.split("/", 1)[0]
    source = f"docs/{page.file.src_uri}"
    if folder in GENERATED:
        source = DATA_OF.get(folder, source)
        if config.repo_url:
            page.edit_url = f"{config.repo_url.rstrip('/')}/edit/main/{source}"
    when = STATE["dates"].get(source)
    if when:
        page.meta["revision_date"] = when
    return markdown


def _block(name: str, kb, lang: str, src: str, page) -> str:
    if name not in BLOCKS:
        raise PluginError(f"docs/{page.file.src_uri}: unknown block marker <!-- kb:{name} -->")
    return BLOCKS[name](kb, lang, src)


def on_page_content(html, page, config, files):
    if _source_uri(page).startswith("sections/"):
        glossary = files.get_file_from_path("glossary/index.md")
        html = link_terms(STATE["kb"], html, _lang(page), get_relative_url(glossary.url, page.url))
    return _math_to_mathml(html)


def on_page_context(context, page, config, nav):
    # MkDocs templates do not escape: Material prints the description into an attribute as it
    # is, so a quotation mark in it (from data or by hand) would end the attribute early.
    # Unescape first: the i18n plugin may hand the same page over more than once.
    if page.meta.get("description"):
        page.meta["description"] = htmllib.escape(htmllib.unescape(str(page.meta["description"])))
    return context


_MATH = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>', re.S)


def _math_to_mathml(html: str) -> str:
    """Formulas become MathML at build time: no script or font from elsewhere to render them."""
    if "arithmatex" not in html:
        return html
    from latex2mathml.converter import convert

    return _MATH.sub(lambda m: convert(m.group(1).replace("&lt;", "<").replace("&gt;", ">")
                                       .replace("&amp;", "&")), html)


@event_priority(-110)  # after mkdocs-static-i18n (-100) has written the merged index
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # an inner, per-language build: the merged index is not final yet
    search = config.plugins.get("material/search") or config.plugins.get("search")
    try:
        counts = build_indexes(Path(config.site_dir), STATE["kb"], search.config.separator)
    except SearchBuildError as err:
        raise PluginError(str(err)) from None
    log.info(f"search: Pagefind indexes of {counts} pages")


def on_post_page(output, page, config):
    # Fail loudly rather than publish a page whose marker slipped through unresolved.
    if "{cite:" in output or "{paper:" in output or "{model:" in output:
        leftover = re.search(r"\{(?:cite|paper|model):[^}]*\}", output)
        if leftover and "<code" not in output[max(0, leftover.start() - 200):leftover.start()]:
            raise PluginError(f"docs/{page.file.src_uri}: unresolved marker {leftover.group(0)}")
    return output
