"""Search bench: ailaw's Whoosh index (its own schema, analyzers and ``search()``) vs SQLite FTS5 on one corpus.

    python -m bench.search_bench                 # 20,000 EN+RU versions (slow on 2 cores: see bench/README.md)
    python -m bench.search_bench --docs 1000     # a quick run
    python -m bench.search_bench --docs 1000 --no-passages   # what indexing the provisions as passages costs
    python -m bench.search_bench --docs 2000 --profile      # + where search() spends its time (cProfile)
    python -m bench.search_bench --docs 200000 --mix realistic   # long acts, bills and passages (issue 12)

The corpus is kept in bench/cache (gitignored) and reused by later runs with the same parameters;
``--reuse-index`` also reuses the Whoosh and FTS5 indexes built there by an earlier run (queries only: the build
is not measured then).

Prints p50/p95 per engine and query type (top 10 with highlights) and the Whoosh ÷ FTS5 ratio, the Russian
analyzer comparison (Snowball vs pymorphy3 lemmas) and the highlight cost on the real AI Act text; writes
everything to bench/results/search.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import random
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.corpus import CACHE, EN_WORDS, RU_WORDS, Item, cached

ROOT = Path(__file__).resolve().parent
EXAMPLES = ROOT.parent / "tests" / "examples"  # committed copies of real texts
RU_SAMPLE = EXAMPLES / "ru" / "ru_decree-490_strategy_2024-edition_pdf-extract.txt"
EN_SAMPLE = EXAMPLES / "eu" / "32024R1689_EN_AI_Act_OJ_cellar.xhtml"  # the AI Act as published, ~90k words


def _sample_text(path: Path) -> str:
    if path.suffix == ".xhtml":
        from crawler.parsers.eu_xhtml import parse_oj_act
        from store.items import VersionItem

        items = parse_oj_act(
            path.read_bytes(), url="https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32024R1689"
        )
        return next(i.text for i in items if isinstance(i, VersionItem))
    return path.read_text(encoding="utf-8", errors="replace")


QUERY_TYPES = ("term", "phrase", "boolean", "prefix", "term+date")


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(p * len(values)))], 2) if values else 0.0


# --- Russian analyzers -------------------------------------------------------------------------------------------


def russian_analyzers(text: str) -> dict[str, Any]:
    """Tokens/s of Snowball vs pymorphy3 (cold and warm lemma cache) and recall on irregular forms."""
    from search import analysis

    out: dict[str, Any] = {"text_chars": len(text)}
    for name, make in (("snowball", analysis.russian_stem_analyzer), ("pymorphy3", analysis.russian_lemma_analyzer)):
        analysis.ru_lemmas.cache_clear()
        analysis._ru_stem.cache_clear()
        an = make()
        list(an("прогрев"))  # load the dictionaries outside the timing
        for run in ("cold", "warm"):
            t = time.perf_counter()
            n = sum(1 for _ in an(text))
            out[f"{name}_{run}_tokens_per_s"] = round(n / (time.perf_counter() - t))
        out["tokens"] = n
    pairs = [("люди", "человек"), ("лиц", "лицо"), ("данных", "данные"), ("нейросетей", "нейросеть"),
             ("искусственному", "искусственный"), ("шёл", "идти"), ("детей", "ребёнок"), ("лучшие", "хороший"),
             ("ИИ", "ИИ"), ("стали", "сталь")]  # fmt: skip
    for name, make in (("snowball", analysis.russian_stem_analyzer), ("pymorphy3", analysis.russian_lemma_analyzer)):
        an = make()
        ok = [a for a, b in pairs if {t.text for t in an(a, mode="query")} & {t.text for t in an(b)}]
        out[f"{name}_pairs_matched"] = f"{len(ok)}/{len(pairs)}: {', '.join(ok)}"
    return out


# --- engines -----------------------------------------------------------------------------------------------------


PARAGRAPHS_PER_ARTICLE = 2


def provisions(text: str) -> list[dict[str, Any]]:
    """The text as articles of paragraphs (sentence groups), as a parser gives them: the passages ailaw indexes."""
    sentences = [s.strip() + "." for s in text.split(".") if s.strip()]
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    out: list[dict[str, Any]] = []
    for n in range(0, len(paragraphs), PARAGRAPHS_PER_ARTICLE):
        art = n // PARAGRAPHS_PER_ARTICLE + 1
        group = paragraphs[n : n + PARAGRAPHS_PER_ARTICLE]
        out.append({"key": f"art_{art}", "kind": "article", "number": str(art), "label": f"Article {art}",
                    "heading": None, "parent": None, "text": "\n".join(group)})  # fmt: skip
        for k, par in enumerate(group, 1):
            out.append({"key": f"art_{art}.par_{k}", "kind": "paragraph", "number": str(k),
                        "label": f"Article {art}({k})", "heading": None, "parent": f"art_{art}", "text": par})  # fmt: skip
    return out


def build_whoosh(items: list[Item], path: Path, procs: int, *, passages: bool = True) -> float:
    """ailaw's ``write_all`` (as ``rebuild``): documents, versions, and the passages of each current version."""
    from search.indexer import _create, write_all
    from store.models import DocumentRead, VersionRead

    now = dt.datetime(2025, 1, 1)
    docs, versions = [], []
    for it in items:
        did = f"bench/{it.id}"
        docs.append(DocumentRead(id=did, source="bench", jurisdiction="eu" if it.lang == "en" else "ru",
                                 doc_type="act", title=it.title, language=it.lang, date_adopted=it.date,
                                 ai_relevant=True, created_at=now, updated_at=now, change_seq=it.id))  # fmt: skip
        versions.append(VersionRead(id=it.id, document_id=did, label="v1", kind="original", date=it.date,
                                    language=it.lang, text=it.text, sha256=str(it.id), source_url="x",
                                    provisions=provisions(it.text)))  # fmt: skip
    current = {v.document_id: (v.id,) for v in versions} if passages else {}
    t = time.perf_counter()
    write_all(_create(path), docs, versions, procs=procs, current=current)
    return time.perf_counter() - t


def build_fts5(items: list[Item], path: Path) -> float:
    t = time.perf_counter()
    con = sqlite3.connect(path)
    con.executescript(
        """PRAGMA journal_mode=WAL;
        CREATE TABLE doc(id INTEGER PRIMARY KEY, lang TEXT, title TEXT, date TEXT);
        CREATE INDEX ix_doc_date ON doc(date);
        CREATE VIRTUAL TABLE fts_en USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE fts_ru USING fts5(title, body, tokenize='unicode61 remove_diacritics 2');"""
    )
    with con:
        con.executemany(
            "INSERT INTO doc VALUES (?,?,?,?)", [(i.id, i.lang, i.title, i.date.isoformat()) for i in items]
        )
        for lang in ("en", "ru"):
            con.executemany(f"INSERT INTO fts_{lang}(rowid, title, body) VALUES (?,?,?)",
                            [(i.id, i.title, i.text) for i in items if i.lang == lang])  # fmt: skip
    con.execute("INSERT INTO fts_en(fts_en) VALUES('optimize')")
    con.execute("INSERT INTO fts_ru(fts_ru) VALUES('optimize')")
    con.commit()
    con.close()
    return time.perf_counter() - t


def queries(seed: int = 7, per_type: int = 20) -> dict[str, list[tuple[str, str, str]]]:
    """(lang, whoosh query, fts5 query) per type, half English, half Russian, from the real vocabulary."""
    rng = random.Random(seed)
    out: dict[str, list[tuple[str, str, str]]] = {t: [] for t in QUERY_TYPES}
    for i in range(per_type):
        lang, vocab = ("en", EN_WORDS) if i % 2 == 0 else ("ru", RU_WORDS)
        a, b, c = (rng.choice(rng.choice(vocab)).replace("-", " ") for _ in range(3))
        a1 = a.split()[0]
        out["term"].append((lang, a1, a1))
        out["phrase"].append((lang, f'"{a} {b}"', f'"{a} {b}"'))
        out["boolean"].append(
            (lang, f"{a1} AND {b.split()[0]} NOT {c.split()[0]}", f"{a1} AND {b.split()[0]} NOT {c.split()[0]}")
        )
        out["prefix"].append((lang, a1[:4] + "*", a1[:4] + "*"))
        out["term+date"].append((lang, f"{a1} date:[2018 TO 2019]", a1))
    return out


def run_whoosh(path: Path, qs: dict[str, list[tuple[str, str, str]]]) -> dict[str, list[float]]:
    from search.query import search, warm

    times: dict[str, list[float]] = {t: [] for t in qs}
    warm(path)  # what the search page does when it opens
    for qtype, items in qs.items():
        for _, wq_, _ in items:
            t = time.perf_counter()
            search(wq_, limit=10, index_dir=path)
            times[qtype].append((time.perf_counter() - t) * 1000)
    return times


def profile_whoosh(path: Path, qs: dict[str, list[tuple[str, str, str]]], top: int = 30) -> dict[str, Any]:
    """Every query once more under cProfile: the functions with the most cumulative and own time."""
    import cProfile
    import pstats

    from search.query import search

    prof = cProfile.Profile()
    prof.enable()
    for items in qs.values():
        for _, wq_, _ in items:
            search(wq_, limit=10, index_dir=path)
    prof.disable()
    stats = pstats.Stats(prof)
    total = max(getattr(stats, "total_tt", 0.0), 1e-9)
    rows = []
    for (file, line, fn), (_, ncalls, tt, ct, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = file.split("site-packages/")[-1].split("/wt/speed/")[-1].split("/ailaw/")[-1]
        rows.append({"fn": f"{where}:{line}({fn})", "calls": ncalls, "own_s": round(tt, 3), "cum_s": round(ct, 3)})
    queries_n = sum(len(v) for v in qs.values())
    out = {"queries": queries_n, "total_s": round(total, 2),
           "cumulative": sorted(rows, key=lambda r: -r["cum_s"])[:top],
           "own": sorted(rows, key=lambda r: -r["own_s"])[:top]}  # fmt: skip
    print(f"\nprofile of search() over {queries_n} queries: {out['total_s']} s")
    for title, key in (("cumulative", "cum_s"), ("own", "own_s")):
        print(f"-- by {title} time")
        for r in out[title]:
            print(f"{r[key]:>8.3f} s {r['calls']:>9}  {r['fn']}")
    return out


def incremental_update(items: list[Item], path: Path) -> float:
    """Seconds to re-index one changed document (its new version and the passages of its current text) in the
    built index, as ``index_new`` writes it: one writer per index, ``update_document`` on the unique key."""
    from search.indexer import _replace_passages, _writer, open_index, open_passages, passage_fields, version_fields
    from store.models import DocumentRead, VersionRead

    it = items[len(items) // 2]
    now = dt.datetime(2025, 1, 1)
    did = f"bench/{it.id}"
    doc = DocumentRead(id=did, source="bench", jurisdiction="eu" if it.lang == "en" else "ru", doc_type="act",
                       title=it.title, language=it.lang, date_adopted=it.date, ai_relevant=True, created_at=now,
                       updated_at=now, change_seq=it.id)  # fmt: skip
    text = it.text.replace(".", ". Amended.", 1)
    version = VersionRead(id=it.id, document_id=did, label="v2", kind="amended", date=it.date, language=it.lang,
                          text=text, sha256=f"{it.id}b", source_url="x", provisions=provisions(text))  # fmt: skip
    t = time.perf_counter()
    writer = _writer(open_index(path))
    writer.update_document(**version_fields(version, doc))
    pwriter = _writer(open_passages(path))
    _replace_passages(pwriter, did)
    for fields in passage_fields(version, doc):
        pwriter.add_document(**fields)
    writer.commit()
    pwriter.commit()
    return time.perf_counter() - t


def build_in_child(items: list[Item], path: Path, procs: int, passages: bool) -> tuple[float, float]:
    """Build the Whoosh index in a forked process: (seconds, peak RSS MB of the build's processes)."""
    import multiprocessing as mp
    import resource

    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe()

    def work() -> None:
        child.send(build_whoosh(items, path, procs, passages=passages))

    proc = ctx.Process(target=work)
    proc.start()
    seconds = parent.recv()
    proc.join()
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak_kb / 1024


def run_fts5(path: Path, qs: dict[str, list[tuple[str, str, str]]]) -> dict[str, list[float]]:
    con = sqlite3.connect(path)
    times: dict[str, list[float]] = {t: [] for t in qs}
    for qtype, items in qs.items():
        for lang, _, fq in items:
            sql = (f"SELECT fts_{lang}.rowid, snippet(fts_{lang}, 1, '<mark>', '</mark>', '…', 24) FROM fts_{lang} "
                   f"JOIN doc ON doc.id = fts_{lang}.rowid WHERE fts_{lang} MATCH ?")  # fmt: skip
            args: list[Any] = [fq]
            if qtype == "term+date":
                sql += " AND doc.date BETWEEN ? AND ?"
                args += ["2018-01-01", "2019-12-31"]
            t = time.perf_counter()
            con.execute(sql + " ORDER BY rank LIMIT 10", args).fetchall()
            times[qtype].append((time.perf_counter() - t) * 1000)
    con.close()
    return times


def highlight_cost() -> dict[str, Any]:
    """Highlights on a real 90k-word act: ailaw's highlighter vs re-analysing it with whoosh.highlight."""
    from search.highlight import fragments

    if not EN_SAMPLE.exists() or not RU_SAMPLE.exists():
        return {}
    out: dict[str, Any] = {}
    for name, path, lang, terms in (("ai_act_en", EN_SAMPLE, "en", {"risk", "system"}),
                                    ("decree_490_ru", RU_SAMPLE, "ru", {"искусственный", "интеллект"})):  # fmt: skip
        text = _sample_text(path)
        for run in ("first", "repeat"):
            t = time.perf_counter()
            frags = fragments(text, lang, terms)
            out[f"{name}_{run}_ms"] = round((time.perf_counter() - t) * 1000, 1)
        out[f"{name}_words"] = len(re.findall(r"\w+", text))
        out[f"{name}_fragments"] = len(frags)
    return out


def timed(label: str, fn: Callable[[], Any]) -> Any:
    t = time.perf_counter()
    result = fn()
    print(f"{label}: {time.perf_counter() - t:.1f} s", flush=True)
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=20_000, help="versions in the corpus (default 20,000)")
    ap.add_argument("--words", type=int, default=300, help="words per version (default 300, a passage)")
    ap.add_argument(
        "--mix",
        choices=("uniform", "realistic"),
        default="uniform",
        help="realistic: a few 50–100k-word acts, a fifth 2–20k-word bills, the rest ~300 words",
    )
    ap.add_argument("--procs", type=int, default=2, help="Whoosh writer processes (default 2)")
    ap.add_argument("--out", type=Path, default=ROOT / "results" / "search.json")
    ap.add_argument("--no-passages", action="store_true", help="index no passages (to measure what they cost)")
    ap.add_argument("--reuse-index", action="store_true", help="reuse the indexes an earlier run left in bench/cache")
    ap.add_argument("--profile", action="store_true", help="profile search() over the queries (cProfile)")
    ap.add_argument("--skip-analyzers", action="store_true", help="skip the analyzer and real-text highlight runs")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    from search.schema import SCHEMA_VERSION

    results: dict[str, Any] = {"docs": args.docs, "words": args.words, "mix": args.mix, "procs": args.procs,
                               "passages": not args.no_passages, "load_average": os.getloadavg()}  # fmt: skip
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}", flush=True)
    if not args.skip_analyzers:
        if RU_SAMPLE.exists():
            results["russian_analyzers"] = timed("russian analyzers", lambda: russian_analyzers(RU_SAMPLE.read_text()))
            print(json.dumps(results["russian_analyzers"], ensure_ascii=False, indent=1))
        results["highlight_real_texts"] = timed("highlights on real texts", highlight_cost)
        print(json.dumps(results["highlight_real_texts"], indent=1))
    items = timed("corpus", lambda: cached(args.docs, words=args.words, mix=args.mix))
    results["corpus_mb"] = round(sum(len(i.text.encode()) for i in items) / 1e6, 1)
    results["corpus_words"] = sum(i.text.count(" ") + 1 for i in items)
    name = f"{args.mix}-{args.docs}-{args.words}-{'p' if not args.no_passages else 'np'}-s{SCHEMA_VERSION}"
    kept = CACHE / f"index-{name}"
    reuse = args.reuse_index and (kept / "whoosh").exists() and (kept / "fts.db").exists()
    tmp = kept if reuse else Path(tempfile.mkdtemp(prefix="ailaw-bench-"))
    try:
        if reuse:
            print(f"reusing the indexes in {kept} (build not measured)", flush=True)
        else:
            build_s, peak_mb = build_in_child(items, tmp / "whoosh", args.procs, not args.no_passages)
            results["whoosh_build_s"] = round(build_s, 1)
            results["whoosh_build_peak_rss_mb"] = round(peak_mb)
            print(f"whoosh build: {results['whoosh_build_s']} s, peak RSS {peak_mb:.0f} MB", flush=True)
            results["fts5_build_s"] = round(build_fts5(items, tmp / "fts.db"), 1)
            print(f"fts5 build: {results['fts5_build_s']} s", flush=True)
            results["build_ratio"] = round(results["whoosh_build_s"] / max(results["fts5_build_s"], 0.05), 1)
            print(f"build whoosh÷fts5: {results['build_ratio']}×", flush=True)
        results["whoosh_index_mb"] = round(sum(f.stat().st_size for f in (tmp / "whoosh").iterdir()) / 1e6, 1)
        results["fts5_index_mb"] = round((tmp / "fts.db").stat().st_size / 1e6, 1)
        qs = queries()
        w, f = run_whoosh(tmp / "whoosh", qs), run_fts5(tmp / "fts.db", qs)
        if args.profile:
            results["profile"] = profile_whoosh(tmp / "whoosh", qs)
        if not reuse:
            results["incremental_s"] = round(incremental_update(items, tmp / "whoosh"), 3)
            results["incremental_ratio"] = round(results["incremental_s"] / max(results["whoosh_build_s"], 1e-3), 5)
            print(f"incremental (one changed document): {results['incremental_s']} s = "
                  f"1/{1 / max(results['incremental_ratio'], 1e-9):.0f} of the build", flush=True)  # fmt: skip
            if args.reuse_index:  # keep this run's indexes for the next --reuse-index run
                shutil.rmtree(kept, ignore_errors=True)
                kept.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(tmp), kept)
    finally:
        if not args.reuse_index:
            shutil.rmtree(tmp, ignore_errors=True)
    table = {}
    print(f"\n{'query':<10} {'whoosh p50/p95 ms':>20} {'fts5 p50/p95 ms':>18} {'÷fts5 p50':>10} {'÷fts5 p95':>10}")
    for qtype in QUERY_TYPES:
        row = {"whoosh_p50": pct(w[qtype], 0.5), "whoosh_p95": pct(w[qtype], 0.95),
               "fts5_p50": pct(f[qtype], 0.5), "fts5_p95": pct(f[qtype], 0.95)}  # fmt: skip
        row["ratio_p50"] = round(row["whoosh_p50"] / row["fts5_p50"], 1) if row["fts5_p50"] else None
        row["ratio_p95"] = round(row["whoosh_p95"] / row["fts5_p95"], 1) if row["fts5_p95"] else None
        table[qtype] = row
        print(
            f"{qtype:<10} {row['whoosh_p50']:>9} / {row['whoosh_p95']:<8} {row['fts5_p50']:>7} / {row['fts5_p95']:<8}"
            f" {row['ratio_p50']!s:>9}× {row['ratio_p95']!s:>9}×"
        )
    results["queries"] = table
    results["load_average_end"] = os.getloadavg()
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(f"\nwritten {args.out}")
    return results


if __name__ == "__main__":
    main()
