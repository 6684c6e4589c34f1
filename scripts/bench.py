"""Figures, not timed tests: page weight, Lighthouse scores, and build cost at scale.

    python scripts/bench.py weight            # bytes (gzip) and requests per key page, per language
    python scripts/bench.py lighthouse [RUNS] # median of RUNS (3); needs npm's lighthouse@12.2.3, Debian's chromium
    python scripts/bench.py scale [N ...]     # synthetic data sets (default 100 1000), full builds
    python scripts/bench.py compare [RUNS] [--method=simulate|devtools]
                                              # Lighthouse on this site and on plain Material, interleaved

`compare` builds the plain-Material baseline with the script named by BENCH_BASELINE (default
../shared/bench/baseline/build.sh beside the repository: `build.sh OUT_DIR [MKDOCS]`), serves
both sites, and runs mobile Lighthouse RUNS times (default 3) on each page of both, page after
page, so that both see the same machine load. It prints medians and this site's ratio to the
baseline: only the ratio is stable on a shared machine.
    python scripts/bench.py search [SITE]     # tests/search_queries.yaml through the search box in Chromium
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from llmkb.build import generate  # noqa: E402  (the generator, whether or not it is installed)
from llmkb.write import copy_project  # noqa: E402
PAGES = {"home": "", "section": "sections/scaling/", "paper": "papers/kaplan2020scaling/", "models": "models/"}
BUDGET = 200 * 1024
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")


def build(project: Path, site: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                   cwd=project, env=dict(ENV, **(env or {})), check=True, capture_output=True)
    return time.perf_counter() - start


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves text gzipped on request, as GitHub Pages does, so Lighthouse sees what a reader gets."""

    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".bib", ".csv")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in self.COMPRESSIBLE or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        if path.name == "index.html" and not self.path.split("?")[0].endswith(("/", ".html")):
            return super().send_head()  # let the base class answer with its redirect to "dir/"
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site`` gzipped; a site built under a sub-path is served from its parent folder."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def weight() -> None:
    from playwright.sync_api import sync_playwright

    site = Path(tempfile.mkdtemp()) / "site"
    seconds = build(ROOT, site)
    server, base = serve(site)
    print(f"build: {seconds:.1f} s; pages: zh {len(list(site.glob('**/index.html'))) - len(list((site / 'en').glob('**/index.html')))}, "
          f"en {len(list((site / 'en').glob('**/index.html')))}")
    print(f"{'page':<22}{'requests':>9}{'gzip KB':>9}{'raw KB':>9}{'index gzip KB':>15}  foreign")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for lang in ("zh", "en"):
            for name, path in PAGES.items():
                page = browser.new_page()
                seen: list = []
                page.on("response", lambda r: seen.append(r))
                page.goto(base + ("en/" if lang == "en" else "") + path, wait_until="networkidle")
                raw = packed = index = 0
                count, foreign = 0, 0
                for response in seen:
                    if not response.url.startswith(base):
                        foreign += 1
                        continue
                    body = response.body()
                    if response.url.endswith("search_index.json"):
                        index = len(gzip.compress(body))
                        continue
                    count += 1
                    raw += len(body)
                    packed += len(gzip.compress(body))
                flag = "" if packed <= BUDGET else "  OVER BUDGET"
                print(f"{lang + ' ' + name:<22}{count:>9}{packed / 1024:>9.1f}{raw / 1024:>9.1f}{index / 1024:>15.1f}  {foreign}{flag}")
                page.close()
        browser.close()
    server.shutdown()


def lighthouse(runs: int = 3) -> None:
    """Mobile Lighthouse on each key page, `runs` times; the median run is shown, since a
    single performance score on a shared 2-core machine moves by several points."""
    binary = shutil.which("lighthouse") or str(ROOT / "node_modules" / ".bin" / "lighthouse")
    if not Path(binary).exists():
        sys.exit("lighthouse not found: npm install --no-save lighthouse@12.2.3 (in the repository root)")
    site = Path(tempfile.mkdtemp()) / "site"
    site.mkdir()
    server, base = serve(site)
    # Built for the address it is served from, so canonical and hreflang links are what Pages would give.
    build(ROOT, site, env={"SITE_URL": base})
    metrics = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP",
               "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS"}
    categories = ("performance", "accessibility", "best-practices", "seo")
    print(f"median of {runs} runs, mobile (simulated slow 4G, 4x CPU slowdown)")
    print(f"{'page':<16}{'perf':>6}{'(range)':>9}{'a11y':>6}{'best':>6}{'seo':>6}  " + "  ".join(metrics.values()))
    problems: dict[str, set[str]] = {}
    for lang in ("zh", "en"):
        for name, path in PAGES.items():
            reports = []
            for _ in range(runs):
                out = Path(tempfile.mkdtemp()) / "report.json"
                subprocess.run([binary, base + ("en/" if lang == "en" else "") + path, "--quiet", "--output=json",
                                f"--output-path={out}", "--form-factor=mobile",
                                "--chrome-flags=--headless=new --no-sandbox"],
                               env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"), check=False)
                if out.exists():
                    reports.append(json.loads(out.read_text()))
            if not reports:
                print(f"{lang + ' ' + name:<16} failed")
                continue
            reports.sort(key=lambda r: r["categories"]["performance"]["score"])
            median = reports[len(reports) // 2]
            perf = [round(r["categories"]["performance"]["score"] * 100) for r in reports]
            # Accessibility, best practices and SEO do not depend on timing: the worst run is shown.
            others = [min(round(r["categories"][c]["score"] * 100) for r in reports) for c in categories[1:]]
            shown = "  ".join(median["audits"][m]["displayValue"].replace("\xa0", " ") for m in metrics)
            print(f"{lang + ' ' + name:<16}{perf[len(perf) // 2]:>6}{f'{perf[0]}–{perf[-1]}':>9}"
                  + "".join(f"{s:>6}" for s in others) + "  " + shown, flush=True)
            for report in reports:
                for category in categories[1:]:
                    for ref in report["categories"][category]["auditRefs"]:
                        audit = report["audits"][ref["id"]]
                        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                            problems.setdefault(f"{category}: {audit['title']}", set()).add(f"{lang} {name}")
    for problem, where in sorted(problems.items()):
        print(f"  {problem} ({', '.join(sorted(where))})")
    server.shutdown()


COMPARE_PAGES = {"home": "", "section": "sections/scaling/", "paper": "papers/kaplan2020scaling/",
                 "model": "models/gpt-3/", "models": "models/"}
MAIN_THREAD = ("styleLayout", "scriptEvaluation", "paintCompositeRender", "parseHTML")


def _lighthouse_binary() -> str:
    binary = shutil.which("lighthouse") or str(ROOT / "node_modules" / ".bin" / "lighthouse")
    if not Path(binary).exists():
        sys.exit("lighthouse not found: npm install --no-save lighthouse@12.2.3 (in the repository root)")
    return binary


def _lighthouse_once(binary: str, url: str, method: str = "simulate") -> dict | None:
    out = Path(tempfile.mkdtemp()) / "report.json"
    subprocess.run([binary, url, "--quiet", "--output=json", f"--output-path={out}", "--form-factor=mobile",
                    f"--throttling-method={method}",
                    "--only-categories=performance", "--chrome-flags=--headless=new --no-sandbox"],
                   env=dict(os.environ, CHROME_PATH=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")),
                   check=False, capture_output=True)
    if not out.exists():
        return None
    report = json.loads(out.read_text())
    shutil.rmtree(out.parent, ignore_errors=True)
    breakdown = {item["group"]: item["duration"]
                 for item in report["audits"]["mainthread-work-breakdown"]["details"]["items"]}
    # Blocking time over the whole load, counted from navigation rather than from first paint
    # (TBT): the part of the main thread's cost that does not depend on when the page paints.
    tasks = report["audits"]["long-tasks"]["details"].get("items", [])
    return {"perf": report["categories"]["performance"]["score"],
            "tbt": report["audits"]["total-blocking-time"]["numericValue"],
            "blocking": sum(max(0.0, t["duration"] - 50) for t in tasks),
            "lcp": report["audits"]["largest-contentful-paint"]["numericValue"],
            "fcp": report["audits"]["first-contentful-paint"]["numericValue"],
            "dom": report["audits"]["dom-size"]["numericValue"],
            **{k: breakdown.get(k, 0.0) for k in MAIN_THREAD}}


def _median(values: list[float]) -> float:
    values = sorted(values)
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def compare(runs: int = 3, methods: tuple[str, ...] = ("simulate", "devtools")) -> None:
    """Both of Lighthouse's throttling methods. `simulate` (Lighthouse's default) times the page
    unthrottled and predicts a slow phone from that trace; it counts blocking only after the
    predicted first paint, which it delays by a round trip for every render-blocking request to
    another origin: plain Material's Google Fonts stylesheet moves its first paint after its own
    long script task, which then barely counts. `devtools` slows the CPU and network for real
    and measures; both sites' first paints then come from what they actually load."""
    binary = _lighthouse_binary()
    script = Path(os.environ.get("BENCH_BASELINE", ROOT.parent / "shared" / "bench" / "baseline" / "build.sh"))
    if not script.is_file():
        sys.exit(f"baseline build script not found: {script} (set BENCH_BASELINE)")
    tmp = Path(tempfile.mkdtemp())
    site, baseline = tmp / "site", tmp / "baseline"
    site.mkdir()
    server, base = serve(site)
    build(ROOT, site, env={"SITE_URL": base})
    subprocess.run(["bash", str(script), str(baseline), str(Path(sys.executable).parent / "mkdocs")],
                   cwd=ROOT, env=ENV, check=True, capture_output=True)
    bserver, bbase = serve(baseline)
    targets = {"baseline zh": bbase, "baseline en": bbase + "en/"}
    for lang in ("zh", "en"):
        for name, path in COMPARE_PAGES.items():
            targets[f"{lang} {name}"] = base + ("en/" if lang == "en" else "") + path
    results = {(method, k): [] for method in methods for k in targets}
    for run in range(runs):
        for method in methods:
            for key, url in targets.items():  # interleaved: every page once per round
                report = _lighthouse_once(binary, url, method)
                if report:
                    results[method, key].append(report)
        print(f"round {run + 1}/{runs} done", file=sys.stderr, flush=True)
    for method in methods:
        med = {k: {m: _median([r[m] for r in v]) for m in v[0]} for (mt, k), v in results.items() if mt == method and v}
        ref = med.get("baseline zh")
        print(f"\nmobile Lighthouse, throttling {method}, median of {runs} interleaved runs; "
              "ratio = TBT / baseline zh TBT; 'all load' = blocking time counted from navigation "
              "instead of from first paint, and its ratio")
        print(f"{'page':<14}{'perf':>6}{'TBT ms':>8}{'ratio':>7}{'all load':>9}{'ratio':>7}{'FCP s':>7}"
              f"{'LCP s':>7}{'DOM':>6}{'style+layout':>13}{'script':>8}")
        for key, m in med.items():
            ratio = f"{m['tbt'] / ref['tbt']:.2f}" if ref and ref["tbt"] else "–"
            all_ratio = f"{m['blocking'] / ref['blocking']:.2f}" if ref and ref["blocking"] else "–"
            print(f"{key:<14}{m['perf']:>6.2f}{m['tbt']:>8.0f}{ratio:>7}{m['blocking']:>9.0f}{all_ratio:>7}"
                  f"{m['fcp'] / 1000:>7.2f}{m['lcp'] / 1000:>7.1f}"
                  f"{m['dom']:>6.0f}{m['styleLayout']:>13.0f}{m['scriptEvaluation']:>8.0f}")
    server.shutdown()
    bserver.shutdown()


def synthetic_project(n: int, where: Path) -> Path:
    """A copy of the project with n synthetic papers, n/10 models and a section per 20 papers."""
    project = copy_project(ROOT, where / f"kb-{n}")
    papers = yaml.safe_load((ROOT / "data" / "papers.yaml").read_text("utf-8"))
    models = yaml.safe_load((ROOT / "data" / "models.yaml").read_text("utf-8"))
    topics = [t["id"] for t in yaml.safe_load((ROOT / "data" / "topics.yaml").read_text("utf-8"))]
    for i in range(n - len(papers)):
        papers.append({
            "id": f"synthetic{i}", "title": f"Synthetic Study {i} of Scaling and Reasoning in Language Models",
            "authors": [f"Author {i % 97}", f"Researcher {i % 89}", "Third Person"], "year": 2015 + i % 11,
            "venue": "arXiv", "arxiv": f"{15 + i % 11:02d}{1 + i % 12:02d}.{10000 + i % 89999:05d}",
            "url": f"https://arxiv.org/abs/{15 + i % 11:02d}{1 + i % 12:02d}.{10000 + i % 89999:05d}",
            "doi": None, "topics": sorted({topics[i % len(topics)], topics[(i * 7) % len(topics)]}),
            "summary": {"zh": f"第 {i} 篇合成论文：研究模型规模与推理能力的关系，用于压力测试。",
                        "en": f"Synthetic paper {i}: how model size relates to reasoning, used for load testing."},
            "verified": "synthetic"})
    for i in range(n // 10 - len(models) if n // 10 > len(models) else 0):
        models.append({"id": f"synthetic-model-{i}", "name": {"zh": f"合成模型 {i}", "en": f"Synthetic model {i}"},
                       "organization": {"zh": "合成实验室", "en": "Synthetic Lab"}, "parameters": 10**9 * (1 + i),
                       "announced": f"20{18 + i % 5}-{1 + i % 12:02d}", "paper": f"synthetic{i}", "appendix": False,
                       "notes": {"zh": "压力测试用的合成模型。", "en": "A synthetic model for load testing."}, "verified": "synthetic"})
    (project / "data" / "papers.yaml").write_text(yaml.safe_dump(papers, allow_unicode=True, sort_keys=False), "utf-8")
    (project / "data" / "models.yaml").write_text(yaml.safe_dump(models, allow_unicode=True, sort_keys=False), "utf-8")
    synthetic = [p["id"] for p in papers if p["id"].startswith("synthetic")]
    for k in range(0, len(synthetic), 20):
        chunk = synthetic[k:k + 20]
        for lang, title, line in (("zh", "合成章节", "第 {j} 条：见 {{cite:{pid}}}。"), ("en", "Synthetic section", "Point {j}: see {{cite:{pid}}}.")):
            body = "\n\n".join(line.format(j=j, pid=pid) for j, pid in enumerate(chunk))
            text = (f"---\ndescription: {title} {k}\ntopics: [scaling]\npart: {9 + k // 20}\n"
                    f"article_heading: 合成 {k}\n---\n\n# {title} {k}\n\n## A {{ #a }}\n\n{body}\n")
            name = f"synthetic-{k}" + (".en" if lang == "en" else "")
            (project / "docs" / "sections" / f"{name}.md").write_text(text, "utf-8")
    return project


def scale(sizes: list[int]) -> None:
    from playwright.sync_api import sync_playwright

    print(f"{'papers':>7}{'generate s':>11}{'build s':>9}{'pages':>7}{'site MB':>9}"
          f"{'zh index KB':>12}{'(gzip)':>8}{'en index KB':>12}{'(gzip)':>8}"
          f"   search KB gzip, page view / session of {SESSION} queries: zh, en")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            project = synthetic_project(n, Path(tmp))
            start = time.perf_counter()
            generate(project)
            gen = time.perf_counter() - start
            site = project / "site"
            seconds = build(project, site)
            pages = len(list(site.rglob("index.html")))
            size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6
            # The whole index of each language: Material's, or every file of Pagefind's bundle.
            idx = [[p for p in [root / "search" / "search_index.json", *(root / "pagefind").rglob("*")] if p.is_file()]
                   for root in (site, site / "en")]
            raw = [sum(p.stat().st_size for p in files) / 1024 for files in idx]
            packed = [sum(len(gzip.compress(p.read_bytes())) if p.suffix in _Handler.COMPRESSIBLE else p.stat().st_size
                          for p in files) / 1024 for files in idx]
            server, base = serve(site)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
                cost = [search_bytes(browser, base, lang) for lang in ("zh", "en")]
                browser.close()
            server.shutdown()
            print(f"{n:>7}{gen:>11.1f}{seconds:>9.1f}{pages:>7}{size:>9.1f}{raw[0]:>12.0f}{packed[0]:>8.0f}{raw[1]:>12.0f}{packed[1]:>8.0f}"
                  f"   {cost[0][0]:.1f} / {cost[0][1]:.1f}, {cost[1][0]:.1f} / {cost[1][1]:.1f}", flush=True)
            shutil.rmtree(project)


QUERIES = ROOT / "tests" / "search_queries.yaml"
SUBPATH = "llm-kb"


def search_box(page, query: str) -> list[str]:
    """Type ``query`` into Material's search box as a reader does; the result pages, in order.

    Waits until the result list has settled, whatever the engine behind the box: it clears the
    box (the "type to start" line comes back), types, then waits for the list to stop changing.
    """
    box = "input.md-search__input"
    texts = page.evaluate("() => { const t = JSON.parse(document.getElementById('__config').textContent)"
                          ".translations; return [t['search.result.initializer'], t['search.result.placeholder']] }")
    page.click(box)
    page.fill(box, "")
    page.keyboard.press("End")  # Material reacts to key events, not to fill() alone
    page.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent.trim() === t",
                           arg=texts[1], timeout=15000)
    if not query:
        return []
    page.fill(box, query)
    page.keyboard.press("End")
    state = ("() => document.querySelector('.md-search-result__meta').textContent + '|' + "
             "[...document.querySelectorAll('li.md-search-result__item > a')].map(a => a.href).join(' ')")
    last, since, deadline = None, time.monotonic(), time.monotonic() + 15
    while time.monotonic() < deadline:
        now = page.evaluate(state)
        meta = now.split("|", 1)[0].strip()
        if now != last or meta in texts or not meta:
            last, since = now, time.monotonic()
        elif time.monotonic() - since > 0.4:
            break
        page.wait_for_timeout(100)
    hrefs = page.eval_on_selector_all("li.md-search-result__item > a", "els => els.map(e => e.href)")
    return [h.split("?")[0].split("#")[0] for h in hrefs]


def run_search_queries(page, base_url: str, lang: str, queries: list[dict] | None = None) -> list[dict]:
    """Each benchmark query of ``lang`` through the search box of the language's home page."""
    home = base_url + ("en/" if lang == "en" else "")
    page.goto(home, wait_until="networkidle")
    rows = []
    for item in queries if queries is not None else yaml.safe_load(QUERIES.read_text("utf-8"))[lang]:
        found = search_box(page, str(item["q"]))
        # One entry per page, in order (a page may come back as more than one group).
        paths = list(dict.fromkeys(h[len(home):] if h.startswith(home) else h for h in found))
        wrong = [h for h in found if h.startswith(base_url + "en/") != (lang == "en")]
        ok = [str(x) for x in item["ok"]]
        rows.append(dict(item, found=paths, wrong=wrong,
                         top1=bool(ok) and bool(paths) and paths[0] in ok,
                         top3=bool(ok) and any(p in ok for p in paths[:3]),
                         passed=(not paths) if not ok else bool(paths) and paths[0] in ok))
    return rows


def search_rates(rows: list[dict]) -> dict[str, float]:
    """Top-1 and top-3 over the queries that have an answer; no-result among those; wrong
    language over all; nonsense: share of must-find-nothing queries that found something."""
    real = [r for r in rows if r["ok"]]
    nonsense = [r for r in rows if not r["ok"]]
    return {"queries": len(rows), "top1": sum(r["top1"] for r in real) / len(real),
            "top3": sum(r["top3"] for r in real) / len(real),
            "none": sum(not r["found"] for r in real) / len(real),
            "wrong": sum(bool(r["wrong"]) for r in rows) / len(rows),
            "nonsense_found": sum(bool(r["found"]) for r in nonsense) / max(1, len(nonsense))}


SESSION = 10  # a search session: the first ten benchmark queries of the language, typed in turn


def _is_search(url: str) -> bool:
    return any(k in url for k in ("/search/", "/pagefind/", "search-worker", "/workers/search", "/lunr/"))


def search_bytes(browser, base_url: str, lang: str) -> tuple[float, float]:
    """KB (as sent, gzip where the server compresses) that search costs a reader of ``lang``:
    on a page view with no search, and over a session of SESSION queries."""
    queries = [q for q in yaml.safe_load(QUERIES.read_text("utf-8"))[lang] if q["ok"]][:SESSION]
    context = browser.new_context()
    page = context.new_page()
    done: list = []
    page.on("requestfinished", lambda r: done.append(r))

    def total() -> float:
        return sum(r.sizes()["responseBodySize"] for r in list(done) if _is_search(r.url)) / 1024

    page.goto(base_url + ("en/" if lang == "en" else ""), wait_until="networkidle")
    view = total()
    for item in queries:
        search_box(page, str(item["q"]))
    page.wait_for_load_state("networkidle")
    session = total()
    context.close()
    return view, session


def search_bench(site: Path | None = None, verbose: bool = True) -> dict:
    """The benchmark on a site built under /llm-kb/ (built here when no folder is given)."""
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp())
    if site is None:
        site = tmp / SUBPATH
        server, base = serve(tmp)
        build(ROOT, site, env={"SITE_URL": base + SUBPATH + "/"})
    else:
        server, base = serve(site.parent)
    base += site.name + "/"
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for lang in ("zh", "en"):
            page = browser.new_page()
            rows = run_search_queries(page, base, lang)
            page.close()
            results[lang] = (search_rates(rows), rows)
        cost = {lang: search_bytes(browser, base, lang) for lang in ("zh", "en")}
        browser.close()
    server.shutdown()
    if verbose:
        print(f"{'lang':<6}{'queries':>8}{'top-1':>8}{'top-3':>8}{'none':>7}{'wrong lang':>11}{'nonsense hit':>13}")
        for lang, (r, _) in results.items():
            print(f"{lang:<6}{r['queries']:>8}{r['top1']:>8.0%}{r['top3']:>8.0%}{r['none']:>7.0%}"
                  f"{r['wrong']:>11.0%}{r['nonsense_found']:>13.0%}")
        for lang, (view, session) in cost.items():
            print(f"{lang} search bytes: page view {view:.1f} KB, session of {SESSION} queries {session:.1f} KB (gzip)")
        for lang, (_, rows) in results.items():
            kinds = sorted({r["kind"] for r in rows})
            print(f"{lang} top-1 by kind: " + ", ".join(
                f"{k} {sum(r['passed'] for r in rows if r['kind'] == k)}/{sum(r['kind'] == k for r in rows)}" for k in kinds))
            for r in rows:
                if not r["passed"] or r["wrong"]:
                    print(f"  {lang} miss {r['q']!r:<32} first: {r['found'][:3]}" + (" WRONG LANGUAGE" if r["wrong"] else ""))
    return results


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "weight"
    if what == "weight":
        weight()
    elif what == "lighthouse":
        lighthouse(int(sys.argv[2]) if len(sys.argv) > 2 else 3)
    elif what == "compare":
        args = sys.argv[2:]
        methods = tuple(a.split("=", 1)[1] for a in args if a.startswith("--method=")) or ("simulate", "devtools")
        numbers = [a for a in args if not a.startswith("--")]
        compare(int(numbers[0]) if numbers else 3, methods)
    elif what == "scale":
        scale([int(x) for x in sys.argv[2:]] or [100, 1000])
    elif what == "search":
        search_bench(Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else None)
    else:
        sys.exit(__doc__)
