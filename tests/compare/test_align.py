"""Alignment by number and content: renumbered provisions are moved (with their inner changes), new ones are named,
and the summary reads as a lawyer writes it — in English and in Russian."""

from __future__ import annotations

from compare import compare, to_json, to_text
from tests.compare.texts import NEW_ACT, OLD_ACT, RU_NEW, RU_OLD, version


def _by_status(result, status: str) -> list[tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [(r.old.key if r.old else None, r.new.key if r.new else None) for r in result.rows if r.status == status]


def test_renumbered_article_is_moved_not_deleted_and_inserted() -> None:
    result = compare(version(OLD_ACT), version(NEW_ACT, vid=2))
    assert _by_status(result, "moved") == [("art_2", "art_3")]
    assert _by_status(result, "inserted") == [(None, "art_2")]
    assert _by_status(result, "deleted") == [("art_3", None)]  # Penalties: gone in the new text
    assert _by_status(result, "unchanged") == [("rct_1", "rct_1"), ("art_4", "art_4")]
    assert sorted(_by_status(result, "changed")) == [("art_1", "art_1"), ("rct_2", "rct_2")]
    summary = result.summary("en")
    assert "Article 2 moved to Article 3 unchanged" in summary
    assert "Article 2 inserted" in summary
    assert "Article 3 deleted" in summary
    assert "Article 1(2) amended" in summary
    assert "Recital (2) amended (2 words changed)" in summary


def test_json_shape_and_text_report() -> None:
    result = compare(version(OLD_ACT, label="proposal"), version(NEW_ACT, vid=2, label="final"))
    data = to_json(result)
    assert set(data) == {"from", "to", "counts", "overview", "summary", "provisions", "seconds"}
    assert data["from"]["label"] == "proposal" and data["to"]["version_id"] == 2
    # an English text's summary in Russian too, as the README promises (it once had "en" only)
    assert set(data["overview"]) == set(data["summary"]) == {"en", "ru"}
    assert (
        data["overview"]["ru"].startswith("Перенесено: ")
        and "статья 2 перенесена в статью 3 без изменений" in data["summary"]["ru"]
    )
    moved = [p for p in data["provisions"] if p["status"] == "moved"]
    assert moved[0]["from"]["label"] == "Article 2" and moved[0]["to"]["label"] == "Article 3"
    changed = next(p for p in data["provisions"] if p["to"] and p["to"]["key"] == "art_1")
    assert ["-", "users "] in changed["redline"] and ["+", "deployers "] in changed["redline"]
    assert changed["parts"] == [{"key": "art_1.par_2", "label": "Article 1(2)", "status": "changed"}]
    text = to_text(result)
    assert "[-users-] {+deployers+}" in text
    assert "Article 2 moved to Article 3" in text


def test_any_version_can_be_the_reference() -> None:
    back = compare(version(NEW_ACT, vid=2), version(OLD_ACT))
    assert _by_status(back, "moved") == [("art_3", "art_2")]
    assert _by_status(back, "inserted") == [(None, "art_3")]
    assert _by_status(back, "deleted") == [("art_2", None)]


def test_russian_summary_names_parts_and_new_articles() -> None:
    result = compare(version(RU_OLD, language="ru"), version(RU_NEW, vid=2, language="ru"))
    ru = result.summary("ru")
    assert "статья 6, часть 2 заменена" in ru
    assert "статья 6.1 добавлена" in ru
    assert "Article 6(2) replaced" in result.summary("en")
    assert to_json(result)["summary"].keys() == {"en", "ru"}


def test_moved_article_with_inner_changes_counts_the_words() -> None:
    new = NEW_ACT.replace(
        "shall be prohibited: the placing", "shall be prohibited: the placing or the putting into service"
    )
    result = compare(version(OLD_ACT), version(new, vid=2))
    row = next(r for r in result.rows if r.status == "moved")
    assert (row.words_inserted, row.words_deleted) == (5, 0)
    assert "Article 2 moved to Article 3 with 5 words changed" in result.summary("en")


def test_a_change_inside_a_russian_subpoint_is_seen() -> None:
    # The Russian splitter gives each пункт and подпункт its own lines: the compared unit (пункт 1) holds them all.
    old = "I. Общие положения\n1. Основными принципами являются:\nа) защита прав и свобод человека;\nб) безопасность."
    new = old.replace("безопасность.", "безопасность и прозрачность.")
    result = compare(version(old, language="ru"), version(new, vid=2, language="ru"))
    assert _by_status(result, "changed") == [("p_1", "p_1")]
    assert result.summary("ru") == ["пункт 1 изменён (изменено слов: 3)"]


def test_a_change_of_whitespace_only_is_a_formatting_change_in_every_language() -> None:
    for old, new, lang in [
        ("Article 1\nScope\n1. This Regulation applies to data sets used for training.",
         "Article 1\nScope\n1. This Regulation applies to datasets used for training.", "en"),
        ("Статья 1\n1. Настоящий Федеральный закон регулирует отношения в сфере ИИ.",
         "Статья 1\n1. Настоящий Федеральный закон регулирует отно шения в сфере ИИ.", "ru"),
    ]:  # fmt: skip
        result = compare(version(old, language=lang), version(new, vid=2, language=lang))
        (row,) = result.rows
        assert row.status == "formatting" and (row.words_inserted, row.words_deleted) == (0, 0), row
        assert "formatting change only" in result.summary("en")[0]
        assert "изменено только форматирование" in result.summary("ru")[0]
    # a real change beside a spacing change counts only the real change's words
    old = "Article 1\n1. Providers shall keep the data sets used for training of the AI system for ten years."
    new = "Article 1\n1. Providers shall keep the datasets used for training of the AI system for ten full years."
    result = compare(version(old), version(new, vid=2))
    (row,) = result.rows
    assert row.status == "changed" and (row.words_inserted, row.words_deleted) == (1, 0)
