"""The matcher on a real store: what concerns whom, each change matched once, watched provisions followed through
renumbering, relations seen from the watched act, a discussion's closing alerted on its day."""

from __future__ import annotations

import datetime as dt

from tests.compare.texts import NEW_ACT

DOC = "eu/test/2099-ai"
AMENDING = "eu/test/2100-amending"


def _store_document(doc_id: str = DOC, *, title: str = "Regulation on artificial intelligence (test)") -> None:
    from store import crud
    from store.db import session_scope
    from store.items import DocumentItem
    from store.vocab import DocType

    with session_scope() as s:
        crud.upsert_document(session=s, item=DocumentItem(
            doc_id=doc_id, source="import", jurisdiction="EU", doc_type=DocType.REGULATION, title=title,
            language="en", ai_relevant=True,
        ))  # fmt: skip


def _store_version(text: str, label: str, date: dt.date, doc_id: str = DOC) -> None:
    from store import crud
    from store.db import session_scope
    from store.items import VersionItem
    from store.vocab import VersionKind
    from texts import split_provisions

    with session_scope() as s:
        crud.add_version(session=s, item=VersionItem(
            doc_id=doc_id, label=label, kind=VersionKind.CONSOLIDATED, date=date, language="en", text=text,
            provisions=split_provisions(text, jurisdiction="EU", language="en"), source_url=f"file:///{label}",
        ))  # fmt: skip


def _matches():
    from sqlmodel import select

    from store.db import session_scope
    from store.models import AlertMatch

    with session_scope() as s:
        return [m.model_dump() for m in s.exec(select(AlertMatch).order_by(AlertMatch.id)).all()]


def test_a_watched_document_gets_its_new_version_named_provision_by_provision_once(act):
    from ailaw import jobs

    sub = jobs.add_alert(kind="document", channel="feed", subscriber="team-feed", document_id=DOC).subscription
    _store_version(NEW_ACT, "final", dt.date(2024, 7, 12))
    stats = jobs.match_alerts()
    assert stats.matches == 1
    (m,) = _matches()
    assert m["subscription_id"] == sub.id and m["trigger"] == "new-version"
    entry = m["entry"]
    assert entry["what"]["en"] == "New version: final"
    assert "Article 2 moved to Article 3 unchanged" in entry["changes"]["en"]
    assert "Article 2 inserted" in entry["changes"]["en"]
    assert "статья 2 добавлена" in entry["changes"]["ru"]
    assert entry["version"]["previous_label"] == "proposal"
    assert entry["links"]["compare"] == "http://127.0.0.1:8501/compare?id=eu%2Ftest%2F2099-ai"
    again = jobs.match_alerts()
    assert again.matches == 0 and len(_matches()) == 1


def test_a_watched_provision_follows_its_article_through_renumbering(act):
    from ailaw import jobs

    sub = jobs.add_alert(kind="provision", channel="feed", subscriber="team-feed", document_id=DOC,
                         provision="Article 2").subscription  # fmt: skip
    assert (sub.provision_key, sub.provision_label) == ("art_2", "Article 2")
    # The final act renumbers "Prohibited practices" to Article 3 and adds words to it; Article 2 is now new.
    final = NEW_ACT.replace(
        "shall be prohibited: the placing", "shall be prohibited: the placing or the putting into service"
    )
    _store_version(final, "final", dt.date(2024, 7, 12))
    assert jobs.match_alerts().followed == ["art_2 -> art_3"]
    (m,) = _matches()
    assert m["entry"]["changes"]["en"] == ["Article 2 moved to Article 3 with 5 words changed"]
    assert m["entry"]["changes"]["ru"] == ["статья 2 перенесена в статью 3, изменено слов: 5"]
    assert jobs.list_alerts()[0]["provision_key"] == "art_3"
    # A later edition that leaves it alone says nothing; one that amends its paragraph 2 names Article 3(2).
    _store_version(final.replace("Committee procedure", "Committee"), "corrigendum", dt.date(2024, 9, 1))
    assert jobs.match_alerts().matches == 0
    _store_version(
        final.replace("for the purpose of law enforcement", "for any purpose"), "amended", dt.date(2026, 1, 1)
    )
    assert jobs.match_alerts().matches == 1
    assert _matches()[-1]["entry"]["changes"]["en"] == ["Article 3(2) amended"]


def test_an_act_amending_the_watched_one_is_shown_as_amended_by(act):
    from ailaw import jobs
    from store import crud
    from store.db import session_scope
    from store.items import RelationItem
    from store.vocab import RelationKind

    jobs.add_alert(kind="document", channel="feed", subscriber="team-feed", document_id=DOC)
    _store_document(AMENDING, title="Regulation amending the test regulation on artificial intelligence")
    with session_scope() as s:
        crud.upsert_relation(session=s, item=RelationItem(doc_id=AMENDING, kind=RelationKind.AMENDS, target_id=DOC))
    jobs.match_alerts()
    (m,) = _matches()
    assert m["trigger"] == "relation" and m["document_id"] == DOC
    assert m["entry"]["what"]["en"] == (
        "New relation: amended by Regulation amending the test regulation on artificial intelligence"
    )
    assert m["entry"]["what"]["ru"].startswith("Новая связь: изменён актом Regulation amending")


def test_a_discussion_closing_next_month_is_alerted_on_its_day_once(act):
    from ailaw import jobs
    from store import crud
    from store.db import session_scope
    from store.items import EventItem
    from store.models import utcnow
    from store.vocab import Stage

    now = utcnow()
    jobs.add_alert(kind="document", channel="feed", subscriber="team-feed", document_id=DOC)
    closes = now.date() + dt.timedelta(days=30)
    with session_scope() as s:
        for date, raw in [(now.date(), "Публичное обсуждение текста проекта: начало"),
                          (closes, "Публичное обсуждение текста проекта: окончание")]:  # fmt: skip
            crud.upsert_event(session=s, item=EventItem(doc_id=DOC, date=date, stage=Stage.DRAFT, raw=raw))
    assert jobs.match_alerts(now=now).matches == 1
    assert _matches()[0]["trigger"] == "discussion-opened"
    assert jobs.match_alerts(now=now + dt.timedelta(days=29)).matches == 0
    assert jobs.match_alerts(now=now + dt.timedelta(days=30)).matches == 1
    closed = _matches()[-1]
    assert closed["trigger"] == "discussion-closed"
    assert closed["entry"]["what"]["ru"] == (
        f"Публичное обсуждение завершено: Публичное обсуждение текста проекта: окончание ({closes.isoformat()})"
    )
    assert jobs.match_alerts(now=now + dt.timedelta(days=31)).matches == 0


def test_a_saved_search_alerts_on_new_documents_it_finds_and_only_those(act):
    from ailaw import jobs

    jobs.index()
    jobs.add_alert(kind="search", channel="feed", subscriber="team-feed", query="the artificial intelligence act")
    jobs.add_alert(kind="topic", channel="feed", subscriber="ru-feed", filters={"jurisdiction": "RU"})
    _store_document(AMENDING, title="Regulation amending the Artificial Intelligence Act")
    _store_document("eu/test/2101-fish", title="Regulation on fisheries in the Baltic Sea")
    jobs.match_alerts()
    (m,) = _matches()
    assert m["document_id"] == AMENDING and m["trigger"] == "new-document"
    assert m["entry"]["what"]["en"] == "New document: Regulation amending the Artificial Intelligence Act"


def test_a_saved_search_keeps_its_state_filter(act):
    # the Search page's "Alert me" carries the state filter; the matcher once dropped it and alerted every state
    from ailaw import jobs
    from store import crud
    from store.db import session_scope
    from store.items import DocumentItem
    from store.vocab import DocType

    jobs.index()
    jobs.add_alert(kind="search", channel="feed", subscriber="co-feed", query="artificial intelligence",
                   filters={"subdivision": "Colorado"})  # fmt: skip
    with session_scope() as s:
        for doc_id, state in (("us/co/2099A/SB99-001", "US-CO"), ("us/ny/2099/S9999", "US-NY")):
            crud.upsert_document(session=s, item=DocumentItem(
                doc_id=doc_id, source="import", jurisdiction="US", subdivision=state, doc_type=DocType.BILL,
                title="Consumer protections for artificial intelligence", language="en", ai_relevant=True,
            ))  # fmt: skip
    jobs.match_alerts()
    assert [m["document_id"] for m in _matches()] == ["us/co/2099A/SB99-001"]


def test_a_subscription_to_a_state_written_as_the_output_writes_it_matches_what_the_search_finds(
    act, monkeypatch, capsys
):
    from ailaw import jobs
    from search.query import search
    from store import crud
    from store.db import session_scope
    from store.items import DocumentItem, VersionItem
    from store.models import Subscription
    from store.vocab import DocType, VersionKind
    from tests.cli import run_cli

    bills = {"us/ca/2099/SB99": "US-CA", "us/co/2099A/SB99-002": "US-CO"}

    def store_versions(label: str, text: str) -> None:
        with session_scope() as s:
            for doc_id, state in bills.items():
                crud.upsert_document(session=s, item=DocumentItem(
                    doc_id=doc_id, source="import", jurisdiction="US", subdivision=state, doc_type=DocType.BILL,
                    title="Deepfakes of candidates for office", language="en", ai_relevant=True,
                ))  # fmt: skip
                crud.add_version(session=s, item=VersionItem(
                    doc_id=doc_id, label=label, kind=VersionKind.ORIGINAL, language="en", text=text,
                    source_url=f"file:///{doc_id}/{label}",
                ))  # fmt: skip

    code, out, err = run_cli(monkeypatch, capsys, "alerts", "add", "search", "deepfake", "--jurisdiction", "us-ca",
                             "--channel", "feed", "--subscriber", "ca-feed")  # fmt: skip
    assert code == 0, err
    code, _, err = run_cli(monkeypatch, capsys, "alerts", "add", "search", "deepfake", "--channel", "feed",
                           "--subscriber", "every-state-feed")  # fmt: skip
    assert code == 0, err
    with session_scope() as s:
        ca_sub, all_sub = s.get(Subscription, 1), s.get(Subscription, 2)
        assert ca_sub.filters == {"jurisdiction": "US-CA"}  # kept as the output writes it
        ca_id, all_id = ca_sub.id, all_sub.id
    store_versions("introduced", "Section 1. A deepfake of a candidate is prohibited.")
    jobs.index()
    jobs.match_alerts()
    store_versions("amended", "Section 1. A deepfake of a candidate is prohibited within 60 days of an election.")
    jobs.index()
    jobs.match_alerts()
    found = {h.id for h in search("deepfake", jurisdiction="US-CA").hits}
    assert found == {"us/ca/2099/SB99"}
    matched = {(m["subscription_id"], m["document_id"], m["trigger"]) for m in _matches()}
    assert {(d, t) for s, d, t in matched if s == ca_id} == {(d, t) for d in found
                                                             for t in ("new-document", "new-version")}  # fmt: skip
    assert {(d, t) for s, d, t in matched if s == all_id} == {(d, t) for d in bills
                                                              for t in ("new-document", "new-version")}  # fmt: skip
    code, _, err = run_cli(monkeypatch, capsys, "alerts", "add", "search", "deepfake", "--jurisdiction", "US-ZZ",
                           "--channel", "feed", "--subscriber", "zz-feed")  # fmt: skip
    assert (
        code == 1
        and err.strip() == "error: 'US-ZZ' is no US state; write a US state as US and its two-letter code, e.g. US-CA."
    ), err
