"""Whether two checkouts store the same thing from an archive: the output check of a change to the crawl path.

For each checkout, the archive is replayed into an empty data home (a fresh process, the checkout's own code),
then once more into the same home (the unchanged re-crawl). Each home's store is then read table by table, ids,
times and change-log numbers aside (a row that points at another by id points at it by what identifies it), and the
two are compared: every document, key, version (text, provisions, hashes, provenance), event, relation, alias,
source and crawl run (counts and error records). Printed: per table, equal or the rows that differ.

Usage: ``python -m bench.ingest_compare --before /tmp/main-checkout [--after .] [--archive FILE]``
(each checkout is run with this interpreter, from its own directory).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARCHIVE = ROOT / "demo" / "ailaw-demo.warc.gz"

# what a replay of the same archive may give differently: row ids, clocks, processes and the change log's numbers
VOLATILE = {
    "id", "first_seen_at", "fetched_at", "started_at", "finished_at", "duration_s", "pid", "host", "updated_at",
    "at", "seq", "change_seq", "created_at", "last_seen_at",
}  # fmt: skip

# run in the checkout's directory, so that its own code is imported (only what every checkout has)
_REPLAY = """
import os, sys
from pathlib import Path
os.environ["AILAW_HOME"] = sys.argv[1]
os.environ.pop("AILAW_DATABASE_URL", None)
from store.db import init_db
init_db()
from crawler.run import run_crawl
from crawler.spiders import all_spiders
run_crawl([s.name for s in all_spiders()], replay=Path(sys.argv[2]), log_level="ERROR")
"""


def replay(checkout: Path, home: Path, archive: Path) -> None:
    subprocess.run([sys.executable, "-c", _REPLAY, str(home), str(archive)], cwd=checkout, check=True)


def snapshot(home: Path) -> dict[str, list[str]]:
    """Every table of the home's store as sorted JSON lines, ids and times aside."""
    import sqlalchemy as sa

    engine = sa.create_engine(f"sqlite:///{home / 'ailaw.db'}")
    out: dict[str, list[str]] = {}
    with engine.connect() as conn:
        # the change counter is the change log's last number (its rows are compared below)
        names = set(sa.inspect(conn).get_table_names()) - {"alembic_version", "change_counter"}

        def rows(table: str) -> list[dict[str, Any]]:
            return [dict(r) for r in conn.execute(sa.text(f"SELECT * FROM {table}")).mappings()]  # noqa: S608

        version_key = {r["id"]: [r["document_id"], r["stream"], r["supersedes"], r["sha256"]] for r in rows("version")}
        event_key = {r["id"]: [r["document_id"], str(r["date"]), r["raw"]] for r in rows("event")}
        relation_key = {r["id"]: [r["document_id"], r["kind"], r["target_id"]] for r in rows("relation")}
        refs = {"original_id": version_key, "version_id": version_key, "event_id": event_key,
                "relation_id": relation_key}  # fmt: skip
        for table in sorted(names):
            lines = []
            for row in rows(table):
                plain: dict[str, Any] = {}
                for column, value in row.items():
                    if column in VOLATILE:
                        continue
                    if column in refs and value is not None:
                        value = refs[column].get(value, f"missing {value}")
                    if table == "crawlrun" and column == "errors":
                        value = sorted(json.dumps(e, sort_keys=True) for e in json.loads(value or "[]"))
                    plain[column] = value
                lines.append(json.dumps(plain, sort_keys=True, default=str, ensure_ascii=False))
            out[table] = sorted(lines)
    engine.dispose()
    return out


def compare(before: dict[str, list[str]], after: dict[str, list[str]], label: str) -> bool:
    same = True
    for table in sorted(set(before) | set(after)):
        b, a = Counter(before.get(table, [])), Counter(after.get(table, []))
        if a == b:
            print(f"{label:<12}{table:<20}{sum(b.values()):>7} rows  equal")
            continue
        same = False
        only_b, only_a = b - a, a - b
        print(f"{label:<12}{table:<20}{sum(b.values()):>7} / {sum(a.values())} rows  DIFFER: "
              f"{sum(only_b.values())} only before, {sum(only_a.values())} only after")  # fmt: skip
        for line in list(only_b)[:3]:
            print(f"    before: {line[:400]}")
        for line in list(only_a)[:3]:
            print(f"    after:  {line[:400]}")
    return same


def main() -> None:
    parser = argparse.ArgumentParser(description="compare what two checkouts store from one archive")
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, default=ROOT)
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    parser.add_argument("--keep", type=Path, help="keep the homes under this directory")
    args = parser.parse_args()
    archive = args.archive.resolve()
    with tempfile.TemporaryDirectory(prefix="ailaw-compare-") as tmp:
        base = args.keep or Path(tmp)
        snaps: dict[str, list[dict[str, list[str]]]] = {}
        for side, checkout in (("before", args.before), ("after", args.after)):
            home = base / side
            home.mkdir(parents=True, exist_ok=False)
            snaps[side] = []
            for _ in range(2):  # the first ingest, then the unchanged re-crawl
                replay(checkout.resolve(), home, archive)
                snaps[side].append(snapshot(home))
        same = compare(snaps["before"][0], snaps["after"][0], "first")
        same = compare(snaps["before"][1], snaps["after"][1], "again") and same
    print("identical" if same else "NOT identical")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
