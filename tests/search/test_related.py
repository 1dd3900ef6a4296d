"""A document is found by the identifiers of the acts related to it: below the identified act, above text hits."""

from __future__ import annotations

import datetime as dt

import pytest

from search.indexer import index_new, rebuild
from search.query import IDENT_BOOST, RELATED_BOOST, SAME_BOOST, STAGE_WEIGHTS, search, stage_weight
from store.crud import add_version, upsert_document, upsert_relation
from store.db import session_scope
from store.items import DocumentItem, RelationItem, VersionItem
from store.vocab import DocType, RelationKind, Stage, VersionKind

DECREE_490 = "ru/pravo/0001201910110003"
LAW_258 = "ru/pravo/0001202007310001"  # the law's id in tests/search/conftest.py
BILL = "ru/duma/922869-7"
CITING = "ru/pravo/0001202101010001"
AMENDING = "ru/pravo/0001202507310081"


def ids(query: str, index_dir) -> list[str]:
    return [h.id for h in search(query, index_dir=index_dir, include_non_ai=True).hits]


def amended_by_124() -> RelationItem:
    """As the ЕБПИ editions give it (crawler.parsers.ru_ebpi): the amending decree cited by number and date."""
    return RelationItem(doc_id=DECREE_490, kind=RelationKind.AMENDED_BY, target_id="ru/act/2024-02-15/124",
                        target_label="№ 124 от 15.02.2024", date=dt.date(2024, 2, 15))  # fmt: skip


def enacted_as_258() -> RelationItem:
    """As a SOZD card gives it (crawler.parsers.ru_sozd): the law the bill became, with the ways it is written."""
    return RelationItem(doc_id=BILL, kind=RelationKind.ENACTED_AS, target_id=LAW_258,
                        target_label="Федеральный закон от 31.07.2020 № 258-ФЗ", date=dt.date(2020, 7, 31),
                        detail={"law_number": "258-ФЗ", "aliases": ["258-ФЗ", "№ 258-ФЗ", "N 258-ФЗ"]})  # fmt: skip


def add_citing_text() -> None:
    """An act whose text cites both numbers: a full-text hit for both queries, which must rank below."""
    with session_scope() as s:
        upsert_document(session=s, item=DocumentItem(
            doc_id=CITING, source="ru_pravo", jurisdiction="ru", doc_type=DocType.FEDERAL_LAW, language="ru",
            title="Федеральный закон о внесении изменений в отдельные законодательные акты", stage=Stage.IN_FORCE,
            identifiers={"number": "7-ФЗ"}, date_adopted=dt.date(2021, 1, 1), ai_relevant=True))  # fmt: skip
        add_version(session=s, item=VersionItem(
            doc_id=CITING, label="Исходная", kind=VersionKind.ORIGINAL, language="ru", source_url="http://pravo.gov.ru/z",
            text="Статья 1. Внести в Федеральный закон № 258-ФЗ и в Указ № 124 изменения об искусственном интеллекте."))  # fmt: skip


def add_amending_law() -> None:
    """336-ФЗ, which amends 258-ФЗ: related to it, but another act (its bill is the same act at an earlier stage)."""
    with session_scope() as s:
        upsert_document(session=s, item=DocumentItem(
            doc_id=AMENDING, source="ru_pravo", jurisdiction="ru", doc_type=DocType.FEDERAL_LAW, language="ru",
            title="Федеральный закон от 31.07.2025 № 336-ФЗ «О внесении изменений в Федеральный закон»",
            stage=Stage.IN_FORCE, identifiers={"number": "336-ФЗ"}, date_adopted=dt.date(2025, 7, 31),
            ai_relevant=True))  # fmt: skip
        upsert_relation(session=s, item=RelationItem(doc_id=AMENDING, kind=RelationKind.AMENDS, target_id=LAW_258,
                                                     target_label="Федеральный закон от 31.07.2020 № 258-ФЗ"))  # fmt: skip


@pytest.fixture
def related_index(store):
    """The conftest store, the citing act, the amending law, the relations, indexed by cursor."""
    add_citing_text()
    add_amending_law()
    with session_scope() as s:
        upsert_relation(session=s, item=amended_by_124())
        upsert_relation(session=s, item=enacted_as_258())
        index_new(session=s, index_dir=store / "index")
    return store / "index"


def test_the_act_amended_by_decree_124_comes_first(related_index):
    found = ids("№ 124", related_index)
    assert found[0] == DECREE_490  # by its amending act's number: the ЕБПИ edition caption
    assert CITING in found[1:]  # the text that mentions «№ 124» only after it


def test_the_enacted_law_then_its_bill_then_the_amending_law_then_text(related_index):
    for query in ("258-ФЗ", "№ 258-ФЗ"):
        assert ids(query, related_index)[:4] == [LAW_258, BILL, AMENDING, CITING], query
    # «N» is a word to the text parser, and no text has it: identifier matches only
    assert ids("N 258-фз", related_index)[:3] == [LAW_258, BILL, AMENDING]


def test_related_hits_score_their_tier_whatever_the_keys(related_index):
    """A related document scores its tier's boost times its stage weight, once, however many keys it matches
    («№ 258-ФЗ» matches two) and however many aliases it has; the tiers never overlap."""
    for query in ("258-ФЗ", "№ 258-ФЗ"):
        hits = {h.id: h.score for h in search(query, index_dir=related_index, include_non_ai=True).hits}
        assert hits[BILL] == SAME_BOOST * stage_weight("introduced"), query
        assert hits[AMENDING] == RELATED_BOOST * stage_weight("in-force"), query
        assert hits[LAW_258] > hits[BILL] > hits[AMENDING] > hits[CITING], query
    low, high = min(STAGE_WEIGHTS.values()), max(STAGE_WEIGHTS.values())
    assert RELATED_BOOST * high < SAME_BOOST * low and SAME_BOOST * high < IDENT_BOOST * low


def test_a_relation_written_later_reindexes_its_document(store):
    """Order does not matter: the bill is indexed first, its relation arrives on a later crawl."""
    index_dir = store / "index"
    with session_scope() as s:
        index_new(session=s, index_dir=index_dir)
    assert BILL not in ids("258-ФЗ", index_dir)
    with session_scope() as s:
        upsert_relation(session=s, item=enacted_as_258())
    with session_scope() as s:
        stats = index_new(session=s, index_dir=index_dir)
    assert stats.documents == 1  # the bill only: its change_seq moved with the relation
    assert ids("258-ФЗ", index_dir)[:2] == [LAW_258, BILL]
    with session_scope() as s:  # rebuilt from the database, the same
        rebuild(session=s, index_dir=index_dir)
    assert ids("258-ФЗ", index_dir)[:2] == [LAW_258, BILL]
