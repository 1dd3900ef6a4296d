"""Recognise the AWS WAF JavaScript challenge page that EUR-Lex serves to automated clients.

Since 2025-11-19 eur-lex.europa.eu answers many non-browser requests with a ~2 KB interstitial (HTTP 202 or
200) instead of the document: a page that loads ``challenge.js`` from ``*.awswaf.com``, sets
``window.awsWafCookieDomainList`` and renders into ``<div id="challenge-container">``. Stored as if it were
an act it would become an empty "new version", so every EU parser checks for it first and yields a single
ParseFailure instead (source dossier eu.md §2.1; verbatim page in tests/examples/eu/eurlex_aws_waf_challenge.html).
"""

from __future__ import annotations

from store.items import ParseFailure

WAF_REASON = "EUR-Lex answered with an AWS WAF JavaScript challenge page, not the document"

# Markers seen in the real page. Any one of the first two is decisive; the others only count together, so
# that a legal text that merely mentions "challenge" or AWS is never taken for the wall.
_DECISIVE = (b"window.awsWafCookieDomainList", b"AwsWafIntegration")
_SUPPORTING = (b'id="challenge-container"', b"awswaf.com", b"gokuProps")
_MAX_CHALLENGE_BYTES = 64_000  # the interstitial is ~2.5 KB; a real act is hundreds of KB


def is_waf_challenge(body: bytes) -> bool:
    """True when ``body`` is the AWS WAF challenge page rather than a document.

    >>> is_waf_challenge(b'<script>window.awsWafCookieDomainList = [];</script><div id="challenge-container">')
    True
    >>> is_waf_challenge(b"<html><p>Article 5 Prohibited AI practices</p></html>")
    False
    """
    if not body:
        return False
    head = body[:_MAX_CHALLENGE_BYTES]
    if any(marker in head for marker in _DECISIVE):
        return True
    return len(body) <= _MAX_CHALLENGE_BYTES and sum(marker in head for marker in _SUPPORTING) >= 2


def waf_failure(url: str) -> ParseFailure:
    """The one failure every EU parser yields for the challenge page."""
    return ParseFailure(url=url, reason=WAF_REASON, kind="waf")
