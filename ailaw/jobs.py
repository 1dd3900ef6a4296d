"""The stages of ailaw as plain functions. The CLI, the demo, a scheduler and the tests all call these.

crawl()  -> fetch (or replay) sources into the store, one CrawlRun per spider, each source under its lock
index()  -> bring the Whoosh index up to date by cursor (or rebuild it from the database)
status() / check_health() -> crawl health per source; an operator alert for a source that turned sick
search() -> query the index
concepts(), aliases(), add_alias(), remove_alias() -> the thesaurus and the names of documents
show()   -> one document with its versions, events and relations
track()  -> add one document by its official URL
demo()   -> replay the committed demo archive into ./data and index it
versions(), diff() -> a document's versions in time, two versions compared (the ``compare`` package)
import_file() -> a version from a local file (read and split by the ``texts`` package)
match_alerts() -> record the alerts the store's new changes bring (``alerts.match``)
send_alerts()  -> compose due alerts and digests, send the outbox with retries (``alerts.deliver``)
operator_alert() -> tell the operator (a sick source), through the same outbox
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.errors import FetchError, NotFoundError

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEMO_ARCHIVE = REPO_ROOT / "demo" / "ailaw-demo.warc.gz"


@dataclass
class CrawlSummary:
    run_id: int
    spider: str
    mode: str
    archive: str | None
    items: int
    new_documents: int
    updated_documents: int
    new_versions: int
    unchanged: int
    misses: int
    errors: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[dict[str, Any]] = field(default_factory=list)  # e.g. "stale": logged and kept, not a failure
    unchanged_responses: int = 0
    status: str = "finished"

    @property
    def error_count(self) -> int:
        return sum(1 for e in self.errors if e.get("kind") != "miss")

    def line(self) -> str:
        """The one line a crawl ends with."""
        extra = f", {self.misses} not in archive" if self.misses else ""
        n = len(self.warnings)
        extra += f", {n} warning{'s' if n > 1 else ''}" if n else ""
        extra += f", {self.unchanged_responses} responses unchanged" if self.unchanged_responses else ""
        return (
            f"{self.spider}: {self.items} items ({self.new_documents} new documents, {self.new_versions} new versions, "
            f"{self.unchanged} unchanged, {self.error_count} errors{extra}) in {self.seconds:.1f} s"
        )


def _init() -> None:
    from store.db import init_db

    init_db()


def default_record_path(spiders: list[str]) -> Path:
    from store.settings import StoreSettings

    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    name = "-".join(spiders) if len(spiders) <= 3 else "all"
    return StoreSettings().archive_dir / f"{name}-{stamp}.warc.gz"


class SourceBusy(FetchError):
    """A crawl of the source is already running (in this or another process)."""


def crawl(
    spiders: list[str] | None = None,
    *,
    replay: Path | None = None,
    record: Path | None = None,
    spider_kwargs: dict[str, dict[str, Any]] | None = None,
    log_level: str = "WARNING",
    trigger: str = "manual",
    reparse: bool = False,
    index_after: bool = False,
    alerts_after: bool = False,
) -> list[CrawlSummary]:
    """Run spiders (all by default). Live crawls always archive their responses (``record`` or a default
    file under ``$AILAW_HOME/archive``); ``replay`` serves responses from a WARC file with no network.

    Each source is crawled under its cross-process lock (``store.locks``): if another crawl of one of them is
    running, nothing starts and ``SourceBusy`` says which. A crawl that was killed is simply run again: every
    publication already stored is recognised (``store.crud.add_version``), unchanged bodies are not even parsed,
    so the store ends as after one uninterrupted run. ``reparse``: parse unchanged bodies too (after a parser
    fix). ``index_after`` / ``alerts_after``: then run :func:`index` / :func:`run_alerts` (the scheduler)."""
    from crawler.run import run_in_child
    from crawler.spiders import all_spiders, get_spider
    from store import locks

    _init()
    names = spiders or [s.name for s in all_spiders()]
    for name in names:
        try:
            get_spider(name)
        except KeyError as exc:
            raise NotFoundError(str(exc.args[0])) from None
    if replay is not None and not Path(replay).exists():
        raise FetchError(f"the archive {replay} does not exist")
    if replay is None and record is None:
        record = default_record_path(names)
    with locks.hold_all([f"crawl-{name}" for name in names]) as busy_locks:
        busy = [lock.removeprefix("crawl-") for lock in busy_locks]
        if busy:
            raise SourceBusy(f"a crawl of {', '.join(busy)} is already running; try again when it has finished")
        extra = {"AILAW_TRIGGER": trigger, "AILAW_REPARSE": reparse}
        run_ids = run_in_child(names, replay=replay, record=record, spider_kwargs=spider_kwargs,
                               log_level=log_level, extra_settings=extra)  # fmt: skip
    summaries = crawl_summaries(run_ids)
    if index_after:
        index()
    if alerts_after:
        run_alerts()
    return summaries


def status(*, sources: list[str] | None = None) -> list[Any]:
    """Crawl health of every source (``store.health.SourceHealth``), measured against its schedule."""
    from ailaw import schedule as sched
    from crawler.spiders import all_spiders
    from crawler.spiders.keys import unconfigured
    from store.db import session_scope
    from store.health import source_health

    _init()
    spiders = all_spiders()
    names = sources or [s.name for s in spiders]
    try:
        intervals = {e.source: e.interval() for e in sched.load(sources=None)}
    except sched.ScheduleError:
        intervals = {}
    with session_scope() as session:
        from store import crud

        crud.close_interrupted_runs(session=session)
    with session_scope() as session:
        return source_health(session=session, sources=names, intervals=intervals, unconfigured=unconfigured(spiders))


def check_health() -> list[Any]:
    """After a scheduled crawl: the sources that are sick now and were not at the last check get an operator
    alert (:func:`operator_alert`); returns them. The last verdicts are kept in ``$AILAW_HOME/ops/``."""
    import json

    current = status()
    sick_now = {h.source: h for h in current if not h.healthy and h.runs}  # a source never crawled is not news
    state_path = _health_state_path()
    try:
        before = set(json.loads(state_path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        before = set()
    newly = [h for name, h in sick_now.items() if name not in before]
    state_path.parent.mkdir(parents=True, exist_ok=True)
    state_path.write_text(json.dumps(sorted(sick_now)), encoding="utf-8")
    for health in newly:
        as_of = health.up_to_date_as_of.isoformat(timespec="minutes") if health.up_to_date_as_of else "never"
        operator_alert(f"sick: {', '.join(health.flags)}", f"The source {health.source} looks sick "
                       f"({', '.join(health.flags)}); up to date as of {as_of}. See `ailaw status`.",
                       source=health.source)  # fmt: skip
    return newly


def _health_state_path() -> Path:
    from store.settings import StoreSettings

    return StoreSettings().home / "ops" / "sick-sources.json"


def crawl_summaries(run_ids: list[int]) -> list[CrawlSummary]:
    from store.db import session_scope
    from store.models import CrawlRun
    from store.vocab import run_record_class

    out = []
    with session_scope() as session:
        for run_id in run_ids:
            run = session.get(CrawlRun, run_id)
            if run is None:
                continue
            seconds = (run.finished_at - run.started_at).total_seconds() if run.finished_at else 0.0
            records = list(run.errors or [])
            out.append(
                CrawlSummary(
                    run_id=run_id, spider=run.spider, mode=run.mode, archive=run.archive, items=run.items,
                    new_documents=run.new_documents, updated_documents=run.updated_documents,
                    new_versions=run.new_versions, unchanged=run.unchanged, misses=run.misses,
                    errors=[e for e in records if run_record_class(e) != "warning"], seconds=seconds,
                    warnings=[e for e in records if run_record_class(e) == "warning"],
                    unchanged_responses=run.unchanged_responses, status=run.status,
                )
            )  # fmt: skip
    return out


def index(*, rebuild: bool = False, progress: Callable[[int, int], None] | None = None) -> Any:
    """Index new and changed documents and versions (by cursor), or rebuild the index from the database."""
    from search import indexer
    from store import locks
    from store.db import session_scope

    _init()
    # One indexer at a time (the scheduler's jobs, a manual `ailaw index`): the next one waits, then finds less to do.
    with locks.hold("index", wait=True), session_scope() as session:
        stats = indexer.rebuild(session=session, progress=progress) if rebuild else indexer.index_new(session=session)
    # The thesaurus's analysed labels, which every search reads (seconds to make with the CJK engines): made here, in
    # the index's cache, rather than by the first search a lawyer types in a new data home.
    from search.concepts import concept_index
    from search.settings import index_dir_or_default

    concept_index(index_dir_or_default(None))
    return stats


def search(query: str, **filters: Any) -> Any:
    from search.query import search as run_search

    return run_search(query, **filters)


def concepts(query: str) -> list[dict[str, Any]]:
    """The thesaurus concepts a query names, with their labels in every language and where each is defined."""
    from search.concepts import concept_index

    out = []
    for m in concept_index().find(query.split()):
        c = m.concept
        out.append({
            "id": c.id, "relevance": c.relevance, "matched": m.label.text, "lang": m.lang,
            "labels": {lang: [text for kind, text in labels.all() if kind != "hidden"]
                       for lang, labels in c.labels.items()},
            "close": sorted(lang for lang, labels in c.labels.items() if labels.close),
            "broader": list(c.broader), "related": list(c.related),
            "defined_in": [{"document": d.document, "provision": d.provision, "cite": d.cite} for d in c.defined_in],
            "note": c.note,
        })  # fmt: skip
    return out


def aliases(doc_id: str | None = None) -> list[dict[str, Any]]:
    """The aliases in the store (curated and users'), of one document or all."""
    from store.db import session_scope
    from store.read import aliases_by_document
    from store.reference.aliases import sync

    _init()
    with session_scope() as session:
        sync(session=session)
        rows = aliases_by_document(session=session, doc_ids=[doc_id] if doc_id else None)
    return [r.model_dump(exclude={"id"}) for doc in sorted(rows) for r in rows[doc]]


def add_alias(name: str, *, doc_id: str, source: str, language: str | None = None, kind: str = "popular-name") -> str:
    """Add a user's alias of a document (``origin`` user: the curated list never overwrites it)."""
    from store import crud
    from store.db import session_scope
    from store.errors import StoreError
    from store.models import Document
    from store.reference.aliases import KINDS

    if kind not in KINDS:
        raise StoreError(f"the kind of an alias is one of {', '.join(KINDS)}, not {kind!r}")
    if not name.strip() or not source.strip():
        raise StoreError("an alias needs a name and a source (where the name is used)")
    _init()
    with session_scope() as session:
        if session.get(Document, doc_id.strip()) is None:  # a mistyped id would name nothing, silently
            raise NotFoundError(f"no document with id {doc_id!r}; `ailaw search` finds ids")
        outcome = crud.upsert_alias(session=session, document_id=doc_id.strip(), alias=name, source=source,
                                    language=language, kind=kind, origin="user")  # fmt: skip
    return str(outcome)


def remove_alias(name: str, *, doc_id: str) -> bool:
    from store import crud
    from store.db import session_scope

    _init()
    with session_scope() as session:
        return crud.delete_alias(session=session, document_id=doc_id.strip(), alias=" ".join(name.split()))


def show(doc_id: str) -> Any:
    from store.db import session_scope
    from store.read import get_document

    _init()
    with session_scope() as session:
        detail = get_document(session=session, doc_id=doc_id.strip())
    if detail is None:
        raise NotFoundError(f"no document with id {doc_id!r}; `ailaw search` finds ids")
    return detail


def sources() -> list[dict[str, Any]]:
    """Every spider with its documents, versions and relations in the store."""
    from crawler.spiders import all_spiders
    from store.db import session_scope
    from store.read import source_summary

    _init()
    with session_scope() as session:
        stored = {row["source"]: row for row in source_summary(session=session)}
    out = []
    for spider in all_spiders():
        row = stored.get(spider.name, {})
        out.append(
            {
                "source": spider.name,
                "name": spider.source_name,
                "jurisdiction": spider.jurisdiction,
                "base_url": spider.base_url,
                "documents": row.get("documents", 0),
                "ai_documents": row.get("ai_documents", 0),
                "versions": row.get("versions", 0),
                "relations": row.get("relations", 0),
                "events": row.get("events", 0),
                "last_run": row.get("last_run"),
            }
        )
    return out


def track(url: str, *, replay: Path | None = None, record: Path | None = None) -> list[CrawlSummary]:
    """Add one document by its official URL: the spider is chosen from the URL."""
    from crawler.spiders import spider_for_url

    found = spider_for_url(url.strip())
    if found is None:
        raise NotFoundError(f"no spider knows this URL: {url}")
    spider, kwargs = found
    return crawl([spider.name], replay=replay, record=record, spider_kwargs={spider.name: kwargs})


def demo_spiders() -> list[str]:
    """Every spider, less those that need an API key that is not set (their one-line skip is for live crawls)."""
    from crawler.spiders import all_spiders
    from crawler.spiders.keys import configured_key

    return [s.name for s in all_spiders()
            if not (setting := getattr(s, "api_key_setting", None)) or configured_key(setting)]  # fmt: skip


def demo_crawl(archive: Path = DEMO_ARCHIVE) -> list[CrawlSummary]:
    """Replay ``archive`` as the demo does: the demo's spiders with their demo arguments, then the tracked URLs."""
    summaries = crawl(demo_spiders(), replay=archive, spider_kwargs=DEMO_SPIDER_KWARGS)
    for url in DEMO_TRACKED:  # editions no spider follows by default, tracked as a user would
        summaries += track(url, replay=archive)
    return summaries


def demo(*, archive: Path = DEMO_ARCHIVE) -> list[CrawlSummary]:
    """Replay the committed demo archive (real recorded responses, plus marked reconstructions) and index."""
    if not archive.exists():
        raise FetchError(
            f"the demo archive {archive} is missing; rebuild it with `python scripts/build_demo_archive.py`"
        )
    summaries = demo_crawl(archive)
    import_demo_texts()  # texts no spider reaches (the AI Act proposal, PL 2338/2023), so that `ailaw diff` has a pair to show
    index()
    return summaries


# --- compare: versions, diffs, imports -------------------------------------------------------------------

DEMO_TEXTS = REPO_ROOT / "tests" / "examples" / "compare"
#: Official URLs the demo tracks after the crawl: S. 1325 (118th) as reported in the Senate, whose print carries the
#: struck introduced text and the committee's substitute, so ``ailaw diff us/congress/118/s/1325`` has two editions.
#: The demo archive holds BILLSTATUS files of the 117th Congress: the demo follows its sitemaps as well as the
#: current Congress's (``AILAW_US_CONGRESSES`` does the same for a live crawl).
DEMO_SPIDER_KWARGS: dict[str, dict[str, Any]] = {"us_govinfo": {"congresses": "117,119"}}
DEMO_TRACKED = ["https://www.govinfo.gov/content/pkg/BILLS-118s1325rs/xml/BILLS-118s1325rs.xml"]


def _pick_version(versions: list[Any], ref: str | None, *, doc_id: str) -> Any:
    """A version by id ("12"), by date ("2024-07-12") or by a unique part of its label."""
    if ref is None:
        return versions[-1]
    ref = ref.strip()
    if ref.isdigit():
        for v in versions:
            if v.id == int(ref):
                return v
    by_date = [v for v in versions if v.date and v.date.isoformat() == ref]
    if len(by_date) == 1:
        return by_date[0]
    by_label = [v for v in versions if ref.lower() in v.label.lower()]
    if len(by_label) == 1:
        return by_label[0]
    listed = "; ".join(f"{v.id}: {v.label}" for v in versions)
    raise NotFoundError(f"{doc_id} has no single version {ref!r} (its versions: {listed})")


def _with_versions(doc_id: str) -> Any:
    """The document's detail; one sentence when it has no stored version."""
    detail = show(doc_id)
    if not detail.versions:
        raise NotFoundError(f"{doc_id} has no stored version to compare; `ailaw import FILE --into {doc_id}` adds one")
    return detail


def _versions_of(doc_id: str) -> list[Any]:
    return list(_with_versions(doc_id).versions)


def versions(doc_id: str, *, as_of: dt.date | None = None) -> dict[str, Any]:
    """The versions of a document with dates, kinds and in-force periods; with ``as_of``, the one in force then —
    or, for a bill, a proposal or a document with no in-force text yet, the text as it stood then (``in_force``
    False: a bill's text is never "in force")."""
    from compare.pointintime import entry_into_force, in_force, timeline, version_as_of

    detail = _with_versions(doc_id.strip())
    vs = list(detail.versions)
    doc_type, entered = detail.document.doc_type, entry_into_force(vs, detail.document.date_in_force)
    out: dict[str, Any] = {"document_id": doc_id, "versions": timeline(vs, doc_type, entered=entered)}
    if as_of is not None:
        v = version_as_of(vs, as_of)
        out["as_of"] = {"date": as_of.isoformat(), "version_id": v.id if v else None, "label": v.label if v else None,
                        "in_force": v is not None and in_force(v, doc_type, on=as_of, entered=entered)}  # fmt: skip
    return out


def diff(doc_id: str, *, from_version: str | None = None, to_version: str | None = None,
         against: str | None = None, against_version: str | None = None,
         as_of: dt.date | None = None) -> Any:  # fmt: skip
    """Compare two versions; returns a ``compare.Comparison``.

    - one document: ``from`` defaults to the version before ``to``, ``to`` to the latest (or the one in force on
      ``as_of``);
    - ``against`` another document: ``from`` is a version of ``doc_id`` (latest by default) and ``to`` a version of
      ``against`` (``against_version``, or in force on ``as_of``, or its latest). Any version can be the reference.
    """
    from compare import compare
    from compare.pointintime import version_as_of

    doc_id = doc_id.strip()
    vs = _versions_of(doc_id)

    def pick_new(versions: list[Any], owner: str, wanted: str | None) -> Any:
        """The compared version: the one asked for, else the one in force on ``as_of``, else the latest."""
        if wanted:
            return _pick_version(versions, wanted, doc_id=owner)
        if as_of is not None:
            found = version_as_of(versions, as_of)
            if found is None:
                raise NotFoundError(f"{owner} has no dated version in force on {as_of.isoformat()}")
            return found
        # by default the latest text in the document's own language(s), never a translation of it
        return ([v for v in versions if v.kind != "translation"] or versions)[-1]

    if against:
        old = _pick_version(vs, from_version, doc_id=doc_id)
        new = pick_new(_versions_of(against.strip()), against, against_version or to_version)
    else:
        new = pick_new(vs, doc_id, to_version)
        if from_version:
            old = _pick_version(vs, from_version, doc_id=doc_id)
        else:
            # the version before, in the same language and of the same standing (a translation with a translation)
            before = [v for v in vs[: vs.index(new)] if v.language == new.language
                      and (v.kind == "translation") == (new.kind == "translation")]  # fmt: skip
            if not before:
                raise NotFoundError(f"{doc_id} has only one version in its language before or at {new.label!r}; use "
                                    "--from (another language, a translation), or --against another document")  # fmt: skip
            old = before[-1]
    return compare(old, new)


@dataclass
class ImportResult:
    document_id: str
    version_id: int
    outcome: str  # insert | noop (the same text was already stored)
    label: str
    provisions: int
    words: int
    created_document: bool


def _jurisdiction(doc_id: str) -> str:
    """'eu/celex/…' -> 'EU'; an id without a jurisdiction part -> 'INT'."""
    return doc_id.split("/", 1)[0].upper() if "/" in doc_id else "INT"


def import_file(path: Path, *, into: str, label: str, date: dt.date | None = None, kind: str = "imported",
                language: str | None = None) -> ImportResult:  # fmt: skip
    """Add a version from a local PDF / DOCX / DOC / RTF / HTML / TXT / Markdown file: read by ``texts.read_file``,
    split by the splitter of its tradition exactly as a crawled file is (``texts.provisions_of``), stored through
    ``store.crud`` with provenance ``imported``; the document is created (minimal) when it is not stored yet, and
    the same text imported twice is stored once."""
    from sqlmodel import select

    from store import crud
    from store.db import session_scope
    from store.items import DocumentItem, VersionItem
    from store.models import Document, Version
    from store.vocab import DocType, Provenance, VersionKind
    from texts import provisions_of, read_file

    _init()
    try:
        vkind = VersionKind(kind)
    except ValueError:
        raise NotFoundError(
            f"unknown version kind {kind!r}; one of: {', '.join(k.value for k in VersionKind)}"
        ) from None
    path, doc_id = Path(path), into.strip()
    extracted = read_file(path)
    with session_scope() as session:
        doc = session.get(Document, doc_id)
        created = doc is None
        if doc is None:
            crud.upsert_document(session=session, item=DocumentItem(
                doc_id=doc_id, source="import", jurisdiction=_jurisdiction(doc_id), doc_type=DocType.OTHER,
                title=label, language=language, notes=[f"created by `ailaw import` of {path.name}"],
            ))  # fmt: skip
        lang = language or (doc.language if doc else None)
        provisions = provisions_of(extracted, jurisdiction=_jurisdiction(doc_id), language=lang)
        note = f"imported from the local file {path.name}"
        outcome = crud.add_version(session=session, item=VersionItem(
            doc_id=doc_id, label=label, kind=vkind, date=date, language=lang, text=extracted.text,
            provisions=provisions, source_url=path.resolve().as_uri(), notes=[note],
            provenance=Provenance.IMPORTED, provenance_detail={"note": note},
        ))  # fmt: skip
        sha = crud.text_sha256(extracted.text)
        vid = session.exec(select(Version.id).where(Version.document_id == doc_id, Version.sha256 == sha)).one()
        assert vid is not None
        result = ImportResult(doc_id, vid, str(outcome), label, len(provisions), len(extracted.text.split()), created)
    index()
    return result


def import_demo_texts() -> list[Any]:
    """Import the committed texts that no spider reaches: the AI Act proposal as converted Markdown, so that
    ``ailaw diff eu/celex/52021PC0206 --against eu/celex/32024R1689`` works on the demo data; PL 2338/2023 as the
    Senate approved it (its autograph, converted from a third party's extraction), so that the bill's text is
    searchable beside its path through the Câmara."""
    return [
        import_file(DEMO_TEXTS / "52021PC0206_proposal_EN.md", into="eu/celex/52021PC0206",
                    label="COM(2021) 206 final — Commission proposal (converted text)", date=dt.date(2021, 4, 21),
                    kind="draft", language="en"),
        import_file(REPO_ROOT / "tests" / "examples" / "br" / "pl2338-2023_senate-autograph_converted.txt",
                    into="br/bill/PL-2338-2023",
                    label="Autógrafo do Senado Federal (texto aprovado pelo Senado; artigos extraídos do PDF por terceiro)",
                    date=dt.date(2025, 1, 31), kind="bill-text", language="pt"),
    ]  # fmt: skip


# --- alerts ---------------------------------------------------------------------------------------------------------


def match_alerts(*, now: dt.datetime | None = None) -> Any:
    """Record the matches of every change committed since the last run (exactly once; nothing is sent).
    The search index is brought up to date first: saved searches read it."""
    from alerts.match import match
    from alerts.settings import AlertsSettings
    from store.db import session_scope

    _init()
    index()
    with session_scope() as session:
        stats = match(session=session, base_url=AlertsSettings().alerts_base_url, now=now)
    logger.info(stats.line())
    return stats


def send_alerts(*, now: dt.datetime | None = None, retry_failed: bool = False) -> Any:
    """Compose the alerts and digests that are due, then send every message whose time has come (retries with
    backoff; each message once)."""
    from alerts.deliver import compose, send_pending
    from alerts.settings import AlertsSettings
    from store.db import session_scope
    from store.models import utcnow

    _init()
    settings = AlertsSettings()
    now = now or utcnow()
    with session_scope() as session:
        composed = compose(session=session, settings=settings, now=now)
    stats = send_pending(session_scope=session_scope, settings=settings, now=now, retry_failed=retry_failed)
    stats.composed = composed
    logger.info(stats.line())
    return stats


def run_alerts(*, now: dt.datetime | None = None) -> tuple[Any, Any]:
    """``match_alerts()`` then ``send_alerts()``: what a scheduler runs after each crawl."""
    return match_alerts(now=now), send_alerts(now=now)


def add_alert(**options: Any) -> Any:
    """Add a subscription (see ``alerts.manage.add``); a new e-mail address is sent its confirmation request now
    (or, if the SMTP server is down, by the next ``send_alerts``: ``confirmation_error`` then says why not yet)."""
    from sqlmodel import col, select

    from alerts.manage import add
    from alerts.settings import AlertsSettings
    from store.db import session_scope
    from store.models import AlertDelivery
    from store.vocab import DeliveryKind, DeliveryStatus

    _init()
    with session_scope() as session:
        created = add(session=session, settings=AlertsSettings(), **options)
    if created.confirmation_sent:
        send_alerts()
        with session_scope() as session:
            request = session.exec(select(AlertDelivery).where(
                AlertDelivery.subscriber_id == created.subscription.subscriber_id,
                AlertDelivery.kind == DeliveryKind.CONFIRM.value).order_by(col(AlertDelivery.id).desc())).first()  # fmt: skip
            if request is not None and request.status != DeliveryStatus.SENT.value:
                created.confirmation_error = request.last_error or f"it is {request.status}"
    return created


def list_alerts(*, subscriber: str | None = None) -> list[dict[str, Any]]:
    from alerts.manage import listing
    from store.db import session_scope

    _init()
    with session_scope() as session:
        return listing(session=session, subscriber=subscriber)


def remove_alert(subscription_id: int, *, subscriber: str | None = None) -> str:
    from alerts.manage import remove
    from store.db import session_scope

    _init()
    with session_scope() as session:
        return remove(session=session, subscription_id=subscription_id, subscriber=subscriber)


def confirm_alerts(token: str) -> str:
    """Confirm an e-mail address by the token of its confirmation request; returns the address."""
    from alerts.manage import confirm
    from store.db import session_scope

    _init()
    with session_scope() as session:
        return confirm(session=session, token=token)


def test_alert(subscription_id: int) -> Any:
    """Send a test message through a subscription's channel now; returns the delivery as it stands after trying."""
    from alerts.deliver import send_pending
    from alerts.manage import test
    from alerts.settings import AlertsSettings
    from store.db import session_scope
    from store.models import AlertDelivery, utcnow

    _init()
    settings = AlertsSettings()
    with session_scope() as session:
        delivery_id = test(session=session, settings=settings, subscription_id=subscription_id).id
    send_pending(session_scope=session_scope, settings=settings, now=utcnow())
    with session_scope() as session:
        return session.get(AlertDelivery, delivery_id)


def alert_inbox(subscriber: str, *, limit: int = 50) -> list[dict[str, Any]]:
    from alerts.manage import inbox
    from store.db import session_scope

    _init()
    with session_scope() as session:
        return inbox(session=session, subscriber=subscriber, limit=limit)


def operator_alert(subject: str, text: str, *, source: str | None = None) -> Any:
    """Tell the operator something needs them (a source failing crawl after crawl): queued in the alerts outbox and
    sent now to ``AILAW_OPERATOR_ALERT_URLS``; retried with backoff like any alert if the channel is down.
    Returns the send counts; without ``AILAW_OPERATOR_ALERT_URLS`` it is only logged (ERROR) and returns None."""
    from alerts.deliver import queue, send_pending
    from alerts.settings import AlertsSettings
    from store.db import session_scope
    from store.models import utcnow
    from store.vocab import DeliveryKind

    _init()
    title = f"ailaw operator alert: {source}: {subject}" if source else f"ailaw operator alert: {subject}"
    settings = AlertsSettings()
    if settings.operator_alert_urls is None:
        logger.error("%s — %s (set AILAW_OPERATOR_ALERT_URLS to be told by e-mail or chat)", title, text)
        return None
    with session_scope() as session:
        queue(session, kind=DeliveryKind.OPERATOR, channel="operator", target="operator", subject=title, text=text,
              payload={"type": "ailaw.operator", "schema": 1, "source": source, "subject": subject, "text": text})  # fmt: skip
    return send_pending(session_scope=session_scope, settings=settings, now=utcnow())


# --- data management: export, backup, restore --------------------------------------------------------------------

EXPORT_TABLES = {"documents": "document", "versions": "version", "events": "event", "relations": "relation",
                 "crawl_runs": "crawlrun"}  # fmt: skip
EXPORT_FORMATS = ("csv", "json", "parquet")


def export(out_dir: Path, *, fmt: str = "csv", what: list[str] | None = None) -> dict[str, Path]:
    """Write documents, versions (with their full text), events and relations (and crawl runs, if asked) to
    ``out_dir`` as CSV, JSON or Parquet, one file per table; returns the files. In CSV and Parquet, list and map
    columns (identifiers, aliases, provisions, provenance detail…) are JSON text; in JSON they stay structured."""
    import csv
    import json

    from store import dump
    from store.db import get_engine

    if fmt not in EXPORT_FORMATS:
        raise NotFoundError(f"unknown export format {fmt!r}; one of: {', '.join(EXPORT_FORMATS)}")
    names = what or ["documents", "versions", "events", "relations"]
    unknown = [n for n in names if n not in EXPORT_TABLES]
    if unknown:
        raise NotFoundError(f"cannot export {', '.join(unknown)}; one of: {', '.join(EXPORT_TABLES)}")
    _init()
    out_dir.mkdir(parents=True, exist_ok=True)
    by_name = {t.name: t for t in dump.tables()}
    written: dict[str, Path] = {}
    with get_engine().connect() as conn:
        for name in names:
            table = by_name[EXPORT_TABLES[name]]
            rows = list(dump.dump_rows(conn, table))
            path = out_dir / f"{name}.{fmt}"
            if fmt == "json":
                path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
            else:
                flat = [{k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                         for k, v in row.items()} for row in rows]  # fmt: skip
                columns = [c.name for c in table.columns]
                if fmt == "csv":
                    with open(path, "w", encoding="utf-8", newline="") as fh:
                        writer = csv.DictWriter(fh, fieldnames=columns)
                        writer.writeheader()
                        writer.writerows(flat)
                else:
                    import pyarrow as pa
                    import pyarrow.parquet as pq

                    pq.write_table(pa.Table.from_pylist(flat) if flat else pa.table({c: [] for c in columns}), path)
            written[name] = path
    return written


BACKUP_FORMAT = 1


def backup(path: Path, *, overwrite: bool = False) -> dict[str, Any]:
    """One ``.tar.gz`` holding the whole store (every table, database-independent JSON lines) and the WARC archive
    files behind it — those under ``$AILAW_HOME/archive`` and any other file a version or crawl run points at (kept
    under ``archive/external/`` and pointed at there). The index and the HTTP cache are derived: not included.
    An existing file is replaced only with ``overwrite``, and only once the new backup is complete (written beside
    it, then renamed), so a failed backup never costs the previous one. Returns what it holds."""
    import os
    import tempfile

    from store.errors import StoreError
    from store.settings import StoreSettings

    if path.exists() and not overwrite:
        raise StoreError(f"{path} already exists; choose another file name or add --force to replace it.")
    _init()
    settings = StoreSettings()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(fd)
    try:
        manifest = _write_backup(Path(partial), settings)
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return manifest


def _write_backup(path: Path, settings: Any) -> dict[str, Any]:
    import hashlib
    import io
    import json
    import tarfile

    from alembic.runtime.migration import MigrationContext

    from store import dump
    from store.db import get_engine

    counts: dict[str, int] = {}
    external: dict[str, str] = {}  # stored absolute path -> name inside the backup
    with tarfile.open(path, "w:gz") as tar, get_engine().connect() as conn:

        def add_bytes(name: str, data: bytes) -> None:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))

        for table in dump.tables():
            lines = []
            for row in dump.dump_rows(conn, table):
                for key in ("archive_file", "archive"):
                    value = str(row.get(key) or "")
                    kept = table.name in ("version", "crawlrun") and value and Path(value).is_absolute()
                    if kept and Path(value).exists():
                        digest = hashlib.sha256(value.encode()).hexdigest()[:8]
                        external.setdefault(value, f"archive/external/{digest}-{Path(value).name}")
                        row[key] = external[value]
                lines.append(json.dumps(row, ensure_ascii=False))
            counts[table.name] = len(lines)
            add_bytes(f"tables/{table.name}.jsonl", ("\n".join(lines) + "\n" if lines else "").encode("utf-8"))
        revision = MigrationContext.configure(conn).get_current_revision()
        archive_dir = settings.archive_dir
        files = sorted(p for p in archive_dir.rglob("*") if p.is_file()) if archive_dir.exists() else []
        for file in files:
            tar.add(file, arcname=f"archive/{file.relative_to(archive_dir).as_posix()}")
        for source, name in sorted(external.items()):
            tar.add(source, arcname=name)
        manifest = {"ailaw_backup": BACKUP_FORMAT, "revision": revision, "tables": counts,
                    "archive_files": len(files) + len(external),
                    "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}  # fmt: skip
        add_bytes("manifest.json", json.dumps(manifest, indent=1).encode("utf-8"))
    return manifest


def restore(path: Path) -> dict[str, Any]:
    """Restore a :func:`backup` into the configured data home, which must be empty (no document, no version):
    the rows with their ids, the archive files, then the search index rebuilt. The backup must come from the same
    schema revision (restore with the ailaw that made it, then upgrade)."""
    import json
    import tarfile

    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import func, select

    from store import dump
    from store.db import get_engine
    from store.settings import StoreSettings

    if not path.exists():
        raise NotFoundError(f"the backup {path} does not exist")
    _init()
    settings = StoreSettings()
    with tarfile.open(path, "r:gz") as tar:
        try:
            manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
        except KeyError:
            raise FetchError(f"{path} is not an ailaw backup (no manifest.json)") from None
        engine = get_engine()
        with engine.begin() as conn:
            revision = MigrationContext.configure(conn).get_current_revision()
            if manifest.get("revision") != revision:
                raise FetchError(f"{path} was made at schema revision {manifest.get('revision')}, this store is at "
                                 f"{revision}; restore it with the ailaw version that made it, then upgrade")  # fmt: skip
            by_name = {t.name: t for t in dump.tables()}
            for name in ("document", "version", "crawlrun"):
                if conn.execute(select(func.count()).select_from(by_name[name])).scalar():
                    raise FetchError(f"the data home {settings.home} is not empty ({name} has rows); restore into "
                                     "an empty home (a new AILAW_HOME, or a new database)")  # fmt: skip
            for table in dump.tables():
                conn.execute(table.delete())  # e.g. the change counter a fresh database starts with
                fh = tar.extractfile(f"tables/{table.name}.jsonl")
                if fh is None:
                    continue
                rows = (json.loads(line) for line in fh.read().decode("utf-8").splitlines() if line.strip())
                dump.load_rows(conn, table, rows)
        for info in tar.getmembers():
            if info.isfile() and info.name.startswith("archive/"):
                tar.extract(info, settings.home, filter="data")
    index(rebuild=True)
    return manifest
