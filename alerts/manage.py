"""Subscriptions: add, list, remove, confirm — what the CLI (``ailaw alerts …``) and the Subscriptions page do.

A subscriber is identified by their address. A new e-mail address gets one message first: a confirmation request
with a link (``…/subscriptions?confirm=TOKEN``) and the same token for ``ailaw alerts confirm TOKEN``; until it is
confirmed, nothing else is sent to it (its alerts wait). The token is stored only as its SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session, col, select

from alerts.deliver import queue
from alerts.match import DEFAULT_TRIGGERS
from alerts.match import start as start_matching
from alerts.settings import AlertsSettings
from alerts.targets import TargetError, check_email, check_telegram_chat, check_webhook
from store.errors import NotFoundError
from store.models import AlertDelivery, AlertMatch, Document, Subscriber, Subscription, SubscriptionRead, utcnow
from store.vocab import AlertChannel, AlertFrequency, AlertTrigger, DeliveryKind, SubscriptionKind

_CONFIRM = {
    "en": ("Confirm your ailaw alerts", "Someone (we hope you) asked ailaw to send alerts to {address}.\n\n"
           "To confirm, open {url}\nor run: ailaw alerts confirm {token}\n\nIf it was not you, ignore this message: "
           "nothing else will be sent."),
    "ru": ("Подтвердите подписку ailaw", "Кто-то (надеемся, вы) попросил ailaw присылать уведомления на {address}.\n\n"
           "Чтобы подтвердить, откройте {url}\nили выполните: ailaw alerts confirm {token}\n\nЕсли это были не вы, "
           "просто проигнорируйте письмо: больше ничего не придёт."),
}  # fmt: skip


@dataclass
class NewSubscription:
    subscription: SubscriptionRead
    confirmation_sent: bool  # a confirmation request was queued (a new, unconfirmed e-mail address)
    address_confirmed: bool
    confirmation_error: str | None = None  # why the queued request did not go out yet (ailaw.jobs.add_alert)


def _sha(token: str) -> str:
    return hashlib.sha256(token.strip().encode()).hexdigest()


def _check_target(channel: AlertChannel, target: str, settings: AlertsSettings) -> str:
    if channel == AlertChannel.EMAIL:
        return check_email(target)
    if channel == AlertChannel.WEBHOOK:
        return check_webhook(target, allow_private=settings.alerts_allow_private_targets)
    if channel == AlertChannel.TELEGRAM:
        return check_telegram_chat(target)
    return "feed"


def _hhmm(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.datetime.strptime(value.strip(), "%H:%M").strftime("%H:%M")
    except ValueError:
        raise TargetError(
            f"{value!r} is not a time of day (use HH:MM, e.g. 22:00).", code="quiet_time", value=value
        ) from None


def add(*, session: Session, settings: AlertsSettings, kind: str, channel: str, target: str | None = None,
        subscriber: str | None = None, name: str | None = None, query: str | None = None,
        filters: dict[str, Any] | None = None, document_id: str | None = None, provision: str | None = None,
        triggers: list[str] | None = None, frequency: str = "immediate", quiet_hours: str | None = None,
        cap: int | None = None, language: str = "en", timezone: str = "UTC", concept: str | None = None,
        exact: bool = False) -> NewSubscription:  # fmt: skip
    """Add a subscription; validate everything a user typed with one clear sentence per mistake.

    ``concept``: a topic that is a thesaurus concept, named by any of its labels in any language (or its id).
    ``exact``: a saved search without concept expansion (the words as typed), as ``ailaw search --exact``."""
    for vocab, value, what in ((SubscriptionKind, kind, "kind"), (AlertChannel, channel, "channel"),
                               (AlertFrequency, frequency, "frequency")):  # fmt: skip
        if value not in set(vocab):
            raise TargetError(f"{value!r} is not a known {vocab.__name__}", code=f"unknown_{what}", value=value,
                              known=", ".join(v.value for v in vocab))  # fmt: skip
    skind, chan, freq = SubscriptionKind(kind), AlertChannel(channel), AlertFrequency(frequency)
    try:  # digests and quiet hours follow it: a typo would silently mean UTC
        ZoneInfo(timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        raise TargetError(f"{timezone!r} is not a time zone; use a name such as Europe/Moscow or UTC.",
                          code="timezone", value=timezone) from None  # fmt: skip
    if language not in ("en", "ru"):  # alerts are written in English or Russian: "de" would silently be English
        raise TargetError(f"alerts are written in en or ru, not {language!r}.", code="alert_language", value=language)
    for trig in triggers or []:
        if trig not in set(AlertTrigger):
            known = ", ".join(t.value for t in AlertTrigger)
            raise TargetError(f"unknown trigger {trig!r}; one of: {known}.", code="unknown_trigger", value=trig,
                              known=known)  # fmt: skip
    if chan == AlertChannel.EMAIL:
        target = target or subscriber
        if subscriber and target and subscriber.strip() != target.strip():
            raise TargetError("an e-mail subscription sends to the subscriber's own address; add it as that address.",
                              code="email_not_own")  # fmt: skip
    if not target and chan != AlertChannel.FEED:
        raise TargetError(f"a {chan.value} subscription needs a target (--to).", code="needs_target",
                          channel=chan.value)  # fmt: skip
    target = _check_target(chan, target or "feed", settings)
    address = (subscriber or (target if chan != AlertChannel.FEED else "")).strip()
    if not address:
        raise TargetError("say who subscribes (--subscriber ADDRESS): an e-mail address or a name for a feed.",
                          code="needs_subscriber")  # fmt: skip
    if skind == SubscriptionKind.SEARCH and not (query or "").strip():
        raise TargetError("a saved search needs a query.", code="needs_query")
    if skind in (SubscriptionKind.SEARCH, SubscriptionKind.TOPIC):  # refused now, not found empty at every run
        from search.query import check, written_filters
        from store.errors import QueryError

        try:
            f = filters or {}
            check(query, stage=f.get("stage"), subdivision=f.get("subdivision"), doc_type=f.get("doc_type"),
                  jurisdiction=f.get("jurisdiction"))  # fmt: skip
            filters = written_filters(f)  # kept as the output writes them ("US-CA"); the search reads them alike
        except QueryError as exc:  # the search's own sentence (the UI reads it with ui.i18n.query_error)
            raise TargetError(str(exc), code="query", message=str(exc)) from None
    concept_id = concept_label = None
    if (concept or "").strip():
        if skind != SubscriptionKind.TOPIC:
            raise TargetError("a concept is followed by a topic subscription (ailaw alerts add --topic LABEL).",
                              code="concept_not_topic")  # fmt: skip
        concept_id, concept_label = _concept(str(concept), "ru" if language == "ru" else "en")
    if skind == SubscriptionKind.TOPIC and not (
        concept_id or (query or "").strip() or (filters or {}).get("jurisdiction") or (filters or {}).get("subdivision")
    ):
        raise TargetError("a topic subscription needs a concept (--topic), a jurisdiction, a state or keywords.",
                          code="topic_needs_what")  # fmt: skip
    provision_label = None
    if skind in (SubscriptionKind.DOCUMENT, SubscriptionKind.PROVISION):
        doc = session.get(Document, (document_id or "").strip())
        if doc is None:
            raise NotFoundError(f"no document with id {document_id!r}; `ailaw search` finds ids.",
                                code="no_document", id=document_id)  # fmt: skip
        document_id = doc.id
        if skind == SubscriptionKind.PROVISION:
            provision, provision_label = _provision(session, doc.id, provision)
    quiet_start = quiet_end = None
    if quiet_hours:
        start, _, end = quiet_hours.partition("-")
        quiet_start, quiet_end = _hhmm(start), _hhmm(end)
        if not quiet_end:
            raise TargetError("quiet hours are a range, e.g. 22:00-07:00.", code="quiet_range")
    who = session.exec(select(Subscriber).where(Subscriber.address == address)).first()
    # what the alerts say and where they go: a subscriber has at most one subscription with all of these alike
    same: dict[str, Any] = {
        "kind": skind.value, "concept": concept_id,
        "exact": bool(exact) and skind in (SubscriptionKind.SEARCH, SubscriptionKind.TOPIC),
        "query": None if concept_id else (query or "").strip() or None, "filters": dict(filters or {}),
        "document_id": document_id, "provision_key": provision, "frequency": freq.value, "channel": chan.value,
        "target": target,
    }  # fmt: skip
    if who is not None:
        _refuse_duplicate(session, who, same)
    created_subscriber = who is None
    if who is None:
        who = Subscriber(address=address, language="ru" if language == "ru" else "en", timezone=timezone)
        session.add(who)
        session.flush()
    label = name or _default_name(skind, concept_label or query, document_id, provision_label, filters, who.language)
    sub = Subscription(subscriber_id=who.id or 0, name=label, provision_label=provision_label,
                       triggers=list(triggers or DEFAULT_TRIGGERS[skind]), quiet_start=quiet_start,
                       quiet_end=quiet_end, cap=cap or settings.alerts_cap, feed_token=secrets.token_hex(16),
                       **same)  # fmt: skip
    session.add(sub)
    start_matching(session=session, today=utcnow().date())
    sent = False
    if chan == AlertChannel.EMAIL and who.confirmed_at is None and (created_subscriber or not who.confirm_token_sha256):
        sent = _request_confirmation(session, settings, who)  # webhooks, feeds and chats are the operator's own
    session.flush()
    return NewSubscription(SubscriptionRead.model_validate(sub), sent, who.confirmed_at is not None)


def _refuse_duplicate(session: Session, who: Subscriber, same: dict[str, Any]) -> None:
    """TargetError when ``who`` already has a subscription with the same alerts to the same place (a form sent
    twice would double every alert)."""
    for sub in session.exec(select(Subscription).where(Subscription.subscriber_id == who.id,
                                                       Subscription.kind == same["kind"])).all():  # fmt: skip
        if all(getattr(sub, k) == v for k, v in same.items()):
            raise TargetError(f"{who.address} already has this subscription ({sub.id}: {sub.name}).",
                              code="duplicate", address=who.address, id=sub.id, name=sub.name)  # fmt: skip


def _default_name(kind: SubscriptionKind, query: str | None, doc: str | None, provision: str | None,
                  filters: dict[str, Any] | None, lang: str = "en") -> str:  # fmt: skip
    """'Search: high-risk AI' / 'Поиск: …'; 'Article 50 of eu/celex/32024R1689' / 'Article 50 — eu/celex/…'."""
    ru = lang == "ru"
    if kind == SubscriptionKind.SEARCH:
        return f"{'Поиск' if ru else 'Search'}: {query}"
    if kind == SubscriptionKind.TOPIC:
        return f"{'Тема' if ru else 'Topic'}: " + " · ".join(
            str(x) for x in ((filters or {}).get("jurisdiction") or (filters or {}).get("subdivision"), query) if x
        )
    if kind == SubscriptionKind.PROVISION:
        return f"{provision} — {doc}" if ru else f"{provision} of {doc}"
    return f"{'Документ' if ru else 'Document'} {doc}"


def _concept(text: str, lang: str) -> tuple[str, str]:
    """(id, preferred label in the subscriber's language) of the concept a label names; one sentence with the
    nearest labels when it names none."""
    from search.concepts import concept_index
    from search.settings import index_dir_or_default
    from store.errors import QueryError

    try:
        found = concept_index(index_dir_or_default(None)).resolve(text)
    except QueryError as exc:
        raise TargetError(str(exc), code="no_concept", label=text.strip(), message=str(exc)) from None
    return found.concept.id, found.concept.pref(lang)


def _provision(session: Session, doc_id: str, wanted: str | None) -> tuple[str, str]:
    """(key, label) of a provision of the document's latest version: by key ("art_50") or label ("Article 50")."""
    from store.read import get_document

    detail = get_document(session=session, doc_id=doc_id)
    if detail is None or not detail.versions:
        raise NotFoundError(f"{doc_id} has no stored version to watch a provision in.", code="no_version", id=doc_id)
    latest = detail.versions[-1]
    provs = latest.provisions or []
    if not provs and latest.text:  # stored without provisions: split as the compare engine will
        import dataclasses

        from texts import split_provisions

        provs = [dataclasses.asdict(p) for p in split_provisions(
            latest.text, jurisdiction=detail.document.jurisdiction, language=latest.language)]  # fmt: skip
    want = (wanted or "").strip()
    norm = want.lower().replace(" ", "")
    for p in provs:
        label = str(p.get("label") or "")
        if p.get("key") == want or label.lower().replace(" ", "") == norm:
            return str(p["key"]), label or str(p["key"])
    if norm.isdigit() or norm.removeprefix("art").removeprefix("_").isdigit():
        key = f"art_{norm.removeprefix('art').removeprefix('_')}"
        for p in provs:
            if p.get("key") == key:
                return key, str(p.get("label") or key)
    raise NotFoundError(f"{doc_id} has no provision {want!r} in its latest version (try a key such as art_50).",
                        code="no_provision", id=doc_id, provision=want)  # fmt: skip


def _request_confirmation(session: Session, settings: AlertsSettings, who: Subscriber) -> bool:
    # hex, so a token never starts with "-" (which `ailaw alerts confirm TOKEN` would read as an option)
    token = secrets.token_hex(24)
    who.confirm_token_sha256 = _sha(token)
    session.add(who)
    url = f"{settings.alerts_base_url.rstrip('/')}/subscriptions?{urlencode({'confirm': token})}"
    subject, body = _CONFIRM["ru" if who.language == "ru" else "en"]
    queue(session, kind=DeliveryKind.CONFIRM, channel=AlertChannel.EMAIL.value, target=who.address, subject=subject,
          text=body.format(address=who.address, url=url, token=token), subscriber_id=who.id)  # fmt: skip
    return True


def confirm(*, session: Session, token: str) -> str:
    """Confirm the address the token was sent to; returns the address."""
    who = session.exec(select(Subscriber).where(Subscriber.confirm_token_sha256 == _sha(token))).first()
    if who is None:
        raise NotFoundError("this confirmation link is not valid (or was already used).", code="confirm_invalid")
    who.confirmed_at = who.confirmed_at or utcnow()
    who.confirm_token_sha256 = None
    session.add(who)
    return who.address


def listing(*, session: Session, subscriber: str | None = None) -> list[dict[str, Any]]:
    query = select(Subscription, Subscriber).join(Subscriber, col(Subscriber.id) == col(Subscription.subscriber_id))
    if subscriber:
        query = query.where(Subscriber.address == subscriber.strip())
    out = []
    for sub, who in session.exec(query.order_by(col(Subscription.id))).all():
        waiting = session.exec(select(AlertMatch.id).where(AlertMatch.subscription_id == sub.id,
                                                          col(AlertMatch.delivery_id).is_(None))).all()  # fmt: skip
        out.append({**SubscriptionRead.model_validate(sub).model_dump(mode="json"), "subscriber": who.address,
                    "confirmed": who.confirmed_at is not None, "language": who.language, "waiting": len(waiting)})  # fmt: skip
    return out


def remove(*, session: Session, subscription_id: int, subscriber: str | None = None) -> str:
    sub = session.get(Subscription, subscription_id)
    if sub is None:
        raise NotFoundError(f"no subscription {subscription_id}; `ailaw alerts list` shows them.",
                            code="no_subscription", id=subscription_id)  # fmt: skip
    if subscriber is not None:
        who = session.get(Subscriber, sub.subscriber_id)
        if who is None or who.address != subscriber.strip():
            raise NotFoundError(f"subscription {subscription_id} is not {subscriber}'s.", code="not_yours",
                                id=subscription_id, subscriber=subscriber)  # fmt: skip
    name = sub.name
    for m in session.exec(select(AlertMatch).where(AlertMatch.subscription_id == subscription_id)).all():
        session.delete(m)
    session.delete(sub)
    return name


def test(*, session: Session, settings: AlertsSettings, subscription_id: int) -> AlertDelivery:
    """Queue a test message through the subscription's channel (the caller sends it)."""
    sub = session.get(Subscription, subscription_id)
    if sub is None:
        raise NotFoundError(f"no subscription {subscription_id}; `ailaw alerts list` shows them.",
                            code="no_subscription", id=subscription_id)  # fmt: skip
    who = session.get(Subscriber, sub.subscriber_id)
    assert who is not None
    if sub.channel == AlertChannel.EMAIL and who.confirmed_at is None:
        raise TargetError(f"{who.address} has not confirmed its subscription yet; nothing is sent to it before that.",
                          code="not_confirmed", address=who.address)  # fmt: skip
    ru = who.language == "ru"
    subject = "ailaw: проверка канала уведомлений" if ru else "ailaw: test of your alert channel"
    text = (f"Это проверка подписки «{sub.name}». Уведомления придут сюда." if ru
            else f"This is a test of the subscription “{sub.name}”. Its alerts will arrive here.")  # fmt: skip
    payload = {"type": "ailaw.test", "schema": 1, "subscription": sub.id, "name": sub.name, "text": text}
    return queue(session, kind=DeliveryKind.TEST, channel=sub.channel, target=sub.target, subject=subject, text=text,
                 subscriber_id=who.id, subscription_id=sub.id, payload=payload)  # fmt: skip


def inbox(*, session: Session, subscriber: str, limit: int = 50) -> list[dict[str, Any]]:
    """The messages sent (or waiting) for a subscriber, newest first, with what each said."""
    who = session.exec(select(Subscriber).where(Subscriber.address == subscriber.strip())).first()
    if who is None:
        return []
    rows = session.exec(select(AlertDelivery).where(AlertDelivery.subscriber_id == who.id)
                        .order_by(col(AlertDelivery.id).desc()).limit(limit)).all()  # fmt: skip
    return [r.model_dump(mode="json") for r in rows]
