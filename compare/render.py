"""A comparison as JSON (``ailaw diff --format json``), as a terminal report, and as a standalone HTML redline.
The JSON shape is documented in :mod:`compare`."""

from __future__ import annotations

import html
from typing import Any

from compare.comparison import Comparison
from compare.summary import CJK, describe, overview


def _unit_json(u: Any) -> dict[str, Any] | None:
    if u is None:
        return None
    return {"key": u.key, "label": u.label, "number": u.number, "heading": u.heading}


def to_json(c: Comparison, *, changed_only: bool = False) -> dict[str, Any]:
    rows = c.changed_rows if changed_only else c.rows
    return {
        "from": c.old,
        "to": c.new,
        "counts": c.counts,
        "overview": {lang: overview(c.counts, lang) for lang in c.languages if lang not in CJK},  # counts: en, ru
        "summary": {lang: c.summary(lang) for lang in c.languages},
        "provisions": [
            {
                "status": r.status,
                "kind": r.kind,
                "from": _unit_json(r.old),
                "to": _unit_json(r.new),
                "similarity": r.similarity,
                "words_inserted": r.words_inserted,
                "words_deleted": r.words_deleted,
                "parts": [{"key": p.key, "label": p.label, "status": p.status} for p in r.parts],
                "summary": {lang: describe(r, lang) for lang in c.languages},
                "redline": [list(op) for op in r.ops],
            }
            for r in rows
        ],  # fmt: skip
        "seconds": round(c.seconds, 3),
    }


def _title(meta: dict[str, Any]) -> str:
    bits = [meta.get("document_id") or "", meta.get("label") or "", meta.get("date") or ""]
    return " · ".join(b for b in bits if b)


def to_text(c: Comparison, *, lang: str = "en", changed_only: bool = True, width: int = 0) -> str:
    """A terminal report: overview, then each changed provision with ``[-deleted-]`` / ``{+inserted+}`` marks."""
    lines = [f"from: {_title(c.old)}", f"to:   {_title(c.new)}", "", overview(c.counts, lang), ""]
    native = next((x for x in c.languages if x in CJK and x != lang), None)  # a Korean text's own citations too
    for r in c.rows if changed_only is False else c.changed_rows:
        lines.append(f"== {describe(r, lang)}" + (f" · {describe(r, native)}" if native else ""))
        if r.status in ("inserted", "deleted") and sum(len(t.split()) for _, t in r.ops) > 80:
            all_words = " ".join(t for _, t in r.ops).split()
            mark = "+" if r.status == "inserted" else "-"
            lines.append(f"   {mark} " + " ".join(all_words[:60]) + " …")
            lines.append("")
            continue
        body = []
        for op, text in r.ops:
            if op == "=":
                words = text.split()
                body.append(
                    " ".join(words) if len(words) <= 24 else " ".join(words[:10]) + " … " + " ".join(words[-10:])
                )
            elif op == "-":
                body.append("[-" + " ".join(text.split()) + "-]")
            else:
                body.append("{+" + " ".join(text.split()) + "+}")
        lines.append("   " + " ".join(body))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


_CSS = """
body{font-family:Georgia,'Times New Roman',serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;
line-height:1.5}
h1{font-size:1.4rem} .meta{color:#555;font-size:.9rem} .overview{background:#f4f6fa;padding:.6rem .9rem;
border-radius:.3rem} nav ol{columns:2;font-size:.9rem} .prov{border-top:1px solid #ddd;padding:.6rem 0}
.prov h2{font-size:1rem;margin:.2rem 0} .status{font:600 .75rem sans-serif;text-transform:uppercase;
padding:.1rem .4rem;border-radius:.2rem;margin-right:.4rem} .s-moved{background:#e8f0fe;color:#1a4fa0}
.s-inserted{background:#e6f4ea;color:#1e6b34} .s-deleted{background:#fdecea;color:#a1281c}
.s-changed,.s-replaced{background:#fff4e0;color:#8a5300} .s-unchanged,.s-formatting{background:#eee;color:#555}
ins{background:#d7f5dd;color:#0b4d1f;text-decoration:underline} del{background:#fbd9d6;color:#7d1a12}
.redline{white-space:pre-wrap} .sum{color:#333;font-style:italic;margin:.2rem 0}
"""


def to_html(c: Comparison, *, lang: str = "en", changed_only: bool = False, title: str | None = None) -> str:
    """A standalone HTML redline (inline CSS, no script, every text escaped) that opens in any browser."""
    esc = html.escape
    rows = c.changed_rows if changed_only else c.rows
    head = title or f"Comparison: {_title(c.old)} → {_title(c.new)}"
    out = [
        "<!DOCTYPE html>", f'<html lang="{esc(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(head)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{esc(head)}</h1>",
        f'<p class="meta">from: {esc(_title(c.old))}<br>to: {esc(_title(c.new))}</p>',
        f'<p class="overview" id="overview">{esc(overview(c.counts, lang))}</p>',
        '<nav><ol id="changes">',
    ]  # fmt: skip
    for n, r in enumerate(rows):
        if r.changed:
            out.append(f'<li><a href="#p{n}">{esc(describe(r, lang))}</a></li>')
    out.append("</ol></nav>")
    for n, r in enumerate(rows):
        unit = r.new or r.old
        assert unit is not None
        heading = esc(unit.label) + (f" — {esc(unit.heading)}" if unit.heading else "")
        out.append(f'<section class="prov" id="p{n}" data-status="{esc(r.status)}">')
        out.append(f'<h2><span class="status s-{esc(r.status)}">{esc(r.status)}</span>{heading}</h2>')
        if r.changed:
            out.append(f'<p class="sum">{esc(describe(r, lang))}</p>')
        body = []
        for op, text in r.ops:
            if op == "+":
                body.append(f"<ins>{esc(text)}</ins>")
            elif op == "-":
                body.append(f"<del>{esc(text)}</del>")
            else:
                body.append(esc(text))
        out.append(f'<div class="redline">{"".join(body)}</div></section>')
    out.append("</body></html>")
    return "\n".join(out)
