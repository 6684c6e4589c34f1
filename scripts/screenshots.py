"""Screenshots of every page kind of the built site, for a person to look at.

    python scripts/screenshots.py [SITE_DIR] [OUT_DIR] [KIND ...]   (defaults: site, screenshots, all)
    bash scripts/dev.sh screenshots                                 # the same, after a build

Each page kind (home, section, paper, model, model table, chart, glossary, topic, timeline,
errata, 404) in zh and en, on a desktop (1366×900) and a phone (390×844), light and dark:
OUT_DIR/KIND-LANG-SIZE-SCHEME.png, the first screen of the page, or of the part named after
`#`. The site is served as GitHub Pages serves it: folders as index.html, missing paths as the
root 404.html. Needs Debian's chromium and a CJK font (fonts-noto-cjk; scripts/dev.sh installs it).
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "home": "", "section": "sections/scaling/", "paper": "papers/kojima2022zeroshotcot/",
    "model": "models/gpt-3/", "models": "models/", "chart": "sections/appendix/#parameter-chart",
    "glossary": "glossary/", "topic": "topics/emergence/", "timeline": "timeline/", "errata": "errata/",
    "missing": "no-such-page/",
}
SIZES = {"desk": (1366, 900), "phone": (390, 844)}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Like GitHub Pages: a missing path gets the site's root 404.html, with status 404."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main(site: Path, out: Path, kinds: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    server, base = serve(site)
    count = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for scheme in ("light", "dark"):
            for size, (w, h) in SIZES.items():
                context = browser.new_context(viewport={"width": w, "height": h}, color_scheme=scheme,
                                              device_scale_factor=1, is_mobile=size == "phone",
                                              has_touch=size == "phone")
                page = context.new_page()
                for lang in ("zh", "en"):
                    for name in kinds:
                        page.goto(base + ("en/" if lang == "en" else "") + PAGES[name], wait_until="networkidle")
                        page.screenshot(path=out / f"{name}-{lang}-{size}-{scheme}.png")
                        count += 1
                context.close()
        browser.close()
    server.shutdown()
    print(f"{count} screenshots in {out}/")


if __name__ == "__main__":
    args = sys.argv[1:]
    site = Path(args[0]) if args else Path("site")
    out = Path(args[1]) if len(args) > 1 else Path("screenshots")
    kinds = args[2:] or list(PAGES)
    unknown = [k for k in kinds if k not in PAGES]
    if unknown:
        sys.exit(f"unknown page kind {unknown}; known: {', '.join(PAGES)}")
    main(site, out, kinds)
