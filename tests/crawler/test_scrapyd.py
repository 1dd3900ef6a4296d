"""The team topology on this machine: a real Scrapyd on loopback runs a deployed ailaw spider, the items land in a
shared PostgreSQL store, and the indexer (following the change log) makes them searchable."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests import pg

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo" / "ailaw-demo.warc.gz"
BIN = Path(sys.executable).parent
#: What an egg must carry: every package of pyproject.toml's list, with its data files.
PACKAGES = ("ailaw", "store", "texts", "compare", "crawler", "search", "alerts", "ui")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not pg.BASE_URL, reason="AILAW_TEST_POSTGRES_URL is not set (make test starts a server)"),
    pytest.mark.skipif(not (BIN / "scrapyd").exists(), reason="scrapyd is not installed (pip install -e .[scrapyd])"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=120) as r:
        return json.loads(r.read())


def _post(url: str, fields: dict[str, str]) -> dict:
    body = urllib.parse.urlencode(fields).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=120) as r:
        return json.loads(r.read())


def test_a_spider_scheduled_through_scrapyd_stores_in_postgresql_and_is_indexed(tmp_path, monkeypatch):
    url, schema = pg.create_schema()
    server = None
    try:
        home = tmp_path / "home"
        port = _free_port()
        run = tmp_path / "scrapyd"
        run.mkdir()
        (run / "scrapyd.conf").write_text(
            f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = {run}/eggs\nlogs_dir = {run}/logs\n"
            f"items_dir =\ndbs_dir = {run}/dbs\nmax_proc = 1\npoll_interval = 0.5\n", encoding="utf-8")  # fmt: skip
        env = {**os.environ, "AILAW_HOME": str(home), "AILAW_DATABASE_URL": url, "AILAW_REPLAY": str(DEMO)}
        env.pop("AILAW_INDEX_DIR", None)
        server = subprocess.Popen([str(BIN / "scrapyd")], cwd=run, env=env, stdout=subprocess.DEVNULL,
                                  stderr=open(run / "scrapyd.err", "w"))  # noqa: SIM115  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                assert _get(f"{base}/daemonstatus.json")["status"] == "ok"
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("scrapyd did not start: " + (run / "scrapyd.err").read_text()[-2000:])

        # Deploy the crawler project as a user would: scrapyd-deploy from the project (a copy, so the egg build
        # leaves the checkout clean), with scrapy.cfg pointing at this server.
        project = tmp_path / "project"
        for pkg in PACKAGES:
            shutil.copytree(ROOT / pkg, project / pkg, ignore=shutil.ignore_patterns("__pycache__"))
        for name in ("pyproject.toml", "setup.py", "README.md"):
            shutil.copy(ROOT / name, project / name)
        (project / "scrapy.cfg").write_text(f"[settings]\ndefault = crawler.scrapy_project\n\n[deploy]\nurl = {base}/\n"
                                            "project = ailaw\n", encoding="utf-8")  # fmt: skip
        deployed = subprocess.run([str(BIN / "scrapyd-deploy")], cwd=project, env=env, capture_output=True, text=True,
                                  timeout=180)  # fmt: skip
        assert deployed.returncode == 0, deployed.stderr[-2000:]
        assert "ru_regulation" in _get(f"{base}/listspiders.json?project=ailaw")["spiders"]
        assert not (project / "setup.py").read_text().startswith("# Automatically created")  # ours, with the data
        with zipfile.ZipFile(next((run / "eggs" / "ailaw").glob("*.egg"))) as egg:
            names = set(egg.namelist())
        assert {"store/reference/thesaurus.toml", "texts/__init__.py", "store/migrations/env.py"} <= names

        job = _post(f"{base}/schedule.json", {"project": "ailaw", "spider": "ru_regulation"})
        assert job["status"] == "ok", job
        for _ in range(300):
            jobs = _get(f"{base}/listjobs.json?project=ailaw")
            if any(j["id"] == job["jobid"] for j in jobs["finished"]):
                break
            time.sleep(0.5)
        else:
            pytest.fail("the job did not finish")

        monkeypatch.setenv("AILAW_HOME", str(home))
        monkeypatch.setenv("AILAW_DATABASE_URL", url)
        monkeypatch.delenv("AILAW_INDEX_DIR", raising=False)
        from ailaw import jobs as ailaw_jobs
        from store import db
        from store.db import session_scope
        from store.models import CrawlRun

        db.forget_engines()
        log = next((run / "logs").rglob(f"{job['jobid']}.log"), None)
        job_log = log.read_text(errors="replace")[-3000:] if log else "(no job log)"
        with session_scope() as s:
            from sqlmodel import select

            tables = s.exec(sa.text("SELECT count(*) FROM information_schema.tables WHERE table_name = 'crawlrun' "
                                    "AND table_schema = current_schema()")).one()  # fmt: skip
            assert tables[0] == 1, job_log
            runs = s.exec(select(CrawlRun)).all()
            assert [(r.spider, r.status, r.mode) for r in runs] == [("ru_regulation", "finished", "replay")]
            assert runs[0].new_documents == 1, (runs[0].unchanged_responses, runs[0].items, job_log[-1500:])
        stats = ailaw_jobs.index()  # the one indexer, following the shared store's change log
        assert stats.documents >= 1
        hits = ailaw_jobs.search("166424").hits
        assert hits and hits[0].id == "ru/regulation/166424"
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
        from store import db

        db.forget_engines()
        pg.drop_schema(schema)
