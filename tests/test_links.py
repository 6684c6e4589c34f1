"""Every link and #anchor of the built site resolves; nothing is loaded from another origin."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import SUBPATH, html_pages


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for attr in ("href", "src", "srcset", "poster", "data"):
            if attrs.get(attr):
                self.links.append((tag, attr, attrs[attr]))


def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text("utf-8"))
    return collector


def _target(site: Path, page: Path, href: str) -> tuple[Path, str]:
    parts = urlsplit(href)
    base = page.parent.relative_to(site).as_posix()
    if parts.path.startswith(f"/{SUBPATH}/"):  # root-relative, as the home pages' alternates are
        base, parts = "", parts._replace(path=parts.path[len(SUBPATH) + 2:] or ".")
    rel = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else \
        page.relative_to(site).as_posix()
    target = site / rel
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def test_internal_links_and_anchors_resolve(site):
    ids_cache: dict[Path, set[str]] = {}
    broken = []
    pages = html_pages(site)
    assert len(pages) > 100
    for page in pages:
        if page.name == "404.html":
            continue  # its links are absolute, built from site_url
        for tag, attr, href in parse(page).links:
            if tag == "link" and attr == "href" and href.startswith("http"):
                continue  # canonical URL, checked below
            scheme = urlsplit(href).scheme
            if scheme or href.startswith(("//", "mailto:", "data:")):
                continue
            target, fragment = _target(site, page, href)
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {href} (no {target.relative_to(site)})")
                continue
            if fragment and target.suffix == ".html":
                if target not in ids_cache:
                    ids_cache[target] = parse(target).ids
                if unquote(fragment) not in ids_cache[target]:
                    broken.append(f"{page.relative_to(site)}: {href} (no #{fragment})")
    assert not broken, "\n".join(broken[:50])


EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']((?:https?:)?//[^"']+)""")
CSS_URL = re.compile(r"""url\(\s*["']?((?:https?:)?//[^)"']+)""")
IMPORT = re.compile(r"""@import\s+["']((?:https?:)?//[^"']+)""")


def test_nothing_is_loaded_from_another_origin(site):
    """Scripts, styles, fonts, images, frames: all from the site itself (readers in China)."""
    offenders = []
    for page in html_pages(site):
        collector = parse(page)
        for tag, attr, value in collector.links:
            loads = (tag in ("script", "img", "iframe", "source", "video", "audio", "embed", "object")
                     or tag == "link" and attr == "href" and value)
            if not loads or tag == "link" and _is_navigation_link(page, value):
                continue
            if urlsplit(value).scheme in ("http", "https") or value.startswith("//"):
                offenders.append(f"{page.relative_to(site)}: <{tag} {attr}={value}>")
    for path in list(site.rglob("*.css")) + list(site.rglob("*.js")):
        text = path.read_text("utf-8", errors="replace")
        for url in CSS_URL.findall(text) + IMPORT.findall(text):
            if not url.startswith("http://www.w3.org/"):
                offenders.append(f"{path.relative_to(site)}: {url}")
    assert not offenders, "\n".join(offenders[:30])


def _is_navigation_link(page: Path, href: str) -> bool:
    """<link rel=canonical/alternate> name URLs; they load nothing."""
    html = page.read_text("utf-8")
    return bool(re.search(rf'<link rel="(?:canonical|alternate)"[^>]*href="{re.escape(href)}"', html))


def test_no_font_service_or_cdn_is_mentioned(site):
    """Every page, Chinese ones included (before, the first 50 sorted were all English)."""
    for page in html_pages(site):
        html = page.read_text("utf-8")
        for host in ("fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr.net", "unpkg.com",
                     "api.github.com"):
            assert host not in html, f"{page}: {host}"
