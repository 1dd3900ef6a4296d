"""Paired comparison of two checkouts of ailaw: the same queries through ``search()`` of each, one right after the
other (alternating which goes first), on the same index. On a shared, loaded machine this compares two versions
fairly where two separate runs of the bench would not.

    git worktree add /tmp/ailaw-before <commit>
    python -m bench.search_bench --docs 2000 --reuse-index          # builds and keeps the index in bench/cache
    python -m bench.paired /tmp/ailaw-before . bench/cache/index-uniform-2000-300-p-s9/whoosh

Each checkout runs in its own process (``python`` of this environment, the checkout first on ``sys.path``);
the index must have a schema both can read. For a change of the index itself (its schema version or codec), give
the second checkout its own index of the same corpus (``--second-index``; each checkout's
``search_bench --reuse-index`` builds one). Prints p50/p95 per query type of the wall time and of the CPU time
(``time.process_time``, which the load moves less) and the ratio of the second to the first at p50, with the load
average.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.search_bench import QUERY_TYPES, pct, queries

WORKER = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from search.query import search
index = Path(sys.argv[2])
search("warm", index_dir=index)
for line in sys.stdin:
    t, c = time.perf_counter(), time.process_time()
    search(json.loads(line), limit=10, index_dir=index)
    print(json.dumps([(time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000]), flush=True)
"""


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("first", type=Path, help="checkout measured first (e.g. the code before a change)")
    ap.add_argument("second", type=Path, help="checkout measured second (e.g. this one)")
    ap.add_argument("index", type=Path, help="a Whoosh index directory both can read")
    ap.add_argument("--second-index", type=Path, help="the second checkout's own index (default: INDEX)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    indexes = {"first": args.index, "second": args.second_index or args.index}
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    procs = {
        name: subprocess.Popen([sys.executable, "-c", WORKER, str(root.resolve()), str(indexes[name].resolve())],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=root, env=env)
        for name, root in (("first", args.first), ("second", args.second))
    }  # fmt: skip
    times: dict[str, dict[str, list[float]]] = {n: {t: [] for t in QUERY_TYPES} for n in procs}
    cpu: dict[str, dict[str, list[float]]] = {n: {t: [] for t in QUERY_TYPES} for n in procs}
    start_load = os.getloadavg()
    try:
        for qtype, items in queries().items():
            for i, (_, q, _) in enumerate(items):
                for name in ("first", "second") if i % 2 == 0 else ("second", "first"):
                    p = procs[name]
                    assert p.stdin is not None and p.stdout is not None
                    p.stdin.write(json.dumps(q) + "\n")
                    p.stdin.flush()
                    wall, used = json.loads(p.stdout.readline())
                    times[name][qtype].append(wall)
                    cpu[name][qtype].append(used)
    finally:
        for p in procs.values():
            if p.stdin is not None:
                p.stdin.close()
            p.wait()
    out: dict[str, Any] = {"load_average_start": start_load, "load_average_end": os.getloadavg(), "rows": {},
                           "cpu": {}}  # fmt: skip
    print(f"load average {start_load[0]:.2f} at the start, {os.getloadavg()[0]:.2f} at the end")
    for label, got in (("wall", times), ("cpu", cpu)):
        print(
            f"{label + ' ' + 'query':<14} {'first p50/p95 ms':>20} {'second p50/p95 ms':>20} {'second÷first p50':>17}"
        )
        for t in [*QUERY_TYPES, "all"]:
            a = [x for q in QUERY_TYPES for x in got["first"][q]] if t == "all" else got["first"][t]
            b = [x for q in QUERY_TYPES for x in got["second"][q]] if t == "all" else got["second"][t]
            row = {"first_p50": pct(a, 0.5), "first_p95": pct(a, 0.95), "second_p50": pct(b, 0.5),
                   "second_p95": pct(b, 0.95), "first_total": round(sum(a)), "second_total": round(sum(b))}  # fmt: skip
            out["rows" if label == "wall" else "cpu"].setdefault(t, row)
            ratio = row["second_p50"] / row["first_p50"] if row["first_p50"] else float("nan")
            print(f"{t:<14} {row['first_p50']:>9} / {row['first_p95']:<9} {row['second_p50']:>9} / "
                  f"{row['second_p95']:<9} {ratio:>10.2f}")  # fmt: skip
    if args.out:
        args.out.write_text(json.dumps(out, indent=1))
    return out


if __name__ == "__main__":
    main()
