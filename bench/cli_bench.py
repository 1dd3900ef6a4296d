"""`ailaw search` end to end, process start included, on the demo data (goal: ≤ 0.5 s).

    python -m bench.cli_bench                      # builds a throwaway demo home (about 20 s) first
    python -m bench.cli_bench --home data --runs 10
    python -m bench.cli_bench --home data --before ../main   # another checkout's CLI alternately (paired)

Runs the command ``--runs`` times per query in fresh processes (like hyperfine: one warm-up run, then the
timed ones) and prints min / median / max wall time, with the load average; then the slowest imports of the
command (``python -X importtime``). Python writes its bytecode caches as it normally does (a
``PYTHONDONTWRITEBYTECODE`` set in the environment is removed for the runs: it would recompile every module at
each start). Each run's CPU time (user + system) is printed beside the wall time: on a shared machine it moves
less with the load. With ``--before CHECKOUT`` each timed run of this checkout is paired with one of the other
checkout's (``PYTHONPATH``), alternating which goes first, on a copy of the data home (each version keeps its own caches
beside the index): the fair comparison on a shared machine. Results go to bench/results/cli.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
QUERIES = ("high-risk AI systems", "искусственный интеллект", "Article 50(2)")
GOAL_S = 0.5


def _env(home: Path, checkout: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "AILAW_DATABASE_URL")}
    env.pop("AILAW_INDEX_DIR", None)
    env["AILAW_HOME"] = str(home)
    if checkout is not None:
        env["PYTHONPATH"] = str(checkout.resolve())
    return env


def _ailaw() -> list[str]:
    exe = Path(sys.executable).with_name("ailaw")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "ailaw.cli"]


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall time, CPU time) of one run: the CPU time (user + system, of the process and its children) moves less
    with the load of a shared machine than the wall time."""
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, env=env, capture_output=True, check=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)


def time_runs(home: Path, query: str, runs: int) -> tuple[list[float], list[float]]:
    """(wall times, CPU times) of ``runs`` runs."""
    cmd = [*_ailaw(), "search", query]
    subprocess.run(cmd, env=_env(home), capture_output=True, check=True)  # warm-up (and bytecode caches)
    out = [_timed(cmd, _env(home)) for _ in range(runs)]
    return [w for w, _ in out], [c for _, c in out]


def paired_runs(home: Path, before: Path, before_home: Path, query: str,
                runs: int) -> dict[str, tuple[list[float], list[float]]]:  # fmt: skip
    """This checkout's ("after") and the other one's ("before") (wall times, CPU times), alternating which goes
    first."""
    cmd = [*_ailaw(), "search", query]
    envs = {"after": _env(home), "before": _env(before_home, before)}
    for env in envs.values():
        subprocess.run(cmd, env=env, capture_output=True, check=True)  # warm-up (and bytecode caches)
    times: dict[str, tuple[list[float], list[float]]] = {"after": ([], []), "before": ([], [])}
    for n in range(runs):
        for which in ("after", "before") if n % 2 == 0 else ("before", "after"):
            wall, cpu = _timed(cmd, envs[which])
            times[which][0].append(wall)
            times[which][1].append(cpu)
    return times


def _row(wall: list[float], cpu: list[float]) -> dict[str, float]:
    return {"min_s": round(min(wall), 3), "median_s": round(statistics.median(wall), 3), "max_s": round(max(wall), 3),
            "cpu_median_s": round(statistics.median(cpu), 3)}  # fmt: skip


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
    ap.add_argument("--before", type=Path, help="another checkout of ailaw, timed alternately with this one")
    args = ap.parse_args(argv)
    if args.home:
        home = args.home
    else:
        from bench.relevance import _demo_home

        home = _demo_home()
    results: dict[str, Any] = {"load_average": os.getloadavg(), "runs": args.runs, "queries": {}}
    print(f"load average {os.getloadavg()[0]:.2f}; {args.runs} runs per query, after one warm-up")
    before_home: Path | None = None
    if args.before:
        before_home = Path(tempfile.mkdtemp(prefix="ailaw-cli-before-")) / "home"
        shutil.copytree(home, before_home)
    for q in QUERIES:
        if args.before and before_home is not None:
            paired = paired_runs(home, args.before, before_home, q, args.runs)
            row_old = _row(*paired["before"])
            results.setdefault("before", {"checkout": str(args.before), "queries": {}})["queries"][q] = row_old
            print(f"  before ({args.before}) {q!r}: min {row_old['min_s']} s, median {row_old['median_s']} s, "
                  f"max {row_old['max_s']} s; CPU median {row_old['cpu_median_s']} s")  # fmt: skip
            row = _row(*paired["after"])
        else:
            row = _row(*time_runs(home, q, args.runs))
        results["queries"][q] = row
        mark = "≤" if row["median_s"] <= GOAL_S else ">"
        print(f"ailaw search {q!r}: min {row['min_s']} s, median {row['median_s']} s {mark} {GOAL_S} s, "
              f"max {row['max_s']} s; CPU median {row['cpu_median_s']} s")  # fmt: skip
    results["slowest_imports_ms"] = slowest_imports(home)
    print("slowest imports (cumulative ms):")
    for name, ms in results["slowest_imports_ms"]:
        print(f"  {ms:>8.1f}  {name}")
    results["load_average_end"] = os.getloadavg()
    if before_home is not None:
        shutil.rmtree(before_home.parent, ignore_errors=True)
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return results


if __name__ == "__main__":
    main()
