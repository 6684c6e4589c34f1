"""Step 2: check the data against data/schema/*.json and against itself.

Every problem becomes a DataError naming file, entry and field; all of them are collected
before the build stops, so one run shows an author everything to fix.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from . import LANGS
from .errors import DataError, DataErrors
from .load import Section


@dataclass
class KB:
    """The validated knowledge base: plain dicts keyed by id, in file order."""

    topics: dict[str, dict]
    papers: dict[str, dict]
    models: dict[str, dict]
    glossary: dict[str, dict]
    sections: dict[str, dict[str, Section]]  # name -> lang -> Section


def _schemas(root: Path) -> dict[str, Draft202012Validator]:
    folder = root / "data" / "schema"
    loaded = {p.name: json.loads(p.read_text("utf-8")) for p in folder.glob("*.schema.json")}
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in loaded.items())
    return {name.removesuffix(".schema.json"): Draft202012Validator(schema, registry=registry)
            for name, schema in loaded.items()}


def _entry_name(entries: list, index: int) -> str:
    entry = entries[index] if index < len(entries) else None
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return entry["id"]
    return f"#{index + 1}"


def check_schema(root: Path, data: dict[str, list]) -> list[DataError]:
    errors = []
    validators = _schemas(root)
    for name, entries in data.items():
        shown = f"data/{name}.yaml"
        for err in sorted(validators[name].iter_errors(entries), key=lambda e: list(e.path)):
            path = list(err.absolute_path)
            entry = _entry_name(entries, path[0]) if path else None
            field = ".".join(str(p) for p in path[1:]) or None
            if err.validator == "required":
                field = err.message.split("'")[1]
                message = "required field is missing"
            elif err.validator == "additionalProperties":
                message = f"unknown field ({err.message})"
            elif err.validator == "pattern":
                message = f"{err.instance!r:.80} does not have the expected form ({err.schema['pattern']})"
            else:
                message = err.message if len(err.message) < 200 else err.message[:200] + "..."
            errors.append(DataError(shown, message, entry=entry, field=field))
    return errors


def _index(name: str, entries: list, errors: list[DataError]) -> dict[str, dict]:
    by_id: dict[str, dict] = {}
    for entry in entries:
        if entry["id"] in by_id:
            errors.append(DataError(f"data/{name}.yaml", "duplicate id", entry=entry["id"], field="id"))
        by_id[entry["id"]] = entry
    return by_id


def check_references(data: dict[str, list], sections: list[Section]) -> tuple[KB | None, list[DataError]]:
    errors: list[DataError] = []
    topics = _index("topics", data["topics"], errors)
    papers = _index("papers", data["papers"], errors)
    models = _index("models", data["models"], errors)
    glossary = _index("glossary", data["glossary"], errors)

    by_name: dict[str, dict[str, Section]] = {}
    for section in sections:
        by_name.setdefault(section.name, {})[section.lang] = section
    section_names = set(by_name)

    for paper in papers.values():
        for topic in paper["topics"]:
            if topic not in topics:
                errors.append(DataError("data/papers.yaml", f"unknown topic '{topic}'",
                                        entry=paper["id"], field="topics"))
    for model in models.values():
        if model["paper"] is not None and model["paper"] not in papers:
            errors.append(DataError("data/models.yaml", f"unknown paper '{model['paper']}'",
                                    entry=model["id"], field="paper"))
        if model["paper"] is None and not model.get("url"):
            errors.append(DataError("data/models.yaml", "a model without a paper needs a url",
                                    entry=model["id"], field="url"))
    seen_terms: dict[tuple[str, str], str] = {}
    for term in glossary.values():
        for lang in LANGS:
            words = [term["term"][lang], *term.get("aliases", {}).get(lang, [])]
            if lang == "en" and term.get("abbr"):
                words.append(term["abbr"])
            for word in words:
                key = (lang, word.casefold())
                if key in seen_terms and seen_terms[key] != term["id"]:
                    errors.append(DataError(
                        "data/glossary.yaml", f"'{word}' is already used by '{seen_terms[key]}'",
                        entry=term["id"], field=f"term.{lang}"))
                seen_terms[key] = term["id"]
        for name in term["sections"]:
            if name not in section_names:
                errors.append(DataError("data/glossary.yaml", f"unknown section '{name}'",
                                        entry=term["id"], field="sections"))

    targets = {"paper": papers, "cite": papers, "model": models}
    for name, langs in sorted(by_name.items()):
        for lang in LANGS:
            if lang not in langs:
                other = next(iter(langs.values()))
                missing = f"docs/sections/{name}{'.en' if lang == 'en' else ''}.md"
                errors.append(DataError(other.path, f"has no {lang} translation ({missing} is missing)"))
        for section in langs.values():
            for topic in section.meta.get("topics") or []:
                if topic not in topics:
                    errors.append(DataError(section.path, f"unknown topic '{topic}'",
                                            field="topics", line=1))
            for marker in section.markers:
                if marker.id not in targets[marker.kind]:
                    errors.append(DataError(section.path, f"unknown {marker.kind} id '{marker.id}' "
                                            f"in {{{marker.kind}:{marker.id}}}", line=marker.line))
    if errors:
        return None, errors
    return KB(topics, papers, models, glossary, by_name), errors


def validate(root: Path, data: dict[str, list], sections: list[Section]) -> KB:
    errors = check_schema(root, data)
    if errors:  # cross-references assume well-formed entries
        raise DataErrors(errors)
    kb, errors = check_references(data, sections)
    if errors:
        raise DataErrors(errors)
    return kb
