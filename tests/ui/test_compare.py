"""The Compare page run in-process by AppTest: pick versions (or dates), the summary on top, inline and side-by-side
views, jump between changes, only changed provisions, the HTML download; third-party text stays escaped."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.compare_home import CMP_DOC, compare_home  # noqa: F401 (a fixture)
from tests.ui.conftest import UiHome

APP = "../../ui/app.py"
COMPARE = "views/compare.py"


@pytest.fixture
def env(compare_home: UiHome, monkeypatch: pytest.MonkeyPatch) -> UiHome:  # noqa: F811
    for key, value in compare_home.env.items():
        monkeypatch.setenv(key, value)
    return compare_home


def _open(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(COMPARE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.subheader]
    return "\n".join(parts)


def test_versions_of_one_document_summary_and_redline(env: UiHome) -> None:
    at = _open(id=CMP_DOC)
    text = _text(at)
    assert "Summary of changes" in text
    assert "1 provision moved, 1 inserted, 1 deleted" in text.replace("\\", "")
    assert "Article 2 moved to Article 3 unchanged" in text.replace("\\", "")
    assert '<del style="background:#fbd9d6;color:#7d1a12">users </del>' in text
    assert '<ins style="background:#d7f5dd;color:#0b4d1f">deployers </ins>' in text
    # the HTML payload of the source text is escaped, never markup
    assert "<img" not in text and "&lt;img src&#61;x onerror&#61;" in text
    assert at.get("download_button"), "no download button"


def test_jump_between_changes_and_filter(env: UiHome) -> None:
    at = _open(id=CMP_DOC)
    assert any("Change 1 of 5" in m.value for m in at.markdown)
    at.button(key="cmp_next").click().run()
    assert any("Change 2 of 5" in m.value for m in at.markdown)
    at.button(key="cmp_prev").click().run()
    at.button(key="cmp_prev").click().run()
    assert any("Change 5 of 5" in m.value for m in at.markdown)
    shown_changed = len([c for c in at.caption if "moved" in c.value or "inserted" in c.value])
    at.toggle(key="cmp_only_changed").set_value(False).run()
    assert not at.exception
    assert "unchanged" in _text(at)
    assert len([c for c in at.caption if "moved" in c.value or "inserted" in c.value]) == shown_changed


def test_side_by_side_view_splits_old_and_new(env: UiHome) -> None:
    at = _open(id=CMP_DOC)
    at.radio(key="cmp_view").set_value("side").run()
    assert not at.exception
    blocks = [m.value for m in at.markdown if "ailaw-redline" in m.value]
    old_side = [b for b in blocks if ">users </del>" in b]
    new_side = [b for b in blocks if ">deployers </ins>" in b]
    assert old_side and new_side and not [b for b in old_side if "<ins" in b]


def test_as_of_dates_and_other_document(env: UiHome) -> None:
    at = _open(id=CMP_DOC)
    at.radio(key="cmp_mode").set_value("date").run()
    at.date_input(key="cmp_from_date").set_value("2022-01-01").run()
    at.date_input(key="cmp_to_date").set_value("2025-01-01").run()
    assert not at.exception, [e.value for e in at.exception]
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert any("The text as it stood then: Proposal" in c for c in captions), captions  # a proposal is never in force
    assert any("In force then: Final act" in c for c in captions), captions
    assert "Article 2 moved to Article 3" in _text(at).replace("\\", "")
    # against another document (cross-document comparison)
    at2 = _open(id=CMP_DOC, against="eu/celex/32024R1689")
    assert "moved" in _text(at2) or "inserted" in _text(at2)


def test_russian_labels(env: UiHome) -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["lang"] = "ru"
    at.run()
    at.query_params["id"] = CMP_DOC
    at.switch_page(COMPARE).run()
    assert not at.exception
    text = _text(at)
    assert "Обзор изменений" in text and "статья 2 перенесена в статью 3 без изменений" in text.replace("\\", "")
