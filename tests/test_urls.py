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


def test_no_published_url_disappears(site):
    urls = built_urls(site)
    if os.environ.get("UPDATE_URLS"):
        LIST.write_text("".join(f"{u or '/'}\n" for u in sorted(urls)), "utf-8")
    published = set(LIST.read_text("utf-8").split())
    # The home pages are listed as "/" and "en/".
    published = {"" if u == "/" else u for u in published}
    gone = sorted(published - urls)
    assert not gone, ("published URLs no longer exist; add a redirect in mkdocs.yml "
                      "(plugins.redirects.redirect_maps):\n" + "\n".join(gone))
    new = sorted(urls - published)
    assert not new, "new pages: record them with UPDATE_URLS=1 pytest tests/test_urls.py\n" + "\n".join(new)


def test_the_guard_notices_a_missing_page(site, tmp_path):
    urls = built_urls(site)
    assert "sections/scaling/" in urls and "en/papers/kaplan2020scaling/" in urls
    assert "sections/nowhere/" not in urls
