"""Step 2: check the data against data/schema/*.json and against itself.

Every problem becomes a DataError naming file, line, entry and field; all of them are
collected before the build stops, so one run shows an author everything to fix.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from . import markers
from .errors import DataError, DataErrors
from .languages import Language
from .load import Section
from .terms import words_of


@dataclass
class KB:
    """The validated knowledge base: plain dicts keyed by id, in file order."""

    languages: tuple[Language, ...]
    topics: dict[str, dict]
    papers: dict[str, dict]
    models: dict[str, dict]
    glossary: dict[str, dict]
    claims: dict[str, dict]
    pages: dict[str, dict[str, Section]]     # every hand-written page: name -> lang -> Section
    labels: dict[str, str] = field(default_factory=dict)  # paper id -> "2022a" (label year)

    @property
    def sections(self) -> dict[str, dict[str, Section]]:
        """The survey's sections (``docs/sections/NAME``), keyed by NAME."""
        return {name.split("/", 1)[1]: langs for name, langs in self.pages.items()
                if name.startswith("sections/")}

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    def lang(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)


ARTICLE_MONTH = "2023-01"  # the article's date: later models are shown apart from its own
# What a model database needs of every later model: a value, or null with a note in `missing`.
LATER_MODEL_FIELDS = ("active_parameters", "training_tokens", "context_length", "open_weights",
                      "licence", "architecture")


def first_year(paper: dict) -> int:
    """The year a paper first appeared: its arXiv v1 year, else its venue year (CONTRIBUTING.md)."""
    if paper.get("first_public"):
        return int(paper["first_public"][:4])
    if paper.get("arxiv"):
        return 2000 + int(paper["arxiv"][:2])
    return paper["year"]


def _schemas(root: Path, languages: tuple[Language, ...]) -> dict[str, Draft202012Validator]:
    folder = root / "data" / "schema"
    loaded = {p.name: json.loads(p.read_text("utf-8")) for p in folder.glob("*.schema.json")}
    # Multilingual fields hold exactly the languages of i18n/: the schema files say zh and en,
    # the registry decides.
    common = copy.deepcopy(loaded["common.schema.json"])
    codes = [lang.code for lang in languages]
    common["$defs"]["lang"]["enum"] = codes
    for name, kind in (("bilingual", "text"), ("bilingual_line", "line")):
        common["$defs"][name]["required"] = codes
        common["$defs"][name]["properties"] = {c: {"$ref": f"#/$defs/{kind}"} for c in codes}
    loaded["common.schema.json"] = common
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in loaded.items())
    return {name.removesuffix(".schema.json"): Draft202012Validator(schema, registry=registry)
            for name, schema in loaded.items()}


def _entry_name(entries: list, index: int) -> str:
    entry = entries[index] if index < len(entries) else None
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return entry["id"]
    return f"#{index + 1}"


def _line(entries, index) -> int | None:
    lines = getattr(entries, "lines", None) or []
    return lines[index] if isinstance(index, int) and index < len(lines) else None


def read_checked(root: Path, file: str, name: str) -> list[dict]:
    """Entries of a data file that only the build's extra blocks read (figures, scaling),
    checked against data/schema/NAME.schema.json. Raises DataErrors naming entry and field."""
    from .languages import load as load_languages
    from .load import read_yaml

    entries = read_yaml(root / file, file)
    errors = check_schema(root, {name: entries}, load_languages(root))
    if errors:
        raise DataErrors(errors)
    return entries


def check_schema(root: Path, data: dict[str, list], languages) -> list[DataError]:
    errors = []
    validators = _schemas(root, languages)
    for name, entries in data.items():
        shown = f"data/{name}.yaml"
        for err in sorted(validators[name].iter_errors(entries), key=lambda e: list(e.path)):
            path = list(err.absolute_path)
            entry = _entry_name(entries, path[0]) if path else None
            field_ = ".".join(str(p) for p in path[1:]) or None
            if err.validator == "required":
                field_ = ".".join([*(str(p) for p in path[1:]), err.message.split("'")[1]])
                message = "required field is missing"
            elif err.validator == "additionalProperties":
                message = f"unknown field ({err.message})"
            elif err.validator == "pattern" and "\\n" in err.schema["pattern"]:
                message = "must be one line (no line break)"
            elif err.validator == "pattern":
                message = f"{err.instance!r:.80} does not have the expected form ({err.schema['pattern']})"
            else:
                message = err.message if len(err.message) < 200 else err.message[:200] + "..."
            errors.append(DataError(shown, message, entry=entry, field=field_,
                                    line=_line(entries, path[0]) if path else None))
    return errors


def _index(name: str, entries: list, errors: list[DataError]) -> dict[str, dict]:
    by_id: dict[str, dict] = {}
    for i, entry in enumerate(entries):
        if entry["id"] in by_id:
            errors.append(DataError(f"data/{name}.yaml", "duplicate id", entry=entry["id"], field="id",
                                    line=_line(entries, i)))
        by_id[entry["id"]] = entry
    return by_id


def _ref_error(errors, name, entries, entry, message, field_):
    index = next((i for i, e in enumerate(entries) if e is entry), None)
    errors.append(DataError(f"data/{name}.yaml", message, entry=entry["id"], field=field_,
                            line=_line(entries, index)))


def author_labels(papers: dict[str, dict]) -> dict[str, str]:
    """The year part of every paper's label, with a/b/... where two papers would read alike.

    Two papers read alike when their first authors' surnames, their author counts (one, two,
    many) and their first years match: "Wei et al., 2022" would then point at two papers.
    """
    from .text import surname

    groups: dict[tuple, list[dict]] = {}
    for paper in papers.values():
        authors = paper["authors"]
        who = tuple(surname(a) for a in authors[:2]) if len(authors) <= 2 else (surname(authors[0]), "+")
        groups.setdefault((who, first_year(paper)), []).append(paper)
    labels = {}
    for (_, year), group in groups.items():
        # In order of first appearance (arXiv id), so the suffixes do not move when a paper is added later.
        group.sort(key=lambda p: (p.get("arxiv") or "9999", p["id"]))
        for i, paper in enumerate(group):
            labels[paper["id"]] = f"{year}{'abcdefghijklmnopqrstuvwxyz'[i] if len(group) > 1 else ''}"
    return labels


def _strings(value, path=()):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, (*path, str(k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, (*path, str(i)))


def check_no_markers(data: dict[str, list]) -> list[DataError]:
    """Markers work in pages only: in data they would be shown as typed, or worse."""
    errors = []
    for name, entries in data.items():
        for i, entry in enumerate(entries):
            for path, text in _strings(entry):
                found = markers.LEFTOVER.search(text)
                if found:
                    errors.append(DataError(f"data/{name}.yaml", f"marker {found.group(0)} in data text: "
                                            "markers work only in pages (write the name or title)",
                                            entry=_entry_name(entries, i), field=".".join(path),
                                            line=_line(entries, i)))
    return errors


def check_references(data: dict[str, list], pages: list[Section], languages) -> tuple[KB | None, list[DataError]]:
    errors: list[DataError] = []
    codes = [lang.code for lang in languages]
    topics = _index("topics", data["topics"], errors)
    papers = _index("papers", data["papers"], errors)
    models = _index("models", data["models"], errors)
    glossary = _index("glossary", data["glossary"], errors)
    claims = _index("claims", data["claims"], errors)

    by_name: dict[str, dict[str, Section]] = {}
    for page in pages:
        by_name.setdefault(page.name, {})[page.lang] = page
    section_names = {n.split("/", 1)[1] for n in by_name if n.startswith("sections/")}

    for paper in papers.values():
        for topic in paper["topics"]:
            if topic not in topics:
                _ref_error(errors, "papers", data["papers"], paper, f"unknown topic '{topic}'", "topics")
    for model in models.values():
        if model["id"] in papers:
            _ref_error(errors, "models", data["models"], model,
                       "a paper has the same id (citation anchors would collide)", "id")
        if model["paper"] is not None and model["paper"] not in papers:
            _ref_error(errors, "models", data["models"], model, f"unknown paper '{model['paper']}'", "paper")
        if model["paper"] is None and not model.get("url"):
            _ref_error(errors, "models", data["models"], model, "a model without a paper needs a url", "url")
        if model["announced"] > ARTICLE_MONTH:
            for key in LATER_MODEL_FIELDS:
                if key not in model:
                    _ref_error(errors, "models", data["models"], model,
                               "required for a model announced after the article (null with a note "
                               "in 'missing' if it was not published)", key)
                elif model[key] is None and key not in model.get("missing", {}):
                    _ref_error(errors, "models", data["models"], model,
                               f"is null: say why in missing.{key}", key)
        active, total = model.get("active_parameters"), model["parameters"]
        if active is not None and total is not None and active > total:
            _ref_error(errors, "models", data["models"], model,
                       f"active parameters ({active}) exceed the total ({total})", "active_parameters")
    seen_terms: dict[tuple[str, str], str] = {}
    for term in glossary.values():
        for lang in codes:
            # The same words the glossary links and the search dictionary use.
            for word in words_of(term, lang):
                key = (lang, word.casefold())
                if key in seen_terms and seen_terms[key] != term["id"]:
                    _ref_error(errors, "glossary", data["glossary"], term,
                               f"'{word}' is already used by '{seen_terms[key]}'", f"term.{lang}")
                seen_terms[key] = term["id"]
        for name in term["sections"]:
            if name not in section_names:
                _ref_error(errors, "glossary", data["glossary"], term, f"unknown section '{name}'", "sections")
    for claim in claims.values():
        langs = by_name.get(f"sections/{claim['section']}")
        if langs is None:
            _ref_error(errors, "claims", data["claims"], claim, f"unknown section '{claim['section']}'", "section")
        else:
            for code, page in langs.items():
                if claim["anchor"] not in {h.id for h in page.headings}:
                    _ref_error(errors, "claims", data["claims"], claim,
                               f"no heading with id '{claim['anchor']}' in {page.path}", "anchor")
                    break
        for i, source in enumerate(claim["sources"]):
            if source["paper"] not in papers:
                _ref_error(errors, "claims", data["claims"], claim, f"unknown paper '{source['paper']}'",
                           f"sources.{i}.paper")

    targets = {"papers": papers, "models": models, "claims": claims}
    placed: dict[tuple[str, str], list[Section]] = {}
    for name, langs in sorted(by_name.items()):
        for code in codes:
            if code not in langs:
                other = next(iter(langs.values()))
                missing = languages[codes.index(code)].file(f"docs/{name}.md")
                errors.append(DataError(other.path, f"has no {code} translation ({missing} is missing)"))
        for page in langs.values():
            part = page.meta.get("part")
            if name.startswith("sections/") and not (part == "appendix" or isinstance(part, int) and part > 0):
                errors.append(DataError(page.path, "front matter needs 'part': the article's part number "
                                        "(1, 2, ...) or 'appendix'", field="part", line=1))
            heading = page.meta.get("article_heading")
            if name.startswith("sections/") and not (isinstance(heading, str) and heading.strip()
                                                     and "\n" not in heading):
                errors.append(DataError(page.path, "front matter needs 'article_heading': the article's own "
                                        "heading of this part, verbatim, on one line", field="article_heading", line=1))
            elif heading != (langs.get(codes[0]) or page).meta.get("article_heading"):  # the default language's
                errors.append(DataError(page.path, "'article_heading' differs between the languages: it quotes "
                                        "the article, so it is the same in every translation",
                                        field="article_heading", line=1))
            for topic in page.meta.get("topics") or []:
                if topic not in topics:
                    errors.append(DataError(page.path, f"unknown topic '{topic}'", field="topics", line=1))
            for marker in page.markers:
                if marker.id not in targets[markers.TARGET[marker.kind]]:
                    errors.append(DataError(page.path, f"unknown {marker.kind} id '{marker.id}' "
                                            f"in {{{marker.kind}:{marker.id}}}", line=marker.line))
                elif marker.kind == "claim":
                    placed.setdefault((marker.id, page.lang), []).append(page)
                    claim = claims[marker.id]
                    if page.name != f"sections/{claim['section']}":
                        errors.append(DataError(page.path, f"{{claim:{marker.id}}} belongs to section "
                                                f"'{claim['section']}'", line=marker.line))
    for claim in claims.values():
        for code in codes:
            count = len(placed.get((claim["id"], code), []))
            if count != 1 and f"sections/{claim['section']}" in by_name:
                _ref_error(errors, "claims", data["claims"], claim,
                           f"{{claim:{claim['id']}}} must appear once in the {code} page of its section "
                           f"(found {count})", "id")
    if errors:
        return None, errors
    return KB(languages, topics, papers, models, glossary, claims, by_name, author_labels(papers)), errors


def validate(root: Path, data: dict[str, list], pages: list[Section], languages) -> KB:
    errors = check_schema(root, data, languages) + check_no_markers(data)
    if errors:  # cross-references assume well-formed entries
        raise DataErrors(errors)
    kb, errors = check_references(data, pages, languages)
    if errors:
        raise DataErrors(errors)
    return kb
