"""Step 3: turn the validated knowledge base into file contents, keyed by docs/-relative path.

Nothing here touches the disk, so the output can be compared, tested and written atomically.
Pages come in pairs: ``x.md`` (zh) and ``x.en.md`` (en), the layout mkdocs-static-i18n expects.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict

import bibtexparser
from bibtexparser import model as bib
from pypinyin import lazy_pinyin

from . import LANGS
from .chart import chart_figure, parameter_chart
from .text import arxiv_month, attr, author_year, md, params, plain_sentence, rel
from .validate import KB

T = {
    "zh": {
        "authors": "作者", "venue": "发表", "year": "年份", "links": "链接", "topics": "主题",
        "pdf": "PDF", "abstract": "arXiv 摘要", "doi": "DOI", "landing": "论文页面",
        "other_titles": "其他标题", "summary": "综述如何使用它", "models_introduced": "提出的模型",
        "cited_in": "被引用于", "not_cited": "正文没有直接引用这篇论文。", "bibtex": "BibTeX",
        "copy_hint": "点击代码块右上角的按钮即可复制。",
        "model": "模型", "organization": "机构", "parameters": "参数量", "announced": "发布时间",
        "paper": "论文", "appendix": "原文附录", "seed_name": "原文写法", "yes": "是",
        "facts": "基本信息", "notes": "说明", "discussed_in": "讨论它的章节",
        "not_discussed": "正文各节没有直接讨论这个模型。", "no_paper": "没有论文，见官方发布：",
        "models_title": "模型一览", "papers_title": "论文（按主题）", "by_year_title": "论文（按年份）",
        "topics_title": "主题", "glossary_title": "术语表", "timeline_title": "时间线",
        "sections": "章节", "papers": "论文", "downloads": "下载数据",
        "glossary_sections": "相关章节", "abbr": "缩写",
        "filter": "筛选模型", "chart_caption": "各模型的参数量（对数坐标）随发布时间的分布。点击或用 Tab 键选中一个点，打开该模型的页面。",
    },
    "en": {
        "authors": "Authors", "venue": "Venue", "year": "Year", "links": "Links", "topics": "Topics",
        "pdf": "PDF", "abstract": "arXiv abstract", "doi": "DOI", "landing": "Paper page",
        "other_titles": "Other titles", "summary": "How the survey uses it",
        "models_introduced": "Models introduced", "cited_in": "Cited in",
        "not_cited": "No section cites this paper directly.", "bibtex": "BibTeX",
        "copy_hint": "Use the button at the top right of the block to copy it.",
        "model": "Model", "organization": "Organization", "parameters": "Parameters",
        "announced": "Announced", "paper": "Paper", "appendix": "Appendix",
        "seed_name": "Spelled in the article", "yes": "yes", "facts": "Facts", "notes": "Notes",
        "discussed_in": "Discussed in", "not_discussed": "No section discusses this model directly.",
        "no_paper": "No paper; see the official announcement:",
        "models_title": "Models", "papers_title": "Papers by topic", "by_year_title": "Papers by year",
        "topics_title": "Topics", "glossary_title": "Glossary", "timeline_title": "Timeline",
        "sections": "Sections", "papers": "Papers", "downloads": "Download the data",
        "glossary_sections": "Where it matters", "abbr": "Abbreviation",
        "filter": "Filter models",
        "chart_caption": "Parameter counts of the models (log scale) by announcement date. Click a point, or reach it with Tab, to open the model's page.",
    },
}


def page_name(path: str, lang: str) -> str:
    """``papers/x.md`` -> ``papers/x.en.md`` for English."""
    return path if lang == "zh" else path[: -len(".md")] + ".en.md"


def front_matter(description: str) -> str:
    return "---\ndescription: " + json.dumps(" ".join(description.split()), ensure_ascii=False) + "\n---\n\n"


def section_title(kb: KB, name: str, lang: str) -> str:
    return kb.sections[name][lang].title


# --- Who cites what --------------------------------------------------------------------------

def citations(kb: KB) -> dict[str, dict[str, list[dict]]]:
    """kind:id -> lang -> [{section, heading_id, heading, sentence}], one entry per sentence."""
    found: dict[str, dict[str, list[dict]]] = defaultdict(lambda: {lang: [] for lang in LANGS})
    for name, langs in kb.sections.items():
        for lang, section in langs.items():
            for marker in section.markers:
                kind = "model" if marker.kind == "model" else "paper"
                heading = marker.heading if marker.heading and marker.heading.level > 1 else None
                start = marker.paragraph.find("{" + marker.kind + ":" + marker.id)
                item = {
                    "section": name,
                    "heading_id": heading.id if heading else None,
                    "heading": heading.text if heading else section.title,
                    "sentence": plain_sentence(kb, marker.paragraph, start, lang),
                }
                bucket = found[f"{kind}:{marker.id}"][lang]
                if item not in bucket:
                    bucket.append(item)
    return found


def _cited_lines(kb: KB, items: list[dict], lang: str, from_src: str, with_sentence: bool) -> list[str]:
    lines, seen = [], set()
    for item in items:
        target = f"sections/{item['section']}.md" + (f"#{item['heading_id']}" if item["heading_id"] else "")
        if not with_sentence and target in seen:
            continue
        seen.add(target)
        title = section_title(kb, item["section"], lang)
        label = md(title) if item["heading"] == title else f"{md(title)} › {md(item['heading'])}"
        line = f"- [{label}]({rel(from_src, target)})"
        if with_sentence:
            line += ("：" if lang == "zh" else ": ") + f"“{md(item['sentence'])}”"
        lines.append(line)
    return lines


# --- Papers ----------------------------------------------------------------------------------

def bibtex_entry(paper: dict) -> bib.Entry:
    venue = paper["venue"]
    fields = [bib.Field("title", "{" + paper["title"] + "}"),
              bib.Field("author", " and ".join(paper["authors"])),
              bib.Field("year", str(paper["year"]))]
    if venue in ("arXiv",):
        kind = "misc"
        fields.append(bib.Field("howpublished", f"arXiv:{paper['arxiv']}"))
    elif venue in ("OpenAI",) or not paper.get("arxiv") and "Conference" not in venue:
        kind = "techreport" if venue == "OpenAI" else "article"
        fields.append(bib.Field("institution" if kind == "techreport" else "journal", venue))
    elif any(word in venue for word in ("Journal", "JMLR", "TMLR", "Transactions")):
        kind = "article"
        fields.append(bib.Field("journal", venue))
    else:
        kind = "inproceedings"
        fields.append(bib.Field("booktitle", venue))
    if paper.get("arxiv"):
        fields += [bib.Field("eprint", paper["arxiv"]), bib.Field("archivePrefix", "arXiv")]
    if paper.get("doi"):
        fields.append(bib.Field("doi", paper["doi"]))
    fields.append(bib.Field("url", paper["url"]))
    return bib.Entry(kind, paper["id"], fields)


def bibtex(papers: list[dict]) -> str:
    library = bibtexparser.Library()
    for paper in papers:
        library.add(bibtex_entry(paper))
    return bibtexparser.write_string(library)


def paper_page(kb: KB, paper: dict, cited: dict, lang: str) -> str:
    t, src = T[lang], f"papers/{paper['id']}.md"
    out = [front_matter(paper["summary"][lang]), f"# {md(paper['title'])}\n"]
    facts = [f"**{t['authors']}**：{md(', '.join(paper['authors']))}" if lang == "zh"
             else f"**{t['authors']}**: {md(', '.join(paper['authors']))}"]
    sep = "：" if lang == "zh" else ": "
    facts.append(f"**{t['venue']}**{sep}{md(paper['venue'])} · {paper['year']}")
    links = []
    if paper.get("arxiv"):
        links.append(f"[{t['abstract']} {paper['arxiv']}](https://arxiv.org/abs/{paper['arxiv']})")
        links.append(f"[{t['pdf']}](https://arxiv.org/pdf/{paper['arxiv']})")
    if paper["url"] and "arxiv.org/abs/" not in paper["url"]:
        links.append(f"[{t['landing']}]({paper['url']})")
    if paper.get("doi"):
        links.append(f"[{t['doi']} {md(paper['doi'])}](https://doi.org/{paper['doi']})")
    facts.append(f"**{t['links']}**{sep}" + " · ".join(links))
    topics = [f"[{md(kb.topics[x]['name'][lang])}]({rel(src, f'topics/{x}.md')})" for x in paper["topics"]]
    facts.append(f"**{t['topics']}**{sep}" + ("、" if lang == "zh" else ", ").join(topics))
    if paper.get("other_titles"):
        facts.append(f"**{t['other_titles']}**{sep}" + "; ".join(md(x) for x in paper["other_titles"]))
    out.append("\n".join(f"- {line}" for line in facts) + "\n")
    out.append(f"## {t['summary']} {{ #summary }}\n\n{md(paper['summary'][lang])}\n")
    introduced = [m for m in kb.models.values() if m["paper"] == paper["id"]]
    if introduced:
        out.append(f"## {t['models_introduced']} {{ #models }}\n")
        out.append("\n".join(f"- [{md(m['name'][lang])}]({rel(src, 'models/' + m['id'] + '.md')})"
                             for m in introduced) + "\n")
    out.append(f"## {t['cited_in']} {{ #cited-in }}\n")
    items = cited.get(f"paper:{paper['id']}", {}).get(lang, [])
    out.append("\n".join(_cited_lines(kb, items, lang, src, True)) + "\n" if items else t["not_cited"] + "\n")
    out.append(f"## {t['bibtex']} {{ #bibtex }}\n\n{t['copy_hint']}\n\n```bibtex\n{bibtex([paper]).strip()}\n```\n")
    return "\n".join(out)


def _paper_item(kb: KB, paper: dict, lang: str, src: str) -> str:
    return (f"- [{md(paper['title'])}]({rel(src, 'papers/' + paper['id'] + '.md')}) "
            f"— {md(author_year(paper, lang))} · {md(paper['venue'])}")


def _downloads(lang: str, src: str) -> str:
    t = T[lang]
    files = [("papers.bib", "BibTeX"), ("models.csv", "CSV"), ("models.json", "JSON")]
    return f"## {t['downloads']} {{ #downloads }}\n\n" + "\n".join(
        f"- [{name}]({rel(src, f'downloads/{name}')}) ({kind})" for name, kind in files) + "\n"


def papers_by_topic(kb: KB, lang: str) -> str:
    t, src = T[lang], "papers/index.md"
    intro = {"zh": f"综述引用或描述的 {len(kb.papers)} 篇论文，按主题排列；一篇论文可以属于多个主题。",
             "en": f"The {len(kb.papers)} papers the survey cites or describes, by topic; a paper can sit under several."}[lang]
    out = [front_matter(intro), f"# {t['papers_title']}\n", intro + "\n"]
    out.append(("另见[按年份排列](by-year.md)。\n" if lang == "zh" else "See also the [list by year](by-year.md).\n"))
    for topic in kb.topics.values():
        papers = [p for p in kb.papers.values() if topic["id"] in p["topics"]]
        if papers:
            out.append(f"## {md(topic['name'][lang])} {{ #{topic['id']} }}\n")
            out.append("\n".join(_paper_item(kb, p, lang, src) for p in papers) + "\n")
    out.append(_downloads(lang, src))
    return "\n".join(out)


def papers_by_year(kb: KB, lang: str) -> str:
    t, src = T[lang], "papers/by-year.md"
    intro = {"zh": "综述引用或描述的论文，按发表年份排列，新的在前。",
             "en": "The papers the survey cites or describes, by year of publication, newest first."}[lang]
    out = [front_matter(intro), f"# {t['by_year_title']}\n", intro + "\n"]
    years = sorted({p["year"] for p in kb.papers.values()}, reverse=True)
    for year in years:
        out.append(f"## {year} {{ #y{year} }}\n")
        papers = sorted((p for p in kb.papers.values() if p["year"] == year), key=lambda p: p["title"].lower())
        out.append("\n".join(_paper_item(kb, p, lang, src) for p in papers) + "\n")
    return "\n".join(out)


# --- Models ----------------------------------------------------------------------------------

def models_table(kb: KB, lang: str, from_src: str) -> str:
    """The sortable table; ``<data>``/``<time>`` carry raw values for sorting in extra.js."""
    t = T[lang]
    # The filter box and the sort buttons are in the HTML, not added by script, so nothing
    # moves when the script runs (layout shift); overrides/main.html hides them without script.
    head = "| " + " | ".join(f'<button type="button">{t[k]}</button>' for k in
                             ("model", "organization", "parameters", "announced", "paper", "appendix")) + " |"
    rows = [head, "| --- | --- | ---: | --- | --- | :---: |"]
    for m in kb.models.values():
        paper = kb.papers.get(m["paper"]) if m["paper"] else None
        paper_cell = (f"[{md(author_year(paper, lang))}]({rel(from_src, 'papers/' + paper['id'] + '.md')})"
                      if paper else "—")
        value = m["parameters"] if m["parameters"] is not None else -1
        rows.append(
            f"| [{md(m['name'][lang])}]({rel(from_src, 'models/' + m['id'] + '.md')}) "
            f"| {md(m['organization'][lang])} "
            f"| <data value=\"{value}\">{params(m['parameters'], lang)}</data> "
            f"| <time datetime=\"{m['announced']}\">{m['announced']}</time> "
            f"| {paper_cell} | {t['yes'] if m['appendix'] else ''} |")
    label = attr(t["filter"])
    return (f'<div class="kb-sortable" markdown>\n\n<input type="search" class="kb-filter" placeholder="{label}" '
            f'aria-label="{label}">\n\n' + "\n".join(rows) + "\n\n</div>\n")


def models_page(kb: KB, lang: str) -> str:
    t, src = T[lang], "models/index.md"
    intro = {"zh": f"综述附录中的 {sum(m['appendix'] for m in kb.models.values())} 个模型，加上正文讨论的其他模型，共 {len(kb.models)} 个。点击表头排序，在输入框中筛选。",
             "en": f"The {sum(m['appendix'] for m in kb.models.values())} models of the survey's appendix and the others its sections discuss, {len(kb.models)} in all. Click a column header to sort; type in the box to filter."}[lang]
    return "\n".join([front_matter(intro), f"# {t['models_title']}\n", intro + "\n",
                      models_table(kb, lang, src), _downloads(lang, src)])


def model_page(kb: KB, m: dict, cited: dict, lang: str) -> str:
    t, src = T[lang], f"models/{m['id']}.md"
    out = [front_matter(m["notes"][lang]), f"# {md(m['name'][lang])}\n", md(m["notes"][lang]) + "\n",
           f"## {t['facts']} {{ #facts }}\n", "| | |\n| --- | --- |"]
    rows = [(t["model"], md(m["name"][lang] if m["name"][lang] == m["name"]["en"]
                             else f"{m['name'][lang]}（{m['name']['en']}）" if lang == "zh" else m["name"]["en"])),
            (t["organization"], md(m["organization"][lang])),
            (t["parameters"], params(m["parameters"], lang)),
            (t["announced"], m["announced"])]
    if m["paper"]:
        p = kb.papers[m["paper"]]
        rows.append((t["paper"], f"[{md(p['title'])}]({rel(src, 'papers/' + p['id'] + '.md')})"))
    else:
        rows.append((t["paper"], f"{t['no_paper']} <{m['url']}>"))
    if m.get("seed_name"):
        rows.append((t["seed_name"], md(m["seed_name"])))
    if m["appendix"]:
        rows.append((t["appendix"], f"[{t['yes']}]({rel(src, 'sections/appendix.md')})"))
    out[-1] += "\n" + "\n".join(f"| {k} | {v} |" for k, v in rows) + "\n"
    out.append(f"## {t['discussed_in']} {{ #discussed-in }}\n")
    items = cited.get(f"model:{m['id']}", {}).get(lang, [])
    out.append("\n".join(_cited_lines(kb, items, lang, src, False)) + "\n" if items else t["not_discussed"] + "\n")
    return "\n".join(out)


# --- Topics, glossary, timeline --------------------------------------------------------------

def topic_page(kb: KB, topic: dict, lang: str) -> str:
    t, src = T[lang], f"topics/{topic['id']}.md"
    out = [front_matter(topic["description"][lang]), f"# {md(topic['name'][lang])}\n",
           md(topic["description"][lang]) + "\n"]
    sections = [n for n, langs in kb.sections.items() if topic["id"] in (langs[lang].meta.get("topics") or [])]
    if sections:
        out.append(f"## {t['sections']} {{ #sections }}\n")
        out.append("\n".join(f"- [{md(section_title(kb, n, lang))}]({rel(src, f'sections/{n}.md')})"
                             for n in sections) + "\n")
    papers = [p for p in kb.papers.values() if topic["id"] in p["topics"]]
    if papers:
        out.append(f"## {t['papers']} {{ #papers }}\n")
        out.append("\n".join(_paper_item(kb, p, lang, src) for p in papers) + "\n")
    return "\n".join(out)


def topics_index(kb: KB, lang: str) -> str:
    t, src = T[lang], "topics/index.md"
    intro = {"zh": "综述的各节和论文都标注了主题。选择一个主题，查看相关的章节和论文。",
             "en": "Every section and paper of the survey carries topics. Pick one to see its sections and papers."}[lang]
    out = [front_matter(intro), f"# {t['topics_title']}\n", intro + "\n"]
    for topic in kb.topics.values():
        n_sections = sum(topic["id"] in (ls[lang].meta.get("topics") or []) for ls in kb.sections.values())
        n_papers = sum(topic["id"] in p["topics"] for p in kb.papers.values())
        count = (f"{n_sections} 节，{n_papers} 篇论文" if lang == "zh"
                 else f"{n_sections} section{'s' * (n_sections != 1)}, {n_papers} paper{'s' * (n_papers != 1)}")
        out.append(f"- [{md(topic['name'][lang])}]({rel(src, 'topics/' + topic['id'] + '.md')})"
                   f"（{count}）" if lang == "zh" else
                   f"- [{md(topic['name'][lang])}]({rel(src, 'topics/' + topic['id'] + '.md')}) ({count})")
    return "\n".join(out) + "\n"


def glossary_sort_key(term: dict, lang: str) -> str:
    word = term["term"][lang]
    return " ".join(lazy_pinyin(word)).lower() if lang == "zh" else word.lower()


def glossary_page(kb: KB, lang: str) -> str:
    t, src = T[lang], "glossary/index.md"
    intro = {"zh": f"综述中出现的 {len(kb.glossary)} 个术语，按拼音排序。正文中的术语悬停或聚焦即可看到定义。",
             "en": f"The {len(kb.glossary)} terms the survey uses, in alphabetical order. In the sections, hover over or focus a term to see its definition."}[lang]
    out = [front_matter(intro), f"# {t['glossary_title']}\n", intro + "\n"]
    for term in sorted(kb.glossary.values(), key=lambda x: glossary_sort_key(x, lang)):
        other = "en" if lang == "zh" else "zh"
        extra = term["term"][other] + (f"，{term['abbr']}" if lang == "zh" and term.get("abbr") else
                                       f", {term['abbr']}" if term.get("abbr") else "")
        out.append(f"## {md(term['term'][lang])}（{md(extra)}） {{ #{term['id']} }}\n" if lang == "zh"
                   else f"## {md(term['term'][lang])} ({md(extra)}) {{ #{term['id']} }}\n")
        out.append(md(term["definition"][lang]) + "\n")
        if term["sections"]:
            links = ("、" if lang == "zh" else ", ").join(
                f"[{md(section_title(kb, n, lang))}]({rel(src, f'sections/{n}.md')})" for n in term["sections"])
            out.append(f"{t['glossary_sections']}{'：' if lang == 'zh' else ': '}{links}\n")
    return "\n".join(out)


def timeline_page(kb: KB, lang: str) -> str:
    t, src = T[lang], "timeline/index.md"
    intro = {"zh": "论文（按 arXiv 首次公开的月份）和模型（按发布月份）合在一起的时间线。",
             "en": "Papers (by the month of their first arXiv version) and models (by announcement month) on one timeline."}[lang]
    events = []
    for p in kb.papers.values():
        events.append((arxiv_month(p), 1, f"[{md(p['title'])}]({rel(src, 'papers/' + p['id'] + '.md')})"
                       f" — {md(author_year(p, lang))}"))
    for m in kb.models.values():
        label = "模型" if lang == "zh" else "model"
        events.append((m["announced"], 0, f"**{label}** [{md(m['name'][lang])}]({rel(src, 'models/' + m['id'] + '.md')})"
                       f" — {md(m['organization'][lang])}"))
    out = [front_matter(intro), f"# {t['timeline_title']}\n", intro + "\n"]
    for year in sorted({e[0][:4] for e in events}):
        out.append(f"## {year} {{ #y{year} }}\n")
        out.append("\n".join(f"- `{when}` {text}" for when, _, text in
                             sorted(e for e in events if e[0][:4] == year)) + "\n")
    return "\n".join(out)


# --- Downloads -------------------------------------------------------------------------------

MODEL_COLUMNS = ["id", "name_zh", "name_en", "organization_zh", "organization_en", "parameters",
                 "announced", "paper", "appendix", "seed_name"]


def models_rows(kb: KB) -> list[dict]:
    return [{"id": m["id"], "name_zh": m["name"]["zh"], "name_en": m["name"]["en"],
             "organization_zh": m["organization"]["zh"], "organization_en": m["organization"]["en"],
             "parameters": m["parameters"], "announced": m["announced"], "paper": m["paper"],
             "appendix": m["appendix"], "seed_name": m.get("seed_name")} for m in kb.models.values()]


def models_csv(kb: KB) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MODEL_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in models_rows(kb):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


# --- Everything ------------------------------------------------------------------------------

def render_all(kb: KB) -> dict[str, str]:
    cited = citations(kb)
    out: dict[str, str] = {}
    for lang in LANGS:
        def put(path: str, text: str) -> None:
            out[page_name(path, lang)] = text
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
    # mkdocs-static-i18n gives each language only its own files, so English gets copies
    # (``x.en.bib`` is published as ``en/downloads/x.bib``).
    data = {"papers.bib": bibtex(list(kb.papers.values())), "models.csv": models_csv(kb),
            "models.json": json.dumps(models_rows(kb), ensure_ascii=False, indent=2) + "\n"}
    for lang in LANGS:
        suffix = "" if lang == "zh" else ".en"
        for name, text in data.items():
            stem, ext = name.rsplit(".", 1)
            out[f"downloads/{stem}{suffix}.{ext}"] = text
        out[f"downloads/parameters{suffix}.svg"] = parameter_chart(kb, lang)
    out[".generated/jieba_userdict.txt"] = jieba_userdict(kb)
    return out


def jieba_userdict(kb: KB) -> str:
    """Domain words jieba must keep whole (涌现能力, 思维链, 文心 ...), one per line with a weight."""
    words = set()
    for term in kb.glossary.values():
        words.add(term["term"]["zh"])
        words.update(term.get("aliases", {}).get("zh", []))
    for m in kb.models.values():
        words.update([m["name"]["zh"], *m["organization"]["zh"].replace("、", " ").split()])
        if m.get("seed_name"):
            words.add(m["seed_name"])
    for topic in kb.topics.values():
        words.add(topic["name"]["zh"])
    # jieba splits entries on spaces; only words with a Chinese character need its help.
    keep = sorted(w for w in words if " " not in w and any("\u4e00" <= c <= "\u9fff" for c in w))
    return "".join(f"{w} 100000\n" for w in keep)


def stats(kb: KB, lang: str, from_src: str) -> str:
    rows = [("sections/paradigm-shifts.md", len(kb.sections), "个章节", "sections"),
            ("papers/index.md", len(kb.papers), "篇论文", "papers"),
            ("models/index.md", len(kb.models), "个模型", "models"),
            ("glossary/index.md", len(kb.glossary), "个术语", "terms"),
            ("topics/index.md", len(kb.topics), "个主题", "topics")]
    head = "## 收录内容 { #contents }\n" if lang == "zh" else "## What is inside { #contents }\n"
    items = [f"- [{n} {zh if lang == 'zh' else en}]({rel(from_src, target)})" for target, n, zh, en in rows]
    return head + "\n" + "\n".join(items) + "\n"


BLOCKS = {
    "stats": stats,
    "models-table": lambda kb, lang, src: models_table(kb, lang, src),
    "models-chart": lambda kb, lang, src: chart_figure(kb, lang, src, attr(T[lang]["chart_caption"])),
}
