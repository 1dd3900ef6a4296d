"""The Atom feed of a subscription: one entry per alert or digest sent to it, newest first (feedgen).

The feed is a file, ``$AILAW_HOME/feeds/<feed token>.xml``, rewritten (atomically) whenever an entry is delivered;
any web server can publish that directory, and the Subscriptions page offers it for download. An entry's id is
stable (``tag:ailaw,2026:delivery/<id>``), so a feed reader shows each alert once even if the file is rewritten.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FEED_ENTRIES = 50  # the newest entries a feed keeps


def feed_dir() -> Path:
    from store.settings import StoreSettings

    return StoreSettings().home / "feeds"


def feed_path(token: str) -> Path:
    return feed_dir() / f"{token}.xml"


def render(*, token: str, title: str, base_url: str, deliveries: Sequence[Any], language: str = "en") -> bytes:
    """Atom XML of a subscription's delivered alerts (objects with id, subject, text, html, sent_at/created_at)."""
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(f"tag:ailaw,2026:feed/{token}")
    fg.title(f"ailaw — {title}")
    fg.link(href=f"{base_url.rstrip('/')}/subscriptions", rel="alternate")
    fg.author({"name": "ailaw"})
    fg.language(language)
    newest = max((_when(d) for d in deliveries), default=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    fg.updated(newest)
    for d in sorted(deliveries, key=_when)[-FEED_ENTRIES:]:
        entry = fg.add_entry(order="prepend")
        entry.id(f"tag:ailaw,2026:delivery/{d.id}")
        entry.title(d.subject)
        entry.updated(_when(d))
        entry.published(_when(d))
        if d.html:
            entry.content(d.html, type="html")
        else:
            entry.content(d.text, type="text")
        link = _first_link(d)
        if link:
            entry.link(href=link, rel="alternate")
    return bytes(fg.atom_str(pretty=True))


def _when(d: Any) -> dt.datetime:
    value = getattr(d, "sent_at", None) or d.created_at
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _first_link(d: Any) -> str | None:
    for sub in (getattr(d, "payload", None) or {}).get("subscriptions", []):
        for e in sub.get("entries", []):
            for url in (e.get("links") or {}).values():
                return str(url)
    return None


def write(path: Path, data: bytes) -> None:
    """Replace ``path`` atomically (a reader never sees half a feed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".feed-", dir=path.parent)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
