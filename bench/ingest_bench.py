"""Ingest throughput: ailaw's full pipeline replaying an archive, side by side with a bare Scrapy replay.

Both runs read the same WARC archive through the same replay middleware, in fresh processes:

* **bare Scrapy** — one trivial spider requests every URL in the archive and does nothing with the responses
  (the floor: Scrapy scheduling + WARC reads); and as many trivial spiders as ailaw has, sharing the URLs (what
  Scrapy alone costs for a crawl of that shape: each spider is a crawler with its own engine and downloader);
* **ailaw** — the real spiders, parsers and pipelines (normalise, language, relevance, validation, SQLite
  upserts) into an empty data home; then a second replay of the same archive into the same home
  (everything unchanged: the cost of a routine re-crawl); then once more into a new empty home that keeps only the
  first home's OCR cache and language model (a store rebuilt from an archive in a used home: scans already read are
  not OCR'd again, py3langid's model is not decompressed again).

Printed: wall time, responses/s, MB/s, the ratio ailaw ÷ bare (how much our processing adds), CPU time (of the crawl
process and its children: steadier than wall time on a shared machine) and its ratio, and the peak RSS of
each crawl process; the unchanged re-crawl also prints how many responses were recognised as unchanged before
parsing and how many versions it made (goal: 0). Results also go to bench/results/ingest.json.
Usage: ``python -m bench.ingest_bench [--archive FILE] [--repeat N]``; ``make bench`` runs it on the demo archive
and on a larger one (``bench.large_archive``: the demo plus 60 editions of Decree No. 490).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARCHIVE = ROOT / "demo" / "ailaw-demo.warc.gz"
# what a store rebuilt in a used home keeps: OCR results and the language model (not the memo of responses)
CACHES_KEPT = ("ocr", "langid")


def _bare_replay(archive: str, spiders: int, queue: Any, requests: dict[str, list[str]] | None = None) -> None:
    """``spiders`` trivial spiders share the archive's URLs (1: the floor; one per ailaw spider: Scrapy's own cost of
    running that many crawlers in one process). With ``requests`` (what each of ailaw's spiders requested in a
    crawl, :func:`_record_requests`), one trivial spider per ailaw spider requests exactly those URLs, the ones the
    archive does not hold included: the same spiders' requests replayed bare."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    from crawler.archive import ArchiveReader

    urls = ArchiveReader(Path(archive)).urls()
    shares = list(requests.values()) if requests else [urls[n::spiders] for n in range(spiders)]
    seen = {"responses": 0, "bytes": 0}

    def bare_spider(n: int) -> type[scrapy.Spider]:
        class BareReplay(scrapy.Spider):
            name = f"bare_replay_{n}"

            async def start(self):  # type: ignore[override]
                for url in shares[n]:
                    yield scrapy.Request(url, dont_filter=True)

            def parse(self, response):  # type: ignore[override]
                seen["responses"] += 1
                seen["bytes"] += len(response.body)

        return BareReplay

    from crawler.settings import replay_scrapy_settings

    started, cpu = time.perf_counter(), _cpu_seconds()  # from the CrawlerProcess on, as for ailaw (run_crawl)
    process = CrawlerProcess(
        {
            "LOG_LEVEL": "ERROR",
            "ROBOTSTXT_OBEY": False,
            "TELNETCONSOLE_ENABLED": False,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
            "DOWNLOADER_MIDDLEWARES": {"crawler.middlewares.ArchiveMiddleware": 950},
            **replay_scrapy_settings(),  # the Scrapy settings of ailaw's replay that are Scrapy's own
            "AILAW_REPLAY": archive,
        },
        install_root_handler=False,
    )
    for n in range(len(shares)):
        process.crawl(bare_spider(n))
    process.start()
    queue.put({"seconds": time.perf_counter() - started, "cpu": _cpu_seconds() - cpu, **seen,
               "peak_rss_mb": _peak_rss_mb()})  # fmt: skip


def _ailaw_replay(archive: str, home: str, queue: Any) -> None:
    os.environ["AILAW_HOME"] = home
    os.environ.pop("AILAW_DATABASE_URL", None)
    from crawler.run import run_crawl
    from store.db import init_db

    init_db()
    from crawler.spiders import all_spiders

    started, cpu = time.perf_counter(), _cpu_seconds()
    run_ids = run_crawl([s.name for s in all_spiders()], replay=Path(archive), log_level="ERROR")
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    from store.db import session_scope
    from store.models import CrawlRun

    with session_scope() as session:
        runs = [session.get(CrawlRun, r) for r in run_ids]
        items = sum(r.items for r in runs if r)
        new_versions = sum(r.new_versions for r in runs if r)
        unchanged = sum(r.unchanged_responses for r in runs if r)
    peak = _peak_rss_mb()  # of the crawl, before the index is touched
    from search.indexer import index_new

    with session_scope() as session:  # what the crawl gives the indexer to do (a re-crawl of nothing new: 0)
        indexed = index_new(session=session, index_dir=Path(home) / "index")
    queue.put({"seconds": seconds, "cpu": cpu, "items": items, "new_versions": new_versions, "unchanged_responses": unchanged,
               "index_writes": indexed.documents + indexed.versions, "peak_rss_mb": peak})  # fmt: skip


class RequestLog:
    """A downloader middleware that notes every request an ailaw spider sends to the archive (misses included), for
    :func:`_record_requests`."""

    seen: ClassVar[dict[str, list[str]]] = {}

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> RequestLog:
        return cls(crawler)

    def process_request(self, request: Any, spider: Any = None) -> None:
        self.seen.setdefault(self.crawler.spider.name, []).append(request.url)


def _record_requests(archive: str, home: str, queue: Any) -> None:
    """What each of ailaw's spiders requests when replaying ``archive`` into ``home`` (a copy: this crawl writes)."""
    os.environ["AILAW_HOME"] = home
    os.environ.pop("AILAW_DATABASE_URL", None)
    from crawler.run import run_crawl
    from crawler.settings import scrapy_settings
    from crawler.spiders import all_spiders

    middlewares = {
        **scrapy_settings(replay=Path(archive), record=None)["DOWNLOADER_MIDDLEWARES"],
        f"{__name__}.RequestLog": 949,
    }  # fmt: skip  (just before the archive's)
    run_crawl([s.name for s in all_spiders()], replay=Path(archive), log_level="ERROR",
              extra_settings={"DOWNLOADER_MIDDLEWARES": middlewares})  # fmt: skip
    queue.put({s.name: RequestLog.seen.get(s.name, []) for s in all_spiders()})  # a spider that requests nothing too


def _cpu_seconds() -> float:
    """CPU time of this process and its children (Tesseract): steadier than wall time on a shared machine."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _in_child(target: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue), kwargs=kwargs)
    proc.start()
    result = queue.get()
    proc.join()
    return dict(result)


def main() -> None:
    parser = argparse.ArgumentParser(description="ailaw ingest throughput vs a bare Scrapy replay")
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    archive = str(args.archive.resolve())
    size_mb = args.archive.stat().st_size / 1e6

    from crawler.spiders import all_spiders

    n_spiders = len(all_spiders())
    bare, bare_n, bare_same, first, second, rebuilt = [], [], [], [], [], []
    requests: dict[str, list[str]] = {}
    for _ in range(args.repeat):
        bare.append(_in_child(_bare_replay, archive, 1))
        bare_n.append(_in_child(_bare_replay, archive, n_spiders))
        with tempfile.TemporaryDirectory(prefix="ailaw-bench-") as home:
            first.append(_in_child(_ailaw_replay, archive, home))
            second.append(_in_child(_ailaw_replay, archive, home))
            if not requests:  # what the spiders request in an unchanged re-crawl, noted in a copy of the home
                with tempfile.TemporaryDirectory(prefix="ailaw-bench-") as copy:
                    shutil.copytree(home, copy, dirs_exist_ok=True)
                    requests = _in_child(_record_requests, archive, copy)
            bare_same.append(_in_child(_bare_replay, archive, n_spiders, requests=requests))
            with tempfile.TemporaryDirectory(prefix="ailaw-bench-") as other:
                for kept in CACHES_KEPT:
                    if (Path(home) / "cache" / kept).is_dir():
                        shutil.copytree(Path(home) / "cache" / kept, Path(other) / "cache" / kept)
                rebuilt.append(_in_child(_ailaw_replay, archive, other))

    responses = bare[0]["responses"]
    body_mb = bare[0]["bytes"] / 1e6

    def med(rows: list[dict[str, Any]], key: str = "seconds") -> float:
        return statistics.median(r[key] for r in rows)

    b, bn, bs, f, s = med(bare), med(bare_n), med(bare_same), med(first), med(second)
    n_requests = sum(len(urls) for urls in requests.values())
    print(
        f"archive: {args.archive.name} ({size_mb:.1f} MB compressed, {responses} responses, {body_mb:.1f} MB of bodies)"
    )
    print(f"{'run':<40}{'median s':>10}{'responses/s':>14}{'MB/s':>8}{'× bare':>9}{f'× bare {n_spiders}':>12}"
          f"{'CPU s':>8}{'CPU × bare':>12}{'CPU × same':>12}")  # fmt: skip
    bare_cpu, same_cpu = med(bare, "cpu"), med(bare_same, "cpu")
    for label, secs, rows in (
        ("bare Scrapy replay", b, bare),
        (f"bare Scrapy replay, {n_spiders} spiders", bn, bare_n),
        (f"bare, ailaw's {n_requests} requests", bs, bare_same),
        ("ailaw replay, empty store", f, first),
        ("ailaw replay, all unchanged", s, second),
        ("ailaw, empty store + caches", med(rebuilt), rebuilt),
    ):
        cpu = med(rows, "cpu")
        print(f"{label:<40}{secs:>10.2f}{responses / secs:>14.1f}{body_mb / secs:>8.2f}{secs / b:>9.2f}"
              f"{secs / bn:>12.2f}{cpu:>8.2f}{cpu / bare_cpu:>12.2f}"
              f"{f'{cpu / same_cpu:.2f}' if rows is second else '':>12}")  # fmt: skip
    print(
        f"CPU × same (the re-crawl's goal, ≤ 1.2): to the same spiders' requests replayed bare ({len(requests)} trivial spiders, each requesting "
        f"what the ailaw spider of its name requested in an unchanged re-crawl, the archive's misses included)"
    )
    print(f"ailaw items per run: {first[0]['items']} (first run: {first[0]['new_versions']} new versions; "
          f"second run: {second[0]['new_versions']} new versions, {second[0]['unchanged_responses']} of "
          f"{responses} responses recognised unchanged before parsing, {second[0]['index_writes']} index writes)")  # fmt: skip
    print(f"peak RSS: bare {max(r['peak_rss_mb'] for r in bare):.0f} MB, ailaw first {max(r['peak_rss_mb'] for r in first):.0f} MB, "
          f"ailaw unchanged {max(r['peak_rss_mb'] for r in second):.0f} MB (goal ≤ 400 MB)")  # fmt: skip
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "ingest.json").write_text(
        json.dumps({"archive": str(args.archive), "responses": responses, "bare": bare, "bare_spiders": n_spiders, "bare_n": bare_n, "bare_same_requests": bare_same, "requests": requests, "ailaw_first": first,
                    "ailaw_second": second, "ailaw_rebuilt_ocr_cache": rebuilt, "ratio_first": f / b, "ratio_second": s / b,
                    "ratio_first_n": f / bn, "ratio_second_n": s / bn, "cpu_ratio_second_same": med(second, "cpu") / same_cpu}, indent=1),
        encoding="utf-8",
    )  # fmt: skip


if __name__ == "__main__":
    main()
