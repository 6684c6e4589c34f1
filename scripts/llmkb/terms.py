"""Glossary words: what counts as an occurrence of a term, for links, validation and search."""

from __future__ import annotations

import re


def words_of(term: dict, lang: str) -> list[str]:
    """The term, its aliases and its abbreviation, in one language, longest first."""
    words = [term["term"][lang], *term.get("aliases", {}).get(lang, [])]
    if term.get("abbr"):
        words.append(term["abbr"])
    return sorted({w for w in words if w}, key=len, reverse=True)


def matcher(glossary: dict, lang) -> tuple[re.Pattern | None, dict[str, dict]]:
    """One pattern for every word of every term, longest word first.

    A regex alternation takes the first alternative that matches at the leftmost position, so
    ordering by the words' own length makes 指令微调 win over 指令, and 零样本思维链 over 思维链.
    Latin words need word boundaries ("MHA" not inside "MHAs"); Chinese has none to use.
    """
    owner: dict[str, dict] = {}
    for term in glossary.values():
        for word in words_of(term, lang.code):
            owner.setdefault(word.casefold() if lang.terms_ignore_case else word, term)
    if not owner:
        return None, owner
    words = sorted(owner, key=len, reverse=True)
    body = "|".join(re.escape(w) for w in words)
    flags = re.I if lang.terms_ignore_case else 0
    return re.compile(rf"(?<![A-Za-z0-9-])(?:{body})(?![A-Za-z0-9])", flags), owner
