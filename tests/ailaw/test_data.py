"""Data management: export as CSV / JSON / Parquet, and a backup that restores onto an empty home with the same
search results and the archive files behind every version."""

from __future__ import annotations

import csv
import json

import pytest
from sqlmodel import func, select

from ailaw import jobs
from crawler.archive import ArchiveReader
from store.db import session_scope
from store.models import Document, Event, Relation, Version
from store.settings import StoreSettings
from tests.conftest import ailaw_env

QUERIES = ["high-risk AI systems", "искусственному интеллекту", "№ 490", "258-ФЗ", "2024/1689"]


def _counts() -> dict[str, int]:
    with session_scope() as s:
        return {name: s.exec(select(func.count()).select_from(model)).one()
                for name, model in (("documents", Document), ("versions", Version), ("events", Event),
                                    ("relations", Relation))}  # fmt: skip


def test_export_in_three_formats(in_demo_home, tmp_path):
    csv.field_size_limit(1 << 30)  # a version's full text is one field
    counts = _counts()
    for fmt in ("csv", "json", "parquet"):
        files = jobs.export(tmp_path / fmt, fmt=fmt)
        assert set(files) == {"documents", "versions", "events", "relations"}
        for name, path in files.items():
            if fmt == "csv":
                with open(path, encoding="utf-8", newline="") as fh:
                    rows = list(csv.DictReader(fh))
            elif fmt == "json":
                rows = json.loads(path.read_text(encoding="utf-8"))
            else:
                import pyarrow.parquet as pq

                rows = pq.read_table(path).to_pylist()
            assert len(rows) == counts[name], (fmt, name)
    versions = json.loads((tmp_path / "json" / "versions.json").read_text(encoding="utf-8"))
    act = next(v for v in versions if v["document_id"] == "eu/celex/32024R1689" and v["kind"] == "original")
    assert "high-risk AI systems" in act["text"] and act["provenance_detail"]["recorded_by"]
    with pytest.raises(jobs.NotFoundError, match="unknown export format"):
        jobs.export(tmp_path / "x", fmt="xlsx")


def test_backup_then_restore_onto_an_empty_home_reproduces_search_results(in_demo_home, tmp_path):
    before = {q: [h.id for h in jobs.search(q).hits] for q in QUERIES}
    assert all(before.values()), before
    counts = _counts()
    manifest = jobs.backup(tmp_path / "ailaw.tar.gz")
    assert manifest["tables"]["version"] == counts["versions"] and manifest["archive_files"] >= 1

    with ailaw_env(tmp_path / "restored"):
        restored = jobs.restore(tmp_path / "ailaw.tar.gz")
        assert restored["revision"] == manifest["revision"]
        assert _counts() == counts
        assert {q: [h.id for h in jobs.search(q).hits] for q in QUERIES} == before
        home = StoreSettings()
        with session_scope() as s:
            versions = s.exec(select(Version).where(Version.archive_file.is_not(None))).all()  # type: ignore[union-attr]
            assert versions
            for v in versions:  # every version's raw response is in the restored home
                path = home.resolve_path(v.archive_file)
                assert path.is_relative_to(home.home) and path.exists()
                assert any(ArchiveReader(path).get(u).ref.record_id == v.archive_record_id
                           for u in ArchiveReader(path).urls())  # fmt: skip
        with pytest.raises(jobs.FetchError, match="is not empty"):
            jobs.restore(tmp_path / "ailaw.tar.gz")


def test_a_backup_never_replaces_an_existing_file_unless_asked(in_demo_home, tmp_path):
    """An operator who types the name of last week's backup keeps it: the command refuses in one sentence; with
    --force the file is replaced, and only by a complete backup."""
    import tarfile

    from tests.ailaw.test_cli import run

    old = tmp_path / "ailaw.tar.gz"
    old.write_bytes(b"last week's backup")
    res = run("backup", str(old), home=in_demo_home)
    assert res.returncode != 0 and "Traceback" not in res.stderr
    assert "already exists" in res.stderr + res.stdout and "--force" in res.stderr + res.stdout
    assert old.read_bytes() == b"last week's backup"

    res = run("backup", str(old), "--force", home=in_demo_home)
    assert res.returncode == 0, res.stderr
    with tarfile.open(old) as tar:
        member = tar.extractfile("manifest.json")
        assert member is not None
        manifest = json.loads(member.read())
    assert manifest["tables"]["version"] == _counts()["versions"]
    n = manifest["archive_files"]
    assert f" {n} archive file{'' if n == 1 else 's'} (schema" in res.stdout  # "1 archive file", "2 archive files"
    assert [p.name for p in tmp_path.iterdir()] == ["ailaw.tar.gz"]  # no partial file left beside it
