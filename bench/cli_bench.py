"""`ailaw search` end to end, process start included, on the demo data (goal: ≤ 0.5 s).

    python -m bench.cli_bench                      # builds a throwaway demo home (about 20 s) first
    python -m bench.cli_bench --home data --runs 10

Runs the command ``--runs`` times per query in fresh processes (like hyperfine: one warm-up run, then the
timed ones) and prints min / median / max wall time, with the load average; then the slowest imports of the
command (``python -X importtime``). Python writes its bytecode caches as it normally does (a
``PYTHONDONTWRITEBYTECODE`` set in the environment is removed for the runs: it would recompile every module at
each start). Results go to bench/results/cli.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
QUERIES = ("high-risk AI systems", "искусственный интеллект", "Article 50(2)")
GOAL_S = 0.5


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "AILAW_DATABASE_URL")}
    env.pop("AILAW_INDEX_DIR", None)
    env["AILAW_HOME"] = str(home)
    return env


def _ailaw() -> list[str]:
    exe = Path(sys.executable).with_name("ailaw")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "ailaw.cli"]


def time_runs(home: Path, query: str, runs: int) -> list[float]:
    cmd = [*_ailaw(), "search", query]
    subprocess.run(cmd, env=_env(home), capture_output=True, check=True)  # warm-up (and bytecode caches)
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, env=_env(home), capture_output=True, check=True)
        out.append(time.perf_counter() - t)
    return out


def slowest_imports(home: Path, top: int = 12) -> list[tuple[str, float]]:
    """(module, cumulative ms) of the slowest top-level imports of `ailaw search`."""
    code = "import sys; sys.argv=['ailaw','search','AI']; from ailaw.cli import main; main()"
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", code], env=_env(home), capture_output=True,
                          text=True, check=False)  # fmt: skip
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.removeprefix("import time:").split("|")
        if cumulative.strip().isdigit() and not name.startswith("  "):  # a top-level import (not nested)
            rows.append((name.strip(), int(cumulative) / 1000))
    return sorted(rows, key=lambda r: -r[1])[:top]


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", type=Path, help="a data home with the demo data (default: build one)")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--out", type=Path, default=ROOT / "results" / "cli.json")
    args = ap.parse_args(argv)
    if args.home:
        home = args.home
    else:
        from bench.relevance import _demo_home

        home = _demo_home()
    results: dict[str, Any] = {"load_average": os.getloadavg(), "runs": args.runs, "queries": {}}
    print(f"load average {os.getloadavg()[0]:.2f}; {args.runs} runs per query, after one warm-up")
    for q in QUERIES:
        times = time_runs(home, q, args.runs)
        row = {"min_s": round(min(times), 3), "median_s": round(statistics.median(times), 3),
               "max_s": round(max(times), 3)}  # fmt: skip
        results["queries"][q] = row
        mark = "≤" if row["median_s"] <= GOAL_S else ">"
        print(f"ailaw search {q!r}: min {row['min_s']} s, median {row['median_s']} s {mark} {GOAL_S} s, "
              f"max {row['max_s']} s")  # fmt: skip
    results["slowest_imports_ms"] = slowest_imports(home)
    print("slowest imports (cumulative ms):")
    for name, ms in results["slowest_imports_ms"]:
        print(f"  {ms:>8.1f}  {name}")
    results["load_average_end"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return results


if __name__ == "__main__":
    main()
