"""The delivery outbox: matches become messages (``compose``), messages are sent with retries (``send_pending``).

**Compose.** The matches not yet in a message, of the subscriptions that are due, become one ``AlertDelivery`` per
subscriber, channel and target — so a subscriber with a saved search and a watched article, both by e-mail, gets one
digest that groups the entries by subscription and then by document. A subscription is due: immediately, or for
its daily / weekly digest at ``AILAW_ALERTS_DIGEST_HOUR`` in the subscriber's time zone (weekly: on Mondays), and
never in its quiet hours (held until they end). Past a subscription's cap, the message says how many more there
are and where to read them (the inbox); nothing is dropped. An e-mail address that has not confirmed its
subscription gets nothing but the confirmation request.

**Send.** Each pending delivery is claimed (its next-try time moved ahead in one UPDATE, so two senders never send
the same one), sent, and marked sent — each in its own transaction. A failure (the SMTP server down, a webhook
answering 500) is recorded with one sentence and retried later with exponential backoff
(``AILAW_ALERTS_BACKOFF_BASE`` doubling up to ``AILAW_ALERTS_BACKOFF_MAX``); after ``AILAW_ALERTS_MAX_ATTEMPTS``
it is marked failed (``ailaw alerts send --retry-failed`` tries again). A recovered channel so gets each message
once. Messages carry their delivery id (e-mail header ``X-Ailaw-Delivery``, webhook header ``webhook-id``) so a
receiver can drop a copy if a sender died between sending and recording it.

Channels: e-mail through apprise (SMTP), Telegram through apprise, webhooks as a JSON POST signed per Standard
Webhooks (``webhook-id``, ``webhook-timestamp``, ``webhook-signature: v1,<base64 HMAC-SHA256 of
"id.timestamp.body">``; receivers verify with the ``standardwebhooks`` library and refuse timestamps older than five
minutes), and the Atom feed file of a subscription (``alerts.feed``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlmodel import Session, col, select

from alerts import content, feed
from alerts.settings import AlertsSettings
from alerts.targets import check_webhook
from store.errors import AlertDeliveryError
from store.models import AlertDelivery, AlertMatch, Subscriber, Subscription, utcnow
from store.vocab import AlertChannel, AlertFrequency, DeliveryKind, DeliveryStatus

logger = logging.getLogger(__name__)

CLAIM_SECONDS = 600  # a claimed delivery is another sender's for ten minutes (then it is retried)
SessionFactory = Callable[[], AbstractContextManager[Session]]


@dataclass
class SendStats:
    composed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"alerts: {self.composed} messages composed, {self.sent} sent, {self.retrying} to retry, "
                f"{self.failed} failed")  # fmt: skip


# --- compose ----------------------------------------------------------------------------------------------------


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _zone(subscriber: Subscriber) -> ZoneInfo:
    try:
        return ZoneInfo(subscriber.timezone or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def _minutes(hhmm: str) -> int:
    h, _, m = hhmm.partition(":")
    return int(h) * 60 + int(m or 0)


def in_quiet_hours(sub: Subscription, subscriber: Subscriber, now: dt.datetime) -> bool:
    """True inside the subscription's quiet hours (a window may run over midnight: 22:00–07:00)."""
    if not sub.quiet_start or not sub.quiet_end:
        return False
    local = _aware(now).astimezone(_zone(subscriber))
    t, a, b = local.hour * 60 + local.minute, _minutes(sub.quiet_start), _minutes(sub.quiet_end)
    return a <= t < b if a <= b else t >= a or t < b


def is_due(sub: Subscription, subscriber: Subscriber, now: dt.datetime, digest_hour: int) -> bool:
    if in_quiet_hours(sub, subscriber, now):
        return False
    if sub.frequency == AlertFrequency.IMMEDIATE:
        return True
    zone = _zone(subscriber)
    local = _aware(now).astimezone(zone)
    if local.hour < digest_hour:
        return False
    last = _aware(sub.last_digest_at).astimezone(zone).date() if sub.last_digest_at else None
    if last is not None and last >= local.date():
        return False
    if sub.frequency == AlertFrequency.WEEKLY:
        return local.weekday() == 0 or (last is not None and (local.date() - last).days >= 7)
    return True


def _group_key(sub: Subscription) -> tuple[int, str, str]:
    target = f"feed:{sub.id}" if sub.channel == AlertChannel.FEED else sub.target
    return sub.subscriber_id, sub.channel, target


def compose(*, session: Session, settings: AlertsSettings, now: dt.datetime) -> int:
    """Turn the unsent matches of due subscriptions into deliveries; returns how many were composed."""
    pending = session.exec(
        select(AlertMatch).where(col(AlertMatch.delivery_id).is_(None)).order_by(col(AlertMatch.id))
    ).all()
    if not pending:
        return 0
    by_sub: dict[int, list[AlertMatch]] = defaultdict(list)
    for m in pending:
        by_sub[m.subscription_id].append(m)
    subs = session.exec(select(Subscription).where(col(Subscription.id).in_(list(by_sub)))).all()
    groups: dict[tuple[int, str, str], list[Subscription]] = defaultdict(list)
    for sub in subs:
        if sub.active:
            groups[_group_key(sub)].append(sub)
    composed = 0
    for (subscriber_id, channel, _), members in groups.items():
        subscriber = session.get(Subscriber, subscriber_id)
        if subscriber is None or (channel == AlertChannel.EMAIL and subscriber.confirmed_at is None):
            continue
        due = [s for s in members if is_due(s, subscriber, now, settings.alerts_digest_hour)]
        if not due:
            continue
        matches = [m for s in due for m in by_sub[s.id or 0]]
        freqs = {s.frequency for s in due}
        frequency = "weekly" if "weekly" in freqs else "daily" if "daily" in freqs else "immediate"
        sections = [content.Section(s.id or 0, s.name, [m.entry for m in by_sub[s.id or 0]], s.cap) for s in due]
        delivery = AlertDelivery(kind=DeliveryKind.ALERT, subscriber_id=subscriber_id, channel=channel,
                                 subscription_id=due[0].id if channel == AlertChannel.FEED else None,
                                 target=due[0].target, subject="", text="", created_at=now, next_attempt_at=now)  # fmt: skip
        session.add(delivery)
        session.flush()
        message = content.render(sections=sections, lang=subscriber.language, frequency=frequency,
                                 base_url=settings.alerts_base_url, delivery_ref=f"ailaw-delivery-{delivery.id}",
                                 subscriber=subscriber.address)  # fmt: skip
        delivery.subject, delivery.text, delivery.html, delivery.payload = (
            message.subject, message.text, message.html, message.payload)  # fmt: skip
        ids = [m.id for m in matches]
        claimed = session.execute(
            update(AlertMatch)
            .where(col(AlertMatch.id).in_(ids), col(AlertMatch.delivery_id).is_(None))
            .values(delivery_id=delivery.id)
        ).rowcount  # type: ignore[attr-defined]
        if claimed != len(ids):  # another sender composed them first: leave them to it
            raise AlertDeliveryError(
                "another `ailaw alerts send` composed these alerts at the same time; run it again.",
                code="composed_twice",
            )
        for s in due:
            if s.frequency != AlertFrequency.IMMEDIATE:
                s.last_digest_at = now
                session.add(s)
        session.add(delivery)
        composed += 1
    session.flush()
    return composed


# --- send -------------------------------------------------------------------------------------------------------


def backoff_seconds(attempts: int, settings: AlertsSettings) -> float:
    """Seconds before try ``attempts + 1``: base, 2×base, 4×base… up to the maximum.

    >>> s = AlertsSettings(alerts_backoff_base=60, alerts_backoff_max=3600)
    >>> [backoff_seconds(n, s) for n in (1, 2, 3, 10)]
    [60.0, 120.0, 240.0, 3600.0]
    """
    return float(min(settings.alerts_backoff_max, settings.alerts_backoff_base * math.pow(2, max(0, attempts - 1))))


def _claim(session: Session, delivery_id: int, now: dt.datetime, statuses: tuple[str, ...]) -> bool:
    lease = now + dt.timedelta(seconds=CLAIM_SECONDS)
    claimed = session.execute(
        update(AlertDelivery)
        .where(
            col(AlertDelivery.id) == delivery_id,
            col(AlertDelivery.status).in_(statuses),
            col(AlertDelivery.next_attempt_at) <= now,
        )  # fmt: skip
        .values(next_attempt_at=lease, status=DeliveryStatus.PENDING.value)
    ).rowcount  # type: ignore[attr-defined]
    return bool(claimed)


def send_pending(*, session_scope: SessionFactory, settings: AlertsSettings, now: dt.datetime,
                 retry_failed: bool = False) -> SendStats:  # fmt: skip
    """Send every delivery whose time has come; each claimed, sent and recorded in its own transaction."""
    stats = SendStats()
    statuses = (DeliveryStatus.PENDING.value, DeliveryStatus.FAILED.value) if retry_failed else (
        DeliveryStatus.PENDING.value,)  # fmt: skip
    with session_scope() as session:
        query = select(AlertDelivery.id).where(col(AlertDelivery.status).in_(statuses))
        if not retry_failed:
            query = query.where(col(AlertDelivery.next_attempt_at) <= now)
        ids = [i for i in session.exec(query.order_by(col(AlertDelivery.id))).all() if i is not None]
    for delivery_id in ids:
        with session_scope() as session:
            if retry_failed:
                session.execute(update(AlertDelivery).where(col(AlertDelivery.id) == delivery_id,
                                col(AlertDelivery.status) == DeliveryStatus.FAILED.value)
                                .values(next_attempt_at=now, attempts=0))  # fmt: skip
            if not _claim(session, delivery_id, now, statuses):
                continue
        with session_scope() as session:
            delivery = session.get(AlertDelivery, delivery_id)
            assert delivery is not None
            try:
                send_one(delivery, settings=settings, session=session, now=now)
            except AlertDeliveryError as exc:
                delivery.attempts += 1
                delivery.last_error = str(exc)
                if delivery.attempts >= settings.alerts_max_attempts:
                    delivery.status = DeliveryStatus.FAILED.value
                    stats.failed += 1
                else:
                    delivery.next_attempt_at = now + dt.timedelta(seconds=backoff_seconds(delivery.attempts, settings))
                    stats.retrying += 1
                stats.errors.append(f"delivery {delivery.id} ({delivery.channel}): {exc}")
                logger.warning("alert delivery %s (%s) failed: %s", delivery.id, delivery.channel, exc)
            else:
                delivery.attempts += 1
                delivery.status = DeliveryStatus.SENT.value
                delivery.sent_at = now
                delivery.last_error = None
                stats.sent += 1
            session.add(delivery)
    return stats


def send_one(delivery: AlertDelivery, *, settings: AlertsSettings, session: Session, now: dt.datetime) -> None:
    """Send one delivery through its channel; AlertDeliveryError (one sentence, no secrets) when it did not go."""
    channel = delivery.channel
    if channel == AlertChannel.EMAIL:
        _email(settings, to=delivery.target, subject=delivery.subject, body=delivery.html or delivery.text,
               html=bool(delivery.html), ref=f"ailaw-delivery-{delivery.id}")  # fmt: skip
    elif channel == AlertChannel.WEBHOOK:
        payload = dict(delivery.payload or {}) or {"type": "ailaw." + delivery.kind, "schema": 1,
                                                   "subject": delivery.subject, "text": delivery.text}  # fmt: skip
        payload["id"] = f"ailaw-delivery-{delivery.id}"
        _webhook(settings, url=delivery.target, payload=payload, msg_id=payload["id"], now=now)
    elif channel == AlertChannel.FEED:
        _feed(session, settings, delivery, now)
    elif channel == AlertChannel.TELEGRAM:
        _telegram(settings, chat=delivery.target, subject=delivery.subject, text=delivery.text)
    elif channel == "operator":
        _operator(settings, subject=delivery.subject, text=delivery.text)
    else:
        raise AlertDeliveryError(f"unknown channel {channel!r}.", code="unknown_channel_send", value=channel)


# --- channels ---------------------------------------------------------------------------------------------------


def _secrets(settings: AlertsSettings) -> list[str]:
    return [s.get_secret_value() for s in (settings.smtp_password, settings.webhook_secret,
                                           settings.telegram_bot_token, settings.operator_alert_urls) if s]  # fmt: skip


def redact(text: str, settings: AlertsSettings) -> str:
    """``text`` with every secret value masked (apprise's logs may quote a URL)."""
    for secret in _secrets(settings):
        for value in (secret, quote(secret, safe="")):
            if value:
                text = text.replace(value, "***")
    return text


#: What an apprise send was, in the sentence of its error ("e-mail to alice@example.org: not sent (…)").
_SENDS = {"email": "e-mail to {to}", "telegram": "Telegram chat {to}", "operator": "operator alert"}


def _apprise(urls: list[str], *, title: str, body: str, html: bool, settings: AlertsSettings, channel: str,
             to: str = "") -> None:  # fmt: skip
    import apprise

    what = _SENDS[channel].format(to=to)

    app = apprise.Apprise()
    for url in urls:
        if not app.add(url):
            raise AlertDeliveryError(f"{what}: the channel's address is not valid.", code="channel_address",
                                     channel=channel, to=to)  # fmt: skip
    with apprise.LogCapture(level=logging.WARNING) as logs:
        ok = app.notify(title=title, body=body,
                        body_format=apprise.NotifyFormat.HTML if html else apprise.NotifyFormat.TEXT)  # fmt: skip
        said = logs.getvalue().strip().splitlines()
    if not ok:
        reason = redact(said[-1], settings).strip() if said else "no reason given"
        raise AlertDeliveryError(f"{what}: not sent ({reason.rstrip('.')}).", code="not_sent",
                                 channel=channel, to=to, reason=reason.rstrip("."))  # fmt: skip


def email_url(settings: AlertsSettings, *, to: str, headers: dict[str, str] | None = None) -> str:
    """The apprise URL of one e-mail (it carries the SMTP password: never log it)."""
    if not settings.smtp_host or not settings.smtp_from:
        raise AlertDeliveryError("e-mail alerts need an SMTP server: set AILAW_SMTP_HOST and AILAW_SMTP_FROM.",
                                 code="smtp_missing")  # fmt: skip
    security = (settings.smtp_security or "starttls").lower()
    mode = {"starttls": "starttls", "ssl": "ssl", "none": "insecure", "insecure": "insecure"}.get(security)
    if mode is None:
        raise AlertDeliveryError(f"AILAW_SMTP_SECURITY must be starttls, ssl or none, not {security!r}.",
                                 code="smtp_security", value=security)  # fmt: skip
    login = ""
    if settings.smtp_user:
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
        login = f"{quote(settings.smtp_user, safe='')}:{quote(password, safe='')}@"
    timeout = int(settings.alerts_timeout)
    params = {"from": settings.smtp_from, "to": to, "name": "ailaw", "mode": mode, "format": "html",
              "smtp": settings.smtp_host, "cto": timeout, "rto": timeout, "overflow": "upstream"}  # fmt: skip
    params.update({f"+{k}": v for k, v in (headers or {}).items()})
    scheme = "mailto" if mode == "insecure" else "mailtos"
    return f"{scheme}://{login}{settings.smtp_host}:{settings.smtp_port}?{urlencode(params)}"


def _email(settings: AlertsSettings, *, to: str, subject: str, body: str, html: bool, ref: str) -> None:
    headers = {"X-Ailaw-Delivery": ref,
               "List-Unsubscribe": f"<{settings.alerts_base_url.rstrip('/')}/subscriptions>"}  # fmt: skip
    _apprise([email_url(settings, to=to, headers=headers)], title=subject, body=body, html=html, settings=settings,
             channel="email", to=to)  # fmt: skip


def _signer(settings: AlertsSettings) -> Any:
    """The Standard Webhooks signer of AILAW_WEBHOOK_SECRET (constructing it reads the secret's base64)."""
    from standardwebhooks.webhooks import Webhook

    if settings.webhook_secret is None or not settings.webhook_secret.get_secret_value():
        raise AlertDeliveryError("webhook alerts are signed: set AILAW_WEBHOOK_SECRET (base64, e.g. whsec_…).",
                                 code="webhook_secret_missing")  # fmt: skip
    try:
        return Webhook(settings.webhook_secret.get_secret_value())
    except (ValueError, RuntimeError) as exc:
        raise AlertDeliveryError("AILAW_WEBHOOK_SECRET is not valid base64.", code="webhook_secret_invalid") from exc


def signed_headers(settings: AlertsSettings, *, msg_id: str, body: str, now: dt.datetime) -> dict[str, str]:
    """Standard Webhooks headers for ``body`` (needs AILAW_WEBHOOK_SECRET)."""
    signature = _signer(settings).sign(msg_id=msg_id, timestamp=now, data=body)
    return {"webhook-id": msg_id, "webhook-timestamp": str(math.floor(_aware(now).timestamp())),
            "webhook-signature": signature}  # fmt: skip


def _webhook(settings: AlertsSettings, *, url: str, payload: dict[str, Any], msg_id: str, now: dt.datetime) -> None:
    import httpx

    from alerts.targets import TargetError

    try:
        check_webhook(url, allow_private=settings.alerts_allow_private_targets)
    except TargetError as exc:  # the target's own code: the same sentence as when it was added
        raise AlertDeliveryError(str(exc), code=exc.code, **exc.params) from None
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    # The signature covers the timestamp of this try: a receiver refuses replays older than five minutes.
    headers = {"content-type": "application/json; charset=utf-8", "user-agent": "ailaw-alerts/0.1",
               **signed_headers(settings, msg_id=msg_id, body=body, now=dt.datetime.now(dt.UTC))}  # fmt: skip
    try:
        response = httpx.post(url, content=body.encode("utf-8"), headers=headers, timeout=settings.alerts_timeout,
                              follow_redirects=False)  # fmt: skip
    except httpx.HTTPError as exc:
        detail = redact(str(exc), settings) or "no answer"
        raise AlertDeliveryError(f"webhook {url}: {type(exc).__name__} ({detail}).", code="webhook_failed", url=url,
                                 error=type(exc).__name__, detail=detail) from None  # fmt: skip
    if not 200 <= response.status_code < 300:
        raise AlertDeliveryError(f"webhook {url} answered HTTP {response.status_code}.", code="webhook_status",
                                 url=url, status=response.status_code)  # fmt: skip


def _feed(session: Session, settings: AlertsSettings, delivery: AlertDelivery, now: dt.datetime) -> None:
    sub = session.get(Subscription, delivery.subscription_id) if delivery.subscription_id else None
    if sub is None:
        raise AlertDeliveryError("the feed's subscription no longer exists.", code="feed_gone")
    done = list(session.exec(select(AlertDelivery).where(
        col(AlertDelivery.subscription_id) == sub.id, col(AlertDelivery.channel) == AlertChannel.FEED.value,
        col(AlertDelivery.status) == DeliveryStatus.SENT.value)).all())  # fmt: skip
    delivery.sent_at = now
    who = session.get(Subscriber, sub.subscriber_id)
    data = feed.render(token=sub.feed_token, title=sub.name, base_url=settings.alerts_base_url,
                       deliveries=[*done, delivery], language=who.language if who else "en")  # fmt: skip
    try:
        feed.write(feed.feed_path(sub.feed_token), data)
    except OSError as exc:
        raise AlertDeliveryError(f"the feed file could not be written ({exc.strerror}).", code="feed_write",
                                 reason=exc.strerror) from None  # fmt: skip


def telegram_url(settings: AlertsSettings, chat: str) -> str:
    if settings.telegram_bot_token is None:
        raise AlertDeliveryError("Telegram alerts need a bot: set AILAW_TELEGRAM_BOT_TOKEN.", code="telegram_missing")
    token = settings.telegram_bot_token.get_secret_value()
    return f"tgram://{token}/{quote(chat, safe='@-')}/?format=text&overflow=split"


def _telegram(settings: AlertsSettings, *, chat: str, subject: str, text: str) -> None:
    _apprise([telegram_url(settings, chat)], title=subject, body=text, html=False, settings=settings,
             channel="telegram", to=chat)  # fmt: skip


def _operator(settings: AlertsSettings, *, subject: str, text: str) -> None:
    if settings.operator_alert_urls is None:
        raise AlertDeliveryError("operator alerts need AILAW_OPERATOR_ALERT_URLS (apprise URLs or an e-mail address).",
                                 code="operator_missing")  # fmt: skip
    targets = settings.operator_alert_urls.get_secret_value().split()
    urls = [email_url(settings, to=t) if "://" not in t and "@" in t else t for t in targets]
    _apprise(urls, title=subject, body=text, html=False, settings=settings, channel="operator")


def check_channel(channel: str, settings: AlertsSettings) -> None:
    """The AlertDeliveryError that every send through ``channel`` would meet because of the operator's configuration
    (no SMTP server, no webhook secret, no Telegram bot), raised now; nothing when the channel is configured."""
    if channel == AlertChannel.EMAIL:
        email_url(settings, to="check@example.org")
    elif channel == AlertChannel.WEBHOOK:
        _signer(settings)
    elif channel == AlertChannel.TELEGRAM:
        telegram_url(settings, "@check")


def iter_pending(session: Session) -> Iterator[AlertDelivery]:
    yield from session.exec(select(AlertDelivery).where(col(AlertDelivery.status) == DeliveryStatus.PENDING.value))


def queue(session: Session, *, kind: DeliveryKind, channel: str, target: str, subject: str, text: str,
          html: str = "", subscriber_id: int | None = None, subscription_id: int | None = None,
          payload: dict[str, Any] | None = None, now: dt.datetime | None = None) -> AlertDelivery:  # fmt: skip
    """Put one message in the outbox (a confirmation request, a test, an operator alert)."""
    when = now or utcnow()
    delivery = AlertDelivery(kind=kind.value, channel=channel, target=target, subject=subject, text=text, html=html,
                             subscriber_id=subscriber_id, subscription_id=subscription_id, payload=payload or {},
                             created_at=when, next_attempt_at=when)  # fmt: skip
    session.add(delivery)
    session.flush()
    return delivery
