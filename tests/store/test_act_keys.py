"""Russian acts cited by type + date + number resolve to the stored act: keys, the migration, both directions."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlmodel import Session, select

from crawler.parsers.ru_ebpi import parse_redactions
from crawler.parsers.ru_pravo import parse_document
from store import crud, db
from store.db import session_scope
from store.identifiers import ru_act_keys
from store.items import DocumentItem, RelationItem
from store.models import Document, DocumentKey
from store.read import get_document
from store.vocab import DocType, Outcome, RelationKind

EX = Path(__file__).resolve().parent.parent / "examples" / "ru"
DECREE_490 = "ru/pravo/0001201910110003"
DECREE_124 = "ru/pravo/0001202402150000"  # eoNumber invented for the tests: no public record of Decree 124 exists
LAW_258 = "ru/pravo/0001202007310024"
BILL = "ru/duma/922869-7"
DECREE, RESOLUTION, LAW = (  # publication.pravo.gov.ru document type GUIDs
    "0790e34b-784b-4372-884e-3282622a24bd", "fd5a8766-f6fd-4ac2-8fd9-66f414d314ac", "82a8bf1c-3bc7-47ed-827f-7affd43a7f27"
)  # fmt: skip


def pravo_item(eo: str, complex_name: str, number: str, date: str, type_id: str) -> DocumentItem:
    """A publication.pravo.gov.ru act through the real parser, from a body in the shape of /api/Document."""
    body = {"eoNumber": eo, "complexName": complex_name, "number": number, "documentDate": f"{date}T00:00:00",
            "documentTypeId": type_id, "publishDateShort": f"{date}T00:00:00"}  # fmt: skip
    (item,) = parse_document(
        json.dumps(body).encode(), url=f"http://publication.pravo.gov.ru/api/Document?eoNumber={eo}"
    )
    assert isinstance(item, DocumentItem)
    return item


def decree_490() -> DocumentItem:
    return pravo_item("0001201910110003", "Указ Президента Российской Федерации от 10.10.2019 № 490 «О развитии "
                      "искусственного интеллекта в Российской Федерации»", "490", "2019-10-10", DECREE)  # fmt: skip


def decree_124() -> DocumentItem:
    return pravo_item("0001202402150000", "Указ Президента Российской Федерации от 15.02.2024 № 124 «О внесении "
                      "изменений в Указ Президента Российской Федерации от 10 октября 2019 г. № 490»", "124",
                      "2024-02-15", DECREE)  # fmt: skip


def law_258() -> DocumentItem:
    return pravo_item("0001202007310024", "Федеральный закон от 31.07.2020 № 258-ФЗ «Об экспериментальных правовых "
                      "режимах в сфере цифровых инноваций в Российской Федерации»", "258-ФЗ", "2020-07-31", LAW)  # fmt: skip


def amended_by_124() -> RelationItem:
    """Decree 490's ЕБПИ editions (the documented example): the 2024 edition was made by «№ 124 от 15.02.2024»."""
    meta = json.loads((EX / "ebpi_redactions_decree-490_documented_example.json.meta.json").read_text("utf-8"))
    body = (EX / "ebpi_redactions_decree-490_documented_example.json").read_bytes()
    (rel,) = [i for i in parse_redactions(body, url=meta["url"], **meta["kwargs"]) if isinstance(i, RelationItem)]
    assert rel.target_id == "ru/act/2024-02-15/124"  # no type in a caption: the untyped key
    return rel


def keys_of(session: Session, doc_id: str) -> list[str]:
    return sorted(session.exec(select(DocumentKey.key).where(DocumentKey.document_id == doc_id)).all())


def views(doc_id: str) -> list[tuple[str, str, str | None, bool, str]]:
    with session_scope() as s:
        detail = get_document(session=s, doc_id=doc_id)
    assert detail is not None
    return [(r.kind, r.target_id, r.ref, r.target_exists, r.direction) for r in detail.relations]


# --- keys ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "date", "number", "expected"),
    [
        ("Указ", "15.02.2024", "№ 124", ["ru/act/decree/2024-02-15/124", "ru/act/2024-02-15/124"]),
        ("Федеральный закон", "2020-07-31", "258-фз", ["ru/act/federal-law/2020-07-31/258-ФЗ", "ru/act/2020-07-31/258-ФЗ"]),
        (None, "31.07.2020", "N 258-ФЗ", ["ru/act/federal-law/2020-07-31/258-ФЗ", "ru/act/2020-07-31/258-ФЗ"]),
        (None, "01.01.2021", "1-ФКЗ", ["ru/act/fkz/2021-01-01/1-ФКЗ", "ru/act/2021-01-01/1-ФКЗ"]),
        (None, "15.02.2024", "124", ["ru/act/2024-02-15/124"]),
        ("Письмо", "15.02.2024", "124", ["ru/act/2024-02-15/124"]),
        ("Указ", None, "124", []),
        ("Указ", "15.02.2024", "искусственный", []),
    ],
)  # fmt: skip
def test_ru_act_keys(kind, date, number, expected):
    assert ru_act_keys(kind, date, number) == expected


def test_upsert_keeps_the_keys_of_a_federal_act(ailaw_home):
    with session_scope() as s:
        assert crud.upsert_document(session=s, item=decree_124()) is Outcome.INSERT
        assert keys_of(s, DECREE_124) == ["ru/act/2024-02-15/124", "ru/act/decree/2024-02-15/124"]
        regional = pravo_item("2800202601170005", "Постановление Правительства Амурской области от 14.01.2026 № 12",
                              "12", "2026-01-14", RESOLUTION)  # fmt: skip
        crud.upsert_document(session=s, item=regional)
        assert keys_of(s, "ru/pravo/2800202601170005") == []  # refs name federal acts only
    with session_scope() as s:  # a corrected identifier moves the keys with it
        fixed = DocumentItem(doc_id=DECREE_124, source="ru_pravo", jurisdiction="RU", title="Указ",
                             identifiers={"act_ref": "ru/act/decree/2024-02-16/124"})  # fmt: skip
        assert crud.upsert_document(session=s, item=fixed) is Outcome.UPDATE
        assert keys_of(s, DECREE_124) == ["ru/act/2024-02-16/124", "ru/act/decree/2024-02-16/124"]
    with session_scope() as s:  # keys go with their document
        s.delete(s.get(Document, DECREE_124))
    with session_scope() as s:
        assert s.exec(select(DocumentKey)).all() == []


# --- the migration -----------------------------------------------------------------------------------------------


def upgrade(url: str, revision: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(db.MIGRATIONS))
    with db.get_engine(url).begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def check_migration_backfills_keys(url: str) -> None:
    """At 0001 store two acts as an older ailaw did (no act_ref, no key table); 0002 adds both to the federal one."""
    upgrade(url, "0001")
    engine = db.get_engine(url)
    assert "documentkey" not in sa.inspect(engine).get_table_names()
    old = dict(source="ru_pravo", jurisdiction="RU", doc_type="decree", language="ru")
    old_docs = [
        Document(id=DECREE_490, title="Указ Президента Российской Федерации от 10.10.2019 № 490", **old,
                 identifiers={"eo_number": "0001201910110003", "number": "490"},
                 date_adopted=dt.date(2019, 10, 10), extra={"document_type": "Указ"}),
        Document(id="ru/pravo/2800202601170005", title="Постановление Правительства Амурской области от "
                 "14.01.2026 № 12", **old, identifiers={"eo_number": "2800202601170005", "number": "12"},
                 date_adopted=dt.date(2026, 1, 14)),
    ]  # fmt: skip
    table = sa.Table("document", sa.MetaData(), autoload_with=engine)  # the table as 0001 made it
    with engine.begin() as conn:
        for doc in old_docs:  # only the columns 0001 had: later migrations add the others
            conn.execute(sa.insert(table).values({k: v for k, v in doc.model_dump().items() if k in table.c}))
    upgrade(url, "head")
    assert "documentkey" in sa.inspect(engine).get_table_names()
    with Session(engine) as s:
        assert keys_of(s, DECREE_490) == ["ru/act/2019-10-10/490", "ru/act/decree/2019-10-10/490"]
        assert s.get(Document, DECREE_490).identifiers == {
            "eo_number": "0001201910110003", "number": "490", "act_ref": "ru/act/decree/2019-10-10/490",
        }  # fmt: skip
        assert keys_of(s, "ru/pravo/2800202601170005") == []
        assert "act_ref" not in s.get(Document, "ru/pravo/2800202601170005").identifiers
    # and what the migration wrote is what upsert would keep: a crawl that brings nothing new changes nothing
    with Session(engine) as s:
        assert crud.upsert_document(session=s, item=decree_490()) is Outcome.UPDATE  # the parser's title, url…
        assert keys_of(s, DECREE_490) == ["ru/act/2019-10-10/490", "ru/act/decree/2019-10-10/490"]
        s.commit()


def test_migration_creates_and_backfills_the_key_table(tmp_path, monkeypatch):
    monkeypatch.setenv("AILAW_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("AILAW_DATABASE_URL", raising=False)
    db.forget_engines()
    try:
        check_migration_backfills_keys(f"sqlite:///{tmp_path / 'old.db'}")
    finally:
        db.forget_engines()


# --- resolution ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("target_first", [True, False], ids=["act-then-relation", "relation-then-act"])
def test_an_amending_act_cited_by_number_and_date_resolves_both_ways(ailaw_home, target_first):
    def store_target() -> None:
        with session_scope() as s:
            crud.upsert_document(session=s, item=decree_124())

    with session_scope() as s:
        crud.upsert_document(session=s, item=decree_490())
    if target_first:
        store_target()
    with session_scope() as s:
        assert crud.upsert_relation(session=s, item=amended_by_124()) is Outcome.INSERT
    if not target_first:
        assert views(DECREE_490) == [("amended-by", "ru/act/2024-02-15/124", None, False, "out")]  # not stored yet
        store_target()

    assert views(DECREE_490) == [("amended-by", DECREE_124, "ru/act/2024-02-15/124", True, "out")]
    with session_scope() as s:
        (rel,) = get_document(session=s, doc_id=DECREE_490).relations
    assert rel.target_label.startswith("Указ Президента Российской Федерации от 15.02.2024 № 124")  # its title
    assert rel.detail["edition_label"] == "Редакция от 15.02.2024 (№ 124)"  # the relation's own detail stays
    assert rel.as_json()["ref"] == "ru/act/2024-02-15/124" and rel.as_json()["stored"] is True
    assert views(DECREE_124) == [("amends", DECREE_490, None, True, "in")]


def test_both_forms_of_one_relation_show_once(ailaw_home):
    """A bill's card names the law by eoNumber, another response by type + date + number: one relation each way."""
    with session_scope() as s:
        crud.upsert_document(session=s, item=law_258())
        crud.upsert_document(session=s, item=DocumentItem(doc_id=BILL, source="ru_sozd", jurisdiction="RU",
                                                          doc_type=DocType.BILL, title="Об экспериментальных "
                                                          "правовых режимах"))  # fmt: skip
        for target in (LAW_258, "ru/act/federal-law/2020-07-31/258-ФЗ", "ru/act/2020-07-31/258-ФЗ"):
            crud.upsert_relation(session=s, item=RelationItem(doc_id=BILL, kind=RelationKind.ENACTED_AS,
                                                              target_id=target, date=dt.date(2020, 7, 31)))  # fmt: skip
    # the relation naming the law by its id is the one kept; it shows a ref it was also cited by
    ((kind, target, ref, exists, direction),) = views(BILL)
    assert (kind, target, exists, direction) == ("enacted-as", LAW_258, True, "out")
    assert ref in {"ru/act/federal-law/2020-07-31/258-ФЗ", "ru/act/2020-07-31/258-ФЗ"}
    assert views(LAW_258) == [("enacts", BILL, None, True, "in")]


def test_a_key_naming_two_acts_resolves_to_neither(ailaw_home):
    """Decree № 124 and a government resolution № 124 of the same day share the untyped key: a caption citing
    «№ 124 от 15.02.2024» cannot say which, so it stays a citation; the typed key still names one act."""
    resolution = pravo_item("0001202402150001", "Постановление Правительства Российской Федерации от 15.02.2024 "
                            "№ 124", "124", "2024-02-15", RESOLUTION)  # fmt: skip
    with session_scope() as s:
        for item in (decree_490(), decree_124(), resolution):
            crud.upsert_document(session=s, item=item)
        crud.upsert_relation(session=s, item=amended_by_124())
        crud.upsert_relation(session=s, item=RelationItem(doc_id=DECREE_490, kind=RelationKind.BASED_ON,
                                                          target_id="ru/act/decree/2024-02-15/124"))  # fmt: skip
    assert views(DECREE_490) == [
        ("amended-by", "ru/act/2024-02-15/124", None, False, "out"),
        ("based-on", DECREE_124, "ru/act/decree/2024-02-15/124", True, "out"),
    ]
    assert views(DECREE_124) == [("basis-for", DECREE_490, None, True, "in")]
    assert views("ru/pravo/0001202402150001") == []


def test_relation_writes_move_the_documents_change_seq(ailaw_home):
    """The indexer follows change_seq: a new or changed relation must make its document re-index."""

    def seq() -> int:
        with session_scope() as s:
            return s.get(Document, DECREE_490).change_seq

    with session_scope() as s:
        crud.upsert_document(session=s, item=decree_490())
    first = seq()
    rel = amended_by_124()
    with session_scope() as s:
        assert crud.upsert_relation(session=s, item=rel) is Outcome.INSERT
    second = seq()
    assert second > first
    with session_scope() as s:
        assert crud.upsert_relation(session=s, item=rel) is Outcome.NOOP
    assert seq() == second
    rel.target_label = "Указ Президента РФ № 124 от 15.02.2024"
    with session_scope() as s:
        assert crud.upsert_relation(session=s, item=rel) is Outcome.UPDATE
    assert seq() > second
