"""Delivery against a real SMTP server (aiosmtpd) and a real HTTP receiver: confirmation first, digests grouped by
subscription and document, the cap's "N more" line, quiet hours, retries while a server is down and exactly once
after it is back, signed webhooks (and their verification), refused private targets, the Atom feed (feedparser)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.alerts.conftest import SMTP_PASSWORD, WEBHOOK_SECRET, body_of
from tests.compare.texts import NEW_ACT, OLD_ACT

DOC = "eu/test/2099-ai"
ALICE = "alice@example.org"


def _doc(doc_id: str, title: str) -> None:
    from store import crud
    from store.db import session_scope
    from store.items import DocumentItem
    from store.vocab import DocType

    with session_scope() as s:
        crud.upsert_document(session=s, item=DocumentItem(
            doc_id=doc_id, source="import", jurisdiction="EU", doc_type=DocType.REGULATION, title=title,
            language="en", ai_relevant=True,
        ))  # fmt: skip


def _version(doc_id: str, text: str, label: str) -> None:
    from store import crud
    from store.db import session_scope
    from store.items import VersionItem
    from store.vocab import VersionKind
    from texts import split_provisions

    with session_scope() as s:
        crud.add_version(session=s, item=VersionItem(
            doc_id=doc_id, label=label, kind=VersionKind.CONSOLIDATED, language="en", text=text,
            provisions=split_provisions(text, jurisdiction="EU"), source_url=f"file:///{label}",
        ))  # fmt: skip


def _confirm(smtp, address: str) -> None:
    from ailaw import jobs

    (msg,) = [m for m in smtp.to(address) if "Confirm" in str(m["Subject"]) or "Подтвердите" in str(m["Subject"])]
    token = re.search(r"confirm=([\w-]+)", body_of(msg, "plain")).group(1)
    assert jobs.confirm_alerts(token) == address


@pytest.fixture
def act(ailaw_home, alerts_settings):
    _doc(DOC, "Regulation on artificial intelligence (test)")
    _version(DOC, OLD_ACT, "proposal")
    return ailaw_home


def test_nothing_but_the_confirmation_is_sent_before_the_address_is_confirmed(act, smtp):
    from ailaw import jobs

    created = jobs.add_alert(kind="document", channel="email", target=ALICE, document_id=DOC)
    assert created.confirmation_sent and not created.address_confirmed
    (confirm,) = smtp.to(ALICE)
    assert str(confirm["Subject"]) == "Confirm your ailaw alerts"
    assert "https://ailaw.example.org/subscriptions?confirm=" in body_of(confirm, "plain")
    _version(DOC, NEW_ACT, "final")
    matched, sent = jobs.run_alerts()
    assert matched.matches == 1 and sent.composed == 0 and len(smtp.to(ALICE)) == 1  # held, not sent
    _confirm(smtp, ALICE)
    _, sent = jobs.run_alerts()
    assert sent.sent == 1
    alert = smtp.to(ALICE)[-1]
    assert str(alert["Subject"]) == "ailaw alert: Regulation on artificial intelligence (test)"
    assert alert["X-Ailaw-Delivery"].startswith("ailaw-delivery-")
    html = body_of(alert)
    assert "Article 2 moved to Article 3 unchanged" in html and "https://ailaw.example.org/compare?id=eu%2Ftest" in html
    assert jobs.run_alerts()[1].sent == 0  # nothing twice


def test_retries_while_the_smtp_server_is_down_then_exactly_once(act, smtp):
    from ailaw import jobs
    from store.models import utcnow

    for n in range(3):
        address = f"lawyer{n}@example.org"
        jobs.add_alert(kind="document", channel="email", target=address, document_id=DOC, language="ru")
        _confirm(smtp, address)
    _version(DOC, NEW_ACT, "final")
    jobs.match_alerts()
    smtp.stop()
    now = utcnow()
    down = jobs.send_alerts(now=now)
    assert (down.composed, down.sent, down.retrying) == (3, 0, 3)
    assert all("not sent" in e for e in down.errors)
    assert jobs.send_alerts(now=now + dt.timedelta(seconds=30)).sent == 0  # backoff: not yet
    smtp.start()
    smtp.stop_after = len(smtp.messages) + 1  # the server goes down again after one message
    first = jobs.send_alerts(now=now + dt.timedelta(seconds=61))
    assert (first.sent, first.retrying) == (1, 2)
    smtp.stop_after = None
    smtp.start()
    rest = jobs.send_alerts(now=now + dt.timedelta(seconds=61 + 121))
    assert rest.sent == 2
    assert jobs.send_alerts(now=now + dt.timedelta(days=1)).sent == 0
    for n in range(3):
        alerts = [m for m in smtp.to(f"lawyer{n}@example.org") if "ailaw:" in str(m["Subject"])]
        assert len(alerts) == 1, n  # exactly once each
        assert "статья 2 перенесена в статью 3 без изменений" in body_of(alerts[0])


def test_a_digest_groups_by_subscription_and_document_with_an_honest_cap(act, smtp):
    from ailaw import jobs
    from store.models import utcnow

    jobs.add_alert(kind="topic", channel="email", target=ALICE, filters={"jurisdiction": "EU"}, frequency="daily",
                   cap=3, name="EU AI law")  # fmt: skip
    jobs.add_alert(kind="document", channel="email", target=ALICE, document_id=DOC, frequency="daily",
                   name="The test act")  # fmt: skip
    _confirm(smtp, ALICE)
    _version(DOC, NEW_ACT, "final")
    for n in range(5):
        _doc(f"eu/test/21{n:02d}", f"Guidelines on artificial intelligence, part {n + 1}")
    jobs.index()
    jobs.match_alerts()
    now = utcnow()
    sent = jobs.send_alerts(now=now)
    assert (sent.composed, sent.sent) == (1, 1)
    (digest,) = [m for m in smtp.to(ALICE) if "digest" in str(m["Subject"])]
    assert str(digest["Subject"]) == "ailaw daily digest: 7 alerts"
    html = body_of(digest)
    assert html.index("EU AI law") < html.index("The test act")
    assert "3 more: see all in ailaw (https://ailaw.example.org/subscriptions)" in html  # 6 in the topic, cap 3
    assert html.count("New document: Guidelines on artificial intelligence") == 2  # + the test act's version: 3
    # the next day's digest has nothing new: nothing is sent, and nothing was dropped — all 7 are in the inbox
    assert jobs.send_alerts(now=now + dt.timedelta(days=1)).sent == 0
    (inbox,) = [r for r in jobs.alert_inbox(ALICE) if r["kind"] == "alert"]
    assert inbox["payload"]["total"] == 7 and inbox["payload"]["subscriptions"][0]["more"] == 3


def test_quiet_hours_hold_an_alert_until_they_end(act, smtp):
    from ailaw import jobs

    jobs.add_alert(kind="document", channel="email", target=ALICE, document_id=DOC, quiet_hours="22:00-07:00",
                   timezone="Europe/Moscow")  # fmt: skip
    _confirm(smtp, ALICE)
    _version(DOC, NEW_ACT, "final")
    jobs.match_alerts()
    night = dt.datetime(2026, 12, 1, 21, 30, tzinfo=dt.UTC)  # 00:30 in Moscow
    assert jobs.send_alerts(now=night).composed == 0
    morning = dt.datetime(2026, 12, 2, 4, 5, tzinfo=dt.UTC)  # 07:05 in Moscow
    assert jobs.send_alerts(now=morning).sent == 1


def test_a_signed_webhook_verifies_and_a_replay_is_refused(act, receiver):
    from standardwebhooks.webhooks import Webhook, WebhookVerificationError

    from ailaw import jobs

    jobs.add_alert(kind="document", channel="webhook", target=receiver.url, subscriber="ops@example.org",
                   document_id=DOC)  # fmt: skip
    _version(DOC, NEW_ACT, "final")
    receiver.status = 503
    _, first = jobs.run_alerts()
    assert first.retrying == 1 and "answered HTTP 503" in first.errors[0]
    receiver.status = 200
    from store.models import utcnow

    assert jobs.send_alerts(now=utcnow() + dt.timedelta(minutes=2)).sent == 1
    assert (
        len(receiver.requests) == 2
        and receiver.requests[0].headers["webhook-id"] == receiver.requests[1].headers["webhook-id"]
    )
    got = receiver.requests[-1]
    payload = Webhook(WEBHOOK_SECRET).verify(got.body, got.headers)
    assert payload["type"] == "ailaw.alert" and payload["schema"] == 1
    entry = payload["subscriptions"][0]["entries"][0]
    assert entry["document_id"] == DOC and "Article 2 moved to Article 3 unchanged" in entry["changes"]["en"]
    with pytest.raises(WebhookVerificationError):  # a body changed on the way
        Webhook(WEBHOOK_SECRET).verify(got.body.replace(b"Article", b"Articel"), got.headers)
    stale = dict(got.headers, **{"webhook-timestamp": str(int(got.headers["webhook-timestamp"]) - 600)})
    with pytest.raises(WebhookVerificationError, match="too old"):  # a replay ten minutes later
        Webhook(WEBHOOK_SECRET).verify(got.body, stale)


def test_private_webhook_targets_are_refused_unless_allowed(act, monkeypatch):
    from ailaw import jobs
    from alerts.targets import TargetError

    monkeypatch.setenv("AILAW_ALERTS_ALLOW_PRIVATE_TARGETS", "false")
    for url in ("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://169.254.169.254/latest/meta-data",
                "http://10.0.0.7/hook", "http://[::1]/hook", "http://192.168.1.20/hook"):  # fmt: skip
        with pytest.raises(TargetError, match="does not send webhooks into private networks"):
            jobs.add_alert(
                kind="document", channel="webhook", target=url, subscriber="ops@example.org", document_id=DOC
            )
    with pytest.raises(TargetError, match="not an http"):
        jobs.add_alert(kind="document", channel="webhook", target="file:///etc/passwd", subscriber="ops@example.org",
                       document_id=DOC)  # fmt: skip
    assert jobs.list_alerts() == []


def test_the_same_subscription_twice_is_refused_and_another_frequency_is_not(act):
    from ailaw import jobs
    from alerts.targets import TargetError

    first = jobs.add_alert(kind="document", channel="feed", subscriber="ops@example.org", document_id=DOC)
    with pytest.raises(TargetError) as caught:
        jobs.add_alert(kind="document", channel="feed", subscriber="ops@example.org", document_id=DOC)
    said = f"ops@example.org already has this subscription ({first.subscription.id}: {first.subscription.name})."
    assert (str(caught.value), caught.value.code) == (said, "duplicate")
    jobs.add_alert(kind="document", channel="feed", subscriber="ops@example.org", document_id=DOC, frequency="weekly")
    jobs.add_alert(kind="document", channel="feed", subscriber="dev@example.org", document_id=DOC)
    assert len(jobs.list_alerts()) == 3


def test_the_atom_feed_parses_and_keeps_each_alert_once(act):
    import feedparser

    from ailaw import jobs
    from alerts.feed import feed_path

    sub = jobs.add_alert(kind="document", channel="feed", subscriber="team", document_id=DOC).subscription
    _version(DOC, NEW_ACT, "final")
    jobs.run_alerts()
    _version(DOC, NEW_ACT.replace("AI literacy", "AI skills"), "corrected")
    jobs.run_alerts()
    jobs.run_alerts()
    parsed = feedparser.parse(feed_path(sub.feed_token).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == f"ailaw — {sub.name}"
    assert [e.title for e in parsed.entries] == ["ailaw alert: Regulation on artificial intelligence (test)"] * 2
    assert len({e.id for e in parsed.entries}) == 2
    assert "Article 2 moved to Article 3 unchanged" in parsed.entries[1].content[0].value
    assert "Article 2(1) amended" in parsed.entries[0].content[0].value  # the newest first


def test_secrets_are_never_logged_or_stored(act, smtp, monkeypatch, caplog):
    from sqlmodel import select

    from ailaw import jobs
    from store.db import session_scope
    from store.models import AlertDelivery

    monkeypatch.setenv("AILAW_SMTP_USER", "ailaw")
    monkeypatch.setenv("AILAW_SMTP_PASSWORD", SMTP_PASSWORD)
    caplog.set_level("DEBUG")
    smtp.stop()  # the login fails on a dead server: the error is recorded, without the password
    jobs.add_alert(kind="document", channel="email", target=ALICE, document_id=DOC)
    with session_scope() as s:
        (d,) = s.exec(select(AlertDelivery)).all()
        assert d.status == "pending" and d.last_error and "e-mail to alice@example.org: not sent" in d.last_error
        stored = " ".join(str(v) for v in d.model_dump().values())
    assert SMTP_PASSWORD not in stored and SMTP_PASSWORD not in caplog.text
    assert WEBHOOK_SECRET not in caplog.text
