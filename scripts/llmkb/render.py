"""Step 3: turn the validated knowledge base into file contents, keyed by docs/-relative path.

Nothing here touches the disk, so the output can be compared, tested and written atomically.
This module shapes the data; the markup of every page kind is a template in ``templates/``.
Templates escape every value as Markdown text unless it is ``Markup`` (``link()``, ``raw``),
so data can never turn into Markdown structure or HTML.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import bibtexparser
from bibtexparser import model as bib
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from . import markers
from .chart import chart_drawings, parameter_chart
from .languages import Language
from .text import arxiv_month, attr, author_year, md_escape, md_paragraphs, one_line, plain_sentence, rel
from .validate import ARTICLE_MONTH, KB, first_year

TEMPLATES = Path(__file__).parent / "templates"
DOWNLOADS = (("papers.bib", "BibTeX"), ("models.csv", "CSV"), ("models.json", "JSON"), ("parameters.svg", "SVG"))
MODEL_COLUMNS = ("model", "organization", "parameters", "announced", "paper", "appendix", "era")



def _finalize(value):
    """Escape by default: only Markup goes into a page as it is."""
    if value is None:
        return ""
    return value if isinstance(value, Markup) else Markup(md_escape(value))


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=False, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      finalize=_finalize)
    env.filters.update(
        raw=Markup,
        url=lambda u: Markup(quote(u, safe=":/?#@!$&'*+,;=%~")),
        paragraphs=lambda text: Markup(md_paragraphs(text)),
        json=lambda text: Markup(json.dumps(one_line(text), ensure_ascii=False)),
        attr=lambda text: Markup(attr(text)),
    )

    @pass_context
    def link(ctx, label, target: str) -> Markup:
        return Markup(f"[{md_escape(label)}]({rel(ctx['src'], target)})")

    @pass_context
    def rel_to(ctx, target: str) -> str:
        return rel(ctx["src"], target)

    env.globals.update(link=link, rel_to=rel_to, claim_anchor=markers.claim_anchor,
                       download_files=DOWNLOADS)
    return env


ENV = _environment()


def _render(template: str, kb: KB, lang: Language, src: str, **values) -> str:
    text = ENV.get_template(template).render(
        kb=kb, lang=lang, t=lang.strings, p=lang.p, src=src,
        author_year=lambda paper: author_year(kb, paper, lang),
        section_title=lambda name: kb.sections[name][lang.code].title,
        **values)
    return text.rstrip("\n") + "\n"


# --- Who cites what --------------------------------------------------------------------------

def citations(kb: KB) -> dict[str, dict[str, list[dict]]]:
    """kind:id -> lang -> [{section, heading_id, heading, sentence, anchor}], one per sentence."""
    found: dict[str, dict[str, list[dict]]] = {}
    for name, langs in sorted(kb.sections.items(), key=lambda kv: _reading_order(kv[1])):
        for code, section in langs.items():
            lang = kb.lang(code)
            for marker in section.markers:
                if marker.kind == "claim":
                    continue
                kind = "model" if marker.kind == "model" else "paper"
                heading = marker.heading if marker.heading and marker.heading.level > 1 else None
                item = {
                    "section": name,
                    "heading_id": heading.id if heading else None,
                    "heading": _heading_label(section, heading) if heading else section.title,
                    "sentence": plain_sentence(kb, marker.paragraph, marker.column, lang),
                    "anchor": markers.anchor(marker.id, marker.n),
                }
                bucket = found.setdefault(f"{kind}:{marker.id}", {c: [] for c in kb.langs})[code]
                if not any(i["sentence"] == item["sentence"] and i["section"] == name for i in bucket):
                    bucket.append(item)
    return found


def _reading_order(langs: dict) -> tuple[int, str]:
    """Sections in the article's order (front matter ``part``), the appendix and other pages
    after them: "Discussed in", "Cited in" and the claim check read in that order."""
    section = next(iter(langs.values()))
    part = section.meta.get("part")
    return (part if isinstance(part, int) else 99, section.name)


def _heading_label(section, heading) -> str:
    """A heading's text, preceded by its parent's when another heading of the page has the same
    text (section 1 has two "Timeframe" subsections, one under each paradigm shift)."""
    if sum(h.text == heading.text for h in section.headings) < 2:
        return heading.text
    index = section.headings.index(heading)
    parent = next((h for h in reversed(section.headings[:index]) if 1 < h.level < heading.level), None)
    return f"{parent.text} › {heading.text}" if parent else heading.text


def _cited(kb: KB, items: list[dict], lang: Language, with_sentence: bool) -> list[dict]:
    """Rows of a "Cited in" list: each links to the citation itself, which the page highlights."""
    rows, seen = [], set()
    for item in items:
        if not with_sentence and (item["section"], item["heading_id"]) in seen:
            continue
        seen.add((item["section"], item["heading_id"]))
        title = kb.sections[item["section"]][lang.code].title
        label = title if item["heading"] == title else f"{title} › {item['heading']}"
        rows.append({"label": label, "target": f"sections/{item['section']}.md#{item['anchor']}",
                     "sentence": item["sentence"]})
    return rows


# --- Papers ----------------------------------------------------------------------------------

def paper_url(paper: dict) -> str:
    """The paper's own address: arXiv when it has an id, else its landing page. Brackets are
    percent-encoded, so a URL never ends a Markdown link early."""
    url = f"https://arxiv.org/abs/{paper['arxiv']}" if paper.get("arxiv") else paper["url"]
    return quote(url, safe=":/?#@!$&'*+,;=%~")


def bibtex_entry(paper: dict) -> bib.Entry:
    venue, kind = paper["venue"], paper.get("bibtex_type") or _bibtex_type(paper)
    fields = [bib.Field("title", paper["title"]),
              bib.Field("author", " and ".join(_bib_name(a) for a in paper["authors"])),
              bib.Field("year", str(paper["year"]))]
    if kind == "misc":
        fields.append(bib.Field("howpublished", f"arXiv:{paper['arxiv']}" if paper.get("arxiv") else venue))
    elif kind == "techreport":
        fields.append(bib.Field("institution", venue))
    elif kind == "article":
        fields.append(bib.Field("journal", venue))
    else:
        fields.append(bib.Field("booktitle", venue))
    for key in ("volume", "pages"):
        if paper.get(key):
            fields.append(bib.Field(key, str(paper[key])))
    if paper.get("arxiv"):
        fields += [bib.Field("eprint", paper["arxiv"]), bib.Field("archivePrefix", "arXiv")]
    if paper.get("doi"):
        fields.append(bib.Field("doi", paper["doi"]))
    fields.append(bib.Field("url", paper["url"]))
    return bib.Entry(kind, paper["id"], fields)


def _bibtex_type(paper: dict) -> str:
    venue = paper["venue"]
    if venue == "arXiv":
        return "misc"
    if venue == "OpenAI":
        return "techreport"
    if any(word in venue for word in ("Journal", "JMLR", "TMLR", "Transactions")):
        return "article"
    if not paper.get("arxiv") and "Conference" not in venue:
        return "article"
    return "inproceedings"


def _bib_name(author: str) -> str:
    """``Last, First``: unambiguous for BibTeX. A surname with a particle stays whole
    ("Diego de Las Casas" -> "de Las Casas, Diego")."""
    if "," in author or " " not in author:
        return author
    words = author.split()
    start = next((i for i, w in enumerate(words[1:-1], 1) if w[0].islower()), len(words) - 1)
    return f"{' '.join(words[start:])}, {' '.join(words[:start])}"


# Fields that are text for LaTeX; url, doi and eprint are verbatim (BibTeX styles use \url).
_LATEX_FIELDS = ("title", "author", "howpublished", "institution", "journal", "booktitle")


def bibtex(papers: list[dict]) -> str:
    """LaTeX-safe BibTeX: ``&`` -> ``\\&``, ``α`` -> ``\\ensuremath{\\alpha}``; titles double-braced
    so BibTeX styles keep their capitals."""
    from pylatexenc.latexencode import unicode_to_latex

    library = bibtexparser.Library()
    for paper in papers:
        entry = bibtex_entry(paper)
        for f in entry.fields:
            if f.key in _LATEX_FIELDS:
                f.value = unicode_to_latex(f.value, non_ascii_only=False, unknown_char_policy="keep")
            if f.key == "title":
                f.value = "{" + f.value + "}"
        library.add(entry)
    return bibtexparser.write_string(library)


def paper_page(kb: KB, paper: dict, cited: dict, lang: Language) -> str:
    return _render("paper.md.j2", kb, lang, f"papers/{paper['id']}.md", paper=paper,
                   landing=paper["url"] if "arxiv.org/abs/" not in paper["url"] else None,
                   introduced=[m for m in kb.models.values() if m["paper"] == paper["id"]],
                   cited=_cited(kb, cited.get(f"paper:{paper['id']}", {}).get(lang.code, []), lang, True),
                   bibtex=Markup(bibtex([paper]).strip()))


def papers_of(kb: KB, topic_id: str) -> list[dict]:
    return [p for p in kb.papers.values() if topic_id in p["topics"]]


def sections_of(kb: KB, topic_id: str, lang: Language) -> list[str]:
    return [n for n, langs in kb.sections.items() if topic_id in (langs[lang.code].meta.get("topics") or [])]


def papers_by_topic(kb: KB, lang: Language) -> str:
    by_topic = [(topic, papers_of(kb, topic["id"])) for topic in kb.topics.values()]
    return _render("papers_by_topic.md.j2", kb, lang, "papers/index.md",
                   by_topic=[(t, ps) for t, ps in by_topic if ps])


def papers_by_year(kb: KB, lang: Language) -> str:
    years = sorted({first_year(p) for p in kb.papers.values()}, reverse=True)
    by_year = [(y, sorted((p for p in kb.papers.values() if first_year(p) == y),
                          key=lambda p: p["title"].lower())) for y in years]
    return _render("papers_by_year.md.j2", kb, lang, "papers/by-year.md", by_year=by_year)


# --- Models ----------------------------------------------------------------------------------

def models_table(kb: KB, lang: Language, src: str, appendix_only: bool = False) -> str:
    rows = [{"model": m, "paper": kb.papers.get(m["paper"]) if m["paper"] else None,
             "value": m["parameters"] if m["parameters"] is not None else -1} for m in kb.models.values()
            if m["appendix"] or not appendix_only]
    if not appendix_only:  # the appendix keeps the article's order; the full table is by date
        rows.sort(key=lambda row: str(row["model"]["announced"]))
    return _render("models_table.md.j2", kb, lang, src, rows=rows, columns=MODEL_COLUMNS, era=era)


def models_page(kb: KB, lang: Language) -> str:
    src = "models/index.md"
    return _render("models_index.md.j2", kb, lang, src, n_appendix=sum(m["appendix"] for m in kb.models.values()),
                   table=Markup(models_table(kb, lang, src)))


def downloads_page(kb: KB, lang: Language) -> str:
    return _render("downloads.md.j2", kb, lang, "downloads/index.md")


def era(model: dict) -> str:
    """``article`` for the models of the article's time (to January 2023), else ``later``."""
    return "article" if model["announced"] <= ARTICLE_MONTH else "later"


def model_page(kb: KB, m: dict, cited: dict, lang: Language) -> str:
    def missing(key: str) -> str:
        note = m.get("missing", {}).get(key, {}).get(lang.code)
        return lang.strings["not_published"] + (f"{lang.p.open}{note}{lang.p.close}" if note else "")

    return _render("model.md.j2", kb, lang, f"models/{m['id']}.md", model=m, missing=missing, era=era,
                   paper=kb.papers.get(m["paper"]) if m["paper"] else None,
                   cited=_cited(kb, cited.get(f"model:{m['id']}", {}).get(lang.code, []), lang, False))


# --- Topics, glossary, timeline, claims ------------------------------------------------------

def topic_page(kb: KB, topic: dict, lang: Language) -> str:
    return _render("topic.md.j2", kb, lang, f"topics/{topic['id']}.md", topic=topic,
                   sections=sections_of(kb, topic["id"], lang), papers=papers_of(kb, topic["id"]))


def topics_index(kb: KB, lang: Language) -> str:
    topics = [(t, len(sections_of(kb, t["id"], lang)), len(papers_of(kb, t["id"]))) for t in kb.topics.values()]
    return _render("topics_index.md.j2", kb, lang, "topics/index.md", topics=topics)


def glossary_page(kb: KB, lang: Language) -> str:
    terms = []
    for term in sorted(kb.glossary.values(), key=lambda x: lang.sort_key(x["term"][lang.code])):
        others = [term["term"][c] for c in kb.langs if c != lang.code]
        terms.append((term, others + ([term["abbr"]] if term.get("abbr") else [])))
    return _render("glossary.md.j2", kb, lang, "glossary/index.md", terms=terms)


def timeline_page(kb: KB, lang: Language) -> str:
    events = [{"when": arxiv_month(p), "order": 1, "key": p["id"], "paper": p, "model": None}
              for p in kb.papers.values()]
    events += [{"when": m["announced"], "order": 0, "key": m["id"], "paper": None, "model": m}
               for m in kb.models.values()]
    events.sort(key=lambda e: (e["when"], e["order"], e["key"]))
    years = [(y, [e for e in events if e["when"][:4] == y]) for y in sorted({e["when"][:4] for e in events})]
    return _render("timeline.md.j2", kb, lang, "timeline/index.md", years=years)


CLAIM_STATUSES = ("verified", "partly", "unsourced", "contested", "view", "site")


def claims_page(kb: KB, lang: Language) -> str:
    counts = Counter(c["status"] for c in kb.claims.values())
    # In the article's order: parts 1-8, then the appendix.
    order = sorted(kb.sections, key=lambda n: _reading_order(kb.sections[n]))
    by_section = [(name, [c for c in kb.claims.values() if c["section"] == name]) for name in order]
    return _render("claims.md.j2", kb, lang, "claims/index.md",
                   counts=[(s, counts.get(s, 0)) for s in CLAIM_STATUSES],
                   by_section=[(n, cs) for n, cs in by_section if cs])


# --- Blocks placed into hand-written pages ---------------------------------------------------

def references(kb: KB, lang: Language, src: str, ids: list[str]) -> str:
    papers = [kb.papers[i] for i in ids]
    def ref_authors(paper: dict) -> str:
        """All authors up to six; beyond that the first three and "et al." (BIG-bench has 444)."""
        authors = paper["authors"]
        text = (", ".join(authors) if len(authors) <= 6
                else lang.authors["many"].format(a=", ".join(authors[:3])))
        # The template closes the authors with a full stop: "et al." must not get a second one.
        return text.rstrip(".")

    return _render("references.md.j2", kb, lang, src, papers=papers, paper_url=paper_url,
                   ref_authors=ref_authors) if papers else ""


def about_article(kb: KB, lang: Language, src: str, part, heading: str | None = None,
                  topics: list[str] | None = None) -> str:
    """The box under a section's title. The Chinese page also quotes the article's own
    heading (the English page would show it untranslated); the box ends with the section's
    topics (front matter ``topics``), each linked to its page."""
    if part == "appendix":
        label = lang.t("about_appendix")
    elif heading and lang.code == "zh":
        label = lang.t("about_part_heading", n=part, heading=heading)
    else:
        label = lang.t("about_part", n=part)
    return _render("about.md.j2", kb, lang, src, part=label,
                   topics=[kb.topics[t] for t in topics or []])  # ids checked by validate.py


def stats(kb: KB, lang: Language, src: str) -> str:
    rows = [("sections/paradigm-shifts.md", "n_sections", len(kb.sections)),
            ("papers/index.md", "n_papers", len(kb.papers)),
            ("models/index.md", "n_models", len(kb.models)),
            ("glossary/index.md", "n_terms", len(kb.glossary)),
            ("topics/index.md", "n_topics", len(kb.topics))]
    return _render("stats.md.j2", kb, lang, src, rows=rows)


def models_chart(kb: KB, lang: Language, src: str) -> str:
    svg, table = chart_drawings(kb, lang, src)
    return _render("models_chart.html.j2", kb, lang, src, svg=Markup(svg), table=Markup(table))


BLOCKS = {
    "stats": stats,
    "models-table": models_table,
    "models-chart": models_chart,
}


# --- Downloads -------------------------------------------------------------------------------

def models_rows(kb: KB) -> list[dict]:
    rows = []
    for m in kb.models.values():
        row = {"id": m["id"]}
        for code in kb.langs:
            row[f"name_{code}"] = m["name"][code]
        for code in kb.langs:
            row[f"organization_{code}"] = m["organization"][code]
        row.update(parameters=m["parameters"], active_parameters=m.get("active_parameters"),
                   training_tokens=m.get("training_tokens"), context_length=m.get("context_length"),
                   architecture=m.get("architecture"), open_weights=m.get("open_weights"),
                   licence=m.get("licence"), announced=m["announced"], era=era(m), paper=m["paper"],
                   appendix=m["appendix"], seed_name=m.get("seed_name"))
        rows.append(row)
    return rows


def models_csv(kb: KB) -> str:
    rows = models_rows(kb)
    buffer = io.StringIO()
    # The byte-order mark makes Excel (Chinese Windows included) read the file as UTF-8.
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["id"], lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


# --- Everything ------------------------------------------------------------------------------

def render_all(kb: KB) -> dict[str, str]:
    cited = citations(kb)
    out: dict[str, str] = {}
    for lang in kb.languages:
        def put(path: str, text: str, lang: Language = lang) -> None:
            out[lang.file(path)] = text
        for paper in kb.papers.values():
            put(f"papers/{paper['id']}.md", paper_page(kb, paper, cited, lang))
        put("papers/index.md", papers_by_topic(kb, lang))
        put("papers/by-year.md", papers_by_year(kb, lang))
        for m in kb.models.values():
            put(f"models/{m['id']}.md", model_page(kb, m, cited, lang))
        put("models/index.md", models_page(kb, lang))
        for topic in kb.topics.values():
            put(f"topics/{topic['id']}.md", topic_page(kb, topic, lang))
        put("topics/index.md", topics_index(kb, lang))
        put("glossary/index.md", glossary_page(kb, lang))
        put("timeline/index.md", timeline_page(kb, lang))
        if kb.claims:
            put("claims/index.md", claims_page(kb, lang))
        # mkdocs-static-i18n gives each language only its own files, so each gets copies
        # (``x.en.bib`` is published as ``en/downloads/x.bib``).
        put("downloads/index.md", downloads_page(kb, lang))
        put("downloads/papers.bib", bibtex(list(kb.papers.values())))
        put("downloads/models.csv", models_csv(kb))
        put("downloads/models.json", json.dumps(models_rows(kb), ensure_ascii=False, indent=2) + "\n")
        put("downloads/parameters.svg", parameter_chart(kb, lang))
    return out
