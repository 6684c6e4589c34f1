"""URL stability: every published URL stays reachable, or a redirect takes its place.

``tests/published_urls.txt`` lists the site's public pages. A page that disappears or moves
fails this test until a redirect is added (``redirect_maps`` of mkdocs-redirects in
mkdocs.yml). New pages are added to the list with ``UPDATE_URLS=1 pytest tests/test_urls.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

LIST = Path(__file__).parent / "published_urls.txt"


def built_urls(site: Path) -> set[str]:
    urls = set()
    for page in site.rglob("index.html"):
        rel = page.parent.relative_to(site).as_posix()
        urls.add("" if rel == "." else rel + "/")
    return urls


def compare(published: set[str], urls: set[str]) -> tuple[list[str], list[str]]:
    """(URLs gone without a redirect, URLs not yet recorded)."""
    published = {"" if u == "/" else u for u in published}  # the home pages are listed as "/"
    return sorted(published - urls), sorted(urls - published)


def test_no_published_url_disappears(site):
    urls = built_urls(site)
    if os.environ.get("UPDATE_URLS"):
        LIST.write_text("".join(f"{u or '/'}\n" for u in sorted(urls)), "utf-8")
    gone, new = compare(set(LIST.read_text("utf-8").split()), urls)
    assert not gone, ("published URLs no longer exist; add a redirect in mkdocs.yml "
                      "(plugins.redirects.redirect_maps):\n" + "\n".join(gone))
    assert not new, "new pages: record them with UPDATE_URLS=1 pytest tests/test_urls.py\n" + "\n".join(new)


def test_the_guard_notices_a_missing_page(site):
    """The comparison itself, fed a published list with one page the site no longer has.

    Before, this test only checked that the fake page was not built, and never ran the guard."""
    urls = built_urls(site)
    published = {u or "/" for u in urls} | {"sections/nowhere/"}
    gone, new = compare(published, urls)
    assert gone == ["sections/nowhere/"] and new == []
    gone, new = compare(published - {"sections/scaling/"}, urls)
    assert "sections/scaling/" in new
