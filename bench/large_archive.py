"""A larger replay archive for benchmarks and crash tests: the demo archive plus N editions of Decree No. 490.

The ЕБПИ editions list of Decree 490 (``ru_pravo``) is replaced by one naming ``editions`` editions, each with its
own text: the demo's reconstructed 2024 text of the National AI Strategy (~80 KB) with one point rewritten per
edition, so every edition is a distinct version of the same document. Synthetic by construction (the records say
so: provenance ``documented``, recorded by this script); built in a second, deterministically.

    python -m bench.large_archive OUT.warc.gz [--editions 60]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from pathlib import Path

from crawler.archive import ArchiveWriter
from crawler.parsers.ru_ebpi import redactions_url, redtext_url

ROOT = Path(__file__).resolve().parent.parent
EO_490 = "0001201910110003"
TEXT = ROOT / "demo" / "records" / "ru" / "ebpi_redtext_decree-490_2024.json"
CT = "application/json; charset=utf-8"
BY = "ailaw (bench/large_archive.py)"
NOTE = "Synthetic edition for benchmarks and crash tests: the demo's reconstructed text with one point rewritten."


def build(out: Path, *, editions: int = 60) -> dict[str, int]:
    """Write the archive; returns its counts (responses, editions)."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from build_demo_archive import build as build_demo

    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    n_demo = build_demo(out)
    base = json.loads(TEXT.read_text(encoding="utf-8"))["redtext"]
    paragraphs = re.findall(r"<p[^>]*>.*?</p>", base, flags=re.S)
    start = dt.date(2019, 10, 10)
    listing = []
    writer = ArchiveWriter(out)
    for n in range(editions):
        redid = f"bench-490-{n:04d}"
        day = start + dt.timedelta(days=30 * n)
        listing.append({"redid": redid, "reddate": day.strftime("%Y%m%d"),
                        "redcaption": f"на {day:%d.%m.%Y} (№ {1000 + n} от {day:%d.%m.%Y})", "redstatus": "недействующая",
                        "statename": None, "actual": n == editions - 1, "redinitial": n == 0, "redcompleted": True,
                        "hascontent": True, "redtype": None})  # fmt: skip
        target = 10 + n % max(len(paragraphs) - 10, 1)
        html = base.replace(paragraphs[target], paragraphs[target].replace("</p>", f" (в редакции № {n + 1}).</p>"), 1)
        writer.write(url=redtext_url(redid), status=200, headers=[], body=json.dumps({"redtext": html},
                     ensure_ascii=False).encode("utf-8"), content_type=CT, provenance="documented", recorded_by=BY,
                     note=NOTE, fetched_at=dt.datetime(2026, 11, 30, tzinfo=dt.UTC))  # fmt: skip
    writer.write(url=redactions_url(EO_490), status=200, headers=[], content_type=CT, provenance="documented",
                 body=json.dumps({"redactions": listing}, ensure_ascii=False).encode("utf-8"), recorded_by=BY,
                 note=NOTE, fetched_at=dt.datetime(2026, 11, 30, tzinfo=dt.UTC))  # fmt: skip
    writer.close()
    return {"responses": n_demo + editions, "editions": editions}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--editions", type=int, default=60)
    args = parser.parse_args()
    print(build(args.out, editions=args.editions))


if __name__ == "__main__":
    main()
