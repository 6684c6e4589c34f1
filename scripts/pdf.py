"""The whole survey as one PDF per language, printed by the Chromium the tests use.

    python scripts/pdf.py [SITE_DIR]     # default: site (run `bash scripts/dev.sh build` first)

Writes SITE_DIR/downloads/llm-kb.pdf (Chinese) and SITE_DIR/en/downloads/llm-kb.pdf (English):
the home page, the eight sections and the appendix, each section followed by its reference
list with URLs (the print stylesheet shows it). Chromium embeds a subset of every font it
uses, so the Chinese prints on a machine without Chinese fonts; the machine that makes the
PDF needs one (Debian: fonts-noto-cjk, installed by scripts/dev.sh). The home pages link to
the files; the Pages workflow runs this after `mkdocs build`.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import sys
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
NAME = "llm-kb.pdf"
FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;color:#666">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')

# Runs in the home page: appends each section's article, with its links made absolute so
# that they still lead somewhere from the PDF, and ids prefixed so that they stay unique.
COMBINE = """
async ([urls, served, pub]) => {
  const publish = (href) => href.startsWith(served) ? pub + href.slice(served.length) : href;
  const article = document.querySelector("article.md-content__inner");
  article.querySelectorAll(".md-source-file, .md-content__button").forEach(e => e.remove());
  for (const [i, url] of urls.entries()) {
    const html = await (await fetch(url)).text();
    const doc = new DOMParser().parseFromString(html, "text/html");
    const part = doc.querySelector("article.md-content__inner");
    part.querySelectorAll(".md-source-file, .md-content__button, .headerlink").forEach(e => e.remove());
    part.querySelectorAll("[href]").forEach(a => {
      const raw = a.getAttribute("href");
      a.setAttribute("href", raw.startsWith("#") ? "#s" + i + "-" + raw.slice(1) : publish(new URL(raw, url).href));
    });
    part.querySelectorAll("[src]").forEach(e => e.setAttribute("src", new URL(e.getAttribute("src"), url).href));
    part.querySelectorAll("[id]").forEach(e => e.id = "s" + i + "-" + e.id);
    const wrap = document.createElement("div");
    wrap.className = "kb-pdf-part";
    wrap.style.breakBefore = "page";
    wrap.append(...part.childNodes);
    article.append(wrap);
  }
  // Links on the home page point into the PDF where they can.
  article.querySelectorAll("a[href]").forEach(a => {
    const raw = a.getAttribute("href");
    if (!raw.startsWith("#")) a.setAttribute("href", publish(new URL(raw, location.href).href));
  });
  document.querySelectorAll("details").forEach(d => d.open = true);
  // Sort buttons as text: Chromium leaves a button blank in a table header repeated on a new page.
  document.querySelectorAll(".kb-sortable th > button").forEach(b => b.replaceWith(b.textContent));
}
"""


def sections() -> list[str]:
    """The survey's pages in reading order, from the nav of mkdocs.yml."""
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    nav = yaml.safe_load(text[text.index("\nnav:"):])["nav"]
    out: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, str) and item.startswith("sections/"):
                out.append(item[:-3] + "/")
            elif isinstance(item, dict):
                for value in item.values():
                    walk(value if isinstance(value, list) else [value])
    walk(nav)
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def make(site: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    # Links in the PDF lead to the published site: the address the site was built for.
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text("utf-8"))
    public = canonical.group(1) if canonical else base
    written = []
    try:
        with sync_playwright() as p:
            # Debian's chromium here; Playwright's own browser where there is none (the Pages workflow).
            browser = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else None,
                                        args=["--no-sandbox"])
            for prefix in ("", "en/"):
                page = browser.new_page(color_scheme="light")
                page.goto(base + prefix, wait_until="networkidle")
                page.emulate_media(media="print")
                page.evaluate(COMBINE, [[base + prefix + s for s in sections()], base, public])
                page.wait_for_load_state("networkidle")
                out = site / prefix / "downloads" / NAME
                out.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=str(out), format="A4", print_background=True, display_header_footer=True,
                         header_template="<span></span>", footer_template=FOOTER,
                         margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"})
                written.append(out)
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return written


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site")
    if not (site / "index.html").is_file():
        sys.exit(f"{site} holds no built site: run `bash scripts/dev.sh build` first")
    for path in make(site):
        print(f"{path.relative_to(site)}: {path.stat().st_size / 1e6:.1f} MB")
