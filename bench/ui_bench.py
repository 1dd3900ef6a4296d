"""The search page's first and next searches, in-process with Streamlit's AppTest, on the demo data (goals: the
first search after opening the page ≤ 1 s, the next ones ≤ 0.3 s).

    python -m bench.ui_bench --home data          # after `make demo`; without --home a demo home is built

Opens the app (the search page calls ``search.query.warm`` once the page is drawn, in a fresh process as a new
server would), then types queries one after another and times each rerun of the page, which includes drawing the
results. Each query is new to Streamlit's cache (a repeated query would be answered from it). Prints the load
average with the figures, and each rerun's CPU time (the process's, user + system: the page runs in Streamlit's
script thread while this one waits), which moves less with the load of a shared machine than the wall time.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import Any

QUERIES = ("high-risk AI systems", "искусственный интеллект", "obligations of deployers", "персональные данные",
           "deepfake", "Article 50(2)")  # fmt: skip
APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", type=Path, help="a data home with the demo data (default: build one)")
    args = ap.parse_args(argv)
    if args.home:
        os.environ["AILAW_HOME"] = str(args.home)
        os.environ.pop("AILAW_DATABASE_URL", None)
        os.environ.pop("AILAW_INDEX_DIR", None)
    else:
        from bench.relevance import _demo_home

        _demo_home()
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=120)
    t = time.perf_counter()
    at.run()
    opened = time.perf_counter() - t
    print(f"load average {os.getloadavg()[0]:.2f}; page opened (with the warm-up) in {opened:.2f} s")
    out: dict[str, Any] = {"load_average": os.getloadavg(), "open_s": round(opened, 3), "searches": []}
    for n, q in enumerate(QUERIES):
        t, cpu = time.perf_counter(), time.process_time()
        at.text_input(key="q").input(q).run()
        took, cpu = time.perf_counter() - t, time.process_time() - cpu
        assert not at.exception, [e.value for e in at.exception]
        out["searches"].append({"query": q, "s": round(took, 3), "cpu_s": round(cpu, 3)})
        print(f"{'first' if n == 0 else 'next '} search {q!r}: {took:.2f} s (CPU {cpu:.2f} s)")
    return out


if __name__ == "__main__":
    main()
