"""Two checkouts' crawls of one archive, paired: before and after alternating in fresh processes, under the same load.

Every run goes through this checkout's harness (``bench.ingest_bench``: ``_ailaw_replay``, ``_bare_replay``), executed
from the measured checkout's directory so that its own ``crawler`` and ``store`` are imported. Each side first gets
a home with a first ingest and one unchanged re-crawl of its own code. Then each round runs the unchanged re-crawl
of both sides (which goes first alternates) and the bare replays (one spider, one trivial spider per ailaw spider
sharing the archive's URLs, and the same spiders' requests replayed bare), with the 1-minute load average;
``--first N`` adds N paired first ingests into new empty homes. Printed: CPU seconds (crawl process and its
children), medians and ranges, the ratios, and the peak RSS; the rows go to ``bench/results/ingest_paired.json``.

Usage: ``python -m bench.ingest_paired --before /tmp/main-checkout [--after .] [--rounds 8] [--first 2]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARCHIVE = ROOT / "demo" / "ailaw-demo.warc.gz"
HARNESS = Path(__file__).resolve().parent / "ingest_bench.py"

_RUN = """
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("ingest_harness", sys.argv[1])
harness = importlib.util.module_from_spec(spec)
sys.modules["ingest_harness"] = harness  # its request log is named by module in the Scrapy settings
spec.loader.exec_module(harness)
class Out:
    def put(self, result):
        print("RESULT " + json.dumps(result))
args = json.loads(sys.argv[3])
kwargs = args.pop() if args and isinstance(args[-1], dict) else {}
getattr(harness, sys.argv[2])(*args, Out(), **kwargs)
"""


def run(checkout: Path, target: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """``target`` of the harness with ``args``, in a fresh process started in ``checkout``."""
    payload = json.dumps([*args, kwargs] if kwargs else list(args))
    done = subprocess.run([sys.executable, "-c", _RUN, str(HARNESS), target, payload], cwd=checkout,
                          capture_output=True, text=True, check=True)  # fmt: skip
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    return dict(json.loads(line.removeprefix("RESULT ")), load=os.getloadavg()[0])


def summary(rows: list[dict[str, Any]], key: str = "cpu") -> str:
    values = [r[key] for r in rows]
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description="paired before/after crawls of one archive")
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, default=ROOT)
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--first", type=int, default=0, help="paired first ingests into new empty homes")
    args = parser.parse_args()
    archive = str(args.archive.resolve())
    sides = {"before": args.before.resolve(), "after": args.after.resolve()}
    from crawler.spiders import all_spiders

    n_spiders = len(all_spiders())
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in
                                             ("before", "after", "bare", "bare_n", "bare_same", "first_before", "first_after")}  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="ailaw-paired-") as tmp:
        homes = {side: Path(tmp) / side for side in sides}
        for side, checkout in sides.items():
            homes[side].mkdir()
            for _ in range(2):  # a first ingest and one unchanged re-crawl with the side's own code
                run(checkout, "_ailaw_replay", archive, str(homes[side]))
        copy = Path(tmp) / "requests"
        shutil.copytree(homes["after"], copy)
        requests = run(sides["after"], "_record_requests", archive, str(copy))
        requests.pop("load")
        print(f"{sum(len(v) for v in requests.values())} requests by {len(requests)} spiders in an unchanged re-crawl")
        for n in range(args.rounds):
            order = ["before", "after"] if n % 2 == 0 else ["after", "before"]
            for side in order:
                rows[side].append(run(sides[side], "_ailaw_replay", archive, str(homes[side])))
            rows["bare"].append(run(sides["after"], "_bare_replay", archive, 1))
            rows["bare_n"].append(run(sides["after"], "_bare_replay", archive, n_spiders))
            rows["bare_same"].append(run(sides["after"], "_bare_replay", archive, n_spiders, requests=requests))
            b, a = rows["before"][-1], rows["after"][-1]
            print(f"round {n + 1}: load {b['load']:.1f}; unchanged before {b['cpu']:.2f} s, after {a['cpu']:.2f} s; "
                  f"bare {rows['bare'][-1]['cpu']:.2f}, {n_spiders} bare {rows['bare_n'][-1]['cpu']:.2f}, "
                  f"same requests bare {rows['bare_same'][-1]['cpu']:.2f}", flush=True)  # fmt: skip
        for n in range(args.first):
            for side in ["before", "after"] if n % 2 == 0 else ["after", "before"]:
                home = Path(tmp) / f"first-{side}-{n}"
                home.mkdir()
                rows[f"first_{side}"].append(run(sides[side], "_ailaw_replay", archive, str(home)))
                shutil.rmtree(home)
            print(f"first ingest {n + 1}: before {rows['first_before'][-1]['cpu']:.2f} s, "
                  f"after {rows['first_after'][-1]['cpu']:.2f} s (load {rows['first_after'][-1]['load']:.1f})", flush=True)  # fmt: skip
    loads = [r["load"] for r in rows["before"] + rows["after"]]
    print(f"\n{args.rounds} rounds, 1-minute load {min(loads):.1f}–{max(loads):.1f}; CPU s, median (range)")
    for label, key in (("bare Scrapy replay", "bare"), (f"bare, {n_spiders} spiders", "bare_n"),
                       ("bare, the same spiders' requests", "bare_same")):  # fmt: skip
        print(f"{label:<36}{summary(rows[key])}")
    same = statistics.median(r["cpu"] for r in rows["bare_same"])
    one = statistics.median(r["cpu"] for r in rows["bare"])
    many = statistics.median(r["cpu"] for r in rows["bare_n"])
    for side in sides:
        cpu = statistics.median(r["cpu"] for r in rows[side])
        print(f"ailaw unchanged, {side:<20}{summary(rows[side])}  × same requests {cpu / same:.2f}, "
              f"× {n_spiders} bare {cpu / many:.2f}, × one bare {cpu / one:.2f}; peak RSS "
              f"{max(r['peak_rss_mb'] for r in rows[side]):.0f} MB; new versions "
              f"{sum(r['new_versions'] for r in rows[side])}, items {sum(r['items'] for r in rows[side])}, "
              f"index writes {sum(r['index_writes'] for r in rows[side])}")  # fmt: skip
    ratios = [a["cpu"] / b["cpu"] for a, b in zip(rows["after"], rows["before"], strict=True)]
    print(
        f"after ÷ before within a round: median {statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f})"
    )
    for side in sides if args.first else ():
        got = rows[f"first_{side}"]
        print(f"first ingest, {side:<20}{summary(got)}  × one bare {statistics.median(r['cpu'] for r in got) / one:.1f}"
              f"; peak RSS {max(r['peak_rss_mb'] for r in got):.0f} MB")  # fmt: skip
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "ingest_paired.json").write_text(json.dumps({"archive": archive, "sides": {k: str(v) for k, v in sides.items()},
                                                        **rows}, indent=1), encoding="utf-8")  # fmt: skip


if __name__ == "__main__":
    main()
