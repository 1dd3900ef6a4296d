"""Topics by thesaurus concept, saved searches that keep their exact flag, and documents that count for AI-only
subscriptions through a relation — on a real store and a real Whoosh index."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.alerts.test_done_when import home, new_versions_archive  # noqa: F401 (fixtures: the demo home, a replay)
from tests.alerts.test_match import DOC, _matches, _store_document, _store_version
from tests.cli import run_cli

HIGH_RISK_EN = """Article 1
Subject matter
This Regulation lays down obligations for providers of high-risk AI systems placed on the market.

Article 2
Penalties
Member States shall lay down the rules on penalties.
"""


def _by_document() -> dict[str, dict]:
    return {m["document_id"]: m for m in _matches()}


def test_a_topic_is_a_concept_named_in_any_language_and_says_which_label_matched(act, monkeypatch, capsys):
    from ailaw import jobs

    jobs.index()
    code, out, err = run_cli(monkeypatch, capsys, "alerts", "add", "--topic", "системы ИИ высокого риска",
                             "--channel", "feed", "--subscriber", "team-feed")  # fmt: skip
    assert code == 0, err
    assert "Topic: high-risk AI system" in out  # the concept's preferred label in the subscriber's language
    (sub,) = jobs.list_alerts()
    assert (sub["kind"], sub["concept"], sub["query"]) == ("topic", "high-risk-ai-system", None)

    # an English text that says the English label, a Russian title that says the Russian one, and an AI act that
    # says neither
    _store_document("eu/test/2102-providers", title="Regulation on obligations of providers (test)")
    _store_version(HIGH_RISK_EN, "final", dt.date(2026, 2, 1), doc_id="eu/test/2102-providers")
    _store_document("ru/test/2026-1", title="О системах искусственного интеллекта высокого риска")
    _store_document("eu/test/2103-sandbox", title="Regulation on artificial intelligence regulatory sandboxes")
    jobs.match_alerts()
    found = _by_document()
    assert set(found) == {"eu/test/2102-providers", "ru/test/2026-1"}
    english = found["eu/test/2102-providers"]["entry"]
    assert english["via"] == {"concept": "high-risk-ai-system", "label": "high-risk AI system", "lang": "en"}
    assert english["why"]["en"] == ["via concept: high-risk AI system"]
    russian = found["ru/test/2026-1"]["entry"]
    assert russian["via"]["lang"] == "ru" and russian["why"]["ru"] == [
        "по понятию: система искусственного интеллекта высокого риска"
    ]
    assert jobs.match_alerts().matches == 0


def test_an_unknown_topic_is_refused_with_the_nearest_labels_and_nothing_is_added(act, monkeypatch, capsys):
    from ailaw import jobs

    code, out, err = run_cli(monkeypatch, capsys, "alerts", "add", "--topic", "high risk AI sytem", "--channel",
                             "feed", "--subscriber", "team-feed")  # fmt: skip
    assert code == 1
    message = " ".join((out + err).split())
    assert "'high risk AI sytem' names no concept of the thesaurus; the nearest: high-risk AI system" in message
    assert jobs.list_alerts() == []
    code, out, err = run_cli(monkeypatch, capsys, "alerts", "add", "search", "AI", "--topic", "deepfake",
                             "--channel", "feed", "--subscriber", "team-feed")  # fmt: skip
    assert code == 1 and "a concept is followed by a topic subscription" in " ".join((out + err).split())


def test_a_saved_search_keeps_its_exact_flag_and_the_matcher_honours_it(act, monkeypatch, capsys):
    from ailaw import jobs

    jobs.index()
    code, out, err = run_cli(monkeypatch, capsys, "alerts", "add", "search", "ИИ", "--exact", "--channel", "feed",
                             "--subscriber", "exact-feed")  # fmt: skip
    assert code == 0, err
    jobs.add_alert(kind="search", query="ИИ", channel="feed", subscriber="concepts-feed")
    code, out, err = run_cli(monkeypatch, capsys, "alerts", "list", "--json")
    assert [(s["subscriber"], s["exact"]) for s in json.loads(out)] == [("exact-feed", True), ("concepts-feed", False)]
    code, out, err = run_cli(monkeypatch, capsys, "alerts", "list")
    assert out.count("(exac") == 1, out  # the kind column of the exact search (narrow in a test terminal)

    # «ИИ» is the thesaurus's abbreviation of "artificial intelligence": only the search with concepts finds it
    _store_document("eu/test/2104-ai", title="Regulation on artificial intelligence in public services (test)")
    _store_document("ru/test/2026-2", title="О развитии технологий ИИ в субъектах (тест)")
    jobs.match_alerts()
    by_feed: dict[str, set[str]] = {}
    subs = {s["id"]: s["subscriber"] for s in jobs.list_alerts()}
    for m in _matches():
        by_feed.setdefault(subs[m["subscription_id"]], set()).add(m["document_id"])
    assert by_feed == {"exact-feed": {"ru/test/2026-2"}, "concepts-feed": {"eu/test/2104-ai", "ru/test/2026-2"}}


def test_an_act_amending_an_ai_act_counts_for_ai_only_subscriptions_with_the_reason(act):
    from ailaw import jobs
    from store import crud
    from store.db import session_scope
    from store.items import RelationItem
    from store.vocab import RelationKind

    with session_scope() as s:
        crud.upsert_alias(session=s, document_id=DOC, alias="Test AI Act", source="tests", language="en", origin="user")
    jobs.index()
    jobs.add_alert(kind="topic", channel="feed", subscriber="eu-feed", filters={"jurisdiction": "EU"})
    jobs.add_alert(kind="search", channel="feed", subscriber="everything-feed", query="regulation",
                   filters={"include_non_ai": True})  # fmt: skip
    # The amending act is a title and a number, nothing about AI; the AI act's notice says it is "amended by" it.
    with session_scope() as s:
        crud.upsert_document(session=s, item=_item("eu/test/2105-omnibus", "Regulation (EU) 2105/1 (test)"))
        crud.upsert_relation(session=s, item=RelationItem(doc_id=DOC, kind=RelationKind.AMENDED_BY,
                                                          target_id="eu/test/2105-omnibus"))  # fmt: skip
    with session_scope() as s:
        crud.upsert_document(session=s, item=_item("eu/test/2106-fish", "Regulation on fisheries (test)"))
    jobs.match_alerts()
    subs = {s["id"]: s["subscriber"] for s in jobs.list_alerts()}
    got = {(subs[m["subscription_id"]], m["document_id"], m["trigger"]): m["entry"] for m in _matches()}
    entry = got[("eu-feed", "eu/test/2105-omnibus", "new-document")]
    assert entry["ai_via"]["kind"] == "amends" and entry["ai_via"]["document_id"] == DOC
    assert entry["why"] == {"en": ["AI-related because it amends the Test AI Act"],
                            "ru": ["относится к ИИ, так как изменяет Test AI Act"]}  # fmt: skip
    assert ("eu-feed", "eu/test/2106-fish", "new-document") not in got  # not about AI, related to nothing
    # a search that includes documents not about AI needs no reason
    assert "why" not in got[("everything-feed", "eu/test/2105-omnibus", "new-document")]


def _item(doc_id: str, title: str):
    """A document that is not about AI by its own words."""
    from store.items import DocumentItem
    from store.vocab import DocType

    return DocumentItem(doc_id=doc_id, source="import", jurisdiction="EU", doc_type=DocType.REGULATION, title=title,
                        language="en", ai_relevant=False)  # fmt: skip


def test_the_recorded_regulation_amending_the_ai_act_counts_for_ai_only_subscriptions(home, monkeypatch, capsys):  # noqa: F811
    """The demo's Regulation (EU) 2026/1744 is a title and a CELEX number (named by the AI Act's Cellar notice as
    "amended by"): not about AI by its own words, AI-related through that relation."""
    from ailaw import jobs
    from search.query import search
    from store import crud
    from store.db import session_scope
    from store.items import EventItem
    from store.models import utcnow
    from store.vocab import Stage

    omnibus = "eu/celex/32026R1744"
    code, out, err = run_cli(monkeypatch, capsys, "show", omnibus)
    assert code == 0, err
    assert "AI-related: yes — because it amends Regulation (EU) 2024/1689" in " ".join(out.split())
    assert omnibus in {h.id for h in search("", jurisdiction="EU", limit=50).hits}  # the AI-only default shows it

    jobs.add_alert(kind="topic", channel="feed", subscriber="eu-feed", filters={"jurisdiction": "EU"})
    with session_scope() as s:  # its entry into force is recorded later
        crud.upsert_event(session=s, item=EventItem(doc_id=omnibus, date=utcnow().date(), stage=Stage.IN_FORCE,
                                                    raw="Entry into force"))  # fmt: skip
    jobs.match_alerts()
    (m,) = _matches()
    assert (m["document_id"], m["trigger"]) == (omnibus, "stage")
    assert m["entry"]["why"]["en"] == ["AI-related because it amends the AI Act"]
    assert m["entry"]["why"]["ru"] == ["относится к ИИ, так как изменяет AI Act"]


@pytest.mark.usefixtures("home", "alerts_settings")
def test_a_concept_topic_on_a_replayed_crawl_sends_one_email_saying_which_label_matched(request, smtp):
    """The replayed crawl brings new versions of the AI Act (which says "high-risk AI system") and of Decree No. 490
    (which says neither label): a Russian subscriber of the topic «системы ИИ высокого риска» gets one e-mail."""
    from ailaw import jobs
    from tests.alerts.conftest import body_of
    from tests.alerts.test_done_when import AI_ACT, _confirm, _replay

    address = "olga@example.org"
    jobs.add_alert(kind="topic", concept="системы ИИ высокого риска", channel="email", target=address, language="ru")
    _confirm(smtp, address)
    _replay(request.getfixturevalue("new_versions_archive"))
    jobs.match_alerts()
    jobs.send_alerts()
    (alert,) = smtp.to(address)[1:]
    text = body_of(alert, "plain")
    assert AI_ACT in text and "ru/pravo/0001201910110003" not in text
    assert "по понятию: high-risk AI system" in text  # the label the English text says
    assert "статья 50, часть 2 изменена" in text
