"""Crawl health per source, from its crawl runs: when it was last up to date, and whether it looks sick.

A run *succeeded* when it finished and found something (items, or responses recognised as unchanged). A source is
**up to date as of** the start of its last successful run. Flags (``HealthFlag``):

- ``empty``: the last run finished but found nothing (no item, no unchanged response) — a markup change, a wall;
- ``waf``: the last run met a WAF / anti-bot challenge instead of a document;
- ``errors``: the last run's error rate (errors per response) jumped: over 20 % and over twice the median of the
  runs before it;
- ``stale``: no successful run for longer than twice the source's schedule interval (default one day) plus an hour;
- ``interrupted`` / ``failed``: the last run did not finish (a killed process, a timeout, a crash).

A source that needs an API key that is not set is **not configured** (``not_configured`` names the environment
variable): never run, it is not stale, it waits for its key.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlmodel import Session, col, select

from store.models import CrawlRun
from store.vocab import RUN_WARNING_KINDS

DEFAULT_INTERVAL = dt.timedelta(days=1)
GRACE = dt.timedelta(hours=1)
HISTORY = 6  # runs considered for the error-rate baseline


class HealthFlag(StrEnum):
    EMPTY = "empty"
    WAF = "waf"
    ERRORS = "errors"
    STALE = "stale"
    INTERRUPTED = "interrupted"
    FAILED = "failed"


@dataclass
class SourceHealth:
    source: str
    runs: int
    last_run_at: dt.datetime | None
    last_status: str | None
    up_to_date_as_of: dt.datetime | None  # start of the last successful run
    flags: list[str] = field(default_factory=list)
    last_items: int = 0
    last_errors_by_kind: dict[str, int] = field(default_factory=dict)
    last_duration_s: float | None = None
    last_bytes: int = 0
    # the run behind up_to_date_as_of replayed an archive: it says when the archive was read, not when the live
    # source was last seen (the demo, trials)
    replayed: bool = False
    not_configured: str | None = None  # the environment variable of the API key it needs and lacks

    @property
    def healthy(self) -> bool:
        return not self.flags

    def as_json(self) -> dict[str, Any]:
        def iso(d: dt.datetime | None) -> str | None:
            return d.isoformat(timespec="seconds") if d else None

        return {
            "source": self.source, "runs": self.runs, "last_run_at": iso(self.last_run_at),
            "last_status": self.last_status, "up_to_date_as_of": iso(self.up_to_date_as_of),
            "healthy": self.healthy, "flags": self.flags, "last_items": self.last_items,
            "last_errors_by_kind": self.last_errors_by_kind, "last_duration_s": self.last_duration_s,
            "last_bytes": self.last_bytes, "replayed": self.replayed, "not_configured": self.not_configured,
        }  # fmt: skip


def _aware(when: dt.datetime | None) -> dt.datetime | None:
    return when if when is None or when.tzinfo else when.replace(tzinfo=dt.UTC)


def succeeded(run: CrawlRun) -> bool:
    return run.status == "finished" and (run.items > 0 or run.unchanged_responses > 0)


def _error_rate(run: CrawlRun) -> float:
    errors = sum(n for kind, n in (run.errors_by_kind or {}).items() if kind not in RUN_WARNING_KINDS | {"miss"})
    return errors / max(run.responses or 0, 1)


def assess(source: str, runs: list[CrawlRun], *, interval: dt.timedelta | None = None,
           now: dt.datetime | None = None) -> SourceHealth:  # fmt: skip
    """Health of one source from its runs, newest first."""
    now = now or dt.datetime.now(dt.UTC)
    if not runs:
        return SourceHealth(source=source, runs=0, last_run_at=None, last_status=None, up_to_date_as_of=None,
                            flags=[HealthFlag.STALE])  # fmt: skip
    last = runs[0]
    done = [r for r in runs if r.status != "running"]
    success = next((r for r in runs if succeeded(r)), None)
    health = SourceHealth(
        source=source, runs=len(runs), last_run_at=_aware(last.started_at), last_status=last.status,
        up_to_date_as_of=_aware(success.started_at) if success else None, last_items=last.items,
        last_errors_by_kind=dict(last.errors_by_kind or {}), last_duration_s=last.duration_s, last_bytes=last.bytes,
        replayed=success is not None and success.mode == "replay",
    )  # fmt: skip
    flags: list[str] = []
    judged = done[0] if done else None
    if judged is not None:
        if judged.status in (HealthFlag.INTERRUPTED, HealthFlag.FAILED):
            flags.append(judged.status)
        if (judged.errors_by_kind or {}).get("waf"):
            flags.append(HealthFlag.WAF)
        if judged.status == "finished" and not succeeded(judged):
            flags.append(HealthFlag.EMPTY)
        rate = _error_rate(judged)
        before = [_error_rate(r) for r in done[1 : 1 + HISTORY]]
        baseline = statistics.median(before) if before else 0.0
        if rate > 0.2 and rate > 2 * baseline:
            flags.append(HealthFlag.ERRORS)
    limit = 2 * (interval or DEFAULT_INTERVAL) + GRACE
    if health.up_to_date_as_of is None or now - health.up_to_date_as_of > limit:
        flags.append(HealthFlag.STALE)
    health.flags = [str(f) for f in flags]
    return health


def source_health(*, session: Session, sources: list[str], intervals: dict[str, dt.timedelta] | None = None,
                  now: dt.datetime | None = None, unconfigured: dict[str, str] | None = None) -> list[SourceHealth]:  # fmt: skip
    """Health of each source (its last runs), in the order given. ``unconfigured``: source -> the environment
    variable of the API key it needs and lacks; such a source never run has no flag (it is not stale)."""
    out = []
    for source in sources:
        runs = session.exec(
            select(CrawlRun).where(CrawlRun.spider == source).order_by(col(CrawlRun.id).desc()).limit(HISTORY + 1)
        ).all()
        health = assess(source, list(runs), interval=(intervals or {}).get(source), now=now)
        health.not_configured = (unconfigured or {}).get(source)
        if health.not_configured and not runs:
            health.flags = []
        out.append(health)
    return out


def run_history(*, session: Session, limit: int = 500) -> list[dict[str, Any]]:
    """The last runs of every source, oldest first, as plain rows (the Operations page's chart)."""
    runs = session.exec(select(CrawlRun).order_by(col(CrawlRun.id).desc()).limit(limit)).all()
    return [
        {"run": r.id, "source": r.spider, "started_at": _aware(r.started_at), "status": r.status, "items": r.items,
         "new_versions": r.new_versions, "errors": sum((r.errors_by_kind or {}).values()),
         "responses": r.responses, "bytes": r.bytes, "duration_s": r.duration_s, "trigger": r.trigger}
        for r in reversed(runs)
    ]  # fmt: skip
