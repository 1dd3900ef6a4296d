"""A crawl killed with SIGKILL, then run again, leaves the store as one uninterrupted run; a killed indexer leaves
an index that `ailaw index` repairs."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.large_archive import build

EDITIONS = 30


@pytest.fixture(scope="module")
def big_archive(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("big") / "big.warc.gz"
    build(out, editions=EDITIONS)
    return out


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "AILAW_HOME": str(home)}
    env.pop("AILAW_DATABASE_URL", None)
    env.pop("AILAW_INDEX_DIR", None)
    return env


def _ailaw(home: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "ailaw.cli", *args], env=_env(home), capture_output=True, text=True,
                          timeout=timeout)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def _count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.Error:
        return 0


def _kill_when(cmd: list[str], home: Path, ready: callable, limit: float = 120) -> None:  # type: ignore[valid-type]
    """Start ``cmd`` in its own process group and SIGKILL the whole group (the crawl child too) once ``ready()``."""
    proc = subprocess.Popen(cmd, env=_env(home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + limit
    try:
        while not ready():
            assert proc.poll() is None, "the process ended before it could be killed"
            assert time.monotonic() < deadline, "never became ready"
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    """What the store says, without ids and clocks."""
    with sqlite3.connect(db) as conn:
        return {
            "documents": sorted(conn.execute(
                "SELECT id, source, doc_type, title, stage, identifiers, aliases, ai_relevant, date_adopted FROM document")),
            "versions": sorted(conn.execute(
                "SELECT v.document_id, v.label, v.kind, v.date, v.sha256, v.source_url, v.provenance, v.stream, "
                "coalesce(p.sha256, '') FROM version v LEFT JOIN version p ON p.id = v.supersedes")),
            "events": sorted(conn.execute("SELECT document_id, date, stage, raw FROM event")),
            "relations": sorted(conn.execute("SELECT document_id, kind, target_id, date FROM relation")),
        }  # fmt: skip


def test_kill_9_mid_crawl_then_restart_equals_an_uninterrupted_run(big_archive, tmp_path):
    archive = str(big_archive)
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    _ailaw(whole, "crawl", "ru_pravo", "--replay", archive, "--no-index")

    db = killed / "ailaw.db"
    total = _count(whole / "ailaw.db", "SELECT count(*) FROM version")
    assert total >= EDITIONS - 1
    _kill_when([sys.executable, "-m", "ailaw.cli", "crawl", "ru_pravo", "--replay", archive, "--no-index"], killed,
               lambda: _count(db, "SELECT count(*) FROM version") >= 5)  # fmt: skip
    stored = _count(db, "SELECT count(*) FROM version")
    assert 5 <= stored < total, (stored, total)  # killed in the middle

    again = _ailaw(killed, "crawl", "ru_pravo", "--replay", archive, "--no-index")
    assert "ru_pravo:" in again.stdout
    assert _snapshot(db) == _snapshot(whole / "ailaw.db")
    with sqlite3.connect(db) as conn:
        statuses = [s for (s,) in conn.execute("SELECT status FROM crawlrun ORDER BY id")]
    assert statuses == ["interrupted", "finished"]  # the killed run says so


def test_a_killed_indexer_leaves_an_index_that_ailaw_index_repairs(big_archive, tmp_path):
    home = tmp_path / "home"
    _ailaw(home, "crawl", "ru_pravo", "--replay", str(big_archive), "--no-index")
    index = home / "index"
    # killed while the index is being written (its directory exists, nothing committed as done)
    _kill_when([sys.executable, "-m", "ailaw.cli", "index"], home,
               lambda: any(p.name.startswith(".index.rebuild-") for p in home.iterdir()) or index.exists())  # fmt: skip
    repaired = _ailaw(home, "index")
    assert "index:" in repaired.stdout
    found = _ailaw(home, "search", "стратегия развития искусственного интеллекта", "--json").stdout
    import json

    hits = json.loads(found)
    assert hits and hits[0]["id"] == "ru/pravo/0001201910110003"
    assert not [p for p in home.iterdir() if p.name.startswith(".index.")]  # nothing left behind
    again = _ailaw(home, "index")
    assert "0 documents, 0 versions" in again.stdout  # the repair indexed everything once
