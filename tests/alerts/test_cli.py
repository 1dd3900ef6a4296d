"""`ailaw alerts …` as a user types it (the real entry point), the operator alert, and Telegram through apprise."""

from __future__ import annotations

import json
import re

import pytest

from tests.alerts.conftest import body_of
from tests.cli import run_cli

DOC = "eu/test/2099-ai"


@pytest.fixture
def store(ailaw_home, alerts_settings):
    from store import crud
    from store.db import session_scope
    from store.items import DocumentItem, VersionItem
    from store.vocab import DocType, VersionKind

    with session_scope() as s:
        crud.upsert_document(session=s, item=DocumentItem(doc_id=DOC, source="import", jurisdiction="EU",
                                                          doc_type=DocType.REGULATION, title="Test AI Regulation"))  # fmt: skip
        crud.add_version(session=s, item=VersionItem(doc_id=DOC, label="v1", kind=VersionKind.ORIGINAL,
                                                     text="Article 1\nSubject matter\n1. Rules on AI.",
                                                     source_url="file:///v1"))  # fmt: skip
    return ailaw_home


def test_add_confirm_list_test_inbox_remove(store, smtp, monkeypatch, capsys):
    code, out, err = run_cli(monkeypatch, capsys, "alerts", "add", "provision", DOC, "--provision", "Article 1",
                             "--to", "alice@example.org", "--frequency", "weekly", "--quiet", "22:00-07:00",
                             "--timezone", "Europe/Moscow", "--language", "ru")  # fmt: skip
    assert code == 0, err
    assert "subscription 1: Article 1 — eu/test/2099-ai → email alice@example.org (weekly)" in out
    assert "A confirmation link was sent to alice@example.org" in out
    (confirm,) = smtp.to("alice@example.org")
    assert str(confirm["Subject"]) == "Подтвердите подписку ailaw"
    token = re.search(r"ailaw alerts confirm ([\w-]+)", body_of(confirm, "plain")).group(1)
    assert re.fullmatch(r"[0-9a-f]{48}", token)  # never a leading "-", which the command line would take for an option

    code, out, err = run_cli(monkeypatch, capsys, "alerts", "test", "1")
    assert code == 1 and "has not confirmed its subscription yet" in err and len(err.strip().splitlines()) == 1
    code, out, _ = run_cli(monkeypatch, capsys, "alerts", "confirm", token)
    assert code == 0 and "alice@example.org confirmed" in out
    code, out, err = run_cli(monkeypatch, capsys, "alerts", "test", "1")
    assert code == 0 and "test message sent to email alice@example.org" in out, err
    assert str(smtp.to("alice@example.org")[-1]["Subject"]) == "ailaw: проверка канала уведомлений"

    code, out, _ = run_cli(monkeypatch, capsys, "alerts", "list", "--json")
    (row,) = json.loads(out)
    assert (row["kind"], row["provision_key"], row["quiet_start"], row["quiet_end"], row["confirmed"]) == (
        "provision", "art_1", "22:00", "07:00", True)  # fmt: skip
    code, out, _ = run_cli(monkeypatch, capsys, "alerts", "inbox", "alice@example.org", "--json")
    assert [r["kind"] for r in json.loads(out)] == ["test", "confirm"]
    code, out, _ = run_cli(monkeypatch, capsys, "alerts", "remove", "1")
    assert code == 0 and "removed subscription 1" in out
    code, out, _ = run_cli(monkeypatch, capsys, "alerts", "list", "--json")
    assert json.loads(out) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "--to", "alice@example.org"], "a saved search needs a query."),
        (["document", "eu/none/1", "--to", "alice@example.org"], "no document with id 'eu/none/1'"),
        (["provision", DOC, "--provision", "Article 99", "--to", "a@example.org"], "has no provision 'Article 99'"),
        (["search", "AI", "--to", "not-an-address"], "'not-an-address' is not an e-mail address."),
        (["search", "AI", "--to", "a@example.org", "--frequency", "hourly"], "'hourly' is not a known AlertFrequency"),
        (["search", "AI", "--to", "a@example.org", "--quiet", "late"], "'late' is not a time of day"),
        (["search", "AI", "--to", "a@example.org", "--timezone", "Mars/Base"], "'Mars/Base' is not a time zone"),
        (
            ["search", "AI", "--channel", "telegram", "--to", "me", "--subscriber", "a@example.org"],
            "'me' is not a Telegram chat id",
        ),
        # a saved search the search would refuse, refused when added (it once found nothing at every run, silently)
        (["search", '"high-risk AI', "--to", "a@example.org"], "unbalanced double quote"),
        (["search", "AI", "--stage", "in_force", "--to", "a@example.org"], "There is no stage 'in_force'"),
        (["topic", "deepfake", "--state", "Texass", "--to", "a@example.org"], "'Texass' is not a US state"),
        (["search", "AI", "--type", "law", "--to", "a@example.org"], "There is no document type 'law'"),
        (["search", "AI", "--jurisdiction", "XX", "--to", "a@example.org"], "ailaw tracks no jurisdiction 'XX'"),
        (["search", "AI", "--to", "a@example.org", "--language", "de"], "alerts are written in en or ru, not 'de'."),
    ],
)
def test_mistakes_get_one_sentence(store, monkeypatch, capsys, args, message):
    code, out, err = run_cli(monkeypatch, capsys, "alerts", "add", *args)
    assert code == 1 and message in err and len(err.strip().splitlines()) == 1, err


def test_an_empty_inbox_says_so(store, monkeypatch, capsys):
    code, out, _ = run_cli(monkeypatch, capsys, "alerts", "inbox", "nobody@example.org")
    assert code in (0, None) and out.strip() == (
        "No alerts for nobody@example.org yet (`ailaw alerts list` shows the subscriptions)."
    )  # once: nothing at all


def test_the_operator_hears_of_a_sick_source_by_email_and_by_apprise(store, smtp, receiver, monkeypatch):
    from ailaw import jobs

    monkeypatch.setenv("AILAW_OPERATOR_ALERT_URLS", f"ops@example.org json://{receiver.url.split('://')[1]}")
    stats = jobs.operator_alert("the last 3 crawls returned a WAF challenge", "eur-lex.europa.eu answers with an "
                                "AWS WAF challenge page.", source="eu_cellar")  # fmt: skip
    assert stats.sent == 1
    (mail,) = smtp.to("ops@example.org")
    assert str(mail["Subject"]) == "ailaw operator alert: eu_cellar: the last 3 crawls returned a WAF challenge"
    (hook,) = receiver.requests
    assert hook.json()["title"] == str(mail["Subject"])


def test_telegram_goes_through_apprise_with_the_bot_token_from_the_environment(store, monkeypatch, capsys):
    import apprise

    from alerts.deliver import telegram_url
    from alerts.settings import AlertsSettings
    from store.errors import AlertDeliveryError

    with pytest.raises(AlertDeliveryError, match="AILAW_TELEGRAM_BOT_TOKEN"):
        telegram_url(AlertsSettings(), "-1001234567890")
    monkeypatch.setenv("AILAW_TELEGRAM_BOT_TOKEN", "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")
    url = telegram_url(AlertsSettings(), "-1001234567890")
    plugin = apprise.Apprise.instantiate(url)
    assert plugin is not None and type(plugin).__name__ == "NotifyTelegram"
    assert plugin.targets == [(-1001234567890, None)]  # the chat, no topic thread
    code, out, err = run_cli(monkeypatch, capsys, "alerts", "add", "document", DOC, "--channel", "telegram",
                             "--to", "-1001234567890", "--subscriber", "team@example.org")  # fmt: skip
    assert code == 0 and "→ telegram -1001234567890" in out, err
    from ailaw.settings import documented_settings

    secret = {s.env: s.secret for s in documented_settings()}
    assert secret["AILAW_TELEGRAM_BOT_TOKEN"] and secret["AILAW_SMTP_PASSWORD"] and secret["AILAW_WEBHOOK_SECRET"]
    code, out, _ = run_cli(monkeypatch, capsys, "settings")
    assert code == 0 and "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" not in out


def test_without_operator_urls_the_operator_alert_is_logged_not_queued(store, caplog):
    from ailaw import jobs

    caplog.set_level("ERROR")
    assert jobs.operator_alert("no responses", "ru_pravo returned nothing 3 times", source="ru_pravo") is None
    assert "ailaw operator alert: ru_pravo: no responses — ru_pravo returned nothing 3 times" in caplog.text
    assert jobs.alert_inbox("operator") == []


def test_a_confirmation_the_mail_server_refused_is_never_said_to_be_sent(store, smtp, monkeypatch, capsys):
    # the SMTP server is down: the request waits in the outbox, and the command says so (it once said "was sent")
    smtp.stop()
    code, out, err = run_cli(monkeypatch, capsys, "alerts", "add", "document", DOC, "--to", "bob@example.org")
    assert code == 0, err
    assert "A confirmation link was sent" not in out
    assert "The confirmation link to bob@example.org is not sent yet: " in out
    assert "`ailaw alerts send` tries again" in out
    code, out, _ = run_cli(monkeypatch, capsys, "alerts", "inbox", "bob@example.org", "--json")
    assert [(r["kind"], r["status"]) for r in json.loads(out)] == [("confirm", "pending")]


def test_a_feed_subscription_names_the_file_it_is_written_to(store, monkeypatch, capsys):
    code, out, err = run_cli(monkeypatch, capsys, "alerts", "add", "document", DOC, "--channel", "feed",
                             "--subscriber", "team-feed")  # fmt: skip
    assert code == 0, err
    code, listed, _ = run_cli(monkeypatch, capsys, "alerts", "list", "--json")
    (row,) = json.loads(listed)
    # it said "→ feed feed (immediate)" and "Atom feed: $AILAW_HOME/feeds/<token>.xml", literally
    assert f"subscription {row['id']}: Document {DOC} → Atom feed (immediate)" in out
    feed = store / "feeds" / f"{row['feed_token']}.xml"
    assert f"Atom feed: {feed} (written when its first alert is delivered)" in out
