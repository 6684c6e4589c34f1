"""Site search: one Pagefind index per language, behind Material's own search box.

After the build, every page of a language is given to Pagefind (the extended binary from
PyPI's pagefind-bin-extended, which segments Chinese) with its article marked as the part to
index. The bundle goes to
``pagefind/`` (zh) and ``en/pagefind/`` (en), chunked, so a reader downloads only the pieces
the words they type need, and only for their language. Material's search box still draws the
results: ``overrides/main.html`` points it at ``assets/javascripts/search-worker.js``, which
speaks Material's worker protocol and asks Pagefind. Material's own ``search_index.json`` is
cut to its config (a few hundred bytes: the highlighter on a result page needs the
separator), so a page view downloads no index.

Variants and synonyms (glossary aliases, model names, organisations, sizes in both
notations) come from the data: ``synonyms(kb)`` writes them into ``search/synonyms.json``,
which the worker reads when the reader first searches.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .text import surname

# The synonym groups pair Chinese and English forms (zh <-> en); a third language would need its own.
LANGS = ("zh", "en")
ARTICLE = '<article class="md-content__inner md-typeset">'
# Not words of the page: the permalink "#", the edit button, the last-updated line, the reading
# time, and code
# blocks (a paper's BibTeX repeats its title and authors).
EXCLUDE = [".headerlink", ".md-content__button", ".md-source-file", "script", "style", "pre", ".kb-reading-time"]


# Parts of pages that only repeat what another page says, left out of the index: a reader's
# words then find the page that says it first, and the index (downloaded in chunks as the
# reader types) is about 40 % smaller. Sections of a page, by the id of their heading:
REPEATS = {
    "papers/*": ("cited-in",),        # sentences quoted from the sections
    "models/*": ("discussed-in",),    # the same
    "topics/*": ("papers",),          # titles of the papers, each with its own page
    "sections/*": ("references",),    # authors and titles, each with its own page
}
# Pages that list what other pages hold (paper titles, quoted claims): only their title and
# opening paragraph are indexed, so their name still finds them.
LISTS = ("papers/", "papers/by-year/", "models/", "timeline/", "claims/", "downloads/")


def _indexed_part(url: str, html: str) -> str:
    """The page as Pagefind should see it: REPEATS and LISTS cut out of its article."""
    rel = url.strip("/") + "/"
    kind = rel.split("/")[0] + "/*" if rel.count("/") == 2 else None
    if rel in LISTS:
        # The title and the paragraph after it; the rest of the article goes.
        return re.sub(r"(<h1[^>]*>.*?</h1>\s*(?:<p[^>]*>.*?</p>)?).*?(?=</article>)", r"\1", html, count=1, flags=re.S)
    for heading in REPEATS.get(kind, ()):
        html = re.sub(rf'<h2[^>]* id="{heading}".*?(?=<h2 |</article>)', "", html, count=1, flags=re.S)
    return html


# Pagefind's own search interfaces: Material's box is used instead, so they are not published.
UNUSED = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "pagefind-worker.js"]


class SearchBuildError(RuntimeError):
    pass


def check_tool() -> None:
    """Fail early and clearly when the index tool cannot run (no silent, search-less site)."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as err:
        raise SearchBuildError(
            f"the search index tool is missing ({err.name}): the site would have no search. "
            "Install the project's dependencies: pip install -e . "
            "(pagefind-bin-extended: Pagefind's build that segments Chinese)") from None
    if not Path(get_executable()).exists():
        raise SearchBuildError(f"pagefind-bin-extended is installed but its binary is missing: "
                                f"{get_executable()}; reinstall it")


def _pages(root: Path, others: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(url relative to the language root, HTML marked for Pagefind) for every article page;
    ``others``: the folders of the other languages inside this root (the default's)."""
    out = []
    for path in sorted(root.rglob("index.html")):
        rel = path.relative_to(root)
        if rel.parts[0] in others:
            continue
        html = path.read_text("utf-8")
        if ARTICLE not in html:
            continue  # redirect stubs and the like
        html = html.replace(ARTICLE, ARTICLE[:-1] + " data-pagefind-body>", 1)
        url = ("/" + str(rel.parent).replace("\\", "/") + "/" if rel.parent != Path(".") else "/").replace("//", "/")
        out.append((url, _indexed_part(url, html)))
    return out


def _write_index(pages: list[tuple[str, str]], lang: str, out: Path) -> None:
    """Run Pagefind's binary on a staged copy of the marked pages.

    (Pagefind's Python API can return before the service has finished writing: under load it
    left an empty pagefind-entry.json behind. The command line exits when all is written.)
    """
    from pagefind_bin_extended import get_executable

    with tempfile.TemporaryDirectory() as tmp:
        for url, html in pages:
            path = Path(tmp, url.strip("/"), "index.html")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, "utf-8")
        shutil.rmtree(out, ignore_errors=True)
        result = subprocess.run([str(get_executable()), "--site", tmp, "--output-path", str(out.resolve()),
                                 "--force-language", lang, "--exclude-selectors", ", ".join(EXCLUDE), "--silent"],
                                capture_output=True, text=True)
    entry = out / "pagefind-entry.json"
    if result.returncode != 0 or not entry.is_file() or not json.loads(entry.read_text("utf-8") or "{}").get("languages"):
        raise SearchBuildError(f"Pagefind failed to index the {lang} pages:\n{result.stderr or result.stdout}")


def build_indexes(site_dir: Path, kb, config_separator: str) -> dict[str, int]:
    """Write the Pagefind bundle, the synonyms and the stub Material index of each language."""
    check_tool()
    groups = synonyms(kb)
    counts = {}
    others = tuple(lang.code for lang in kb.languages if not lang.default)
    for language in kb.languages:
        lang = language.code
        root = site_dir if language.default else site_dir / lang
        if not (root / "index.html").is_file():
            continue  # BUILD_ONLY_LOCALE: the other language was not built
        pages = _pages(root, others if language.default else ())
        _write_index(pages, lang, root / "pagefind")
        for name in UNUSED:
            (root / "pagefind" / name).unlink(missing_ok=True)
        counts[lang] = len(pages)
        search = root / "search"
        search.mkdir(parents=True, exist_ok=True)
        stub = {"config": {"lang": [lang], "separator": config_separator, "pipeline": []}, "docs": []}
        (search / "search_index.json").write_text(json.dumps(stub, ensure_ascii=False), "utf-8")
        (search / "synonyms.json").write_text(
            json.dumps(groups.get(lang, {}), ensure_ascii=False, separators=(",", ":")), "utf-8")
    return counts


# --- variants from the data -------------------------------------------------------------

_PAREN = re.compile(r"\s*[（(]([^）)]+)[）)]\s*")


_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "λ": "lambda", "μ": "mu"}


def _names(text: str) -> list[str]:
    """'ERNIE 3.0 Titan（文心）' -> ['ERNIE 3.0 Titan（文心）', 'ERNIE 3.0 Titan', '文心'];
    'PanGu-α' -> [..., 'PanGu-alpha', 'PanGu alpha'] (Greek letters as typed in Latin);
    'GPT-3' -> ['GPT-3', 'GPT3', 'GPT 3.0']."""
    names = [text]
    inner = _PAREN.findall(text)
    if inner:
        names += [_PAREN.sub(" ", text).strip(), *inner]
    for name in list(names):
        spelled = "".join(_GREEK.get(c, c) for c in name)
        if spelled != name:
            names += [spelled, spelled.replace("-", " ")]
    # 'GPT-3' is also typed 'GPT3', and 'GPT 3.0' as the article writes it.
    names += [n.replace("-", "") for n in names if "-" in n and " " not in n]
    names += [re.sub(r"-(\d)$", r" \1.0", n) for n in names if re.search(r"[A-Za-z]-\d$", n)]
    return names


def _split_orgs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[、,，]", text) if p.strip()]


def _number(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def sizes(parameters: int) -> list[str]:
    """175000000000 -> ['175B', '175 billion', '1750 亿', '1750亿']: both notations, as typed."""
    out = []
    if parameters >= 10**9:
        b = _number(parameters / 1e9)
        out += [f"{b}B", f"{b} billion"]
    else:
        m = _number(parameters / 1e6)
        out += [f"{m}M", f"{m} million"]
    if parameters >= 10**8:
        yi = _number(parameters / 1e8)
        out += [f"{yi} 亿", f"{yi}亿"]
    else:
        wan = _number(parameters / 1e4)
        out += [f"{wan} 万", f"{wan}万"]
    return out


def synonyms(kb) -> dict[str, dict]:
    """What the search worker reads (``search/synonyms.json``), per language of the site:

    - ``groups``: strings a reader may type for the same thing, each with the pages about it,
      ``[[forms...], [pages...]]``. Both languages get every group (an English term typed on
      the Chinese site finds the Chinese page); the site's own language comes first, so the
      worker tries the words the pages use before the others. A query that is exactly one of
      the forms puts the group's pages first (a term's glossary entry, a model's page for its
      name or size, a paper's page for the benchmark or method it introduced).
    - ``titles``: those pages' titles, so a page can be offered even when the index ranks it
      low (a glossary of a hundred terms is a long page, and long pages rank low). A model's
      title is the first form of its name group, the first group that names it alone.
    - ``headings``: each section's title and the article's own heading for it; a query that
      is part of one ("为什么是OpenAI") puts that section first.
    """
    raw: list[tuple[list[str], list[str], list[str]]] = []  # (zh forms, en forms, pages)
    titles: dict[str, dict[str, str]] = {"zh": {}, "en": {}}

    def title(page: str, zh: str, en: str) -> None:
        titles["zh"][page], titles["en"][page] = zh, en

    for model in kb.models.values():
        zh, en = _names(model["name"]["zh"]), _names(model["name"]["en"])
        if model.get("seed_name"):
            zh.append(model["seed_name"])
        page = f"models/{model['id']}/"
        raw.append((zh, en, [page]))  # its title is this group's first form (no entry in titles)
        orgs_zh, orgs_en = _split_orgs(model["organization"]["zh"]), _split_orgs(model["organization"]["en"])
        if len(orgs_zh) == len(orgs_en):
            raw += [([a], [b], [page]) for a, b in zip(orgs_zh, orgs_en)]
        if model.get("parameters"):
            forms = sizes(int(model["parameters"]))
            raw.append(([f for f in forms if not f.isascii()], [f for f in forms if f.isascii()], [page]))
    for paper in kb.papers.values():
        if paper.get("known_as"):
            page = f"papers/{paper['id']}/"
            title(page, paper["title"], paper["title"])
            names = [n for name in paper["known_as"] for n in _names(name)]
            raw.append((names, names, [page]))
    # A first author's surname puts their papers first ("Kaplan", "Wei"), the earliest three:
    # the index finds them (authors are on the page); this only orders them. No titles, so the
    # file grows by a few bytes a paper, not by a title.
    by_author: dict[str, list[dict]] = {}
    for paper in kb.papers.values():
        if paper["authors"] and "," not in paper["authors"][0]:  # a person, not "OpenAI, ..."
            by_author.setdefault(surname(paper["authors"][0]), []).append(paper)
    for name, papers in by_author.items():
        ranked = sorted(papers, key=lambda p: (p["year"], p["id"]))[:AUTHOR_PAGES]
        raw.append(([name], [name], [f"papers/{p['id']}/" for p in ranked]))
    for topic in kb.topics.values():
        page = f"topics/{topic['id']}/"
        title(page, topic["name"]["zh"], topic["name"]["en"])
        raw.append(([topic["name"]["zh"]], [topic["name"]["en"]], [page]))
    for term in kb.glossary.values():
        aliases = term.get("aliases") or {}
        zh = [term["term"]["zh"], *aliases.get("zh", [])]
        en = [term["term"]["en"], *aliases.get("en", [])]
        if term.get("abbr"):
            en.append(term["abbr"])
        # The term's own entry, not the top of the glossary.
        page = f"glossary/#{term['id']}"
        title(page, *(f"{term['term'][c]} · {kb.lang(c).t('glossary_title')}" for c in LANGS))
        raw.append((zh, en, [page]))
    out: dict[str, dict] = {}
    for lang in LANGS:
        groups: dict[tuple, list[list[str]]] = {}
        for zh, en, pages in raw:
            first, second = (zh, en) if lang == "zh" else (en, zh)
            forms = list(dict.fromkeys(w.strip() for w in first + second if w and w.strip()))
            key = tuple(sorted({w.lower() for w in forms}))
            group = groups.setdefault(key, [forms, []])
            group[1] += [p for p in pages if p not in group[1]]
        headings = []
        for name, langs in kb.sections.items():
            if lang in langs:
                meta = langs[lang].meta
                forms = [_NUMBERED.sub("", langs[lang].title)]
                if meta.get("article_heading"):
                    forms.append(meta["article_heading"])
                headings.append([forms, f"sections/{name}/"])
                titles[lang][f"sections/{name}/"] = langs[lang].title
        used = {p for group in groups.values() for p in group[1]} | {page for _, page in headings}
        out[lang] = {"groups": list(groups.values()),
                     "titles": {p: t for p, t in titles[lang].items() if p in used},
                     "headings": headings}
    return out


AUTHOR_PAGES = 3

# "8. ChatGPT: why OpenAI" -> "ChatGPT: why OpenAI" (a reader does not type the number).
_NUMBERED = re.compile(r"^\s*\d+\s*[.、]\s*")
