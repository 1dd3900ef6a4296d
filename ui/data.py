"""The UI's only door to the data: cached reads that return plain read models and dicts.

Pages never open a session or import ``store.db``; they call these functions. The data home comes from the
environment (``AILAW_HOME``, ``AILAW_DATABASE_URL``, ``AILAW_INDEX_DIR``), read by the store's and the search
package's own settings. Every cached function takes the data home as part of its key, so two data homes in one
process (tests) never share cached answers.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from typing import Any

import streamlit as st
from sqlmodel import select

from store import read
from store.db import session_scope
from store.models import CrawlRun, DocumentRead, VersionRead
from store.read import DocumentDetail
from store.settings import StoreSettings

logger = logging.getLogger(__name__)

TTL = 300  # seconds: a crawl or reindex shows up in the UI within five minutes without a restart
SEARCH_TTL = 60


def _home() -> tuple[str, str, str]:
    """The cache key part that names the data home."""
    return (
        os.environ.get("AILAW_HOME", ""),
        os.environ.get("AILAW_DATABASE_URL", ""),
        os.environ.get("AILAW_INDEX_DIR", ""),
    )


def _url() -> str:
    # An explicit URL: store.db.get_engine caches engines by URL, and ``None`` would pin the first data home.
    return StoreSettings().url


# --- documents ------------------------------------------------------------------------------------------


@st.cache_data(ttl=TTL, show_spinner=False)
def _document(doc_id: str, home: tuple[str, str, str]) -> DocumentDetail | None:
    with session_scope(_url()) as session:
        return read.get_document(session=session, doc_id=doc_id, with_text=False)


def document(doc_id: str) -> DocumentDetail | None:
    """A document with its versions (without their text), events and relations; ``None`` if unknown."""
    return _document(doc_id, _home())


@st.cache_data(ttl=TTL, show_spinner=False, max_entries=32)
def _version(version_id: int, home: tuple[str, str, str]) -> VersionRead | None:
    with session_scope(_url()) as session:
        return read.get_version(session=session, version_id=version_id)


def version(version_id: int) -> VersionRead | None:
    """One version with its text and provisions."""
    return _version(version_id, _home())


@st.cache_data(ttl=TTL, show_spinner=False)
def _recent_documents(limit: int, home: tuple[str, str, str]) -> list[DocumentRead]:
    with session_scope(_url()) as session:
        return read.recent_documents(session=session, limit=limit)


def recent_documents(limit: int = 10) -> list[DocumentRead]:
    return _recent_documents(limit, _home())


FilterOptions = read.FilterValues


@st.cache_data(ttl=TTL, show_spinner=False)
def _filter_options(home: tuple[str, str, str]) -> FilterOptions:
    with session_scope(_url()) as session:
        return read.filter_values(session=session)


def filter_options() -> FilterOptions:
    """The values the filters can take, from what is stored."""
    return _filter_options(_home())


# --- sources ---------------------------------------------------------------------------------------------


@st.cache_data(ttl=TTL, show_spinner=False)
def _sources(home: tuple[str, str, str]) -> list[dict[str, Any]]:
    with session_scope(_url()) as session:
        return read.source_summary(session=session)


def sources() -> list[dict[str, Any]]:
    return _sources(_home())


@st.cache_data(ttl=TTL, show_spinner=False)
def _crawl_runs(limit: int, home: tuple[str, str, str]) -> list[dict[str, Any]]:
    with session_scope(_url()) as session:
        return [run.model_dump() for run in read.recent_crawl_runs(session=session, limit=limit)]


def crawl_runs(limit: int = 20) -> list[dict[str, Any]]:
    """Recent crawl runs as dicts (newest first), with their ``errors`` list."""
    return _crawl_runs(limit, _home())


@st.cache_data(ttl=60, show_spinner=False)
def _health(home: tuple[str, str, str]) -> list[dict[str, Any]]:
    from crawler.spiders import all_spiders
    from crawler.spiders.keys import unconfigured
    from store.health import source_health

    spiders = all_spiders()
    names = [s.name for s in spiders]
    with session_scope(_url()) as session:
        stored = set(session.exec(select(CrawlRun.spider).distinct()).all())
        rows = source_health(session=session, sources=names + sorted(stored - set(names)),
                             unconfigured=unconfigured(spiders))  # fmt: skip
        return [h.as_json() for h in rows]


def health() -> list[dict[str, Any]]:
    """Crawl health per source (``store.health``; staleness against a daily schedule), as dicts."""
    return _health(_home())


@st.cache_data(ttl=60, show_spinner=False)
def _run_history(limit: int, home: tuple[str, str, str]) -> list[dict[str, Any]]:
    from store.health import run_history

    with session_scope(_url()) as session:
        return run_history(session=session, limit=limit)


def run_history(limit: int = 500) -> list[dict[str, Any]]:
    """The last crawl runs of every source, oldest first (the history chart)."""
    return _run_history(limit, _home())


# --- search ----------------------------------------------------------------------------------------------


@st.cache_data(ttl=SEARCH_TTL, show_spinner=False, max_entries=256)
def _search(query: str, filters: tuple[tuple[str, Any], ...], home: tuple[str, str, str]) -> Any:
    from search.query import search as run_search

    return run_search(query, **dict(filters))


@st.cache_resource(show_spinner=False)
def _warm_search(home: tuple[str, str, str]) -> bool:
    from search.query import warm

    return warm()


def warm_search() -> None:
    """Open the index and load the analyzers once per server and data home (``search.query.warm``): the page
    calls it when it opens, so the first search is as fast as the next. The searchers stay open across reruns and
    are reopened when the index changes (search.readers)."""
    try:
        _warm_search(_home())
    except Exception:  # a warm-up never breaks the page: the search itself says what is wrong
        logger.debug("search warm-up failed", exc_info=True)


def search(
    query: str,
    *,
    jurisdiction: str | None = None,
    subdivision: str | None = None,
    doc_type: str | None = None,
    stage: str | None = None,
    language: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_non_ai: bool = False,
    exact: bool = False,
    limit: int = 20,
) -> Any:
    """``search.query.search`` with the filters chosen in the UI (``SearchResult``).

    Raises ``store.errors.QueryError`` for a malformed query (not cached: the next try runs again).
    """
    filters = (
        ("jurisdiction", jurisdiction),
        ("subdivision", subdivision),
        ("doc_type", doc_type),
        ("stage", stage),
        ("language", language),
        ("since", since),
        ("until", until),
        ("include_non_ai", include_non_ai),
        ("exact", exact),
        ("limit", limit),
    )
    return _search(query, filters, _home())


# --- subscriptions (alerts) --------------------------------------------------------------------------------------
# Not cached: a subscriber adds and removes subscriptions and expects to see it at once. These are the UI's only
# writes, and they touch the alert tables only (never documents or versions).


def subscriptions(address: str) -> list[dict[str, Any]]:
    """The subscriptions of an address, with their channel, frequency and the alerts waiting."""
    from alerts.manage import listing

    with session_scope(_url()) as session:
        return listing(session=session, subscriber=address)


def alert_inbox(address: str, limit: int = 20) -> list[dict[str, Any]]:
    """What was sent (or waits to be sent) to an address, newest first."""
    from alerts.manage import inbox

    with session_scope(_url()) as session:
        return inbox(session=session, subscriber=address, limit=limit)


def add_subscription(**options: Any) -> Any:
    """``alerts.manage.add``; raises ``store.errors.AilawError`` with one sentence for a mistake."""
    from alerts.manage import add
    from alerts.settings import AlertsSettings

    with session_scope(_url()) as session:
        return add(session=session, settings=AlertsSettings(), **options)


def channel_unready(channel: str) -> Exception | None:
    """Why nothing can be sent through ``channel`` as the operator configured ailaw (no SMTP server, webhook
    secret or Telegram bot: ``alerts.deliver.check_channel``), or None."""
    from alerts.deliver import check_channel
    from alerts.settings import AlertsSettings
    from store.errors import AlertDeliveryError

    try:
        check_channel(channel, AlertsSettings())
    except AlertDeliveryError as exc:
        return exc
    return None


def remove_subscription(subscription_id: int, address: str) -> str:
    from alerts.manage import remove

    with session_scope(_url()) as session:
        return remove(session=session, subscription_id=subscription_id, subscriber=address)


def confirm_address(token: str) -> str:
    from alerts.manage import confirm

    with session_scope(_url()) as session:
        return confirm(session=session, token=token)


def feed_xml(token: str) -> bytes | None:
    """The Atom feed file of a subscription, once something was delivered to it."""
    from alerts.feed import feed_path

    path = feed_path(token)
    return path.read_bytes() if path.exists() else None


# --- reference data ---------------------------------------------------------------------------------------------


def numbering(doc_id: str, sha256: str | None) -> Any:
    """Whether a version's provision numbers are official (``store.reference.numbering``)."""
    from store.reference.numbering import numbering_for

    return numbering_for(doc_id, sha256)


def concept_label(concept_id: str, lang: str) -> str:
    """A thesaurus concept's preferred label in ``lang`` (English when it has none in it)."""
    from store.reference.thesaurus import load

    concept = load().concepts.get(concept_id)
    return concept.pref(lang) if concept else concept_id


def term_relevance(terms: list[str]) -> dict[str, list[str]]:
    """The AI terms of a document split into ``core`` and ``adjacent`` (by the thesaurus concept they name)."""
    from store.reference.thesaurus import load

    by_label = {label.casefold(): c.relevance for c, _lang, _kind, label in load().labels()}
    out: dict[str, list[str]] = {"core": [], "adjacent": []}
    for term in terms:
        relevance = by_label.get(term.casefold(), "adjacent")
        out["core" if relevance == "core" else "adjacent"].append(term)
    return out


@st.cache_data(ttl=TTL, show_spinner=False)
def _known_as(doc_id: str, home: tuple[str, str, str]) -> list[dict[str, Any]]:
    with session_scope(_url()) as session:
        rows = read.aliases_by_document(session=session, doc_ids=[doc_id]).get(doc_id, [])
        return [r.model_dump(include={"alias", "kind", "source", "origin"}) for r in rows]


def known_as(doc_id: str) -> list[dict[str, Any]]:
    """The names of a document in the store's alias table (curated ones with their source, and users')."""
    return _known_as(doc_id, _home())
