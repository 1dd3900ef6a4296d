"""A real small data home for the UI tests: a migrated SQLite database filled through the store's upserts, and a
Whoosh index built from it by ``search.indexer.rebuild``.

It holds English and Russian documents (so inflected Russian queries can be tested), a document with a
reconstructed version, relations to stored and not-stored documents, stage events, a crawl run with errors, a
document that is not about AI, and a title carrying ``<script>`` (plus an ``onerror`` payload in its text) to prove
that third-party text is escaped everywhere.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

XSS_ID = "us/congress/119/hr/9999"
XSS_TITLE = "<script>window.__xss=1</script> Algorithmic Accountability Act *of* [2025](javascript:alert(1))"
AI_ACT_ID = "eu/celex/32024R1689"
AI_ACT_TITLE = (
    "Regulation (EU) 2024/1689 laying down harmonised rules on artificial intelligence (Artificial Intelligence Act)"
)
PROPOSAL_ID = "eu/celex/52021PC0206"
DECREE_ID = "ru/pravo/0001201910110003"
DECREE_TITLE = "Указ Президента Российской Федерации от 10.10.2019 № 490 «О развитии искусственного интеллекта в Российской Федерации»"
AMENDING_ID = "ru/pravo/0001202402150063"
PERSONAL_DATA_ID = "ru/pravo/0001200607290001"

ENV_KEYS = ("AILAW_HOME", "AILAW_DATABASE_URL", "AILAW_INDEX_DIR")


@dataclass(frozen=True)
class UiHome:
    home: Path
    database_url: str
    index_dir: Path

    @property
    def env(self) -> dict[str, str]:
        return {
            "AILAW_HOME": str(self.home),
            "AILAW_DATABASE_URL": self.database_url,
            "AILAW_INDEX_DIR": str(self.index_dir),
        }


def _ai_act_articles(n: int = 45) -> tuple[str, list]:
    from store.items import Provision

    provisions = [
        Provision(key="ch_II", kind="chapter", number="II", label="CHAPTER II", heading="PROHIBITED AI PRACTICES",
                  text="CHAPTER II\nPROHIBITED AI PRACTICES"),
        Provision(key="art_5", kind="article", number="5", label="Article 5", heading="Prohibited AI practices",
                  text="Article 5\nProhibited AI practices", parent="ch_II"),
        Provision(key="art_5.par_1", kind="paragraph", number="1", label="1.", parent="art_5",
                  text="1. The following AI practices shall be prohibited: the placing on the market of an AI system "
                       "that deploys subliminal techniques beyond a person's consciousness."),
        Provision(key="art_6", kind="article", number="6", label="Article 6",
                  heading="Classification rules for high-risk AI systems", parent="ch_II",
                  text="Article 6\nClassification rules for high-risk AI systems\n"
                       "An AI system shall be considered high-risk where it is a safety component of a product."),
    ]  # fmt: skip
    for i in range(7, 7 + n):
        provisions.append(
            Provision(key=f"art_{i}", kind="article", number=str(i), label=f"Article {i}", heading=f"Obligations {i}",
                      text=f"Article {i}\nObligations {i}\nProviders of high-risk AI systems shall keep record {i}.",
                      parent="ch_II")
        )  # fmt: skip
    return "\n\n".join(p.text for p in provisions), provisions


def _decree_provisions() -> tuple[str, list]:
    from store.items import Provision

    provisions = [
        Provision(key="p_1", kind="point", number="1", label="1.",
                  text="1. Утвердить прилагаемую Национальную стратегию развития искусственного интеллекта "
                       "на период до 2030 года."),
        Provision(key="p_2", kind="point", number="2", label="2.",
                  text="2. Правительству Российской Федерации обеспечить реализацию стратегии в области "
                       "искусственного интеллекта."),
        Provision(key="p_2.а", kind="point", number="а", label="а)", parent="p_2",
                  text="а) развитие технологий искусственного интеллекта и машинного обучения;"),
    ]  # fmt: skip
    return "\n".join(p.text for p in provisions), provisions


def _ai_act_events() -> list:
    """The AI Act's events parsed from the recorded Cellar branch notice (tests/examples/eu)."""
    from crawler.parsers.eu_cellar import parse_branch_notice
    from store.items import EventItem

    notice = Path(__file__).resolve().parents[1] / "examples" / "eu" / "cellar_branch_notice_32024R1689_AI_Act_eng.xml"
    items = parse_branch_notice(notice.read_bytes(), url="https://publications.europa.eu/resource/celex/32024R1689",
                                celex="32024R1689")  # fmt: skip
    return [i for i in items if isinstance(i, EventItem) and i.doc_id == AI_ACT_ID]


def build_home(root: Path) -> UiHome:
    """Fill a data home under ``root``. Only the store's public writes and the search indexer are used."""
    from search.indexer import rebuild
    from store import crud, db
    from store.items import ArchiveRef, DocumentItem, EventItem, RelationItem, VersionItem
    from store.vocab import DocType, RelationKind, Stage, VersionKind

    home = root / "home"
    ui_home = UiHome(home=home, database_url=f"sqlite:///{home / 'ailaw.db'}", index_dir=home / "index")
    url = ui_home.database_url
    db.init_db(url)
    fetched = dt.datetime(2026, 11, 20, 10, 30, tzinfo=dt.UTC)
    warc = "eu_cellar-20261120.warc.gz"

    with db.session_scope(url) as s:
        crud.ensure_source(
            session=s,
            key="eu_cellar",
            name="EUR-Lex / Cellar",
            jurisdiction="EU",
            base_url="https://publications.europa.eu/",
        )
        crud.ensure_source(
            session=s,
            key="ru_pravo",
            name="Официальный интернет-портал правовой информации",
            jurisdiction="RU",
            base_url="http://publication.pravo.gov.ru/",
        )
        crud.ensure_source(session=s, key="us_congress", name="Congress.gov", jurisdiction="US",
                           base_url="https://api.congress.gov/")  # fmt: skip

        # --- EU: the AI Act, its proposal -------------------------------------------------------------------
        crud.upsert_document(session=s, item=DocumentItem(
            doc_id=AI_ACT_ID, source="eu_cellar", jurisdiction="EU", doc_type=DocType.REGULATION,
            title=AI_ACT_TITLE, language="en",
            identifiers={"celex": "32024R1689", "eli": "http://data.europa.eu/eli/reg/2024/1689/oj"},
            aliases=["2024/1689", "AI Act"], stage=Stage.IN_FORCE, stage_raw="In force",
            date_adopted=dt.date(2024, 6, 13), date_published=dt.date(2024, 7, 12), date_in_force=dt.date(2024, 8, 1),
            url="https://eur-lex.europa.eu/eli/reg/2024/1689/oj", ai_relevant=True,
            ai_terms=["artificial intelligence", "AI system"], subjects=["artificial intelligence"],
        ))  # fmt: skip
        text, provisions = _ai_act_articles()
        crud.add_version(session=s, item=VersionItem(
            doc_id=AI_ACT_ID, label="OJ L 2024/1689 (12.7.2024)", kind=VersionKind.ORIGINAL, date=dt.date(2024, 7, 12),
            language="en", text=text, provisions=provisions, source_url="https://eur-lex.europa.eu/eli/reg/2024/1689/oj",
            fetched_at=fetched, archive=ArchiveRef(warc_file=warc, record_id="<urn:uuid:1111>", offset=1234),
        ))  # fmt: skip
        for event in _ai_act_events():  # the stage timeline of the recorded Cellar notice, as the crawler reads it
            crud.upsert_event(session=s, item=event)
        crud.upsert_document(session=s, item=DocumentItem(
            doc_id=PROPOSAL_ID, source="eu_cellar", jurisdiction="EU", doc_type=DocType.PROPOSAL,
            title="Proposal for a Regulation laying down harmonised rules on artificial intelligence",
            language="en", identifiers={"celex": "52021PC0206"}, stage=Stage.ADOPTED, date_introduced=dt.date(2021, 4, 21),
            ai_relevant=True, ai_terms=["artificial intelligence"],
        ))  # fmt: skip
        crud.add_version(session=s, item=VersionItem(
            doc_id=PROPOSAL_ID, label="COM(2021) 206 final", kind=VersionKind.DRAFT, date=dt.date(2021, 4, 21),
            language="en", text="Proposal on artificial intelligence: requirements for high-risk AI systems.",
            source_url="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52021PC0206",
        ))  # fmt: skip
        crud.upsert_relation(
            session=s, item=RelationItem(doc_id=AI_ACT_ID, kind=RelationKind.ADOPTS, target_id=PROPOSAL_ID)
        )
        crud.upsert_relation(session=s, item=RelationItem(
            doc_id=AI_ACT_ID, kind=RelationKind.AMENDS, target_id="eu/celex/32018R1139",
            target_label="Regulation (EU) 2018/1139", detail={"provisions": ["Art. 17"]},
        ))  # fmt: skip

        # --- RU: Указ № 490 and the decree amending it (a reconstructed record) ---------------------------------
        crud.upsert_document(session=s, item=DocumentItem(
            doc_id=DECREE_ID, source="ru_pravo", jurisdiction="RU", doc_type=DocType.DECREE, title=DECREE_TITLE,
            language="ru", identifiers={"eo_number": "0001201910110003"}, aliases=["№ 490", "Указ 490"],
            stage=Stage.IN_FORCE, stage_raw="Действует", date_adopted=dt.date(2019, 10, 10),
            date_published=dt.date(2019, 10, 11), url="http://publication.pravo.gov.ru/Document/View/0001201910110003",
            notes=["Официальный текст опубликован только как скан PDF (text only as scanned PDF)."],
            ai_relevant=True, ai_terms=["искусственный интеллект"],
        ))  # fmt: skip
        text, provisions = _decree_provisions()
        crud.add_version(session=s, item=VersionItem(
            doc_id=DECREE_ID, label="Редакция от 15.02.2024", kind=VersionKind.EDITION, date=dt.date(2024, 2, 15),
            language="ru", text=text, provisions=provisions,
            source_url="http://pravo.gov.ru/proxy/ips/?docbody=&nd=102608394",
            archive=ArchiveRef(warc_file="ru_pravo-doc.warc.gz", record_id="<urn:uuid:2222>", reconstructed=True,
                               note="rebuilt from the API documentation"),
        ))  # fmt: skip
        crud.upsert_event(
            session=s,
            item=EventItem(
                doc_id=DECREE_ID,
                date=dt.date(2019, 10, 10),
                stage=Stage.SIGNED,
                raw="Подписан Президентом Российской Федерации",
            ),
        )
        crud.upsert_event(
            session=s,
            item=EventItem(
                doc_id=DECREE_ID,
                date=dt.date(2019, 10, 11),
                stage=Stage.PUBLISHED,
                raw="Опубликован на портале pravo.gov.ru",
            ),
        )
        crud.upsert_document(session=s, item=DocumentItem(
            doc_id=AMENDING_ID, source="ru_pravo", jurisdiction="RU", doc_type=DocType.DECREE,
            title="Указ Президента Российской Федерации от 15.02.2024 № 124 «О внесении изменений в Указ "
                  "Президента Российской Федерации от 10 октября 2019 г. № 490»",
            language="ru", stage=Stage.IN_FORCE, date_adopted=dt.date(2024, 2, 15), ai_relevant=True,
            ai_terms=["искусственный интеллект"],
        ))  # fmt: skip
        crud.add_version(session=s, item=VersionItem(
            doc_id=AMENDING_ID, label="Первоначальная редакция", kind=VersionKind.ORIGINAL, date=dt.date(2024, 2, 15),
            language="ru", text="Внести в Национальную стратегию развития искусственного интеллекта изменения.",
            source_url="http://publication.pravo.gov.ru/Document/View/0001202402150063",
        ))  # fmt: skip
        crud.upsert_relation(
            session=s,
            item=RelationItem(
                doc_id=AMENDING_ID, kind=RelationKind.AMENDS, target_id=DECREE_ID, date=dt.date(2024, 2, 15)
            ),
        )

        # --- RU: a law that is not about AI ---------------------------------------------------------------
        crud.upsert_document(session=s, item=DocumentItem(
            doc_id=PERSONAL_DATA_ID, source="ru_pravo", jurisdiction="RU", doc_type=DocType.FEDERAL_LAW,
            title="Федеральный закон от 27.07.2006 № 152-ФЗ «О персональных данных»", language="ru",
            stage=Stage.IN_FORCE, date_adopted=dt.date(2006, 7, 27), ai_relevant=False,
        ))  # fmt: skip
        crud.add_version(session=s, item=VersionItem(
            doc_id=PERSONAL_DATA_ID, label="Редакция от 08.08.2024", kind=VersionKind.EDITION, language="ru",
            text="Обработка персональных данных, в том числе автоматизированная обработка и системы "
                 "искусственного интеллекта, осуществляется с согласия субъекта.",
            source_url="http://pravo.gov.ru/proxy/ips/?docbody=&nd=102108261",
        ))  # fmt: skip

        # --- US: a bill whose title and text try to inject HTML ----------------------------------------------
        crud.upsert_document(session=s, item=DocumentItem(
            doc_id=XSS_ID, source="us_congress", jurisdiction="US", doc_type=DocType.BILL, title=XSS_TITLE,
            language="en", stage=Stage.INTRODUCED, date_introduced=dt.date(2025, 3, 3), ai_relevant=True,
            ai_terms=["automated decision system"], url="javascript:alert(document.cookie)",
        ))  # fmt: skip
        crud.add_version(session=s, item=VersionItem(
            doc_id=XSS_ID, label="Introduced in House", kind=VersionKind.BILL_TEXT, date=dt.date(2025, 3, 3),
            language="en", source_url="https://www.congress.gov/bill/119th-congress/house-bill/9999/text",
            text='Algorithmic accountability for automated decision systems <img src=x onerror="window.__xss=2"> '
                 "that use artificial intelligence.",
        ))  # fmt: skip
        crud.upsert_event(
            session=s,
            item=EventItem(
                doc_id=XSS_ID, date=dt.date(2025, 3, 3), stage=Stage.INTRODUCED, raw="<b>Introduced</b> in House"
            ),
        )

        # --- crawl runs --------------------------------------------------------------------------------------
        run = crud.start_crawl_run(session=s, spider="ru_pravo", mode="replay", archive="ru_pravo-doc.warc.gz")
        crud.finish_crawl_run(session=s, run_id=run, counts={"items": 12, "new_documents": 3, "new_versions": 3,
                                                              "unchanged": 6},
                              errors=[{"url": "http://publication.pravo.gov.ru/api/Document?x=<i>1</i>",
                                       "message": "ParseError: WAF challenge page instead of JSON"},
                                      {"url": "http://publication.pravo.gov.ru/api/Documents?EoNumber=0001202607260003",
                                       "message": "not in the replayed archive", "kind": "miss"},
                                      {"url": "http://api.duma.gov.ru/api/{token}/search.json", "kind": "stale",
                                       "message": "Duma API data looks stale: newest event 2025-02-14"}])  # fmt: skip
        run = crud.start_crawl_run(session=s, spider="eu_cellar", mode="live", archive=warc)
        crud.finish_crawl_run(
            session=s, run_id=run, counts={"items": 9, "new_documents": 2, "new_versions": 2}, errors=[]
        )

    with db.session_scope(url) as s:
        rebuild(session=s, index_dir=ui_home.index_dir)
    return ui_home


@pytest.fixture(scope="session")
def ui_home(tmp_path_factory: pytest.TempPathFactory) -> UiHome:
    """The data home, built once per test session (the environment is only changed while building)."""
    root = tmp_path_factory.mktemp("ui")
    saved = {k: os.environ.get(k) for k in ENV_KEYS}
    try:
        os.environ["AILAW_HOME"] = str(root / "home")
        os.environ["AILAW_DATABASE_URL"] = f"sqlite:///{root / 'home' / 'ailaw.db'}"
        os.environ["AILAW_INDEX_DIR"] = str(root / "home" / "index")
        return build_home(root)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture
def ui_env(ui_home: UiHome, monkeypatch: pytest.MonkeyPatch) -> Iterator[UiHome]:
    """Point this test (and the Streamlit script it runs in-process) at the UI data home."""
    for key, value in ui_home.env.items():
        monkeypatch.setenv(key, value)
    yield ui_home
