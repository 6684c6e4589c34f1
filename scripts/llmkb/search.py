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

# The synonym groups pair Chinese and English forms (zh <-> en); a third language would need its own.
LANGS = ("zh", "en")
ARTICLE = '<article class="md-content__inner md-typeset">'
# Not words of the page: the permalink "#", the edit button, the last-updated line, and code
# blocks (a paper's BibTeX repeats its title and authors).
EXCLUDE = [".headerlink", ".md-content__button", ".md-source-file", "script", "style", "pre"]


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
        url = "/" + str(rel.parent).replace("\\", "/") + "/" if rel.parent != Path(".") else "/"
        out.append((url.replace("//", "/"), html))
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
            json.dumps(groups.get(lang, []), ensure_ascii=False, separators=(",", ":")), "utf-8")
    return counts


# --- variants from the data -------------------------------------------------------------

_PAREN = re.compile(r"\s*[（(]([^）)]+)[）)]\s*")


_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "λ": "lambda", "μ": "mu"}


def _names(text: str) -> list[str]:
    """'ERNIE 3.0 Titan（文心）' -> ['ERNIE 3.0 Titan（文心）', 'ERNIE 3.0 Titan', '文心'];
    'PanGu-α' -> [..., 'PanGu-alpha', 'PanGu alpha'] (Greek letters as typed in Latin);
    'GPT-3' -> ['GPT-3', 'GPT3']."""
    names = [text]
    inner = _PAREN.findall(text)
    if inner:
        names += [_PAREN.sub(" ", text).strip(), *inner]
    for name in list(names):
        spelled = "".join(_GREEK.get(c, c) for c in name)
        if spelled != name:
            names += [spelled, spelled.replace("-", " ")]
    # 'GPT-3' is also typed 'GPT3'.
    names += [n.replace("-", "") for n in names if "-" in n and " " not in n]
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


def synonyms(kb) -> dict[str, list[list[list[str]]]]:
    """Groups of strings a reader may type for the same thing, per language of the site, each
    with the pages about that thing: ``[[forms...], [pages...]], ...``.

    Both languages get every group (an English term typed on the Chinese site finds the
    Chinese page); each group lists the site's own language first, so the worker tries the
    words the pages use before the others. A query that is exactly one of the forms puts the
    group's pages first (the glossary for a term, a model's page for its name or size).
    """
    raw: list[tuple[list[str], list[str], list[str]]] = []  # (zh forms, en forms, pages)
    for model in kb.models.values():
        zh, en = _names(model["name"]["zh"]), _names(model["name"]["en"])
        if model.get("seed_name"):
            zh.append(model["seed_name"])
        page = f"models/{model['id']}/"
        raw.append((zh, en, [page]))
        orgs_zh, orgs_en = _split_orgs(model["organization"]["zh"]), _split_orgs(model["organization"]["en"])
        if len(orgs_zh) == len(orgs_en):
            raw += [([a], [b], [page]) for a, b in zip(orgs_zh, orgs_en)]
        if model.get("parameters"):
            forms = sizes(int(model["parameters"]))
            raw.append(([f for f in forms if not f.isascii()], [f for f in forms if f.isascii()], [page]))
    for topic in kb.topics.values():
        raw.append(([topic["name"]["zh"]], [topic["name"]["en"]], [f"topics/{topic['id']}/"]))
    for term in kb.glossary.values():
        aliases = term.get("aliases") or {}
        zh = [term["term"]["zh"], *aliases.get("zh", [])]
        en = [term["term"]["en"], *aliases.get("en", [])]
        if term.get("abbr"):
            en.append(term["abbr"])
        raw.append((zh, en, ["glossary/"]))
    out: dict[str, list[list[list[str]]]] = {}
    for lang in LANGS:
        groups: dict[tuple, list[list[str]]] = {}
        for zh, en, pages in raw:
            first, second = (zh, en) if lang == "zh" else (en, zh)
            forms = list(dict.fromkeys(w.strip() for w in first + second if w and w.strip()))
            key = tuple(sorted({w.lower() for w in forms}))
            group = groups.setdefault(key, [forms, []])
            group[1] += [p for p in pages if p not in group[1]]
        out[lang] = list(groups.values())
    return out
