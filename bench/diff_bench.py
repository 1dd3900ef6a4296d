"""Diff speed on the AI Act: the Commission proposal (52021PC0206, committed Markdown) against the final act
(32024R1689, replayed from the demo archive) — ~33k + ~90k words.

* **ailaw** — provisions split and aligned by number and content, two-stage word redline inside each aligned
  provision (``compare.compare``);
* **plain difflib** — one ``SequenceMatcher(None, a_words, b_words, autojunk=False)`` over the two whole texts as
  word lists (what a naive word redline does; no alignment of moved text).

Each in a fresh process; wall time of the diff itself (texts already loaded) and the growth of the process's peak
RSS during it (the peak is reset first through ``/proc/self/clear_refs``; ``tracemalloc`` would slow the pure-Python
diff several times over).
Printed side by side with the ratio; results also go to bench/results/diff.json.
Usage: ``python -m bench.diff_bench [--plain-timeout SECONDS]``.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import multiprocessing
import os
import platform
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROPOSAL = ROOT / "tests" / "examples" / "compare" / "52021PC0206_proposal_EN.md"
ACT = "eu/celex/32024R1689"


def _final_act(home: Path) -> dict[str, Any]:
    """The final act's stored version: replay the EU spider from the demo archive into a scratch home."""
    os.environ["AILAW_HOME"] = str(home)
    os.environ.pop("AILAW_DATABASE_URL", None)
    from ailaw import jobs

    jobs.crawl(["eu_cellar"], replay=jobs.DEMO_ARCHIVE)
    detail = jobs.show(ACT)
    v = detail.versions[-1]
    return {"text": v.text, "provisions": v.provisions, "label": v.label}


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _mem_start() -> int:
    """Reset the peak RSS (Linux: ``echo 5 > /proc/self/clear_refs``) and return the current RSS in kB."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    return _status_kb("VmRSS")


def _mem_peak_mb(start_kb: int) -> float:
    """Growth of the peak RSS since ``_mem_start`` in MB."""
    return max(_status_kb("VmHWM") - start_kb, 0) / 1024


def _ailaw(old_text: str, new: dict[str, Any], queue: Any) -> None:
    from types import SimpleNamespace

    from compare import compare
    from texts.split import split_provisions

    rss0 = _mem_start()
    t0 = time.perf_counter()
    old = SimpleNamespace(id=1, text=old_text, provisions=[dataclasses.asdict(p) for p in split_provisions(old_text)], label="proposal", kind="draft",
                          date=None, language="en")  # fmt: skip
    result = compare(old, SimpleNamespace(id=2, date=None, kind="original", language="en", **new))
    seconds = time.perf_counter() - t0
    queue.put({"seconds": seconds, "peak_mb": _mem_peak_mb(rss0), "counts": result.counts,
               "changed_provisions": len(result.changed_rows)})  # fmt: skip


def _plain(old_text: str, new_text: str, queue: Any) -> None:
    from difflib import SequenceMatcher

    rss0 = _mem_start()
    t0 = time.perf_counter()
    a, b = old_text.split(), new_text.split()
    codes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    seconds = time.perf_counter() - t0
    peak_mb = _mem_peak_mb(rss0)
    ins = sum(j2 - j1 for t, _i1, _i2, j1, j2 in codes if t in ("insert", "replace"))
    dele = sum(i2 - i1 for t, i1, i2, _j1, _j2 in codes if t in ("delete", "replace"))
    queue.put({"seconds": seconds, "peak_mb": peak_mb, "hunks": sum(1 for c in codes if c[0] != "equal"),
               "words_inserted": ins, "words_deleted": dele})  # fmt: skip


def _run(target: Any, args: tuple[Any, ...], timeout: float) -> dict[str, Any] | None:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return None
    return queue.get() if not queue.empty() else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plain-timeout", type=float, default=600, help="give up on the plain difflib run after N s")
    args = parser.parse_args()
    old_text = PROPOSAL.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        new = _final_act(Path(tmp) / "home")
    words = (len(old_text.split()), len(new["text"].split()))
    ours = _run(_ailaw, (old_text, new), 600)
    plain = _run(_plain, (old_text, new["text"]), args.plain_timeout)
    result = {
        "pair": f"52021PC0206 proposal ({words[0]:,} words) vs {ACT} ({words[1]:,} words)",
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "load_1min": round(os.getloadavg()[0], 2)},
        "ailaw_aligned": ours,
        "plain_difflib_words": plain if plain else {"timed_out_after_s": args.plain_timeout},
    }  # fmt: skip
    if ours and plain:
        result["ratio_plain_over_ailaw_time"] = round(plain["seconds"] / ours["seconds"], 2)
        result["ratio_plain_over_ailaw_memory"] = round(plain["peak_mb"] / max(ours["peak_mb"], 0.1), 2)
    elif ours:
        result["ratio_plain_over_ailaw_time_at_least"] = round(args.plain_timeout / ours["seconds"], 1)
    out = ROOT / "bench" / "results" / "diff.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(result["pair"])
    print(f"{'':24} {'time s':>10} {'peak MB':>10}")
    if ours:
        print(f"{'ailaw (aligned)':24} {ours['seconds']:>10.2f} {ours['peak_mb']:>10.1f}   {ours['counts']}")
    if plain:
        print(f"{'plain difflib (words)':24} {plain['seconds']:>10.2f} {plain['peak_mb']:>10.1f}   "
              f"{plain['hunks']} hunks")  # fmt: skip
    else:
        print(f"plain difflib: timed out after {args.plain_timeout:.0f} s "
              f"(ratio plain ÷ ailaw ≥ {result.get('ratio_plain_over_ailaw_time_at_least')}×)")  # fmt: skip
    if "ratio_plain_over_ailaw_time" in result:
        print(f"ratio plain ÷ ailaw: time {result['ratio_plain_over_ailaw_time']}×, "
              f"memory {result['ratio_plain_over_ailaw_memory']}×")  # fmt: skip
    print(f"results: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
