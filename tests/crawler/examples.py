"""The example harness: every recorded response under tests/examples has a reviewed expected output.

An example is any file ``NAME`` with a sidecar ``NAME.meta.json``::

    {"parser": "crawler.parsers.eu_cellar:parse_branch_notice",   # module:function
     "url": "https://publications.europa.eu/resource/cellar/…",   # the real URL it was recorded from
     "kwargs": {},                                                 # extra keyword arguments for the parser
     "origin": "recorded" | "documented",                         # documented = built from the source dossier
     "note": "what it shows / how it was trimmed"}

Running the parser must give exactly ``NAME.compare.json``. A missing compare file is written and the test
fails on purpose, so that a person reads it before committing; ``pytest --update-examples`` rewrites them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import importlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FIXED_FETCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def load_parser(dotted: str) -> Callable[..., Iterable[Any]]:
    module, _, name = dotted.partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {"_type": type(value).__name__}
        out.update({f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)})
        return out
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def summarize(items: list[Any]) -> list[Any]:
    """JSON form of parser output; long texts are cut to keep compare files reviewable."""
    out = []
    for item in _jsonable(items):
        if isinstance(item, dict):
            item.pop("body_sha256", None)  # filled by the spider from the response, not by the parser
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            text = item["text"]
            item["text"] = {"chars": len(text), "head": text[:300], "tail": text[-200:]}
        if isinstance(item, dict) and isinstance(item.get("provisions"), list):
            provs = item["provisions"]
            item["provisions"] = {
                "count": len(provs),
                "keys": [p["key"] for p in provs],
                "sample": [dict(p, text=p["text"][:160]) for p in provs[:5]],
            }
        out.append(item)
    return out


def iter_examples() -> list[Path]:
    return sorted(p for p in EXAMPLES.rglob("*.meta.json"))


def run_example(meta_path: Path) -> tuple[dict[str, Any], list[Any]]:
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    body_path = meta_path.with_name(meta_path.name.removesuffix(".meta.json"))
    parser = load_parser(meta["parser"])
    items = list(parser(body_path.read_bytes(), url=meta["url"], **meta.get("kwargs", {})))
    return meta, items
