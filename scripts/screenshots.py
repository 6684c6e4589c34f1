"""Screenshots of the built site for review: zh and en, light and dark, narrow and wide.

Usage: python scripts/screenshots.py [SITE_DIR] [OUT_DIR]   (defaults: site, screenshots)
Needs Debian's chromium; the CJK glyphs need a CJK font (fonts-noto-cjk).
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {"home": "", "scaling": "sections/scaling/", "models": "models/", "paper": "papers/kojima2022zeroshotcot/",
         "appendix": "sections/appendix/", "glossary": "glossary/"}
SIZES = {"wide": (1280, 900), "narrow": (390, 844)}


def main(site: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for scheme in ("light", "dark"):
            for size, (w, h) in SIZES.items():
                context = browser.new_context(viewport={"width": w, "height": h}, color_scheme=scheme)
                page = context.new_page()
                for lang in ("zh", "en"):
                    for name, path in PAGES.items():
                        page.goto(base + ("en/" if lang == "en" else "") + path, wait_until="networkidle")
                        page.screenshot(path=out / f"{name}-{lang}-{scheme}-{size}.png")
                context.close()
        browser.close()
    server.shutdown()
    print(f"screenshots in {out}/")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "site"), Path(sys.argv[2] if len(sys.argv) > 2 else "screenshots"))
