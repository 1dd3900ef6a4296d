"""Helpers shared by the parsers of the UK, Canada, Brazil, Korea, Japan and China: reading a body as XML or JSON
with one clear sentence on failure, dates in the forms these sources use, element text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from lxml import etree

from crawler.parsers.ru_pravo import load_json as _load_json
from crawler.parsers.waf import is_waf_challenge
from store.items import ParseFailure
from texts.base import local_name, squash, text_of, unique_keys

__all__ = [
    "json_part",
    "english_date",
    "iso_date",
    "load_json",
    "load_xml",
    "local_name",
    "squash",
    "text_of",
    "unique_keys",
]

load_json = _load_json

_XML_PARSER_ARGS = {"resolve_entities": False, "no_network": True, "huge_tree": True, "remove_comments": True}


def load_xml(
    body: bytes, *, url: str, source: str, root: str | Iterable[str] | None = None
) -> tuple[Any, ParseFailure | None]:
    """Parse ``body`` as XML; a WAF page, malformed XML or an unexpected root element gives one ParseFailure.

    ``root``: the local name(s) the root element must have (namespaces ignored).
    """
    if not body.strip():
        return None, ParseFailure(url=url, reason=f"{source} returned an empty body.")
    if is_waf_challenge(body):
        return None, ParseFailure(url=url, reason=f"{source} answered with a WAF challenge page, not the data.")
    try:
        tree = etree.fromstring(body.lstrip(b"\xef\xbb\xbf").lstrip(), parser=etree.XMLParser(**_XML_PARSER_ARGS))
    except etree.XMLSyntaxError as exc:
        return None, ParseFailure(
            url=url, reason=f"{source} response is not well-formed XML (truncated or damaged): {exc}."
        )
    if tree is None:
        return None, ParseFailure(url=url, reason=f"{source} response has no XML document.")
    wanted = {root} if isinstance(root, str) else set(root or ())
    if wanted and local_name(tree) not in wanted:
        expected = " or ".join(f"<{w}>" for w in sorted(wanted))
        return None, ParseFailure(
            url=url,
            reason=f"{source} response is not what was asked for: root <{local_name(tree)}>, expected {expected}.",
        )
    return tree, None


_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_ISO_START = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def iso_date(raw: Any) -> dt.date | None:
    """A date from the forms these APIs use: ISO date or datetime (naive or with an offset), or compact YYYYMMDD.

    The calendar date is the one the source wrote (a local date); no time-zone arithmetic moves it.

    >>> iso_date("2023-04-24T15:30:00"), iso_date("20260721"), iso_date("2026-07-27T17:10:58.464813+01:00")
    (datetime.date(2023, 4, 24), datetime.date(2026, 7, 21), datetime.date(2026, 7, 27))
    >>> iso_date(None), iso_date(""), iso_date("n/a")
    (None, None, None)
    """
    if not raw or not isinstance(raw, str):
        return None
    s = raw.strip()
    m = _COMPACT.match(s) or _ISO_START.match(s)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def english_date(raw: str | None) -> dt.date | None:
    """'June 4, 2025' / '4 June 2025' -> a date; None for anything else.

    >>> english_date("June 4, 2025"), english_date("16 June 2022"), english_date("soon")
    (datetime.date(2025, 6, 4), datetime.date(2022, 6, 16), None)
    """
    s = squash(raw)
    for fmt in ("%B %d, %Y", "%d %B %Y", "%b. %d, %Y", "%b %d, %Y"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    return None


def json_part(
    body: bytes, *, url: str, source: str, field: str | None, kind: type, what: str
) -> tuple[Any, ParseFailure | None]:
    """The JSON body (``field`` None) or one of its top-level fields, checked to be a ``kind`` (dict or list); else
    one ParseFailure naming ``what`` was expected."""
    data, failure = load_json(body, url=url, source=source)
    if failure:
        return None, failure
    part = data.get(field) if field is not None and isinstance(data, dict) else data if field is None else None
    if not isinstance(part, kind):
        where = f"'{field}' " if field else ""
        return None, ParseFailure(url=url, reason=f"{source} response has no {where}{what}.")
    return part, None
