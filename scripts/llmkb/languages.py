"""The language registry: which languages the site has, and everything that differs by language.

One YAML file per language in ``i18n/`` (its code, file suffix, punctuation, number units,
author-label patterns, sort order and the catalogue of UI strings). Nothing else in the
generator names a language: code that needs a colon asks ``lang.p.colon``, never
``lang == "zh"``. mkdocs.yml's i18n plugin lists the same languages (a test checks it).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import yaml

from .errors import DataError

FOLDER = "i18n"


@dataclass(frozen=True)
class Language:
    code: str
    default: bool
    suffix: str
    name: str
    sort: str
    terms_ignore_case: bool
    punctuation: dict
    units: list
    authors: dict
    strings: dict = field(repr=False)

    @property
    def p(self) -> SimpleNamespace:
        """Punctuation as attributes: ``lang.p.colon``."""
        return SimpleNamespace(**self.punctuation)

    @property
    def sentence_end(self) -> re.Pattern:
        """Where one sentence ends and the next begins, for the quotes of "Cited in" lists."""
        return re.compile(self.punctuation["sentence_split"])

    def file(self, path: str) -> str:
        """``papers/x.md`` -> ``papers/x.en.md`` (the suffix layout of mkdocs-static-i18n)."""
        stem, dot, ext = path.rpartition(".")
        return f"{stem}{self.suffix}.{ext}" if dot else path + self.suffix

    def t(self, key: str, **values) -> str:
        text = self.strings[key]
        return text.format(**values) if values else text

    def number(self, n: int | None) -> str:
        """A parameter count in the language's units: ``1750 亿``, ``175B``."""
        if n is None:
            return self.strings["undisclosed"]
        for size, unit in self.units:
            if n >= size:
                return f"{n / size:.2f}".rstrip("0").rstrip(".") + unit
        return str(n)

    def sort_key(self, word: str) -> str:
        if self.sort == "pinyin":
            from pypinyin import lazy_pinyin

            return " ".join(lazy_pinyin(word)).lower()
        return word.casefold()


_REQUIRED = {f.name for f in Language.__dataclass_fields__.values()}


def load(root: Path) -> tuple[Language, ...]:
    """Every ``i18n/*.yaml`` of the project, the default language first."""
    folder = root / FOLDER
    found = []
    for path in sorted(folder.glob("*.yaml")):
        shown = f"{FOLDER}/{path.name}"
        data = yaml.safe_load(path.read_text("utf-8"))
        if not isinstance(data, dict):
            raise DataError(shown, "must be a mapping")
        missing = sorted(_REQUIRED - set(data))
        if missing:
            raise DataError(shown, f"missing keys: {', '.join(missing)}")
        if data["code"] != path.stem:
            raise DataError(shown, f"code '{data['code']}' does not match the file name", field="code")
        found.append(Language(**{k: data[k] for k in _REQUIRED}))
    if not found:
        raise DataError(f"{FOLDER}/", "no language files")
    defaults = [lang for lang in found if lang.default]
    if len(defaults) != 1:
        raise DataError(f"{FOLDER}/", "exactly one language must have default: true")
    keys = set(defaults[0].strings)
    for lang in found:
        if set(lang.strings) != keys:
            diff = sorted(keys ^ set(lang.strings))
            raise DataError(f"{FOLDER}/{lang.code}.yaml", f"strings differ from the default language's: {diff}",
                            field="strings")
    return tuple(sorted(found, key=lambda lang: not lang.default))


def language_of(languages: tuple[Language, ...], filename: str) -> tuple[str, Language]:
    """``scaling.en.md`` -> (``scaling.md``, en); a name with no known suffix is the default's."""
    stem, _, ext = filename.rpartition(".")
    for lang in languages:
        if lang.suffix and stem.endswith(lang.suffix):
            return stem[: -len(lang.suffix)] + "." + ext, lang
    return filename, languages[0]


@functools.lru_cache(maxsize=None)
def _registry(root: Path) -> dict[str, dict]:
    return {lang.code: lang.strings for lang in load(root)}


def strings(code: str, root: Path = Path(__file__).resolve().parents[2]) -> dict:
    """The UI strings of one language, for code that is handed a language code only."""
    return _registry(root)[code]
