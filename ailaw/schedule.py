"""Scheduled crawls: one validated config with a cron expression per source, run by APScheduler.

The config is a TOML file (``AILAW_SCHEDULE_FILE``, default ``$AILAW_HOME/schedule.toml``; without one, every
source runs daily at its default time below)::

    [defaults]
    cron = "0 3 * * *"          # minute hour day month weekday (UTC); a sixth leading field gives seconds
    index = true                # bring the search index up to date after each crawl
    alerts = true               # then match and send alerts (ailaw.jobs.run_alerts)

    [sources.eu_cellar]
    cron = "0 */6 * * *"

    [sources.ru_duma]
    enabled = false             # no API keys

    [sources.ru_pravo]
    cron = "30 4 * * *"
    replay = "/srv/archives/ru.warc.gz"   # replay this archive instead of fetching (trials, tests)

Every problem of the file is reported at start, each in one sentence naming its section and line; nothing runs
until the file is right. Each run takes the source's cross-process lock (``store.locks``): a crawl of a source
still running (here, in another scheduler, or by hand) makes the next one skip, never overlap. After a crawl the
schedule calls the same job functions as the CLI: ``jobs.crawl``, ``jobs.index``, ``jobs.run_alerts`` (match, then
send), then ``jobs.check_health`` (an operator alert, ``jobs.operator_alert``, for a source that turned sick).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.errors import AilawError

if TYPE_CHECKING:
    from apscheduler.events import JobSubmissionEvent

logger = logging.getLogger(__name__)

# Staggered defaults: one source at a time in the small hours (UTC).
DEFAULT_CRON = {
    "eu_cellar": "0 2 * * *",
    "ru_pravo": "20 2 * * *",
    "ru_sozd": "40 2 * * *",
    "ru_regulation": "0 3 * * *",
    "ru_duma": "20 3 * * *",
}
FALLBACK_CRON = "50 3 * * *"
_KNOWN_KEYS = {"cron", "enabled", "replay", "index", "alerts"}


class ScheduleError(AilawError):
    """The schedule file is wrong; the message lists every problem."""


@dataclass(frozen=True)
class SourceSchedule:
    source: str
    cron: str
    enabled: bool = True
    replay: Path | None = None
    index: bool = True
    alerts: bool = True

    def trigger(self) -> Any:
        return cron_trigger(self.cron)

    def interval(self) -> dt.timedelta:
        """The time between two runs (the first two after now): what "stale" is measured against."""
        trig = self.trigger()
        now = dt.datetime.now(dt.UTC)
        first = trig.get_next_fire_time(None, now)
        second = trig.get_next_fire_time(first, first + dt.timedelta(seconds=1)) if first else None
        return (second - first) if first and second else dt.timedelta(days=1)


def cron_trigger(expr: str) -> Any:
    """An APScheduler CronTrigger (UTC) from 5 crontab fields, or 6 with a leading seconds field.

    >>> cron_trigger("*/2 * * * * *").fields[-1].name
    'second'
    """
    from apscheduler.triggers.cron import CronTrigger

    fields = expr.split()
    if len(fields) == 5:
        return CronTrigger.from_crontab(expr, timezone="UTC")
    if len(fields) == 6:
        second, minute, hour, day, month, dow = fields
        return CronTrigger(second=second, minute=minute, hour=hour, day=day, month=month, day_of_week=dow,
                           timezone="UTC")  # fmt: skip
    raise ValueError(f"a cron expression has 5 fields (minute hour day month weekday), or 6 with seconds first; "
                     f"{expr!r} has {len(fields)}")  # fmt: skip


def default_path() -> Path:
    import os

    from store.settings import StoreSettings

    return Path(os.environ.get("AILAW_SCHEDULE_FILE") or StoreSettings().home / "schedule.toml")


def _line_of(text: str, pattern: str) -> int:
    m = re.search(pattern, text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def load(path: Path | None = None, *, sources: list[str] | None = None) -> list[SourceSchedule]:
    """The validated schedule: every known source with its cron (the file's, else the defaults).

    Raises ScheduleError listing every problem, one sentence each, with the line it is on."""
    from crawler.spiders import all_spiders

    known = sources or [s.name for s in all_spiders()]
    path = path or default_path()
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScheduleError(f"{path}: {exc}") from None
    problems: list[str] = []
    defaults = data.get("defaults", {}) or {}

    def section_line(name: str) -> int:
        return _line_of(text, r"^\[" + re.escape(name) + r"\]")

    for key in data:
        if key not in ("defaults", "sources"):
            problems.append(f"{path}:{section_line(key)}: unknown section [{key}] (use [defaults] and [sources.NAME])")
    for key in defaults:
        if key not in _KNOWN_KEYS - {"replay"}:
            problems.append(f"{path}:{section_line('defaults')}: unknown setting {key!r} in [defaults]")
    entries = data.get("sources", {}) or {}
    for name in entries:
        if name not in known:
            problems.append(f"{path}:{section_line('sources.' + name)}: no source named {name!r} "
                            f"(known: {', '.join(known)})")  # fmt: skip
    out = []
    for name in known:
        entry = entries.get(name, {}) or {}
        where = f"{path}:{section_line('sources.' + name)}: [sources.{name}]"
        for key in entry:
            if key not in _KNOWN_KEYS:
                problems.append(f"{where}: unknown setting {key!r} (known: {', '.join(sorted(_KNOWN_KEYS))})")
        cron = entry.get("cron") or defaults.get("cron") or DEFAULT_CRON.get(name, FALLBACK_CRON)
        try:
            cron_trigger(str(cron))
        except (ValueError, TypeError) as exc:
            problems.append(f"{where}: cron {cron!r} is not valid: {exc}")
            continue
        flags = {}
        for key in ("enabled", "index", "alerts"):
            value = entry.get(key, defaults.get(key, True))
            if not isinstance(value, bool):
                problems.append(f"{where}: {key} must be true or false, not {value!r}")
            flags[key] = bool(value)
        replay = entry.get("replay")
        if replay is not None:
            replay = (path.parent / str(replay)).resolve() if not Path(str(replay)).is_absolute() else Path(replay)
            if not replay.exists():
                problems.append(f"{where}: the replay archive {replay} does not exist")
        out.append(SourceSchedule(source=name, cron=str(cron), replay=replay, **flags))
    if problems:
        raise ScheduleError("the schedule has problems:\n" + "\n".join(f"- {p}" for p in problems))
    return out


def run_source(entry: SourceSchedule) -> str:
    """One scheduled run of a source: crawl under its lock, then index, alerts and health, as the CLI would.
    Returns what happened in one line (also logged)."""
    from ailaw import jobs

    try:
        summaries = jobs.crawl([entry.source], replay=entry.replay, trigger="schedule", index_after=entry.index,
                               alerts_after=entry.alerts)  # fmt: skip
    except jobs.SourceBusy as exc:
        logger.warning("schedule: %s", exc)
        return f"{entry.source}: skipped ({exc})"
    except AilawError as exc:
        logger.error("schedule: %s: %s", entry.source, exc)
        jobs.check_health()
        return f"{entry.source}: failed ({exc})"
    jobs.check_health()
    line = "; ".join(s.line() for s in summaries)
    logger.warning("schedule: %s", line)
    return line


def _log_due(event: JobSubmissionEvent) -> None:
    """Log the time a run was due by its schedule (a busy machine may start it later; with ``coalesce`` one run
    stands for every missed time, and the line names the latest)."""
    due = max(event.scheduled_run_times)
    logger.warning("schedule: %s run due at %s", event.job_id, due.isoformat(timespec="seconds"))


def run(schedule: list[SourceSchedule], *, duration: float | None = None, stop: threading.Event | None = None) -> None:
    """Run the schedule until interrupted (or for ``duration`` seconds). One job per enabled source; a source's
    runs never overlap (``max_instances=1`` here, the source lock across processes); missed runs coalesce."""
    from apscheduler.events import EVENT_JOB_SUBMITTED
    from apscheduler.schedulers.background import BackgroundScheduler

    scheduler = BackgroundScheduler(timezone="UTC", job_defaults={"coalesce": True, "max_instances": 1,
                                                                  "misfire_grace_time": 3600})  # fmt: skip
    for entry in schedule:
        if entry.enabled:
            scheduler.add_job(run_source, entry.trigger(), args=[entry], id=entry.source, name=entry.source)
    scheduler.add_listener(_log_due, EVENT_JOB_SUBMITTED)
    scheduler.start()
    for job in scheduler.get_jobs():
        logger.warning("schedule: %s next at %s", job.id, job.next_run_time.isoformat(timespec="seconds"))
    stop = stop or threading.Event()
    deadline = time.monotonic() + duration if duration else None
    try:
        while not stop.is_set() and (deadline is None or time.monotonic() < deadline):
            stop.wait(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        scheduler.shutdown(wait=True)  # a crawl in progress finishes; nothing new starts
