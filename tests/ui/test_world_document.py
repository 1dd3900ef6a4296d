"""The Document page shows each text in its language with the official translation (or the other official
language) beside it, provision by provision — on the demo data (AppTest, in-process)."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

APP = "../../ui/app.py"
DOCUMENT = "views/document.py"


def _document(doc_id: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.query_params["id"] = doc_id
    at.switch_page(DOCUMENT).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _text(at: AppTest) -> str:
    """What the reader sees (Markdown escapes undone)."""
    return re.sub(r"\\(.)", r"\1", "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption]))


def test_korean_act_with_its_english_translation_beside_it(in_demo_home):
    at = _document("kr/law/014820")
    text = _text(at)
    assert "Korean — authoritative text" in text and "Translation (English) — for reference, not authoritative" in text
    assert "제2조" in text and "Article 2" in text  # the same article on both sides
    assert "only the Korean text is authoritative" in text
    at.toggle(key=next(t.key for t in at.toggle)).set_value(False).run()  # the reader turns it off
    assert "Translation (English)" not in _text(at)


def test_canadian_act_in_english_with_the_french_beside_it(in_demo_home):
    text = _text(_document("ca/justice/P-8.6"))
    assert "English — authoritative text" in text and "French — authoritative text" in text
    assert "Titre abrégé" in text and "Short title" in text


def test_one_article_side_by_side_with_alert_me(in_demo_home):
    at = _document("kr/law/014820")
    picker = next(s for s in at.selectbox if s.label == "Provision")
    index = next(i for i, label in enumerate(picker.options) if label.strip().startswith("제17조의2"))
    picker.set_value(index - 1).run()  # values are provision indexes; -1 (all, page by page) comes first
    text = _text(at)
    assert "제17조의2" in text and "Article 17-2" in text and "창업의 활성화" not in text  # only that article
    links = [link.proto.query_string for link in at.page_link]
    assert any("kind=provision" in q and "provision=art_17-2" in q for q in links), links  # alert me on this article


def test_the_strategy_s_official_numbers_are_given_by_the_text_s_numbers_not_stored_keys(in_demo_home):
    # the 2024 Strategy extract numbers its points in its own sequence: its point 41 is official point 51.14
    text = _text(_document("ru/pravo/0001201910110003"))
    assert "Known official numbers (this text's number → the official one): 41 → 51.14." in text
    assert "p_41" not in text  # a stored key, which the reader never sees elsewhere
