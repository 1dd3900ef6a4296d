"""A translation version points at its original (the latest original version of the document with the same ref),
whichever arrives first; language versions of equal authority share the ref and point at nothing."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from store import crud
from store.db import session_scope
from store.items import DocumentItem, VersionItem
from store.models import Version
from store.vocab import VersionKind

DOC = "kr/law/014820"


def _doc(session):
    crud.upsert_document(session=session, item=DocumentItem(doc_id=DOC, source="kr_law", jurisdiction="KR",
                                                            title="인공지능 발전과 신뢰 기반 조성 등에 관한 기본법"))  # fmt: skip


def _version(text, *, kind=VersionKind.EDITION, lang="ko", date=None, ref="kr/law/014820/21311"):
    return VersionItem(doc_id=DOC, label=text, kind=kind, language=lang, date=date, text=text, ref=ref,
                       source_url="https://www.law.go.kr/x")  # fmt: skip


def _links(session):
    rows = session.exec(select(Version).order_by(Version.id)).all()
    return {r.label: r.original_id for r in rows}, {r.id: r.label for r in rows}


def test_translation_stored_before_its_original_is_linked_when_the_original_arrives(ailaw_home):
    with session_scope() as s:
        _doc(s)
        crud.add_version(session=s, item=_version("English translation of Act No. 21311", kind=VersionKind.TRANSLATION,
                                                   lang="en", date=dt.date(2026, 1, 20)))  # fmt: skip
        links, _ = _links(s)
        assert links == {"English translation of Act No. 21311": None}
        crud.add_version(session=s, item=_version("제1조(목적) 시행 2026-01-22", date=dt.date(2026, 1, 22)))
        crud.add_version(session=s, item=_version("제1조(목적) 시행 2026-07-21", date=dt.date(2026, 7, 21)))
        links, labels = _links(s)
        assert (
            labels[links["English translation of Act No. 21311"]] == "제1조(목적) 시행 2026-07-21"
        )  # the latest original
        assert links["제1조(목적) 시행 2026-01-22"] is None and links["제1조(목적) 시행 2026-07-21"] is None


def test_translation_of_another_act_is_not_linked_to_this_one(ailaw_home):
    with session_scope() as s:
        _doc(s)
        crud.add_version(session=s, item=_version("제1조(목적)", date=dt.date(2026, 7, 21)))
        crud.add_version(session=s, item=_version("English translation of Act No. 20676", kind=VersionKind.TRANSLATION,
                                                   lang="en", ref="kr/law/014820/20676"))  # fmt: skip
        links, _ = _links(s)
        assert links["English translation of Act No. 20676"] is None  # the Korean text of Act No. 20676 is not stored


def test_versions_without_a_ref_are_left_alone(ailaw_home):
    with session_scope() as s:
        _doc(s)
        crud.add_version(session=s, item=_version("제1조", ref=None))
        crud.add_version(session=s, item=_version("Article 1", kind=VersionKind.TRANSLATION, lang="en", ref=None))
        links, _ = _links(s)
        assert set(links.values()) == {None}
