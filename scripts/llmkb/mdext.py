"""Page-time processing, in one Python-Markdown extension working on the element tree.

- Markers (``{cite:id}`` and friends, see ``markers``) become links: an inline pattern, so
  code spans and fenced blocks are never touched.
- Each citation gets the anchor ``cite-ID-N`` that the "Cited in" lists link to.
- The first use of each glossary term on a section page links to its definition (a title
  that Material shows as a tooltip); never inside links, code, headings or formulas.
- Formulas (pymdownx.arithmatex, generic mode) become MathML at build time: no script or
  font from elsewhere is needed to read them.

``scripts/hooks.py`` registers the extension and tells it, before each page, which page
and language it is rendering (``KBExtension.page``).
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from . import markers, terms
from .errors import DataError
from .languages import Language
from .text import cite_text, one_line, paper_tooltip, rel

# Where a glossary link would be wrong or noisy.
_SKIP = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "script", "style", "svg",
         "summary", "kbd", "data", "time", "math", "button", "figcaption"}


@dataclass
class PageContext:
    kb: object
    lang: Language
    src: str          # the page's source path as links are written ("sections/scaling.md")
    path: str         # the file as shown in errors ("docs/sections/scaling.en.md")
    link_terms: bool  # glossary links on this page


class KBExtension(Extension):
    def __init__(self, **kwargs):
        self.page: PageContext | None = None
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After backslash escapes (180) and code spans (190), before links (160).
        md.inlinePatterns.register(_Markers(markers.MARKER.pattern, self), "kb-markers", 175)
        # After the inline pass (20); before toc and MkDocs' anchor collection (5).
        md.treeprocessors.register(_Anchors(md, self), "kb-anchors", 15)
        md.treeprocessors.register(_Math(md, self), "kb-math", 14)
        md.treeprocessors.register(_Glossary(md, self), "kb-glossary", 13)


class _Markers(InlineProcessor):
    def __init__(self, pattern, ext: KBExtension):
        super().__init__(pattern)
        self.ext = ext

    def handleMatch(self, m, data):  # noqa: N802 - Python-Markdown's name
        page = self.ext.page
        if page is None:
            return None, None, None
        kind, ident, locator = m.groups()
        kb, lang = page.kb, page.lang
        store = getattr(kb, markers.TARGET[kind])
        if ident not in store:
            raise DataError(page.path, f"unknown {kind} id '{ident}' in {m.group(0)}")
        if kind == "claim":
            return _claim(kb, lang, page.src, ident), m.start(0), m.end(0)
        target = f"{'models' if kind == 'model' else 'papers'}/{ident}.md"
        a = etree.Element("a", {"href": rel(page.src, target), "data-kb-anchor": ident})
        a.text = AtomicString(_paren_inner(kb, ident, locator, lang) if kind == "cite"
                              else cite_text(kb, kind, ident, locator, lang))
        if kind == "model":
            a.set("class", "kb-model")
            return a, m.start(0), m.end(0)
        a.set("title", paper_tooltip(kb.papers[ident], lang))
        if kind == "paper":
            a.set("class", "kb-paper")
            return a, m.start(0), m.end(0)
        a.set("class", "kb-cite")
        if kind == "citet":
            return a, m.start(0), m.end(0)
        span = etree.Element("span", {"class": "kb-citep"})
        span.text = AtomicString(lang.p.open.strip())
        span.append(a)
        a.tail = AtomicString(lang.p.close)
        return span, m.start(0), m.end(0)


def _paren_inner(kb, ident, locator, lang) -> str:
    """``Kaplan 等，2020，摘要``: the linked part of a parenthetical citation."""
    text = cite_text(kb, "cite", ident, locator, lang)
    return text[len(lang.p.open.strip()):-len(lang.p.close)]


def _claim(kb, lang: Language, src: str, ident: str) -> etree.Element:
    claim = kb.claims[ident]
    status = claim["status"]
    anchor = markers.claim_anchor(ident)
    if status == "verified":  # an anchor only: the citation beside it already says where
        el = etree.Element("span", {"class": "kb-claim", "id": anchor})
        return el
    el = etree.Element("a", {"class": f"kb-claim kb-claim--{status}", "id": anchor,
                             "href": rel(src, f"claims/index.md#{ident}"),
                             "title": lang.strings["claim_status_help"][status]})
    el.text = AtomicString(lang.strings["claim_status"][status])
    return el


class _Anchors(Treeprocessor):
    """Number citations in document order: the n-th citation of a paper gets ``cite-ID-n``."""

    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        counts: dict[str, int] = {}
        for el in root.iter():
            ident = el.attrib.pop("data-kb-anchor", None)
            if ident:
                counts[ident] = counts.get(ident, 0) + 1
                el.set("id", markers.anchor(ident, counts[ident]))


class _Math(Treeprocessor):
    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        from latex2mathml.converter import convert

        for el in root.iter():
            if "arithmatex" not in (el.get("class") or "").split():
                continue
            source = html.unescape(el.text or "").strip()
            display = "block" if source.startswith("\\[") else "inline"
            latex = source[2:-2] if source[:2] in ("\\(", "\\[") else source
            el.text = self.md.htmlStash.store(convert(latex.strip(), display=display))
            for child in list(el):
                el.remove(child)


class _Glossary(Treeprocessor):
    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        page = self.ext.page
        if page is None or not page.link_terms:
            return
        pattern, owner = terms.matcher(page.kb.glossary, page.lang)
        if pattern is None:
            return
        self.pattern, self.owner, self.used = pattern, owner, set()
        self.url = rel(page.src, "glossary/index.md")
        self._walk(root)

    def _skip(self, el) -> bool:
        return (el.tag in _SKIP or "arithmatex" in (el.get("class") or "")
                or "kb-claim" in (el.get("class") or ""))

    def _walk(self, el) -> None:
        if el.text and not isinstance(el.text, AtomicString):
            head, made = self._split(el.text)
            el.text = head
            for i, new in enumerate(made):
                el.insert(i, new)
        for child in list(el):
            if not self._skip(child):
                self._walk(child)
            if child.tail and not isinstance(child.tail, AtomicString):
                head, made = self._split(child.tail)
                child.tail = head
                index = list(el).index(child)
                for i, new in enumerate(made, start=1):
                    el.insert(index + i, new)

    def _split(self, text: str) -> tuple[str, list]:
        """``text`` as leading text plus <a> elements whose tails carry the rest."""
        lang = self.ext.page.lang
        made: list = []
        head, pos = None, 0
        for m in self.pattern.finditer(text):
            key = m.group(0).casefold() if lang.terms_ignore_case else m.group(0)
            term = self.owner.get(key)
            if term is None or term["id"] in self.used:
                continue  # the whole match is consumed, so 思维链 inside a used 零样本思维链 stays plain
            self.used.add(term["id"])
            before = text[pos:m.start()]
            if made:
                made[-1].tail = AtomicString((made[-1].tail or "") + before)
            else:
                head = before
            title = f"{term['term'][lang.code]}{lang.p.colon}{one_line(term['definition'][lang.code])}"
            a = etree.Element("a", {"class": "kb-term", "href": f"{self.url}#{term['id']}", "title": title})
            a.text = AtomicString(m.group(0))
            made.append(a)
            pos = m.end()
        if not made:
            return text, []
        # Tails are atomic: this pass has already read them (and the inline pass is over).
        made[-1].tail = AtomicString((made[-1].tail or "") + text[pos:])
        return head or "", made

