"""The matcher: new changes of the store (``store.changes``) -> the subscriptions they concern, recorded as
``AlertMatch`` rows in the caller's transaction, with the change cursor moved in that same transaction.

So matching is exactly-once: a match is recorded once (unique per subscription and change), a failed run moves
nothing, and running the matcher again finds nothing new. Nothing is sent here (``alerts.deliver`` does that).

What concerns whom:

- a **saved search** (``query`` + the search page's filters): changes of documents the search finds
  (``search.query.search``, the same engine as the Search page; the index is brought up to date first);
- a **topic** (a jurisdiction and/or keywords): the same, with the jurisdiction as a filter — every AI-related
  document of a jurisdiction when no keywords are given; or a **concept** of the thesaurus: the documents whose
  name, title or text says one of its labels in any language (``search.query.concept_documents``), the entry
  saying which ("via concept: система ИИ высокого риска");
- a saved search keeps its ``exact`` flag (no concept expansion); an AI-only search or topic counts a document that
  is AI-related through a relation (``store.relevance``), the entry saying why ("amends the AI Act");
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
from store import changes, crud
from store.changes import ChangeRead
from store.models import AlertMatch, Cursor, Document, Subscription, utcnow
from store.read import get_document
from store.vocab import INVERSE, AlertTrigger, ChangeKind, RelationKind, SubscriptionKind

logger = logging.getLogger(__name__)

CONSUMER = "alerts.matcher"  # its cursor in the change log (``store.changes``): the last seq matched
DAY_CURSOR = "alerts.matcher.day"  # the last day whose dated events were matched (a date's ordinal)
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
        self._via: dict[int, dict[str, Any]] = {}  # a concept topic: document -> the label it says
        self._docs: dict[str, Any] = {}
        self._comparisons: dict[int, Any] = {}

    def document(self, doc_id: str) -> Any:
        if doc_id not in self._docs:
            self._docs[doc_id] = get_document(session=self.session, doc_id=doc_id)
        return self._docs[doc_id]

    def found(self, sub: Subscription) -> set[str]:
        """Ids of the documents a saved search or topic finds now."""
        if sub.id not in self._found:
            from search.query import concept_documents, search
            from store.errors import QueryError

            filters = _search_filters(sub)
            try:
                if sub.concept:  # a concept topic: its labels in any language (concept search's label phrases)
                    found = concept_documents(sub.concept, index_dir=self.index_dir, **filters)
                    self._via[sub.id or 0] = {k: {"concept": sub.concept, "label": f.label, "lang": f.lang}
                                              for k, f in found.items()}  # fmt: skip
                    self._found[sub.id or 0] = set(found)
                    return self._found[sub.id or 0]
                exact = bool(sub.exact)
                result = search(sub.query or "", limit=SEARCH_LIMIT, index_dir=self.index_dir, exact=exact, facets=False,
                                **filters)  # fmt: skip
                if result.total > len(result.hits):
                    result = search(sub.query or "", limit=result.total, index_dir=self.index_dir, exact=exact,
                                    facets=False, **filters)  # fmt: skip
            except QueryError as exc:  # a saved query the search syntax no longer accepts: this one finds nothing
                logger.warning("subscription %s: its query %r is refused by search: %s", sub.id, sub.query, exc)
                self._found[sub.id or 0] = set()
                return self._found[sub.id or 0]
            self._found[sub.id or 0] = {h.id for h in result.hits}
        return self._found[sub.id or 0]

    def why(self, sub: Subscription, doc_id: str) -> dict[str, Any]:
        """What an entry of a saved search or topic adds: the concept label the document says ("via concept: …"),
        and why an AI-only subscription counts a document not about AI by its own text ("amends the AI Act")."""
        out: dict[str, Any] = {}
        via = self._via.get(sub.id or 0, {}).get(doc_id)
        if via:
            out["via"] = via
        detail = self.document(doc_id)
        ai_via = dict(detail.document.ai_via or {}) if detail is not None else {}
        if ai_via and not (sub.filters or {}).get("include_non_ai"):
            out["ai_via"] = {**ai_via, "name": self.name(str(ai_via.get("document_id")), str(ai_via.get("title")))}
        lines = content.why(out.get("via"), out.get("ai_via"))
        if any(lines.values()):
            out["why"] = lines
        return out

    def name(self, doc_id: str, title: str) -> str:
        """How a lawyer names a document: its popular name or short title ("AI Act"), else its title."""
        from store.read import aliases_by_document

        for alias in aliases_by_document(session=self.session, doc_ids=[doc_id]).get(doc_id, []):
            if alias.kind in ("popular-name", "short-title"):
                return alias.alias
        return title

    def comparison(self, change: ChangeRead) -> tuple[Any, Any, Any] | None:
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
    for key in ("jurisdiction", "subdivision", "doc_type", "stage", "language"):
        if f.get(key):
            out[key] = f[key]
    for key in ("since", "until"):
        if f.get(key):
            out[key] = dt.date.fromisoformat(str(f[key]))
    out["include_non_ai"] = bool(f.get("include_non_ai"))
    return out


def _trigger(change: ChangeRead) -> AlertTrigger | None:
    """What a change of the log means to a subscriber; None for what is no news (metadata merged, an event or a
    relation re-read with a detail more)."""
    kind, d = ChangeKind(change.kind), change.detail or {}
    if kind == ChangeKind.DOCUMENT:
        if d.get("new"):
            return AlertTrigger.NEW_DOCUMENT
        return AlertTrigger.STAGE if d.get("stage") and d.get("stage") != d.get("previous") else None
    if kind == ChangeKind.VERSION:
        return AlertTrigger.NEW_VERSION if change.version_id is not None else None
    if not d.get("new"):
        return None
    if kind == ChangeKind.RELATION:
        return AlertTrigger.RELATION
    return event_trigger(str(d.get("raw") or ""))


def _title(ctx: _Context, doc_id: str) -> tuple[str, str | None]:
    detail = ctx.document(doc_id)
    if detail is None:
        return doc_id, None
    return detail.document.title, detail.document.jurisdiction


def _base_entry(ctx: _Context, change: ChangeRead, trigger: AlertTrigger, doc_id: str) -> dict[str, Any]:
    title, jurisdiction = _title(ctx, doc_id)
    return {
        "trigger": trigger.value, "document_id": doc_id, "title": title, "jurisdiction": jurisdiction,
        "date": change.date.isoformat() if change.date else None, "change_seq": change.seq,
        "links": content.links(ctx.base_url, doc_id, compare=trigger == AlertTrigger.NEW_VERSION),
    }  # fmt: skip


def _version_entry(ctx: _Context, change: ChangeRead, provision: str | None = None) -> tuple[dict[str, Any], Any]:
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


def _concerns(ctx: _Context, sub: Subscription, change: ChangeRead, trigger: AlertTrigger) -> str | None:
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


def _entry(ctx: _Context, sub: Subscription, change: ChangeRead, trigger: AlertTrigger, doc_id: str) -> dict[str, Any]:
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
    elif trigger == AlertTrigger.STAGE and change.kind == ChangeKind.DOCUMENT:
        entry["what"] = content.what(trigger, f"{d.get('previous') or '—'} → {d.get('stage')}")
    else:  # a dated event: a stage reached, a discussion opened or closed
        raw = str(d.get("raw") or d.get("stage") or "")
        date = f" ({change.date.isoformat()})" if change.date else ""
        entry["what"] = {lang: content.what(trigger, raw + date)[lang] + when[lang] for lang in content.LANGS}
        entry["stage"] = d.get("stage")
    return entry


def match(*, session: Session, base_url: str, now: dt.datetime | None = None, index_dir: Any = None) -> MatchStats:
    """Record the matches of every change committed since the last run; move the cursors (the caller commits)."""
    import time

    t0 = time.perf_counter()
    now = now or utcnow()
    today = now.date()
    after = crud.get_cursor(session=session, name=CONSUMER)
    day = crud.get_cursor(session=session, name=DAY_CURSOR)
    batch = changes.after(session=session, seq=after)
    due = changes.dated(session=session, after_day=dt.date.fromordinal(day) if day else None, until=today)
    due_seqs = {c.seq for c in due}
    seen: set[int] = set()
    todo: list[tuple[ChangeRead, bool]] = []
    for ch in [*batch, *due]:
        if ch.seq in seen:
            continue
        seen.add(ch.seq)
        if ch.kind == ChangeKind.EVENT and ch.date is not None and ch.date > today:
            continue  # a future date: taken by changes.dated when its day comes
        todo.append((ch, ch.seq in due_seqs))
    stats = MatchStats(changes=len(todo))
    subs = list(session.exec(select(Subscription).where(col(Subscription.active).is_(True))).all())
    if subs and todo:
        _match_all(session, subs, todo, stats, _Context(session, base_url, today, index_dir))
    if batch:
        crud.set_cursor(session=session, name=CONSUMER, value=batch[-1].seq)
    crud.set_cursor(session=session, name=DAY_CURSOR, value=max(day, today.toordinal()))
    stats.seconds = time.perf_counter() - t0
    return stats


def start(*, session: Session, today: dt.date) -> None:
    """Begin following the change log from now (the first subscription): older changes concern nobody."""
    if session.get(Cursor, CONSUMER) is None:
        crud.set_cursor(session=session, name=CONSUMER, value=changes.last_seq(session=session))
    if session.get(Cursor, DAY_CURSOR) is None:
        crud.set_cursor(session=session, name=DAY_CURSOR, value=today.toordinal())


def _match_all(session: Session, subs: list[Subscription], todo: list[tuple[ChangeRead, bool]], stats: MatchStats,
               ctx: _Context) -> None:  # fmt: skip
    existing = {
        (m.subscription_id, m.change_seq)
        for m in session.exec(
            select(AlertMatch).where(col(AlertMatch.change_seq).in_([ch.seq for ch, _ in todo]))
        ).all()
    }  # fmt: skip
    with_events = {ch.document_id for ch, _ in todo if ch.kind == ChangeKind.EVENT and (ch.detail or {}).get("new")}
    for ch, by_date in todo:
        trigger = _trigger(ch)
        if trigger is None:
            continue
        if trigger == AlertTrigger.STAGE and ch.kind == ChangeKind.DOCUMENT and ch.document_id in with_events:
            continue  # the dated event that came with the new stage says more
        for sub in subs:
            if (sub.id, ch.seq) in existing:
                continue
            created = sub.created_at if sub.created_at.tzinfo else sub.created_at.replace(tzinfo=dt.UTC)
            at = ch.at if ch.at is None or ch.at.tzinfo else ch.at.replace(tzinfo=dt.UTC)
            newer = ch.date >= created.date() if by_date and ch.date else at is not None and at >= created
            if not newer:
                continue
            doc_id = _concerns(ctx, sub, ch, trigger)
            if doc_id is None:
                continue
            if trigger == AlertTrigger.NEW_VERSION:
                watched = sub.provision_key if sub.kind == SubscriptionKind.PROVISION else None
                entry, row = _version_entry(ctx, ch, watched)
                if sub.kind == SubscriptionKind.PROVISION:
                    if row is None or not row.changed:
                        continue
                    _follow(sub, row, stats)
                    entry["what"] = content.what(AlertTrigger.NEW_VERSION, entry["version"]["label"])
                    entry["provision"] = {"watched": sub.provision_label, "key": sub.provision_key}
            else:
                entry = _entry(ctx, sub, ch, trigger, doc_id)
            if sub.kind in (SubscriptionKind.SEARCH, SubscriptionKind.TOPIC):
                entry.update(ctx.why(sub, doc_id))
            assert sub.id is not None
            session.add(AlertMatch(subscription_id=sub.id, change_seq=ch.seq, trigger=trigger.value,
                                   document_id=doc_id, version_id=ch.version_id, entry=entry))  # fmt: skip
            existing.add((sub.id, ch.seq))
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
