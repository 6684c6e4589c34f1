"""MkDocs hooks: generate the data pages before each build; hand each page to the extension.

mkdocs-static-i18n only localizes real files inside docs_dir, so the generator writes real
``page.md``/``page.en.md`` files (git-ignored) in ``on_pre_build``. The i18n plugin re-runs
the whole build once per language, so every hook here must be idempotent; the generator
itself runs once per change of its inputs. The work is done in ``llmkb``: these functions
only connect it to MkDocs.
"""

from __future__ import annotations

import hashlib
import html
import logging
import math
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from llmkb import DataError, languages, markers, render
from llmkb.build import prepare
from llmkb.figures import block as figure_block
from llmkb.figures import load_extras
from llmkb.mdext import KBExtension, PageContext
from llmkb.scaling import calculator
from llmkb.search import SearchBuildError, build_indexes, check_tool
from llmkb.text import author_year
from llmkb.write import FOLDERS, write_outputs

log = logging.getLogger("mkdocs.hooks.llmkb")
STATE: dict = {}
EXTENSION = KBExtension()
BLOCK = re.compile(r"^<!-- kb:([a-z-]+)(?: ([a-z0-9-]+))? -->$", re.M)  # name, optional argument


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    try:  # the search index is made by Pagefind's binary: without it, stop here, clearly
        check_tool()
    except SearchBuildError as err:
        raise PluginError(str(err)) from None
    if EXTENSION not in config.markdown_extensions:
        config.markdown_extensions.append(EXTENSION)
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


def _fingerprint(root: Path, docs_dir: Path) -> str:
    """What the generator reads; the same fingerprint means the same output."""
    digest = hashlib.sha256()
    paths = [*root.glob("data/**/*"), *root.glob("i18n/*"), *Path(render.TEMPLATES).glob("*"),
             *(p for p in docs_dir.rglob("*.md") if p.relative_to(docs_dir).parts[0] not in FOLDERS)]
    for path in sorted(p for p in paths if p.is_file()):
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def on_pre_build(config):
    root, docs_dir = _root(config), Path(config.docs_dir)
    fingerprint = _fingerprint(root, docs_dir)
    if STATE.get("fingerprint") != fingerprint:
        try:
            kb, outputs = prepare(root, docs_dir)
            # The scaling page's constants and the figures: checked before a page is written.
            scaling, figures = load_extras(root, set(kb.papers), set(kb.models))
            counts = write_outputs(docs_dir, outputs)
        except DataError as err:
            raise PluginError(f"bad input, nothing was generated:\n{err}") from None
        STATE.update(kb=kb, fingerprint=fingerprint, dates=_git_dates(root), scaling=scaling, figures=figures)
        if counts["written"] or counts["removed"]:
            log.info(f"generated pages: {counts}")


def _page(page) -> tuple[str, languages.Language]:
    """``sections/scaling.md`` (as links are written, in any language) and the page's language."""
    src, lang = languages.language_of(STATE["kb"].languages, page.file.src_uri)
    if lang.code != page.file.locale:  # the i18n plugin and the registry must agree
        raise PluginError(f"docs/{page.file.src_uri}: i18n says {page.file.locale}, i18n/ says {lang.code}")
    return src, lang


def on_page_markdown(markdown, page, config, files):
    kb = STATE["kb"]
    src, lang = _page(page)
    folder = src.split("/", 1)[0]
    is_section = folder == "sections"
    EXTENSION.page = PageContext(kb, lang, src, f"docs/{page.file.src_uri}", link_terms=is_section)

    reading = _reading_time(markdown, lang)  # of the text as written, before blocks add tables
    markdown = BLOCK.sub(lambda m: _block(m.group(1), kb, lang, src, page, m.group(2)), markdown)
    if is_section:
        about = render.about_article(kb, lang, src, page.meta.get("part"), page.meta.get("article_heading"),
                                     page.meta.get("topics"))
        markdown = _under_title(markdown, reading, about)
        markdown += _references(kb, lang, src, markdown)

    page.meta["kb_home"] = src == "index.md"  # each language's home (overrides/main.html)
    source = FOLDERS.get(folder) if folder in FOLDERS else f"docs/{page.file.src_uri}"
    if folder in FOLDERS and config.repo_url and config.edit_uri:
        # edit_uri points into docs/ (mkdocs.yml); data files sit beside docs/.
        base = config.edit_uri.rstrip("/").removesuffix(Path(config.docs_dir).name).strip("/")
        page.edit_url = f"{config.repo_url.rstrip('/')}/{base}/{source}"
    when = STATE["dates"].get(source)
    if when:
        page.meta["revision_date"] = when
    return markdown


def _block(name: str, kb, lang, src: str, page, arg: str | None = None) -> str:
    if name in ("figure", "scaling-calculator"):
        return _mechanics_block(name, arg, kb, lang, page)
    if name == "models-table" and arg == "appendix":  # the article's own eight models
        return render.models_table(kb, lang, src, appendix_only=True)
    if name not in render.BLOCKS or arg is not None:
        raise PluginError(f"docs/{page.file.src_uri}: unknown block marker <!-- kb:{name} -->")
    return render.BLOCKS[name](kb, lang, src)


def _mechanics_block(name: str, arg: str | None, kb, lang, page) -> str:
    """<!-- kb:figure ID --> and <!-- kb:scaling-calculator --> (issue 14). Their HTML is raw,
    so MkDocs does not rewrite links in it: URLs are made relative to the page here."""
    prefix = "" if lang.default else f"{lang.code}/"

    def url(folder: str, ident: str) -> str:
        return get_relative_url(f"{prefix}{folder}/{ident}/", page.url)

    def cite(paper: str, locator: str) -> str:
        label = f"{author_year(kb, kb.papers[paper], lang)}{lang.p.comma}{locator}"
        return f'<a class="kb-cite" href="{url("papers", paper)}">{html.escape(label)}</a>'

    if name == "figure" and arg in STATE["figures"]:
        return figure_block(STATE["figures"][arg], STATE["scaling"], lang.code, cite)
    if name == "scaling-calculator" and arg is None:
        script = get_relative_url("assets/javascripts/scaling.js", page.url)
        return calculator(STATE["scaling"], kb, lang.code, cite, lambda m: url("models", m), script)
    raise PluginError(f"docs/{page.file.src_uri}: unknown block marker <!-- kb:{name} {arg or ''} -->")


def _reading_time(markdown: str, lang) -> str:
    """About 400 Chinese characters or 230 English words a minute."""
    body = markers.MARKER.sub(" ", re.sub(r"```.*?```", "", markdown, flags=re.S))
    han = len(re.findall(r"[\u4e00-\u9fff]", body))
    words = len(re.findall(r"[A-Za-z]+", body))
    minutes = max(1, math.ceil(han / 400 + words / 230))
    return f'<p class="kb-reading-time">{lang.t("reading_time", minutes=minutes)}</p>'


# The title, then the key-points box if the section opens with one (CONTRIBUTING.md).
_OPENING = re.compile(r"^(# .*\n)(\s*\n!!! abstract .*\n(?:[ \t]*\n|    .*\n)*)?", re.M)


def _under_title(markdown: str, first: str, after_key_points: str) -> str:
    """Reading time under the title; the box on the article after the key points."""
    def put(m: re.Match) -> str:
        return f"{m.group(1)}\n{first}\n{m.group(2) or ''}\n{after_key_points}\n\n"

    return _OPENING.sub(put, markdown, count=1)


def _references(kb, lang, src: str, markdown: str) -> str:
    ids = []
    for found in markers.scan(markdown):
        if markers.TARGET[found.kind] == "papers" and found.id not in ids:
            ids.append(found.id)
    return "\n\n" + render.references(kb, lang, src, ids)


def on_page_context(context, page, config, nav):
    # MkDocs templates do not escape: Material prints the description into an attribute as it
    # is, so a quotation mark in it (from data or by hand) would end the attribute early.
    # Unescape first: the i18n plugin may hand the same page over more than once.
    import html

    if page.meta.get("description"):
        page.meta["description"] = html.escape(html.unescape(str(page.meta["description"])))
    _place_in_nav(page, nav)
    return context


# Generated pages outside the navigation, and the list each belongs to.
LIST_OF = {"papers": "papers/index.md", "models": "models/index.md", "topics": "topics/index.md",
           "downloads": "models/index.md"}


def _place_in_nav(page, nav) -> None:
    """A paper, model or topic page is not in the navigation, so Material shows no breadcrumb,
    no sidebar and no active tab there. It is given its list's nav section as parent (which
    marks the tab active and fills the breadcrumb) and the list page for the breadcrumb's end
    (overrides/partials/path.html)."""
    src = _page(page)[0]
    folder = src.split("/", 1)[0]
    if folder not in LIST_OF or src == LIST_OF[folder] or page.parent is not None:
        return
    listing = next((p for p in nav.pages if _page(p)[0] == LIST_OF[folder]), None)
    if listing is None:
        return
    page.parent = listing.parent
    page.meta["kb_list"] = listing
    page.active = True  # MkDocs set it before the parent existed; this marks the section too


TABLE_CLASS = "kb-table"
_BARE_TABLE = re.compile(r"<table>(.*?)</table>", re.S)


def prewrap_tables(html: str) -> str:
    """Material's script moves every ``table:not([class])`` into two wrapper divs once the page
    has loaded. A moved table loses its computed style and the browser restyles it from
    scratch: on the model table that was the longest task of the load (Total Blocking Time fell
    from 660 to 375 ms on a throttled phone without it). Each table (Markdown's and the figures' raw HTML
    alike) is wrapped here in the same markup and given a class, so the script leaves it in
    place; ``extra.css`` gives ``table.kb-table`` Material's table rules (a test checks the copy)."""
    return _BARE_TABLE.sub(
        lambda m: f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
                  f'<table class="{TABLE_CLASS}">{m.group(1)}</table></div></div>', html)


def on_page_content(html, page, config, files):
    """toc's permalink_title is one string for every language (mkdocs.yml gives the default
    language's): other languages get theirs from i18n/."""
    _, lang = _page(page)
    default = STATE["kb"].languages[0]
    if lang is not default:
        html = html.replace(f'title="{default.t("permalink_title")}"', f'title="{lang.t("permalink_title")}"')
    return prewrap_tables(html)


def on_post_template(output_content, template_name, config):
    """GitHub Pages serves one 404.html for every missing path. Each language build writes its
    own; the default language's stays at the root, the others go to ``<locale>/404.html``
    (overrides/404.html sends a missing English address there)."""
    if template_name != "404.html":
        return output_content
    i18n = config.plugins.get("i18n")
    lang = getattr(i18n, "current_language", None)
    default = getattr(i18n, "default_language", lang)
    if lang is None or lang == default:
        STATE["404"] = output_content
        return output_content
    target = Path(config.site_dir) / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output_content, "utf-8")
    return STATE.get("404", output_content)


class _TextOutsideCode(HTMLParser):
    """The text of a page outside <code>, <pre>, <script> and <style>: where a marker that was
    not rendered would be visible to a reader."""

    SKIP = {"code", "pre", "script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        self.depth += tag in self.SKIP

    def handle_endtag(self, tag):
        self.depth -= tag in self.SKIP and self.depth > 0

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def leftover_markers(html: str) -> list[str]:
    parser = _TextOutsideCode()
    parser.feed(html)
    return markers.LEFTOVER.findall(" ".join(parser.parts))


def on_post_page(output, page, config):
    # Fail loudly rather than publish a page whose marker slipped through unrendered.
    found = leftover_markers(output)
    if found:
        raise PluginError(f"docs/{page.file.src_uri}: unrendered marker {found[0]}")
    return output


@event_priority(-110)  # after mkdocs-static-i18n (-100) has written the merged index
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return  # an inner, per-language build: the merged index is not final yet
    search = config.plugins.get("material/search") or config.plugins.get("search")
    try:
        counts = build_indexes(Path(config.site_dir), STATE["kb"], search.config.separator)
    except SearchBuildError as err:
        raise PluginError(str(err)) from None
    log.info(f"search: Pagefind indexes of {counts} pages")
