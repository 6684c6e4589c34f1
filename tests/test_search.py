"""Search in the browser: the expected page first, and only pages of the reader's language.

mkdocs-static-i18n writes one index for both languages; scripts/hooks.py splits it and
overrides/main.html points English pages at en/search/. The site is served under a sub-path.
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

# (query, the page expected first, or a tuple of pages any of which may come first when two
# pages are about exactly the query; None: nothing should be found)
QUERIES = {
    "zh": [
        ("涌现能力", "topics/emergence/"),
        ("思维链", "sections/reasoning/"),
        ("指令微调", "topics/instructions/"),
        ("伸缩法则", "glossary/"),
        ("文心", "models/ernie-3-titan/"),
        ("盘古", "models/pangu-alpha/"),
        ("Chinchilla", "models/chinchilla/"),
        ("灾难性遗忘", "glossary/"),
        ("稀疏化", "topics/sparsity/"),
        ("GSM8K", "papers/cobbe2021gsm8k/"),
        ("Scaling Laws for Neural Language Models", "papers/kaplan2020scaling/"),
        ("勘误", "errata/"),
        ("qwzxv", None),
    ],
    "en": [
        # The critique of emergence is titled with the same words as the paper it criticises.
        ("emergent abilities", ("papers/wei2022emergent/", "papers/schaeffer2023mirage/", "papers/du2024emergence/")),
        # Later papers whose titles are the query are right first answers too.
        ("instruction tuning", ("glossary/", "topics/instructions/", "papers/wang2023camels/")),
        ("scaling law", "papers/kaplan2020scaling/"),
        ("ERNIE 3.0 Titan", "papers/wang2021ernietitan/"),
        ("PanGu", "models/pangu-alpha/"),
        ("Chinchilla", "models/chinchilla/"),
        ("in-context learning", ("sections/icl-and-instructions/", "papers/wei2023larger/", "papers/pan2023icl/")),
        ("catastrophic forgetting", ("glossary/", "papers/gupta2024editing/")),
        ("Switch Transformers", "papers/fedus2022switch/"),
        ("GSM8K", "papers/cobbe2021gsm8k/"),
        ("Scaling Laws for Neural Language Models", "papers/kaplan2020scaling/"),
        ("errata", "errata/"),
        ("quantum entanglement", None),
    ],
}


def search(page, query: str) -> list[str]:
    page.click("input.md-search__input")
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")  # Material reacts to key events, not to fill() alone
    meta = page.locator(".md-search-result__meta")
    meta.wait_for(state="visible")
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta').textContent.trim() !== '' && "
        "document.querySelector('input.md-search__input').value === q", arg=query)
    page.wait_for_timeout(300)
    hrefs = page.eval_on_selector_all("li.md-search-result__item > a", "els => els.map(e => e.href)")
    page.fill("input.md-search__input", "")
    return [h.split("?")[0].split("#")[0] for h in hrefs]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_queries_find_the_expected_page_first_in_the_readers_language(page, base_url, lang):
    home = base_url + ("en/" if lang == "en" else "")
    page.goto(home, wait_until="networkidle")
    failures = []
    for query, expected in QUERIES[lang]:
        results = search(page, query)
        other = [r for r in results if r.startswith(base_url + "en/") != (lang == "en")]
        if other:
            failures.append(f"{query!r}: results in the other language: {other[:3]}")
        if expected is None:
            if results:
                failures.append(f"{query!r}: expected nothing, got {results[:3]}")
        elif not results or results[0] not in [home + e for e in ((expected,) if isinstance(expected, str) else expected)]:
            failures.append(f"{query!r}: expected {expected} first; first {results[:2]}")
    assert not failures, "\n".join(failures)


def test_each_language_has_its_own_index(site):
    zh = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    en = json.loads((site / "en" / "search" / "search_index.json").read_text("utf-8"))
    assert zh["docs"] and en["docs"]
    assert not any(d["location"].startswith("en/") for d in zh["docs"])
    assert {d["location"].split("#")[0] for d in zh["docs"]} == {d["location"].split("#")[0] for d in en["docs"]}
    assert zh["config"]["pipeline"] == [] and "\\u200b" in zh["config"]["separator"]
