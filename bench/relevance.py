"""The relevance report: ailaw's judged queries (tests/search/relevance_set.toml) run against the demo data.

    python -m bench.relevance                 # builds a throwaway demo home (about 20 s), prints the report
    python -m bench.relevance --home data     # an existing demo home (after `make demo`)
    python -m bench.relevance --json out.json
    python -m bench.relevance --record        # rewrite tests/search/relevance_results.json (after a deliberate change)

Prints MRR and recall@10 per language (en, ru, mixed), per kind of query and overall, the EN–RU gap, and every
judged query that misses its judgement. ``tests/search/test_relevance_set.py`` runs the same judgements and
fails on any regression; the targets (recall@10 ≥ 0.95 for English and for Russian, gap ≤ 0.05) are checked there.

A judged query (see the header of the set file for the format) names its expected documents, best first, and where
in the texts the judgement comes from. Metrics per query:
- reciprocal rank of the first expected document (MRR averages it);
- recall@10: the share of the expected documents among the first ten hits;
- and, for provision citations, whether the first hit names the expected provision.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "tests" / "search" / "relevance_set.toml"
#: The first ten documents of every judged query as recorded (``--record``): the suite checks that search still
#: returns them, in that order, so work on speed cannot change what a lawyer sees.
RECORDED = ROOT / "tests" / "search" / "relevance_results.json"
LANGS = ("en", "ru", "mixed")  # the targets are English's and Russian's; other languages by their ISO 639-1 code
KINDS = ("natural", "question", "keyword", "phrase", "name", "abbreviation", "identifier", "citation",
         "cross-language", "mixed")  # fmt: skip
TARGET_RECALL = 0.95
TARGET_GAP = 0.05


@dataclass(frozen=True)
class Judged:
    id: str
    query: str
    lang: str
    kind: str
    expect: tuple[str, ...]  # relevant documents, the best first
    evidence: str  # where in the texts the judgement comes from
    max_rank: int = 1  # the first expected document must rank at or above this
    provision: str | None = None  # the provision key the first expected hit must name
    all: bool = False  # search with --all (documents not about AI included)
    exact: bool = False
    via_concept: bool = False  # the first expected document is found through a concept, and says so
    relaxed: bool = False  # no document has every word: the search falls back and says so


@dataclass
class Outcome:
    judged: Judged
    ranks: dict[str, int | None]  # expected document -> rank (1-based) or None
    first_rank: int | None
    reciprocal_rank: float
    recall_at_10: float
    provision_ok: bool | None
    via_ok: bool | None
    relaxed_ok: bool | None
    hits: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return (
            self.first_rank is not None
            and self.first_rank <= self.judged.max_rank
            and self.recall_at_10 == 1.0
            and self.provision_ok is not False
            and self.via_ok is not False
            and self.relaxed_ok is not False
        )

    def problems(self) -> list[str]:
        out = []
        j = self.judged
        if self.first_rank is None or self.first_rank > j.max_rank:
            out.append(f"{j.expect[0]} at rank {self.first_rank} (wanted ≤ {j.max_rank})")
        missing = [d for d, r in self.ranks.items() if r is None or r > 10]
        if missing:
            out.append(f"not in the first 10: {', '.join(missing)}")
        if self.provision_ok is False:
            out.append(f"provision {j.provision} not named by the first expected hit")
        if self.via_ok is False:
            out.append("no 'via concept' explanation on the first expected hit")
        if self.relaxed_ok is False:
            out.append("the search did not fall back (relaxed) as judged")
        return out


def load(path: Path = SET) -> list[Judged]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for q in raw.get("query") or []:
        expect = q.get("expect") or []
        if not expect or not q.get("evidence"):
            raise ValueError(f"judged query {q.get('id')!r} needs expected documents and evidence")
        lang = str(q.get("lang") or "")
        if not (lang in LANGS or re.fullmatch(r"[a-z]{2}", lang)) or q.get("kind") not in KINDS:
            raise ValueError(
                f"judged query {q.get('id')!r}: lang must be one of {LANGS} or a language code, kind one of {KINDS}"
            )
        out.append(Judged(id=q["id"], query=q["query"], lang=q["lang"], kind=q["kind"], expect=tuple(expect),
                          evidence=q["evidence"], max_rank=int(q.get("max_rank", 1)), provision=q.get("provision"),
                          all=bool(q.get("all", False)), exact=bool(q.get("exact", False)),
                          via_concept=bool(q.get("via_concept", False)), relaxed=bool(q.get("relaxed", False))))  # fmt: skip
    ids = [j.id for j in out]
    if len(ids) != len(set(ids)):
        raise ValueError("judged query ids must be unique")
    return out


def evaluate(judged: Judged, index_dir: Path | None = None) -> Outcome:
    from search.query import search

    result = search(judged.query, include_non_ai=judged.all, exact=judged.exact, limit=10, index_dir=index_dir)
    ids = [h.id for h in result.hits]
    ranks = {d: (ids.index(d) + 1 if d in ids else None) for d in judged.expect}
    first = ranks[judged.expect[0]]
    found = [r for r in ranks.values() if r is not None]
    best = min(found) if found else None
    provision_ok = via_ok = relaxed_ok = None
    hit = result.hits[first - 1] if first else None
    if judged.provision:
        provision_ok = hit is not None and any(p.key == judged.provision for p in hit.provisions)
    if judged.via_concept:
        via_ok = hit is not None and bool(hit.via)
    if judged.relaxed:
        relaxed_ok = result.relaxed
    return Outcome(
        judged=judged, ranks=ranks, first_rank=first, reciprocal_rank=1.0 / best if best else 0.0,
        recall_at_10=sum(1 for r in found if r <= 10) / len(judged.expect), provision_ok=provision_ok,
        via_ok=via_ok, relaxed_ok=relaxed_ok, hits=ids,
    )  # fmt: skip


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return round(statistics.fmean(values), 3) if values else 0.0


def report(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """MRR and recall@10 overall, per language and per kind; the EN–RU gap (recall@10 and MRR)."""

    def group(key: str) -> dict[str, dict[str, float]]:
        buckets: dict[str, list[Outcome]] = defaultdict(list)
        for o in outcomes:
            buckets[getattr(o.judged, key)].append(o)
        return {name: {"queries": len(items), "mrr": _mean(o.reciprocal_rank for o in items),
                       "recall@10": _mean(o.recall_at_10 for o in items),
                       "passed": sum(o.passed for o in items)}
                for name, items in sorted(buckets.items())}  # fmt: skip

    by_lang = group("lang")
    en, ru = by_lang.get("en", {}), by_lang.get("ru", {})
    return {
        "queries": len(outcomes),
        "passed": sum(o.passed for o in outcomes),
        "mrr": _mean(o.reciprocal_rank for o in outcomes),
        "recall@10": _mean(o.recall_at_10 for o in outcomes),
        "by_language": by_lang,
        "by_kind": group("kind"),
        "gap_en_ru": {
            "recall@10": round(abs(en.get("recall@10", 0) - ru.get("recall@10", 0)), 3),
            "mrr": round(abs(en.get("mrr", 0) - ru.get("mrr", 0)), 3),
        },  # fmt: skip
        "failures": [
            {"id": o.judged.id, "query": o.judged.query, "problems": o.problems(), "hits": o.hits[:5]}
            for o in outcomes
            if not o.passed
        ],  # fmt: skip
    }


def run(index_dir: Path | None = None, path: Path = SET) -> tuple[list[Outcome], dict[str, Any]]:
    outcomes = [evaluate(j, index_dir) for j in load(path)]
    return outcomes, report(outcomes)


def recorded(outcomes: Sequence[Outcome]) -> dict[str, dict[str, Any]]:
    """Query id -> the query and its first ten hits (document ids, best first)."""
    return {o.judged.id: {"query": o.judged.query, "hits": o.hits[:10]} for o in outcomes}


def load_recorded(path: Path = RECORDED) -> dict[str, dict[str, Any]]:
    """The recorded first ten hits (``--record``), by query id."""
    data: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def render(rep: dict[str, Any]) -> str:
    lines = [f"relevance set: {rep['queries']} judged queries, {rep['passed']} meet their judgement",
             "", f"{'':16} {'queries':>7} {'MRR':>6} {'recall@10':>9}"]  # fmt: skip
    lines.append(f"{'all':16} {rep['queries']:>7} {rep['mrr']:>6.3f} {rep['recall@10']:>9.3f}")
    for title, key in (("language", "by_language"), ("kind", "by_kind")):
        lines.append(f"-- by {title}")
        for name, m in rep[key].items():
            lines.append(f"{name:16} {m['queries']:>7} {m['mrr']:>6.3f} {m['recall@10']:>9.3f}")
    gap = rep["gap_en_ru"]
    lines.append("")
    lines.append(f"EN–RU gap: recall@10 {gap['recall@10']:.3f} (target ≤ {TARGET_GAP}), MRR {gap['mrr']:.3f}")
    for f in rep["failures"]:
        lines.append(f"MISS {f['id']}: {f['query']!r}: {'; '.join(f['problems'])} — got {f['hits']}")
    return "\n".join(lines)


def _demo_home() -> Path:
    from ailaw import jobs

    home = Path(tempfile.mkdtemp(prefix="ailaw-relevance-"))
    os.environ["AILAW_HOME"] = str(home)
    os.environ.pop("AILAW_DATABASE_URL", None)
    os.environ.pop("AILAW_INDEX_DIR", None)
    jobs.demo()
    return home


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", type=Path, help="an existing data home with the demo data (default: build one)")
    parser.add_argument("--json", type=Path, help="also write the report as JSON")
    parser.add_argument("--record", action="store_true", help=f"write every query's first ten hits to {RECORDED.name}")
    args = parser.parse_args(argv)
    if args.home:
        os.environ["AILAW_HOME"] = str(args.home)
        home = args.home
    else:
        home = _demo_home()
    outcomes, rep = run(home / "index")
    print(render(rep))
    if args.json:
        args.json.write_text(json.dumps({**rep, "outcomes": [asdict(o) for o in outcomes]}, ensure_ascii=False,
                                        indent=1, default=str))  # fmt: skip
    if args.record:
        RECORDED.write_text(json.dumps(recorded(outcomes), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"recorded the first ten hits of {len(outcomes)} queries in {RECORDED}")
    ok = all(rep["by_language"].get(lang, {}).get("recall@10", 0) >= TARGET_RECALL for lang in ("en", "ru"))
    return 0 if ok and rep["gap_en_ru"]["recall@10"] <= TARGET_GAP else 1


if __name__ == "__main__":
    sys.exit(main())
