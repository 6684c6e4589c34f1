"""Claim markers ({claim:ID}, data/claims.yaml) never reach a reader as raw text."""

from __future__ import annotations

from conftest import html_pages


def test_no_claim_marker_is_left_as_text(site):
    """Fails on a build that leaves '{claim:…}' in the page (checked against the build before the
    markers were handled: every section page of the first four sections showed them)."""
    leftovers = [page.relative_to(site).as_posix() for page in html_pages(site)
                 if "{claim:" in page.read_text("utf-8")]
    assert not leftovers, leftovers
