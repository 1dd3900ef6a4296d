"""The `ailaw` command line. Thin: it parses arguments, calls ailaw.jobs and prints.

A command imports only what it needs (rich's tables and progress bars, the search, the store): `ailaw search`
starts in a fraction of a second (bench/README.md, "CLI").

Exit codes: 0 success, 1 error (one sentence on stderr; `--debug` shows the traceback), 2 usage.
"""

from __future__ import annotations

import atexit
import contextlib
import copy
import datetime as dt
import gc
import html
import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperCommand, TyperGroup, TyperOption

from ailaw import jobs
from store.errors import AilawError
from store.event_names import event_name


def _flags_take_no_value(params: list[Any]) -> list[Any]:
    """Typer 0.29's help shows a flag as if it took a value ("--json <bool>"); a flag shows no value type."""
    for param in params:
        if isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""
    return params


class _Command(TyperCommand):
    def get_params(self, ctx: Any) -> list[Any]:
        return _flags_take_no_value(super().get_params(ctx))


class _Group(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        return _flags_take_no_value(super().get_params(ctx))


class _Typer(typer.Typer):
    """ailaw's commands and command groups: their help lists flags without a value type."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cls=_Group, **kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Any:
        return super().command(*args, cls=_Command, **kwargs)


app = _Typer(
    name="ailaw",
    help="ailaw — a tracker of AI legislation: official sources, every version, multilingual search.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
STATE: dict[str, Any] = {"debug": False}
REPO_ROOT = Path(__file__).resolve().parent.parent


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show progress logs.")] = False,
) -> None:
    STATE["debug"] = debug
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if not (debug or verbose):  # a damaged PDF is one sentence of ours, not pypdf's own warnings before it
        logging.getLogger("pypdf").setLevel(logging.ERROR)
    STATE["log_level"] = logging.getLevelName(level)


def _json(data: Any) -> None:
    out.print_json(json.dumps(data, ensure_ascii=False, default=str))


def _print_summaries(summaries: list[jobs.CrawlSummary]) -> None:
    for s in summaries:
        out.print(escape(s.line()))
        for e in s.errors:
            if e.get("kind") != "miss":
                err.print(f"  error: {escape(e.get('url', ''))}: {escape(e.get('message', ''))}")


def Table(*columns: str, **kwargs: Any) -> Any:  # noqa: N802 - rich's Table, imported by the commands that print one
    from rich.table import Table as RichTable

    return RichTable(*columns, **kwargs)


def _index_with_progress(rebuild: bool) -> Any:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=err, transient=True) as progress:  # fmt: skip
        task = progress.add_task("indexing", total=None)

        def tick(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return jobs.index(rebuild=rebuild, progress=tick)


@app.command()
def crawl(
    spiders: Annotated[
        list[str] | None, typer.Argument(help="Spider names (default: all). See `ailaw sources`.")
    ] = None,
    replay: Annotated[Path | None, typer.Option(help="Serve responses from this WARC file; no network.")] = None,
    record: Annotated[Path | None, typer.Option(help="Write every request/response to this WARC file.")] = None,
    no_index: Annotated[bool, typer.Option("--no-index", help="Do not update the search index afterwards.")] = False,
    reparse: Annotated[
        bool, typer.Option("--reparse", help="Parse responses even when their body is unchanged (after a parser fix).")
    ] = False,
) -> None:
    """Crawl the official sources (live, or replayed from an archive) into the store, then index and match alerts.

    A killed crawl is resumed by running it again: what was stored is recognised, nothing is stored twice."""
    with err.status("crawling…"):
        summaries = jobs.crawl(spiders or None, replay=replay, record=record, reparse=reparse,
                               log_level=STATE.get("log_level", "WARNING"))  # fmt: skip
    _print_summaries(summaries)
    if not no_index:
        stats = _index_with_progress(False)
        out.print(f"index: {stats.documents} documents, {stats.versions} versions indexed in {stats.seconds:.1f} s")
        jobs.match_alerts()


@app.command()
def schedule(
    config: Annotated[
        Path | None, typer.Option(help="The schedule file (default $AILAW_SCHEDULE_FILE or $AILAW_HOME/schedule.toml).")
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Validate the file and print the schedule; run nothing.")
    ] = False,
    once: Annotated[bool, typer.Option("--once", help="Run every enabled source once now, then exit (cron).")] = False,
    duration: Annotated[
        float | None, typer.Option("--for", help="Stop after this many seconds (default: run until Ctrl+C).")
    ] = None,
) -> None:
    """Run the crawls on their schedule (cron per source), each then indexed and matched against alerts."""
    from ailaw import schedule as sched

    if config is not None and not config.is_file():  # a file named and missing is a typo, not "use the defaults"
        raise sched.ScheduleError(f"the schedule file {config} does not exist")
    entries = sched.load(config)
    table = Table("source", "cron (UTC)", "enabled", "replay", "next run")
    for e in entries:
        nxt = e.trigger().get_next_fire_time(None, dt.datetime.now(dt.UTC)) if e.enabled else None
        table.add_row(e.source, e.cron, "yes" if e.enabled else "no", escape(str(e.replay or "—")),
                      nxt.isoformat(timespec="seconds") if nxt else "—")  # fmt: skip
    out.print(table)
    if check:
        return
    if once:
        for e in entries:
            if e.enabled:
                out.print(escape(sched.run_source(e)))
        return
    out.print("running the schedule (Ctrl+C to stop)")
    sched.run(entries, duration=duration)


@app.command()
def export(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Directory to write the files to.")],
    format: Annotated[str, typer.Option("--format", help="csv | json | parquet")] = "csv",
    table: Annotated[
        list[str] | None,
        typer.Option("--table", help="documents, versions, events, relations, crawl_runs (default: the first four)."),
    ] = None,
) -> None:
    """Export documents, versions (full text), events and relations as CSV, JSON or Parquet."""
    for name, path in jobs.export(directory, fmt=format, what=table or None).items():
        out.print(f"{name}: {escape(str(path))}")


@app.command()
def backup(
    file: Annotated[Path, typer.Argument(help="The backup file to write (.tar.gz).")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace FILE if it exists (once the new backup is complete).")
    ] = False,
) -> None:
    """Back up the whole store and its WARC archive files into one file (the index is rebuilt on restore)."""
    manifest = jobs.backup(file, overwrite=force)
    n = manifest["archive_files"]
    out.print(f"{escape(str(file))}: {sum(manifest['tables'].values())} rows in {len(manifest['tables'])} tables, "
              f"{n} archive file{'' if n == 1 else 's'} (schema {manifest['revision']})")  # fmt: skip


@app.command()
def restore(file: Annotated[Path, typer.Argument(help="A file written by `ailaw backup`.")]) -> None:
    """Restore a backup into an empty data home (AILAW_HOME / AILAW_DATABASE_URL), then rebuild the index."""
    manifest = jobs.restore(file)
    out.print(f"restored {sum(manifest['tables'].values())} rows and {manifest['archive_files']} archive files; "
              "index rebuilt")  # fmt: skip


@app.command()
def status(as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """Crawl health per source: last run, up to date as of, health flags, items, errors by kind."""
    rows = jobs.status()
    if as_json:
        _json([h.as_json() for h in rows])
        return
    table = Table("source", "last run", "status", "up to date as of", "health", "items", "errors by kind", "took")
    now = dt.datetime.now(dt.UTC)
    for h in rows:
        as_of = "never"
        if h.up_to_date_as_of:
            hours = (now - h.up_to_date_as_of).total_seconds() / 3600
            replayed = ", replayed archive" if h.replayed else ""  # an archive read then, not the live source
            as_of = f"{h.up_to_date_as_of.isoformat(timespec='minutes')} ({hours:.0f} h ago{replayed})"
        errors = ", ".join(f"{k} {n}" for k, n in sorted(h.last_errors_by_kind.items())) or "—"
        health = "[green]ok[/green]" if h.healthy else f"[red]sick: {', '.join(h.flags)}[/red]"
        if h.not_configured:  # waits for its API key: not stale when it never ran
            health = (f"[yellow]not configured — needs {h.not_configured}[/yellow]" if h.healthy
                      else f"{health}; [yellow]needs {h.not_configured}[/yellow]")  # fmt: skip
        table.add_row(h.source, h.last_run_at.isoformat(timespec="minutes") if h.last_run_at else "—",
                      h.last_status or "—", as_of, health, str(h.last_items), escape(errors),
                      f"{h.last_duration_s:.1f} s" if h.last_duration_s is not None else "—")  # fmt: skip
    out.print(table)


@app.command()
def track(
    url: Annotated[
        str, typer.Argument(help="The official URL of a document (EUR-Lex, Cellar, ELI, pravo.gov.ru, SOZD…).")
    ],
    replay: Annotated[Path | None, typer.Option(help="Serve responses from this WARC file; no network.")] = None,
) -> None:
    """Add one document by its official URL; the spider is chosen from the URL."""
    with err.status("fetching…"):
        summaries = jobs.track(url, replay=replay)
    _print_summaries(summaries)
    jobs.index()


@app.command()
def index(
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Recreate the index from the database.")] = False,
) -> None:
    """Bring the search index up to date (new and changed documents only, unless --rebuild)."""
    stats = _index_with_progress(rebuild)
    out.print(f"index: {stats.documents} documents, {stats.versions} versions indexed in {stats.seconds:.1f} s")


def _parse_date(value: str | None, option: str, *, end: bool | None = None) -> dt.date | None:
    """A date option; ``end``: the start (False) or the end (True) of a period, where a year is all of it."""
    if not value:
        return None
    from store.dates import parse_user_date

    parsed = parse_user_date(value, end=end)
    if parsed is None:
        raise typer.BadParameter(f"cannot read {value!r} as a date (try 2024-07-12)", param_hint=option)
    return parsed


def _plain(fragment: str) -> str:
    """A highlight as terminal text: matched words in «», HTML entities resolved."""
    return html.unescape(fragment.replace("<mark>", "«").replace("</mark>", "»"))


def _provision_link(doc_id: str, p: Any) -> str:
    """The Document page at a provision, as a path of the UI (``ailaw ui``)."""
    from urllib.parse import urlencode

    params = {"id": doc_id, "provision": p.key}
    if p.version_id is not None:
        params["version"] = str(p.version_id)
    return "/document?" + urlencode(params)


def _hit_json(h: Any) -> dict[str, Any]:
    return {
        "id": h.id, "title": h.title, "jurisdiction": h.jurisdiction, "state": h.subdivision, "language": h.language,
        "type": h.type,
        "stage": h.stage, "date": h.date.isoformat() if h.date else None, "score": round(h.score, 4), "url": h.url,
        "highlights": h.highlights,
        "provisions": [{"key": p.key, "label": p.label, "official": p.official, "cited": p.cited,
                        "highlights": p.highlights, "link": _provision_link(h.id, p)} for p in h.provisions],
        "via": [{"concept": v.concept, "query_label": v.query_label, "query_lang": v.query_lang,
                 "matched_label": v.matched_label, "matched_lang": v.matched_lang} for v in h.via],
        "missing": h.missing,
        "has_text": h.has_text,
    }  # fmt: skip


def _search_notes(result: Any, all_documents: bool) -> list[str]:
    """What a lawyer should know about the results: a fallback, ignored words, what the filters hid."""
    notes = []
    if result.uncited:
        notes.append("No stored text has " + ", ".join(result.uncited) + " (under its official number).")
    if result.unidentified:
        notes.append(f"No tracked document has the identifier {result.unidentified}; "
                     + ("these texts cite it." if result.hits else "nor does any stored text cite it."))  # fmt: skip
    if result.relaxed:
        notes.append("No document has all the words; these have some of them, the most first.")
    if result.dropped:
        notes.append("Ignored common words: " + ", ".join(dict.fromkeys(result.dropped)) + ".")
    not_ai, filtered = result.hidden.get("not_ai", 0), result.hidden.get("filters", 0)
    if not_ai and not all_documents:
        notes.append(f"{not_ai} more matching document(s) not about AI are hidden: add --all to show them.")
    if filtered:
        notes.append(f"{filtered} matching document(s) are hidden by the filters.")
    if not result.hits and not notes:  # nothing found, nothing hidden: perhaps a name ailaw does not know yet
        notes.append("No document matches. If this is a popular name of a tracked document, `ailaw alias add NAME "
                     "--to ID --source WHERE` makes it findable after the next `ailaw index`.")  # fmt: skip
    return notes


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Query: words, "phrases", AND/OR/NOT, field:value, identifiers.')],
    jurisdiction: Annotated[str | None, typer.Option(help="EU, RU, US, …, or a US state as US-CA.")] = None,
    state: Annotated[str | None, typer.Option(help="A US state: CO, Colorado or US-CO.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="Document type (regulation, federal-law, bill…).")] = None,
    stage: Annotated[str | None, typer.Option(help="Stage (introduced, adopted, in-force…).")] = None,
    lang: Annotated[str | None, typer.Option(help="Language code (en, ru…).")] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Only documents dated on or after this date (a year or a month: from its first day)."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Only documents dated on or before this date (a year or a month: to its last day)."),
    ] = None,
    all_documents: Annotated[bool, typer.Option("--all", help="Include documents not about AI.")] = False,
    exact: Annotated[
        bool, typer.Option("--exact", help="Only the words as typed: no concepts, no other languages.")
    ] = False,
    limit: Annotated[int, typer.Option(min=1, max=500, help="Number of results.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print results as JSON (see README).")] = False,
) -> None:
    """Search the index."""
    result = jobs.search(
        query, jurisdiction=jurisdiction, subdivision=state, doc_type=type, stage=stage, language=lang,
        since=_parse_date(since, "--since", end=False), until=_parse_date(until, "--until", end=True),
        include_non_ai=all_documents, exact=exact, limit=limit, facets=False,
    )  # fmt: skip
    if as_json:
        for r in result.reversed_ranges:  # the JSON stays a list of hits: the sentence goes to stderr
            err.print(escape(r.sentence()))
        _json([_hit_json(h) for h in result.hits])
        return
    out.print(f"{result.total} result(s) for {escape(query)!r} in {result.took_ms:.0f} ms")
    for r in result.reversed_ranges:
        out.print(escape(r.sentence()))
    for n, h in enumerate(result.hits, 1):
        date = h.date.isoformat() if h.date else "—"
        out.print(f"{n:>2}. [bold]{escape(h.title)}[/bold]")
        where = _where(h.jurisdiction, h.subdivision)
        out.print(f"    {escape(h.id)} · {where} · {h.type} · {h.stage or '—'} · {date} · score {h.score:.2f}")
        for v in h.via:
            out.print(f"    via concept: {escape(str(v))}")
        for missing in h.missing:
            why = "not in the stored text of this document" if h.has_text else "ailaw stores no text of this document"
            out.print(f"    {escape(missing)}: {why}")
        if h.provisions:
            for p in h.provisions[:3]:
                mark = "→ " if p.cited else ""
                snippet = f": {_plain(p.highlights[0])}" if p.highlights else ""
                out.print(f"    {mark}{escape(p.label)}{escape(snippet)}")
        else:
            for frag in h.highlights[:2]:
                out.print(f"    {escape(_plain(frag))}")
    for note in _search_notes(result, all_documents):
        out.print(escape(note))


@app.command()
def concepts(
    query: Annotated[str, typer.Argument(help="Words to look up in the AI-law thesaurus (any language).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the concepts as JSON.")] = False,
) -> None:
    """Show the thesaurus concepts a query names: labels in every language, relevance, where each is defined."""
    found = jobs.concepts(query)
    if as_json:
        _json(found)
        return
    if not found:
        out.print(f"No concept of the thesaurus in {escape(query)!r}.")
        return
    for c in found:
        out.print(f"[bold]{escape(c['id'])}[/bold] ({c['relevance']}) — matched {escape(c['matched'])!r}")
        for lang, labels in c["labels"].items():
            close = " (≈ the nearest counterpart, not an equivalent)" if lang in c.get("close", []) else ""
            out.print(f"    {lang}: {escape('; '.join(labels))}{close}")
        for d in c["defined_in"]:
            out.print(f"    defined in: {escape(d['cite'])} ({escape(d['document'])})")


alias_app = _Typer(help="Popular names and abbreviations of documents (curated ones and your own).",
                        no_args_is_help=True)  # fmt: skip
app.add_typer(alias_app, name="alias")


@alias_app.command("list")
def alias_list(
    doc_id: Annotated[str | None, typer.Argument(metavar="[ID]", help="Only the aliases of this document.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the aliases as JSON.")] = False,
) -> None:
    """List the aliases in the store (curated and users')."""
    rows = jobs.aliases(doc_id)
    if as_json:
        _json(rows)
        return
    for r in rows:
        out.print(f"{escape(r['alias'])} → {escape(r['document_id'])} · {r['kind']} · {r['origin']} · "
                  f"{escape(r['source'])}")  # fmt: skip
    if not rows:  # it printed nothing
        where = f"of {doc_id}" if doc_id else "in the store"
        out.print(f"No aliases {escape(where)} (`ailaw alias add NAME --to ID --source WHERE` adds one).")


@alias_app.command("add")
def alias_add(
    name: Annotated[str, typer.Argument(help="The name or abbreviation, e.g. 'AIA'.")],
    to: Annotated[str, typer.Option("--to", help="The document id it names.")],
    source: Annotated[str, typer.Option(help="Where the name is used (a citation someone can check).")],
    lang: Annotated[str | None, typer.Option(help="Language of the name (en, ru…).")] = None,
    kind: Annotated[str, typer.Option(help="popular-name, abbreviation or short-title.")] = "popular-name",
) -> None:
    """Add your own alias of a document; it is searchable after the next `ailaw index`."""
    outcome = jobs.add_alias(name, doc_id=to, source=source, language=lang, kind=kind)
    said = {"insert": "added", "update": "updated"}.get(outcome)  # "noop": stored as it is
    if said is None:
        out.print(f"alias {escape(name)!r} → {escape(to)}: already stored, unchanged")
    else:
        out.print(f"alias {escape(name)!r} → {escape(to)}: {said}; searchable after the next `ailaw index`")


@alias_app.command("remove")
def alias_remove(
    name: Annotated[str, typer.Argument(help="The alias to remove.")],
    to: Annotated[str, typer.Option("--to", help="The document id it names.")],
) -> None:
    """Remove an alias (a curated one comes back with the next change of the curated list)."""
    if not jobs.remove_alias(name, doc_id=to):
        raise typer.BadParameter(f"{to} has no alias {name!r}", param_hint="NAME")
    out.print(f"alias {escape(name)!r} of {escape(to)} removed; no longer found after the next `ailaw index`")


def _version_json(v: Any) -> dict[str, Any]:
    return {
        "id": v.id, "label": v.label, "kind": v.kind, "date": v.date.isoformat() if v.date else None,
        "language": v.language, "sha256": v.sha256, "fetched_at": v.fetched_at.isoformat() if v.fetched_at else None,
        "source_url": v.source_url, "reconstructed": v.reconstructed, "notes": v.notes,
        "provenance": v.provenance, "provenance_detail": v.provenance_detail,
        "ref": v.ref, "translation_of": v.original_id,
        "archive": {"file": v.archive_file, "record_id": v.archive_record_id, "offset": v.archive_offset},
        "provisions": len(v.provisions), "characters": len(v.text),
    }  # fmt: skip


def _where(jurisdiction: str, subdivision: str | None) -> str:
    """The jurisdiction as the output names it: a US state's law as US-CO, else EU, RU…"""
    return f"{jurisdiction}-{subdivision.removeprefix('US-')}" if subdivision else jurisdiction


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="Document id, e.g. eu/celex/32024R1689.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the document as JSON (see README).")] = False,
) -> None:
    """Show one document: metadata, versions, stage history and relations."""
    detail = jobs.show(doc_id)
    d = detail.document
    if as_json:
        data = d.model_dump(mode="json")
        data["versions"] = [_version_json(v) for v in detail.versions]
        data["events"] = [
            {"date": e.date.isoformat() if e.date else None, "stage": e.stage, "raw": e.raw, "name": event_name(e.raw),
             "actor": e.actor, "reference": e.reference}
            for e in detail.events
        ]  # fmt: skip
        data["relations"] = [r.as_json() for r in detail.relations]
        _json(data)
        return
    out.print(f"[bold]{escape(d.title)}[/bold]")
    if d.original_title and d.original_title != d.title:
        out.print(escape(d.original_title))
    out.print(f"{escape(d.id)} · {_where(d.jurisdiction, d.subdivision)} · {d.doc_type} · stage: {d.stage or '—'}"
              + (f" ({escape(event_name(d.stage_raw))})" if d.stage_raw else ""))  # fmt: skip
    dates = [(k, getattr(d, f"date_{k}")) for k in ("introduced", "adopted", "published", "in_force")]
    out.print(" · ".join(f"{k.replace('_', ' ')} {v.isoformat()}" for k, v in dates if v) or "no dates")
    if d.identifiers:
        out.print("identifiers: " + ", ".join(f"{k} {escape(str(v))}" for k, v in d.identifiers.items()))
    out.print(
        f"AI-related: {'yes' if d.ai_relevant else 'no'}"
        + (f" ({escape(', '.join(d.ai_terms))})" if d.ai_terms else "")
        + (f" — because it {d.ai_via.get('kind', '').replace('-', ' ')} {escape(str(d.ai_via.get('title')))}"
           f" ({escape(str(d.ai_via.get('document_id')))})" if d.ai_via else "")
    )  # fmt: skip
    if d.url:
        out.print(f"official source: {escape(d.url)}")
    if d.reconstructed:
        out.print("[yellow]Some records behind this document were reconstructed from the source's documentation, "
                  "not recorded from the source.[/yellow]")  # fmt: skip
    for note in d.notes:
        out.print(f"note: {escape(note)}")
    if detail.events:
        out.print("\n[bold]Stages[/bold]")
        for e in detail.events:
            out.print(f"  {e.date.isoformat() if e.date else '—':<10}  {e.stage:<15} {escape(event_name(e.raw))}"
                      + (f" — {escape(e.actor)}" if e.actor else ""))  # fmt: skip
    if detail.versions:
        table = Table("id", "version", "kind", "date", "lang", "provisions", "sha256", "provenance", title="Versions")
        for v in detail.versions:
            who = ", ".join(str(v.provenance_detail[k]) for k in ("recorded_by", "recorded_at")
                            if v.provenance != "fetched" and v.provenance_detail.get(k))  # fmt: skip
            prov = v.provenance + (f" ({who})" if who else "") + (" · archived" if v.archive_file else "")
            kind = f"{v.kind} of {v.original_id}" if v.kind == "translation" and v.original_id else v.kind
            table.add_row(str(v.id), escape(v.label), kind, v.date.isoformat() if v.date else "—", v.language or "—",
                          str(len(v.provisions)), v.sha256[:12], prov)  # fmt: skip
        out.print(table)
    if detail.relations:
        out.print("\n[bold]Relations[/bold]")
        for r in detail.relations:
            label = f" — {escape(r.target_label)}" if r.target_label else ""
            target = f"{escape(r.ref)} → {escape(r.target_id)}" if r.ref else escape(r.target_id)  # cited → stored
            out.print(f"  {r.kind:<22} {target}{label}" + (f" ({r.date.isoformat()})" if r.date else ""))
            if provisions := (r.detail or {}).get("provisions"):  # the provisions an amendment changes (UK effects)
                out.print(f"  {'':<22} {escape(str(provisions))}")


@app.command()
def sources(as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """List the sources ailaw crawls, with what the store holds from each."""
    rows = jobs.sources()
    if as_json:
        _json(rows)
        return
    table = Table("spider", "source", "jurisdiction", "documents", "AI", "versions", "relations", "last run")
    for r in rows:
        table.add_row(r["source"], escape(r["name"]), r["jurisdiction"], str(r["documents"]), str(r["ai_documents"]),
                      str(r["versions"]), str(r["relations"]), r["last_run"] or "—")  # fmt: skip
    out.print(table)


@app.command()
def settings() -> None:
    """List every setting, its environment variable and default (secrets never show a value)."""
    from ailaw.settings import documented_settings

    table = Table("environment variable", "default", "description")
    for s in documented_settings():
        table.add_row(s.env, "(secret)" if s.secret else escape(s.default), escape(s.description))
    out.print(table)


def _run_ui(port: int) -> None:
    env = dict(os.environ)
    cmd = [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "ui" / "app.py"), "--server.headless=true",
           f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false"]  # fmt: skip
    out.print(f"ailaw UI on http://127.0.0.1:{port} (Ctrl+C to stop)")
    with contextlib.suppress(KeyboardInterrupt):
        import subprocess

        subprocess.run(cmd, env=env, check=False)


@app.command()
def ui(port: Annotated[int, typer.Option(help="Port to serve on.")] = 8501) -> None:
    """Open the Streamlit app (search, documents, sources)."""
    _run_ui(port)


@app.command()
def demo(
    no_ui: Annotated[bool, typer.Option("--no-ui", help="Only load the demo data; do not start the UI.")] = False,
    port: Annotated[int, typer.Option(help="Port for the UI.")] = 8501,
) -> None:
    """Replay the recorded demo archive into ./data, index it, print a summary and open the UI."""
    with err.status("replaying the demo archive…"):
        summaries = jobs.demo()
    _print_summaries(summaries)
    rows = jobs.sources()
    table = Table("source", "documents", "AI-related", "versions", "relations", "events", title="ailaw demo")
    for r in rows:
        table.add_row(r["source"], str(r["documents"]), str(r["ai_documents"]), str(r["versions"]),
                      str(r["relations"]), str(r["events"]))  # fmt: skip
    out.print(table)
    out.print('Try: ailaw search "high-risk AI systems"  ·  ailaw show eu/celex/32024R1689  ·  '
              'ailaw search "искусственному интеллекту"')  # fmt: skip
    if not no_ui:
        _run_ui(port)


@app.command()
def diff(
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="Document id, e.g. eu/celex/52021PC0206.")],
    from_version: Annotated[
        str | None, typer.Option("--from", help="Reference version: id, date or part of its label.")
    ] = None,
    to_version: Annotated[
        str | None, typer.Option("--to", help="Compared version: id, date or part of its label.")
    ] = None,
    against: Annotated[
        str | None, typer.Option(help="Compare with a version of another document (e.g. the final act).")
    ] = None,
    against_version: Annotated[
        str | None, typer.Option("--against-version", help="Version of the --against document.")
    ] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Compare with the text in force on this date.")] = None,
    format: Annotated[str, typer.Option("--format", help="text | html | json")] = "text",
    output: Annotated[Path | None, typer.Option(help="Write to this file instead of the terminal.")] = None,
    lang: Annotated[str, typer.Option(help="Language of the summary: en, ru, ko (제17조의2 신설) or ja.")] = "en",
    all_provisions: Annotated[bool, typer.Option("--all", help="Text/HTML: show unchanged provisions too.")] = False,
) -> None:
    """Compare two versions provision by provision: moved, inserted, deleted and amended provisions, word redline."""
    from compare import to_html, to_json, to_text

    if format not in ("text", "html", "json"):
        raise typer.BadParameter("use text, html or json", param_hint="--format")
    if lang not in ("en", "ru", "ko", "ja"):  # the summary's languages: "de" would silently be English
        raise typer.BadParameter("use en, ru, ko or ja", param_hint="--lang")
    result = jobs.diff(doc_id, from_version=from_version, to_version=to_version, against=against,
                       against_version=against_version, as_of=_parse_date(as_of, "--as-of"))  # fmt: skip
    if format == "json":
        body = json.dumps(to_json(result), ensure_ascii=False, indent=1)
    elif format == "html":
        body = to_html(result, lang=lang, changed_only=not all_provisions)
    else:
        body = to_text(result, lang=lang, changed_only=not all_provisions)
    if output is not None:
        output.write_text(body, encoding="utf-8")
        c = result.counts
        out.print(f"{escape(str(output))}: {c['moved']} moved, {c['inserted']} inserted, {c['deleted']} deleted, "
                  f"{c['changed'] + c['replaced']} amended")  # fmt: skip
    elif format == "text":
        sys.stdout.write(body)
    else:
        sys.stdout.write(body + "\n")


@app.command("import")
def import_(
    file: Annotated[
        Path, typer.Argument(help="A PDF (with a text layer), DOCX, DOC, RTF, HTML, TXT or Markdown file.")
    ],
    into: Annotated[str, typer.Option("--into", help="Document id the version belongs to (created if unknown).")],
    label: Annotated[str, typer.Option(help='What the version is, e.g. "Council general approach, 6.12.2022".')],
    date: Annotated[str | None, typer.Option(help="Date of the text (e.g. 2022-12-06).")] = None,
    kind: Annotated[str, typer.Option(help="Version kind: imported, draft, edition, consolidated, …")] = "imported",
    language: Annotated[str | None, typer.Option(help="Language code of the text (en, ru…).")] = None,
) -> None:
    """Add a version from a local file that no spider can reach (a compromise text, a draft received by email)."""
    result = jobs.import_file(file, into=into, label=label, date=_parse_date(date, "--date"), kind=kind,
                              language=language)  # fmt: skip
    what = "stored as version" if result.outcome == "insert" else "already stored as version"
    out.print(f"{escape(result.document_id)}: {escape(file.name)} {what} {result.version_id} "
              f"({result.words:,} words, {result.provisions} provisions)")  # fmt: skip


@app.command()
def versions(
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="Document id.")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Say which version was in force on this date.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """List a document's versions with their dates, kinds and in-force periods (point in time)."""
    data = jobs.versions(doc_id, as_of=_parse_date(as_of, "--as-of"))
    if as_json:
        _json(data)
        return
    table = Table("id", "version", "kind", "date", "in force from", "until")
    for v in data["versions"]:
        table.add_row(str(v["id"]), escape(v["label"]), v["kind"], v["date"] or "—", v["in_force_from"] or "—",
                      v["in_force_until"] or ("—" if not v["in_force_from"] else "today"))  # fmt: skip
    out.print(table)
    if "as_of" in data:
        a = data["as_of"]
        if a["version_id"] is None:
            out.print(f"No dated version was in force on {a['date']}.")
        else:
            said = "In force on" if a["in_force"] else "The text as it stood on"
            out.print(f"{said} {a['date']}: version {a['version_id']} — {escape(a['label'])}")


# --- alerts -----------------------------------------------------------------------------------------------------

alerts_app = _Typer(
    help="Alert subscriptions: saved searches, watched documents and provisions, topics — by e-mail, webhook, "
    "Atom feed or Telegram.",
    no_args_is_help=True,
)
app.add_typer(alerts_app, name="alerts")


@alerts_app.command("add")
def alerts_add(
    kind: Annotated[
        str | None, typer.Argument(help="search | document | provision | topic (topic when --topic is given)")
    ] = None,
    what: Annotated[
        str | None, typer.Argument(help="The query (search, topic keywords) or the document id (document, provision).")
    ] = None,
    to: Annotated[str | None, typer.Option("--to", help="E-mail address, webhook URL or Telegram chat id.")] = None,
    channel: Annotated[str, typer.Option(help="email | webhook | feed | telegram")] = "email",
    subscriber: Annotated[
        str | None, typer.Option(help="Who subscribes (their e-mail address); default: the --to address.")
    ] = None,
    provision: Annotated[
        str | None, typer.Option(help='The watched provision: "Article 50", art_50, "Статья 6".')
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option(
            help='A thesaurus concept to follow, by any of its labels in any language: "high-risk AI system".'
        ),
    ] = None,
    exact: Annotated[
        bool, typer.Option("--exact", help="A saved search without concept expansion: only the words as typed.")
    ] = False,
    jurisdiction: Annotated[str | None, typer.Option(help="Filter: EU, RU, …, or a US state as US-CA.")] = None,
    state: Annotated[str | None, typer.Option(help="Filter: a US state (CO, Colorado or US-CO).")] = None,
    type: Annotated[str | None, typer.Option("--type", help="Filter: document type.")] = None,
    stage: Annotated[str | None, typer.Option(help="Filter: stage.")] = None,
    lang: Annotated[str | None, typer.Option(help="Filter: language of the documents.")] = None,
    all_documents: Annotated[bool, typer.Option("--all", help="Include documents not about AI.")] = False,
    trigger: Annotated[
        list[str] | None,
        typer.Option(
            help="new-document, new-version, stage, relation, discussion-opened, discussion-closed "
            "(repeat; default: all that apply)."
        ),
    ] = None,
    frequency: Annotated[str, typer.Option(help="immediate | daily | weekly")] = "immediate",
    quiet: Annotated[str | None, typer.Option(help="Quiet hours, e.g. 22:00-07:00 (held until they end).")] = None,
    cap: Annotated[int | None, typer.Option(min=1, max=1000, help="Entries per alert before an 'N more' line.")] = None,
    language: Annotated[str, typer.Option(help="Language of the alerts: en or ru.")] = "en",
    timezone: Annotated[str, typer.Option(help="Time zone of digests and quiet hours, e.g. Europe/Moscow.")] = "UTC",
    name: Annotated[str | None, typer.Option(help="A name for the subscription.")] = None,
) -> None:
    """Subscribe to alerts. A new e-mail address is sent a confirmation link first."""
    filters = {k: v for k, v in {"jurisdiction": jurisdiction, "subdivision": state, "doc_type": type, "stage": stage,
                                  "language": lang,
                                  "include_non_ai": all_documents or None}.items() if v}  # fmt: skip
    doc_kinds = ("document", "provision")
    if kind is None and not topic:
        raise typer.BadParameter("say what to follow: search, document, provision or topic (or --topic LABEL).")
    kind = kind or "topic"
    created = jobs.add_alert(
        kind=kind, channel=channel, target=to, subscriber=subscriber, name=name,
        query=what if kind not in doc_kinds else None, document_id=what if kind in doc_kinds else None,
        provision=provision, filters=filters, triggers=trigger or None, frequency=frequency, quiet_hours=quiet,
        cap=cap, language=language, timezone=timezone, concept=topic, exact=exact,
    )  # fmt: skip
    sub = created.subscription
    to = "Atom feed" if sub.channel == "feed" else f"{sub.channel} {escape(sub.target)}"  # a feed's target is "feed"
    out.print(f"subscription {sub.id}: {escape(sub.name)} → {to} ({sub.frequency})")
    if created.confirmation_sent and created.confirmation_error:
        why = escape(created.confirmation_error.rstrip("."))
        out.print(f"The confirmation link to {escape(sub.target)} is not sent yet: {why}; `ailaw alerts send` tries "
                  "again, and nothing else is sent before it is opened.")  # fmt: skip
    elif created.confirmation_sent:
        out.print(f"A confirmation link was sent to {escape(sub.target)}; nothing else is sent before it is opened.")
    elif sub.channel == "email" and not created.address_confirmed:
        out.print(f"{escape(sub.target)} has not confirmed its subscription yet (see the confirmation e-mail).")
    if sub.channel == "feed":
        from alerts.feed import feed_path

        out.print(f"Atom feed: {escape(str(feed_path(sub.feed_token)))} (written when its first alert is delivered)")


@alerts_app.command("list")
def alerts_list(
    subscriber: Annotated[str | None, typer.Option(help="Only this subscriber's subscriptions.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """List subscriptions with their channel, frequency and alerts waiting."""
    rows = jobs.list_alerts(subscriber=subscriber)
    if as_json:
        _json(rows)
        return
    table = Table("id", "subscriber", "name", "kind", "channel", "target", "frequency", "waiting", "confirmed")
    for r in rows:
        kind = r["kind"] + (" (exact)" if r.get("exact") else "") + (f" ({r['concept']})" if r.get("concept") else "")
        table.add_row(str(r["id"]), escape(r["subscriber"]), escape(r["name"]), escape(kind), r["channel"],
                      escape(r["target"]), r["frequency"], str(r["waiting"]), "yes" if r["confirmed"] else "no")  # fmt: skip
    out.print(table)


@alerts_app.command("remove")
def alerts_remove(subscription_id: Annotated[int, typer.Argument(metavar="ID", help="Subscription id.")]) -> None:
    """Remove a subscription (its past alerts stay in the inbox)."""
    name = jobs.remove_alert(subscription_id)
    out.print(f"removed subscription {subscription_id}: {escape(name)}")


@alerts_app.command("test")
def alerts_test(subscription_id: Annotated[int, typer.Argument(metavar="ID", help="Subscription id.")]) -> None:
    """Send a test message through a subscription's channel now."""
    d = jobs.test_alert(subscription_id)
    if d.status == "sent":
        out.print(f"test message sent to {d.channel} {escape(d.target)}")
    else:
        err.print(f"test message not sent yet ({escape(d.last_error or d.status)}); it will be retried")
        raise typer.Exit(1)


@alerts_app.command("run")
def alerts_run() -> None:
    """Match new changes to subscriptions, then send what is due (what a scheduler runs after each crawl)."""
    matched, sent = jobs.run_alerts()
    out.print(escape(matched.line()))
    out.print(escape(sent.line()))
    for e in sent.errors:
        err.print(f"  {escape(e)}")


@alerts_app.command("send")
def alerts_send(
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Also try again the messages whose tries ran out.")
    ] = False,
) -> None:
    """Send the alerts and digests that are due, and retry the ones that failed before."""
    sent = jobs.send_alerts(retry_failed=retry_failed)
    out.print(escape(sent.line()))
    for e in sent.errors:
        err.print(f"  {escape(e)}")


@alerts_app.command("confirm")
def alerts_confirm(token: Annotated[str, typer.Argument(help="The token of the confirmation e-mail.")]) -> None:
    """Confirm an e-mail address (the link in the confirmation e-mail does the same)."""
    address = jobs.confirm_alerts(token)
    out.print(f"{escape(address)} confirmed: its alerts will be sent.")


@alerts_app.command("inbox")
def alerts_inbox(
    subscriber: Annotated[str, typer.Argument(help="The subscriber's address.")],
    limit: Annotated[int, typer.Option(min=1, max=500, help="Number of messages.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """The alerts sent to a subscriber (newest first) with what each said."""
    rows = jobs.alert_inbox(subscriber, limit=limit)
    if as_json:
        _json(rows)
        return
    if not rows:  # not a silent blank: the address may be mistyped, or nothing was sent yet
        out.print(f"No alerts for {escape(subscriber)} yet (`ailaw alerts list` shows the subscriptions).")
    for r in rows:
        when = r["sent_at"] or r["created_at"]
        out.print(f"[bold]{escape(r['subject'])}[/bold] · {r['channel']} · {r['status']} · {when}")
        out.print(escape(r["text"]))


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command that ``args`` invokes, when they name one of its own commands: typer builds
    every registered command and its parameters before it dispatches (≈ 0.01–0.02 s of each start, 29 commands);
    the invoked command is built, parsed, helped and run as in the whole app. ``ailaw``, ``ailaw --help``, a command
    group (``alerts``) and a name that is no command get the whole app."""
    rest = list(args)
    while rest and rest[0] in ("--debug", "--verbose", "-v"):  # the callback's options: flags, no values
        rest.pop(0)
    if not rest:
        return app
    named = [c for c in app.registered_commands
             if (c.name or typer.main.get_command_name(getattr(c.callback, "__name__", ""))) == rest[0]]  # fmt: skip
    if len(named) != 1:
        return app
    lean = copy.copy(app)  # its callback stays: a group of one command, as the whole app's
    lean.registered_commands = named
    lean.registered_groups = []
    return lean


def main() -> None:
    # ailaw uses no pydantic plugins; looking for them reads every installed package's metadata (≈ 0.05–0.1 s of each
    # command's start, for the settings and typer's parameter types). A value the user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # At exit Python runs full garbage collections over every object the command made, only to free memory that the
    # operating system takes back anyway (≈ 0.1 s of CPU after `ailaw search`, a fifth of it); frozen at exit, they
    # are left out. The exit handlers still run, and the objects freed as the modules are cleared are still closed.
    atexit.unregister(gc.freeze)  # once, though a test calls main() many times in one process
    atexit.register(gc.freeze)
    try:
        _app_for(sys.argv[1:])(standalone_mode=False)
    except AilawError as exc:
        if STATE.get("debug"):
            raise
        err.print(f"error: {escape(str(exc))}")
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(1)
    except Exception as exc:
        if hasattr(exc, "exit_code") and hasattr(exc, "show"):  # click/typer usage errors: message + exit 2
            exc.show()
            sys.exit(exc.exit_code)
        if STATE.get("debug"):
            raise
        err.print(f"error: {escape(type(exc).__name__)}: {escape(str(exc))} (run with --debug for details)")
        sys.exit(1)


if __name__ == "__main__":
    main()
