"""The matcher: new changes of the store (``store.changes``) -> the subscriptions they concern, recorded as
``AlertMatch`` rows in the caller's transaction, with the change cursor moved in that same transaction.

So matching is exactly-once: a match is recorded once (unique per subscription and change), a failed run moves
nothing, and running the matcher again finds nothing new. Nothing is sent here (``alerts.deliver`` does that).

What concerns whom:

- a **saved search** (``query`` + the search page's filters): changes of documents the search finds
  (``search.query.search``, the same engine as the Search page; the index is brought up to date first);
- a **topic** (a jurisdiction and/or keywords): the same, with the jurisdiction as a filter — every AI-related
  document of a jurisdiction when no keywords are given;
- a **watched document**: its own changes, and relations other documents state about it (an act amending it
  shows as "amended by");
- a **watched provision**: new versions of its document that change it — named by the compare engine, followed
  when it moves (the watch's key becomes the new number, so the next edition is compared at the right place).

Triggers: new document, new version, stage (a dated stage event; a document's stage field when no event came
with it), new relation, and a draft's public discussion opened / closed — dated events count **on their day**: a
discussion closing next month is recorded now and alerted when the day comes, once.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from alerts import content
from store import changes
from store.models import AlertMatch, Change, Document, Subscription, utcnow
from store.read import get_document
from store.vocab import INVERSE, AlertTrigger, ChangeKind, RelationKind, SubscriptionKind

logger = logging.getLogger(__name__)

CONSUMER = "alerts"
SEARCH_LIMIT = 1000  # first page of a saved search; a larger result set is read whole in a second query

_DISCUSSION = re.compile(r"обсужд|consultation|public comment|call for evidence", re.I)
_CLOSING = re.compile(r"окончан|заверш|closes|closed|closing|\bend\b", re.I)

DEFAULT_TRIGGERS: dict[str, list[str]] = {
    SubscriptionKind.SEARCH: [t.value for t in AlertTrigger],
    SubscriptionKind.TOPIC: [t.value for t in AlertTrigger],
    SubscriptionKind.DOCUMENT: [t.value for t in AlertTrigger if t != AlertTrigger.NEW_DOCUMENT],
    SubscriptionKind.PROVISION: [AlertTrigger.NEW_VERSION.value],
}


def event_trigger(raw: str) -> AlertTrigger:
    """A dated event -> its trigger.

    >>> event_trigger("Публичное обсуждение текста проекта: окончание"), event_trigger("Entry into force")
    (<AlertTrigger.DISCUSSION_CLOSED: 'discussion-closed'>, <AlertTrigger.STAGE: 'stage'>)
    """
    if _DISCUSSION.search(raw or ""):
        return AlertTrigger.DISCUSSION_CLOSED if _CLOSING.search(raw) else AlertTrigger.DISCUSSION_OPENED
    return AlertTrigger.STAGE


@dataclass
class MatchStats:
    changes: int = 0
    matches: int = 0
    followed: list[str] = field(default_factory=list)  # watched provisions that moved: "art_52 -> art_50"
    seconds: float = 0.0

    def line(self) -> str:
        moved = f", {len(self.followed)} watched provisions followed to a new number" if self.followed else ""
        return f"alerts: {self.changes} changes read, {self.matches} new matches{moved} in {self.seconds:.1f} s"


class _Context:
    """What one run computes once: search results, documents, comparisons of new versions."""

    def __init__(self, session: Session, base_url: str, today: dt.date, index_dir: Any = None) -> None:
        self.session, self.base_url, self.today, self.index_dir = session, base_url, today, index_dir
        self._found: dict[int, set[str]] = {}
        self._docs: dict[str, Any] = {}
        self._comparisons: dict[int, Any] = {}

    def document(self, doc_id: str) -> Any:
        if doc_id not in self._docs:
            self._docs[doc_id] = get_document(session=self.session, doc_id=doc_id)
        return self._docs[doc_id]

    def found(self, sub: Subscription) -> set[str]:
        """Ids of the documents a saved search or topic finds now."""
        if sub.id not in self._found:
            from search.query import search

            filters = _search_filters(sub)
            result = search(sub.query or "", limit=SEARCH_LIMIT, index_dir=self.index_dir, **filters)
            if result.total > len(result.hits):
                result = search(sub.query or "", limit=result.total, index_dir=self.index_dir, **filters)
            self._found[sub.id or 0] = {h.id for h in result.hits}
        return self._found[sub.id or 0]

    def comparison(self, change: Change) -> tuple[Any, Any, Any] | None:
        """(previous version, new version, Comparison) of a new version; None for a document's first version."""
        assert change.version_id is not None
        if change.version_id not in self._comparisons:
            from compare import compare

            detail = self.document(change.document_id)
            versions = list(detail.versions) if detail else []
            ids = [v.id for v in versions]
            if change.version_id not in ids or ids.index(change.version_id) == 0:
                self._comparisons[change.version_id] = None
            else:
                i = ids.index(change.version_id)
                old, new = versions[i - 1], versions[i]
                self._comparisons[change.version_id] = (old, new, compare(old, new))
        return self._comparisons[change.version_id]


def _search_filters(sub: Subscription) -> dict[str, Any]:
    f = dict(sub.filters or {})
    out: dict[str, Any] = {}
    for key in ("jurisdiction", "doc_type", "stage", "language"):
        if f.get(key):
            out[key] = f[key]
    for key in ("since", "until"):
        if f.get(key):
            out[key] = dt.date.fromisoformat(str(f[key]))
    out["include_non_ai"] = bool(f.get("include_non_ai"))
    return out


def _trigger(change: Change, today: dt.date) -> AlertTrigger | None:
    kind = ChangeKind(change.kind)
    if kind == ChangeKind.DOCUMENT:
        return AlertTrigger.NEW_DOCUMENT
    if kind == ChangeKind.VERSION:
        return AlertTrigger.NEW_VERSION
    if kind == ChangeKind.STAGE:
        return AlertTrigger.STAGE if change.detail.get("stage") else None
    if kind == ChangeKind.RELATION:
        return AlertTrigger.RELATION
    return event_trigger(str(change.detail.get("raw") or ""))


def _title(ctx: _Context, doc_id: str) -> tuple[str, str | None]:
    detail = ctx.document(doc_id)
    if detail is None:
        return doc_id, None
    return detail.document.title, detail.document.jurisdiction


def _base_entry(ctx: _Context, change: Change, trigger: AlertTrigger, doc_id: str) -> dict[str, Any]:
    title, jurisdiction = _title(ctx, doc_id)
    return {
        "trigger": trigger.value, "document_id": doc_id, "title": title, "jurisdiction": jurisdiction,
        "date": change.date.isoformat() if change.date else None, "change_id": change.id,
        "links": content.links(ctx.base_url, doc_id, compare=trigger == AlertTrigger.NEW_VERSION),
    }  # fmt: skip


def _version_entry(ctx: _Context, change: Change, provision: str | None = None) -> tuple[dict[str, Any], Any]:
    """The entry of a new version (all changed provisions, or only the watched one) and its aligned row."""
    entry = _base_entry(ctx, change, AlertTrigger.NEW_VERSION, change.document_id)
    label = str(change.detail.get("label") or "")
    compared = ctx.comparison(change)
    entry["what"] = content.what(AlertTrigger.NEW_VERSION, label)
    entry["version"] = {"id": change.version_id, "label": label, "date": entry["date"]}
    if compared is None:
        entry["changes"] = {lang: [content.tr("first_version", lang)] for lang in content.LANGS}
        entry["links"].pop("compare", None)
        return entry, None
    old, _new, result = compared
    entry["version"].update(previous_id=old.id, previous_label=old.label)
    rows = result.changed_rows
    row = None
    if provision is not None:
        row = next((r for r in result.rows if r.old is not None and r.old.key == provision), None)
        rows = [row] if row is not None and row.changed else []
    from compare.summary import describe, overview

    entry["changes"] = {lang: [describe(r, lang) for r in rows] for lang in content.LANGS}
    entry["overview"] = {lang: overview(result.counts, lang) for lang in content.LANGS}
    return entry, row


def _concerns(ctx: _Context, sub: Subscription, change: Change, trigger: AlertTrigger) -> str | None:
    """The document the alert is about when ``change`` concerns ``sub`` (before the provision check), else None."""
    if trigger.value not in (sub.triggers or DEFAULT_TRIGGERS[sub.kind]):
        return None
    kind = SubscriptionKind(sub.kind)
    if kind in (SubscriptionKind.SEARCH, SubscriptionKind.TOPIC):
        return change.document_id if change.document_id in ctx.found(sub) else None
    if change.document_id == sub.document_id:
        return change.document_id
    # another act states a relation to the watched one ("amends" it): seen from the watched one, "amended by"
    relation_to_it = trigger == AlertTrigger.RELATION and change.detail.get("target_id") == sub.document_id
    return sub.document_id if kind == SubscriptionKind.DOCUMENT and relation_to_it else None


def _entry(ctx: _Context, sub: Subscription, change: Change, trigger: AlertTrigger, doc_id: str) -> dict[str, Any]:
    entry = _base_entry(ctx, change, trigger, doc_id)
    d = change.detail or {}
    when = content.scheduled(change.date, ctx.today)
    if trigger == AlertTrigger.NEW_DOCUMENT:
        entry["what"] = content.what(trigger, entry["title"])
    elif trigger == AlertTrigger.RELATION:
        kind, other = str(d.get("kind")), str(d.get("target_label") or d.get("target_id"))
        if doc_id != change.document_id:  # seen from the watched document: turned around
            kind = INVERSE.get(RelationKind(kind), RelationKind.RELATED).value if kind in set(RelationKind) else kind
            other = _title(ctx, change.document_id)[0]
            entry["related_id"] = change.document_id
        else:
            entry["related_id"] = d.get("target_id")
        words = content.relation_words(kind, other)
        entry["what"] = {lang: content.what(trigger, words["en"], words["ru"])[lang] for lang in content.LANGS}
    elif trigger == AlertTrigger.STAGE and change.kind == ChangeKind.STAGE:
        entry["what"] = content.what(trigger, f"{d.get('previous') or '—'} → {d.get('stage')}")
    else:  # a dated event: a stage reached, a discussion opened or closed
        raw = str(d.get("raw") or d.get("stage") or "")
        date = f" ({change.date.isoformat()})" if change.date else ""
        entry["what"] = {lang: content.what(trigger, raw + date)[lang] + when[lang] for lang in content.LANGS}
        entry["stage"] = d.get("stage")
    return entry


def match(*, session: Session, base_url: str, now: dt.datetime | None = None, index_dir: Any = None) -> MatchStats:
    """Record the matches of every change committed since the last run; move the cursor (caller commits)."""
    import time

    t0 = time.perf_counter()
    now = now or utcnow()
    today = now.date()
    batch = changes.read(session=session, consumer=CONSUMER)
    due = changes.read_due(session=session, consumer=CONSUMER, today=today)
    seen: set[int] = set()
    todo: list[tuple[Change, bool]] = []
    for ch in [*batch.changes, *due]:
        if ch.id in seen:
            continue
        seen.add(ch.id or 0)
        if ch.kind == ChangeKind.EVENT and ch.date is not None and ch.date > today:
            continue  # a future date: taken by read_due when its day comes
        todo.append((ch, ch in due))
    stats = MatchStats(changes=len(todo))
    subs = list(session.exec(select(Subscription).where(col(Subscription.active).is_(True))).all())
    if subs and todo:
        _match_all(session, subs, todo, stats, _Context(session, base_url, today, index_dir))
    changes.advance(session=session, consumer=CONSUMER, position=batch.position, day=today)
    stats.seconds = time.perf_counter() - t0
    return stats


def _match_all(session: Session, subs: list[Subscription], todo: list[tuple[Change, bool]], stats: MatchStats,
               ctx: _Context) -> None:  # fmt: skip
    with_events = {ch.document_id for ch, _ in todo if ch.kind == ChangeKind.EVENT}
    existing = {
        (m.subscription_id, m.change_id)
        for m in session.exec(
            select(AlertMatch).where(col(AlertMatch.change_id).in_([ch.id for ch, _ in todo]))
        ).all()
    }  # fmt: skip
    for ch, by_date in todo:
        if ch.kind == ChangeKind.STAGE and ch.document_id in with_events:
            continue  # the dated event that came with it says more
        trigger = _trigger(ch, ctx.today)
        if trigger is None:
            continue
        for sub in subs:
            if (sub.id, ch.id) in existing:
                continue
            newer = ch.date >= sub.created_at.date() if by_date and ch.date else ch.created_at >= sub.created_at
            if not newer:
                continue
            doc_id = _concerns(ctx, sub, ch, trigger)
            if doc_id is None:
                continue
            if trigger == AlertTrigger.NEW_VERSION:
                entry, row = _version_entry(
                    ctx, ch, sub.provision_key if sub.kind == SubscriptionKind.PROVISION else None
                )
                if sub.kind == SubscriptionKind.PROVISION:
                    if row is None or not row.changed:
                        continue
                    _follow(sub, row, stats)
                    entry["what"] = content.what(AlertTrigger.NEW_VERSION, entry["version"]["label"])
                    entry["provision"] = {"watched": sub.provision_label, "key": sub.provision_key}
            else:
                entry = _entry(ctx, sub, ch, trigger, doc_id)
            assert sub.id is not None and ch.id is not None
            session.add(AlertMatch(subscription_id=sub.id, change_id=ch.id, trigger=trigger.value, document_id=doc_id,
                                   version_id=ch.version_id, entry=entry))  # fmt: skip
            existing.add((sub.id, ch.id))
            stats.matches += 1
    session.flush()


def _follow(sub: Subscription, row: Any, stats: MatchStats) -> None:
    """A watched provision that moved: the watch follows it to its new number."""
    if row.new is not None and row.old is not None and row.new.key != row.old.key:
        stats.followed.append(f"{row.old.key} -> {row.new.key}")
        sub.provision_key = row.new.key
        sub.provision_label = row.new.label
        sub.name = sub.name  # unchanged: the subscriber named the watch
    if row.new is None:
        logger.info("subscription %s: the watched provision %s was deleted", sub.id, sub.provision_key)


def document_exists(session: Session, doc_id: str) -> bool:
    return session.get(Document, doc_id) is not None
