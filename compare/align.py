"""Match the provisions of two versions by number, heading AND content.

1. identical content (whatever the numbers) is matched first: a renumbered article is *moved*, not deleted and
   inserted;
2. then similar content (Dice coefficient of word trigrams, found through an inverted index, so no all-pairs
   scan), greedily best-first, with a bonus for the same heading and a smaller one for the same number. A
   heading that matches (nearly) word for word lets a rewritten provision be followed with less content in
   common (:data:`MIN_HEADED_SIMILARITY`). So a strong content-and-heading match wins over a bare number
   match: when the proposal's Article 53 «AI regulatory sandboxes» became Article 57 of the AI Act and number 53
   went to «Obligations for providers of general-purpose AI models», Article 53 is *moved* to Article 57, not
   *replaced* in place — and a watch on it follows it there;
3. what is left with the same number is *replaced*; the rest is *deleted* (only in the old text) or *inserted*.

Units are compared only within a family: citations with citations, recitals with recitals, articles/sections/
points with each other, annexes with annexes.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from compare.redline import Op, _key, is_formatting_only, is_unchanged, redline, tokens, word_counts
from compare.units import Unit

MIN_SIMILARITY = 0.3
MIN_HEADED_SIMILARITY = 0.1  # content in common enough when the headings match
STRONG_HEADING = 0.75  # Dice of the two headings' word sets from which they "match"
HEADING_BONUS = 0.25
SAME_NUMBER_BONUS = 0.15
_FAMILY = {"citation": "citation", "recital": "recital", "annex": "annex"}
_LEADING_LABEL = re.compile(r"^(?:Article|Статья|Section|SECTION|SEC\.|ANNEX|Annex)\s+\S+\s*", re.I)


def family(kind: str) -> str:
    return _FAMILY.get(kind, "body")


@dataclass
class Part:
    """A changed paragraph (or point) inside an aligned provision."""

    key: str
    label: str
    number: str | None
    kind: str
    status: str  # changed (amended) | replaced (rewritten: under half its word trigrams kept) | inserted | deleted


@dataclass
class Aligned:
    status: str  # unchanged | changed | moved | replaced | inserted | deleted | formatting (only whitespace moved)
    kind: str
    old: Unit | None
    new: Unit | None
    similarity: float = 1.0
    ops: list[Op] = field(default_factory=list)
    words_inserted: int = 0
    words_deleted: int = 0
    parts: list[Part] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"


def _content(u: Unit) -> list[str]:
    """The compared words of a unit, without its own number ("Article 5" / "(12)" / "1.")."""
    body = u.body
    if u.kind == "recital":
        body = re.sub(r"^\(\d+[a-z]?\)\s*", "", body)
    return [_key(t).lower() for t in tokens(body)]


def _digest(words: list[str]) -> str:
    return hashlib.sha256("\x00".join(words).encode()).hexdigest()


def _shingles(words: list[str]) -> set[int]:
    if len(words) < 3:
        return {hash(" ".join(words))} if words else set()
    return {hash((words[i], words[i + 1], words[i + 2])) for i in range(len(words) - 2)}


_WORD = re.compile(r"\w+")


def _heading_words(u: Unit) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(u.heading or "") if not w.isdigit())


def heading_similarity(a: Unit, b: Unit) -> float:
    """Dice of the two headings' word sets (0.0 when either has none).

    >>> u = lambda h: Unit("art_1", "article", "1", "Article 1", h, "")
    >>> heading_similarity(u("AI regulatory sandboxes"), u("AI regulatory sandboxes"))
    1.0
    >>> heading_similarity(u("Registration"), u(None))
    0.0
    """
    wa, wb = _heading_words(a), _heading_words(b)
    return 2 * len(wa & wb) / (len(wa) + len(wb)) if wa and wb else 0.0


def _pairs(old: list[Unit], new: list[Unit]) -> tuple[dict[int, tuple[int, float]], set[int]]:
    """old index -> (new index, similarity); and the set of new indexes matched. A pair of one number matched on
    its heading with little content in common has similarity 0.0: it is *replaced*, as before any heading."""
    words_a = [_content(u) for u in old]
    words_b = [_content(u) for u in new]
    match: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    # 1. identical content
    by_digest: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, w in enumerate(words_b):
        if w:
            by_digest[(family(new[j].kind), _digest(w))].append(j)
    for i, w in enumerate(words_a):
        cands = by_digest.get((family(old[i].kind), _digest(w))) if w else None
        if cands:
            same = [j for j in cands if new[j].key == old[i].key]
            j = (same or cands)[0]
            cands.remove(j)
            match[i] = (j, 1.0)
            used.add(j)
    # 2. similar content, through an inverted index of word trigrams
    sh_a = {i: _shingles(words_a[i]) for i in range(len(old)) if i not in match}
    sh_b = {j: _shingles(words_b[j]) for j in range(len(new)) if j not in used}
    index: dict[tuple[str, int], list[int]] = defaultdict(list)
    for j, sh in sh_b.items():
        fam = family(new[j].kind)
        for s in sh:
            index[(fam, s)].append(j)
    heads: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j in sh_b:
        for word in _heading_words(new[j]):
            heads[(family(new[j].kind), word)].append(j)
    scored: list[tuple[float, float, int, int]] = []
    for i, sh in sh_a.items():
        fam = family(old[i].kind)
        overlap: dict[int, int] = defaultdict(int)
        for s in sh:
            for j in index.get((fam, s), ()):
                overlap[j] += 1
        headed = {j for word in _heading_words(old[i]) for j in heads.get((fam, word), ())}
        for j in set(overlap) | headed:
            ov = overlap.get(j, 0)
            dice = 2 * ov / (len(sh) + len(sh_b[j])) if (sh or sh_b[j]) else 0.0
            same_heading = j in headed and heading_similarity(old[i], new[j]) >= STRONG_HEADING
            if dice >= MIN_SIMILARITY or (same_heading and dice >= MIN_HEADED_SIMILARITY):
                bonus = (SAME_NUMBER_BONUS if old[i].key == new[j].key else 0.0) + (
                    HEADING_BONUS if same_heading else 0.0
                )
                scored.append((dice + bonus, dice, i, j))
    for _score, dice, i, j in sorted(scored, key=lambda x: (-x[0], x[2], x[3])):
        if i in match or j in used:
            continue
        match[i] = (j, dice if dice >= MIN_SIMILARITY or old[i].key != new[j].key else 0.0)
        used.add(j)
    # 3. the same number left on both sides: replaced
    free_new = {(family(new[j].kind), new[j].key): j for j in range(len(new)) if j not in used}
    for i in range(len(old)):
        if i in match:
            continue
        j_free = free_new.pop((family(old[i].kind), old[i].key), None)
        if j_free is not None:
            match[i] = (j_free, 0.0)
            used.add(j_free)
    return match, used


def _parts(old: Unit, new: Unit) -> list[Part]:
    """Paragraphs (or points) of an aligned pair, matched by number; those that changed."""

    def local(key: str, unit: Unit) -> str:
        return key[len(unit.key) :]

    a = {local(p["key"], old): p for p in old.children}
    b = {local(p["key"], new): p for p in new.children}
    out: list[Part] = []
    for k, p in b.items():
        label = p.get("label") or k
        if k not in a:
            out.append(Part(p["key"], label, p.get("number"), p.get("kind") or "paragraph", "inserted"))
        else:
            wa = [_key(t).lower() for t in tokens(a[k].get("text") or "")]
            wb = [_key(t).lower() for t in tokens(p.get("text") or "")]
            if "".join(wa) != "".join(wb):  # a paragraph whose only change is whitespace is not amended
                sa, sb = _shingles(wa), _shingles(wb)
                dice = 2 * len(sa & sb) / (len(sa) + len(sb)) if sa or sb else 0.0
                status = "replaced" if dice < 0.5 else "changed"
                out.append(Part(p["key"], label, p.get("number"), p.get("kind") or "paragraph", status))
    for k, p in a.items():
        if k not in b:
            out.append(Part(p["key"], p.get("label") or k, p.get("number"), p.get("kind") or "paragraph", "deleted"))
    return out


_RECITAL_NO = re.compile(r"^\(\d+[a-z]?\)\s*")


def _strip_label(u: Unit) -> str:
    """The text redlined: a recital's own number "(12)" is its label, not its text (renumbering is not a change)."""
    return _RECITAL_NO.sub("", u.body) if u.kind == "recital" else u.body


def align(old: list[Unit], new: list[Unit]) -> list[Aligned]:
    """Aligned provisions in the order of the new text, deleted ones where they stood in the old text."""
    match, _used = _pairs(old, new)
    by_new: dict[int, tuple[int, float]] = {j: (i, s) for i, (j, s) in match.items()}
    rows: list[tuple[float, Aligned]] = []
    for j, u in enumerate(new):
        if j not in by_new:
            ins = len(tokens(u.body))
            rows.append((j, Aligned("inserted", u.kind, None, u, 0.0, [("+", u.body)], words_inserted=ins)))
            continue
        i, sim = by_new[j]
        o = old[i]
        ops = redline(_strip_label(o), _strip_label(u))
        ins, dele = word_counts(ops)
        same_number = o.number == u.number and o.kind == u.kind
        if sim == 0.0:
            status = "replaced"
        elif not same_number:
            status = "moved"
        elif is_unchanged(ops):
            status = "unchanged"
        elif is_formatting_only(ops):
            status = "formatting"
        else:
            status = "changed"
        parts = _parts(o, u) if status not in ("unchanged", "formatting") else []
        rows.append((j, Aligned(status, u.kind, o, u, round(sim, 3), ops, ins, dele, parts)))
    # deleted units: after the new position of the closest matched unit before them in the old text
    last_pos = -1.0
    for i, o in enumerate(old):
        if i in match:
            last_pos = float(match[i][0])
            continue
        last_pos += 0.001
        n = len(tokens(o.body))
        rows.append((last_pos, Aligned("deleted", o.kind, o, None, 0.0, [("-", o.body)], words_deleted=n)))
    rows.sort(key=lambda r: r[0])
    return [r[1] for r in rows]


def counts(rows: list[Aligned]) -> dict[str, Any]:
    out: dict[str, Any] = {s: 0 for s in ("unchanged", "changed", "moved", "replaced", "inserted", "deleted",
                                          "formatting")}  # fmt: skip
    for r in rows:
        out[r.status] += 1
    out["words_inserted"] = sum(r.words_inserted for r in rows)
    out["words_deleted"] = sum(r.words_deleted for r in rows)
    return out
