"""A real migrated store with a handful of documents, and an on-disk index built from it."""

from __future__ import annotations

import datetime as dt

import pytest

from store.items import DocumentItem, VersionItem
from store.vocab import DocType, Stage, VersionKind

AI_ACT_TEXT = (
    "Article 6. Classification rules for high-risk AI systems. An AI system shall be considered to be high-risk "
    "where the AI system is intended to be used as a safety component of a product. Providers of high-risk AI "
    "systems shall ensure that their systems are compliant. The Commission shall consult the AI Board."
)
STRATEGY_TEXT = (
    "Национальная стратегия развития искусственного интеллекта на период до 2030 года. Настоящей Стратегией "
    "определяются цели и основные задачи развития искусственного интеллекта в Российской Федерации. "
    "Технологии ИИ, включая нейросеть и большие генеративные модели, применяются для обработки данных."
)
TAX_TEXT = "Налоговый кодекс: порядок уплаты налога на имущество организаций и сроки представления деклараций."
BILL_TEXT = "Законопроект о регулировании нейросетей и систем искусственного интеллекта в сфере образования."


def documents() -> list[DocumentItem]:
    return [
        DocumentItem(
            doc_id="eu/celex/32024R1689",
            source="eu_cellar",
            jurisdiction="eu",
            doc_type=DocType.REGULATION,
            title="Regulation (EU) 2024/1689 laying down harmonised rules on artificial intelligence (Artificial "
            "Intelligence Act)",
            language="en",
            identifiers={"celex": "32024R1689"},
            aliases=["Regulation (EU) 2024/1689", "AI Act"],
            stage=Stage.IN_FORCE,
            date_adopted=dt.date(2024, 6, 13),
            url="https://eur-lex.europa.eu/eli/reg/2024/1689/oj",
            ai_relevant=True,
        ),
        DocumentItem(
            doc_id="ru/pravo/0001201910110003",
            source="ru_pravo",
            jurisdiction="ru",
            doc_type=DocType.DECREE,
            title="Указ Президента Российской Федерации от 10.10.2019 № 490 «О развитии искусственного интеллекта "
            "в Российской Федерации»",
            language="ru",
            identifiers={"eo_number": "0001201910110003", "number": "490"},
            aliases=["№ 490", "N 490"],
            stage=Stage.IN_FORCE,
            date_adopted=dt.date(2019, 10, 10),
            ai_relevant=True,
        ),
        DocumentItem(  # metadata only: its official text is a PDF
            doc_id="ru/pravo/0001202007310001",
            source="ru_pravo",
            jurisdiction="ru",
            doc_type=DocType.FEDERAL_LAW,
            title="Федеральный закон от 31.07.2020 № 258-ФЗ «Об экспериментальных правовых режимах в сфере "
            "цифровых инноваций в Российской Федерации»",
            language="ru",
            identifiers={"number": "258-ФЗ"},
            aliases=["№ 258-ФЗ"],
            stage=Stage.IN_FORCE,
            date_adopted=dt.date(2020, 7, 31),
            ai_relevant=True,
        ),
        DocumentItem(
            doc_id="ru/pravo/0001202001010001",
            source="ru_pravo",
            jurisdiction="ru",
            doc_type=DocType.FEDERAL_LAW,
            title="Федеральный закон о налоге на имущество <script>alert(1)</script>",
            language="ru",
            identifiers={"number": "999-ФЗ"},
            stage=Stage.IN_FORCE,
            date_adopted=dt.date(2015, 3, 1),
            ai_relevant=False,
        ),
        DocumentItem(
            doc_id="ru/duma/922869-7",
            source="ru_duma",
            jurisdiction="ru",
            doc_type=DocType.BILL,
            title="О регулировании систем искусственного интеллекта <b>в образовании</b>",
            language="ru",
            identifiers={"bill_number": "922869-7"},
            stage=Stage.INTRODUCED,
            date_introduced=dt.date(2022, 5, 20),
            ai_relevant=True,
        ),
    ]


def versions() -> list[VersionItem]:
    return [
        VersionItem(doc_id="eu/celex/32024R1689", label="OJ L 2024/1689", kind=VersionKind.ORIGINAL,
                    date=dt.date(2024, 7, 12), language="en", text=AI_ACT_TEXT, source_url="https://eur-lex.europa.eu/x"),
        VersionItem(doc_id="ru/pravo/0001201910110003", label="Редакция от 15.02.2024", kind=VersionKind.EDITION,
                    date=dt.date(2024, 2, 15), language="ru", text=STRATEGY_TEXT, source_url="http://pravo.gov.ru/x"),
        VersionItem(doc_id="ru/pravo/0001202001010001", label="Исходная", kind=VersionKind.ORIGINAL,
                    date=dt.date(2015, 3, 1), language="ru", text=TAX_TEXT, source_url="http://pravo.gov.ru/y"),
        VersionItem(doc_id="ru/duma/922869-7", label="Текст законопроекта", kind=VersionKind.BILL_TEXT,
                    date=dt.date(2022, 5, 20), language="ru", text=BILL_TEXT, source_url="https://sozd.duma.gov.ru/x"),
    ]  # fmt: skip


def fill_store() -> None:
    from store.crud import add_version, upsert_document
    from store.db import session_scope

    with session_scope() as session:
        for item in documents():
            upsert_document(session=session, item=item)
        for vitem in versions():
            add_version(session=session, item=vitem)


@pytest.fixture
def store(ailaw_home):
    """The migrated store of ``ailaw_home`` filled with ``documents()`` and ``versions()``."""
    fill_store()
    return ailaw_home


@pytest.fixture(scope="module")
def shared_index(tmp_path_factory):
    """A read-only index shared by a test module (built once: indexing per test is slow)."""
    from search.indexer import index_new
    from store import db

    home = tmp_path_factory.mktemp("shared") / "home"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AILAW_HOME", str(home))
        mp.delenv("AILAW_DATABASE_URL", raising=False)
        db.forget_engines()
        db.init_db()
        fill_store()
        with db.session_scope() as session:
            index_new(session=session, index_dir=home / "index")
        db.forget_engines()
    return home / "index"


@pytest.fixture
def index_dir(store):
    """An index built by ``index_new`` from the filled store."""
    from search.indexer import index_new
    from store.db import session_scope

    path = store / "index"
    with session_scope() as session:
        stats = index_new(session=session, index_dir=path)
    assert (stats.documents, stats.versions) == (5, 4)
    return path
