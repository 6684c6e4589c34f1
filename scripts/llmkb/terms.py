"""Glossary tooltips: the first use of each term on a section page links to its definition.

The link carries the definition in ``title``; Material's ``content.tooltips`` shows it on
hover and on keyboard focus, in the page's language, and a click leads to the glossary.
"""

from __future__ import annotations

import re

from .text import attr

# Text between tags, outside elements where a link would be wrong or noisy.
_TAG = re.compile(r"<[^>]+>")
_SKIP = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "script", "style", "svg",
         "summary", "kbd", "data", "time"}


def _patterns(kb, lang: str) -> list[tuple[re.Pattern, dict]]:
    found = []
    for term in kb.glossary.values():
        words = [term["term"][lang], *term.get("aliases", {}).get(lang, [])]
        if term.get("abbr"):
            words.append(term["abbr"])
        words = sorted({w for w in words if w}, key=len, reverse=True)
        body = "|".join(re.escape(w) for w in words)
        # Latin words need word boundaries ("MHA" not inside "MHAs"); Chinese has none to use.
        found.append((re.compile(rf"(?<![A-Za-z0-9-])(?:{body})(?![A-Za-z0-9])", re.I if lang == "en" else 0), term))
    # Longer terms first, so that 零样本思维链 wins over 思维链.
    found.sort(key=lambda p: -max(len(w) for w in p[0].pattern.split("|")))
    return found


def link_terms(kb, html: str, lang: str, glossary_url: str) -> str:
    patterns = _patterns(kb, lang)
    used: set[str] = set()
    out, stack, pos = [], [], 0
    for tag in _TAG.finditer(html):
        out.append(_link_text(html[pos:tag.start()], patterns, used, lang, glossary_url)
                   if not stack else html[pos:tag.start()])
        raw = tag.group(0)
        name = re.match(r"</?([a-zA-Z0-9]+)", raw)
        if name:
            name = name.group(1).lower()
            if name in _SKIP and not raw.endswith("/>"):
                if raw.startswith("</"):
                    if name in stack:
                        while stack and stack.pop() != name:
                            pass
                else:
                    stack.append(name)
        out.append(raw)
        pos = tag.end()
    out.append(_link_text(html[pos:], patterns, used, lang, glossary_url) if not stack else html[pos:])
    return "".join(out)


def _link_text(text: str, patterns, used: set[str], lang: str, glossary_url: str) -> str:
    if not text.strip():
        return text
    for pattern, term in patterns:
        if term["id"] in used:
            continue
        match = pattern.search(text)
        if not match:
            continue
        used.add(term["id"])
        title = f"{term['term'][lang]}：{term['definition'][lang]}" if lang == "zh" else \
            f"{term['term'][lang]}: {term['definition'][lang]}"
        link = (f'<a class="kb-term" href="{glossary_url}#{term["id"]}" title="{attr(title)}">'
                f"{match.group(0)}</a>")
        before = _link_text(text[:match.start()], patterns, used, lang, glossary_url)
        after = _link_text(text[match.end():], patterns, used, lang, glossary_url)
        return before + link + after
    return text
