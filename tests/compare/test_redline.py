"""Word redline: no false changes from whitespace, page breaks, hyphenation or page furniture; real edits found."""

from __future__ import annotations

import re
from pathlib import Path

from compare import compare
from compare.redline import redline, word_counts
from tests.compare.texts import OLD_ACT, version

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "compare"


def test_whitespace_only_differences_are_no_change() -> None:
    spaced = re.sub(r" ", "   ", OLD_ACT).replace("\n", "\n\n\n  ").replace("Article 2\n", "Article 2 \t\n")
    result = compare(version(OLD_ACT), version(spaced, vid=2))
    assert result.changed_rows == [], [r.status for r in result.changed_rows]
    assert result.counts["words_inserted"] == result.counts["words_deleted"] == 0


def test_page_breaks_page_numbers_and_hyphenation_are_no_change() -> None:
    # What pdftotext makes of the same text: hard-wrapped lines, a word hyphenated at a line end, a form feed with a
    # page number, a language mark and a running head.
    paged = OLD_ACT.replace(
        "beyond a person's consciousness in order",
        "beyond a per-\nson's consciousness\n\n12\n\fEN\nOJ L 2024/1689\nin order",
    ).replace("shall take all measures", "shall take all\nmeasures")
    result = compare(version(OLD_ACT), version(paged, vid=2, provisions=False))
    assert result.changed_rows == [], [(r.status, r.ops) for r in result.changed_rows]


def test_a_real_edit_is_found_word_by_word() -> None:
    ops = redline("Member States shall lay down the rules on penalties.",
                  "Member States shall lay down the rules on penalties and other enforcement measures.")  # fmt: skip
    assert ops == [("=", "Member States shall lay down the rules on "), ("-", "penalties. "),
                   ("+", "penalties and other enforcement measures.")]  # fmt: skip
    assert word_counts(ops) == (5, 1)


def test_quote_variants_are_no_change_but_a_changed_word_is() -> None:
    assert redline("the ‘Charter’ — rights", "the 'Charter' - rights") == [("=", "the 'Charter' - rights")]
    assert ("-", "users ") in redline("providers and users of AI", "providers and deployers of AI")


def _ca_bill() -> tuple[str, str, list[str], list[str]]:
    """The LegiScan amended California bill: <em> marks inserted text, <strike> deleted text (a real redline)."""
    raw = (EXAMPLES / "ca_ab50_2011_amended.html").read_text(encoding="utf-8")
    body = re.sub(r"</?pre>", "", raw)
    inserted = [" ".join(m.split()) for m in re.findall(r"<em>(.*?)</em>", body, re.S)]
    deleted = [" ".join(m.split()) for m in re.findall(r"<strike>(.*?)</strike>", body, re.S)]
    before = re.sub(r"<em>.*?</em>", " ", body, flags=re.S).replace("<strike>", " ").replace("</strike>", " ")
    after = re.sub(r"<strike>.*?</strike>", " ", body, flags=re.S).replace("<em>", " ").replace("</em>", " ")
    return before, after, inserted, deleted


def test_california_amended_bill_redline_matches_legiscan_markup() -> None:
    before, after, inserted, deleted = _ca_bill()
    assert inserted and deleted
    ops = redline(before, after)
    got_ins, got_del = word_counts(ops)
    want_ins = sum(len(x.split()) for x in inserted)
    want_del = sum(len(x.split()) for x in deleted)
    # Word-level diffing may re-anchor a repeated word at a hunk edge ("the", ","), never more than a few words.
    assert abs(got_ins - want_ins) <= max(3, want_ins // 20), (got_ins, want_ins)
    assert abs(got_del - want_del) <= max(3, want_del // 20), (got_del, want_del)
    ins_text = " ".join(t for op, t in ops if op == "+")
    for phrase in inserted:
        if len(phrase.split()) >= 4:
            assert " ".join(phrase.split()[:4]) in " ".join(ins_text.split()), phrase
