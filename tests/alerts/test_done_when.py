"""The alerts as a new user tries them, on the demo data and a replayed crawl that brings new versions.

The replayed archive is the demo archive rebuilt (``scripts/build_demo_archive.py``) with two responses edited
here, in the test, and said so: the AI Act's Official Journal text with Article 50(2) extended to "text or code
content, including by means of general-purpose AI models", and the 2024 edition of Decree No. 490 (the National AI
Strategy) with its пункт 10 extended by «и занятость». Everything else is the demo's recorded (or marked
reconstructed) responses, replayed by the real spiders.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.alerts.conftest import WEBHOOK_SECRET, body_of
from tests.cli import run_cli
from tests.conftest import ailaw_env, copy_home

ROOT = Path(__file__).resolve().parents[2]
AI_ACT = "eu/celex/32024R1689"
DECREE_490 = "ru/pravo/0001201910110003"
ALICE = "alice@example.org"
EDITS = {
    "tests/examples/eu/32024R1689_EN_AI_Act_OJ_cellar.xhtml": (
        "generating synthetic audio, image, video or text content, shall ensure",
        "generating synthetic audio, image, video, text or code content, including by means of general-purpose AI "
        "models, shall ensure",
    ),
    "demo/records/ru/ebpi_redtext_decree-490_2024.json": (
        "окажет существенное влияние на экономический рост в мире",
        "окажет существенное влияние на экономический рост и занятость в мире",
    ),
}


@pytest.fixture(scope="module")
def new_versions_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo archive with the two edited responses (the AI Act, Decree No. 490)."""
    spec = importlib.util.spec_from_file_location("build_demo_archive", ROOT / "scripts" / "build_demo_archive.py")
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    tmp = tmp_path_factory.mktemp("replay")
    records = tmp / "records"
    for area in ("eu", "ru"):
        entries = json.loads((ROOT / "demo" / "records" / area / "manifest.json").read_text(encoding="utf-8"))
        for entry in entries:
            if entry["file"] in EDITS:
                old, new = EDITS[entry["file"]]
                text = (ROOT / entry["file"]).read_text(encoding="utf-8")
                assert text.count(old) == 1
                edited = tmp / Path(entry["file"]).name
                edited.write_text(text.replace(old, new), encoding="utf-8")
                entry["file"] = str(edited)
                entry["note"] = "edited by tests/alerts/test_done_when.py to bring a new version"
        (records / area).mkdir(parents=True)
        (records / area / "manifest.json").write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    archive = tmp / "new-versions.warc.gz"
    builder.build(archive, records_dir=records)
    return archive


@pytest.fixture
def home(demo_home, tmp_path: Path) -> Iterator[Path]:
    """A copy of the demo home (the demo replayed and indexed), so each test starts from the same store."""
    copy = tmp_path / "home"
    copy_home(demo_home["home"], copy)  # on PostgreSQL (AILAW_TEST_DB=postgres) its rows too
    with ailaw_env(copy):
        yield copy


def _confirm(smtp, address: str) -> None:
    from ailaw import jobs

    (msg,) = smtp.to(address)  # the confirmation request, and nothing else yet
    assert jobs.confirm_alerts(re.search(r"confirm=([\w-]+)", body_of(msg, "plain")).group(1)) == address


def _replay(archive: Path) -> None:
    from ailaw import jobs

    summaries = {s.spider: s for s in jobs.crawl(["eu_cellar", "ru_pravo"], replay=archive)}
    assert summaries["eu_cellar"].new_versions == 1 and summaries["ru_pravo"].new_versions == 1


def test_a_saved_search_and_a_watched_article_give_one_digest_one_webhook_and_an_atom_entry(
    home, new_versions_archive, alerts_settings, smtp, receiver, monkeypatch, capsys
):
    import feedparser
    from standardwebhooks.webhooks import Webhook

    from ailaw import jobs
    from alerts.feed import feed_path

    # Alice reads Russian; she saves a search and watches Article 50 of the AI Act, by e-mail in a daily digest,
    # and the same watch goes to her team's webhook and to an Atom feed.
    search = jobs.add_alert(kind="search", query="искусственный интеллект", channel="email", target=ALICE,
                            frequency="daily", language="ru").subscription  # fmt: skip
    watch = jobs.add_alert(kind="provision", document_id=AI_ACT, provision="Article 50", channel="email", target=ALICE,
                           frequency="daily").subscription  # fmt: skip
    assert (watch.provision_key, search.kind) == ("art_50", "search")
    jobs.add_alert(kind="provision", document_id=AI_ACT, provision="art_50", channel="webhook", target=receiver.url,
                   subscriber=ALICE)  # fmt: skip
    feed = jobs.add_alert(kind="provision", document_id=AI_ACT, provision="Article 50", channel="feed",
                          subscriber=ALICE).subscription  # fmt: skip
    _confirm(smtp, ALICE)

    _replay(new_versions_archive)
    code, out, err = run_cli(monkeypatch, capsys, "alerts", "run")
    assert code == 0, err
    assert re.search(r"alerts: \d+ changes read, [45] new matches", out), out
    assert "alerts: 3 messages composed, 3 sent, 0 to retry, 0 failed" in out

    # one digest e-mail, in Russian, that names the changed provisions
    (digest,) = smtp.to(ALICE)[1:]
    assert str(digest["Subject"]).startswith("ailaw, ежедневная сводка: уведомлений:")
    html = body_of(digest)
    assert "статья 50, часть 2 изменена" in html
    assert "пункт 10 изменён" in html  # Decree No. 490, found by the saved search
    assert html.index("искусственный интеллект") < html.index("статья 50, часть 2 изменена")  # grouped by subscription
    assert "https://ailaw.example.org/compare?id=eu%2Fcelex%2F32024R1689" in html

    # one signed webhook
    (hook,) = receiver.requests
    payload = Webhook(WEBHOOK_SECRET).verify(hook.body, hook.headers)
    (entry,) = payload["subscriptions"][0]["entries"]
    assert entry["document_id"] == AI_ACT and entry["changes"]["en"] == ["Article 50(2) amended"]
    assert entry["provision"] == {"watched": "Article 50", "key": "art_50"}

    # an Atom entry
    parsed = feedparser.parse(feed_path(feed.feed_token).read_bytes())
    assert not parsed.bozo and len(parsed.entries) == 1 and parsed.feed.language == "ru"
    assert "статья 50, часть 2 изменена" in parsed.entries[0].content[0].value  # Alice reads Russian

    # `ailaw alerts run` again: nothing new, nothing sent
    code, out, err = run_cli(monkeypatch, capsys, "alerts", "run")
    assert code == 0 and "0 new matches" in out and "0 messages composed, 0 sent" in out, out
    assert len(smtp.to(ALICE)) == 2 and len(receiver.requests) == 1
    assert len(feedparser.parse(feed_path(feed.feed_token).read_bytes()).entries) == 1


def test_stopping_the_smtp_server_during_a_send_delivers_each_alert_exactly_once(
    home, new_versions_archive, alerts_settings, smtp
):
    from ailaw import jobs
    from store.models import utcnow

    lawyers = [f"lawyer{n}@example.org" for n in range(3)]
    for address in lawyers:
        jobs.add_alert(kind="provision", document_id=AI_ACT, provision="Article 50", channel="email", target=address)
        _confirm(smtp, address)
    _replay(new_versions_archive)
    assert jobs.match_alerts().matches == 3
    smtp.stop_after = len(smtp.messages) + 1  # the server goes down after the first alert
    now = utcnow()
    first = jobs.send_alerts(now=now)
    assert (first.composed, first.sent, first.retrying) == (3, 1, 2)
    assert jobs.send_alerts(now=now + dt.timedelta(seconds=90)).sent == 0  # still down: retried, recorded
    smtp.stop_after = None
    smtp.start()
    later = jobs.send_alerts(now=now + dt.timedelta(hours=1))
    assert later.sent == 2
    assert jobs.send_alerts(now=now + dt.timedelta(days=1)).sent == 0
    for address in lawyers:
        (alert,) = smtp.to(address)[1:]
        assert "Article 50(2) amended" in body_of(alert)
