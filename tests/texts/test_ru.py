"""The Russian structure splitter on the real 2024 edition of the National AI Strategy and on small law texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from texts.ru import join_wrapped_lines, split_ru, superscript_number

STRATEGY = (
    Path(__file__).resolve().parent.parent / "examples" / "ru" / "ru_decree-490_strategy_2024-edition_pdf-extract.txt"
)


@pytest.fixture(scope="module")
def strategy():
    return split_ru(STRATEGY.read_text(encoding="utf-8"), wrapped=True)


def test_sections_i_to_v(strategy):
    sections = [p for p in strategy if p.kind == "section"]
    assert [p.number for p in sections] == ["I", "II", "III", "IV", "V"]
    assert sections[0].heading == "Общие положения"
    # a heading wrapped over two PDF lines is joined
    assert sections[2].heading == "Основные принципы развития и использования технологий искусственного интеллекта"


def test_points_1_to_50_in_order(strategy):
    points = [p for p in strategy if p.kind == "point"]
    assert [p.number for p in points] == [str(n) for n in range(1, 51)]
    assert points[0].parent == "sec_I" and points[5].parent == "sec_II" and points[49].parent == "sec_V"


def test_point_5_subpoints(strategy):
    items = [p for p in strategy if p.parent == "p_5"]
    assert [p.number for p in items] == list("абвгдежзиклмнопрсту")
    k = next(p for p in items if p.key == "p_5.к")
    assert k.text.startswith("к) большие генеративные модели - модели искусственного интеллекта")
    assert k.label == "к)"


def test_false_starts_are_not_points(strategy):
    p2 = next(p for p in strategy if p.key == "p_2")
    # the PDF wraps «№ 172-» / «ФЗ» and «на 2017 - » / «2030 годы»: neither is a new unit
    assert "№ 172-ФЗ" in p2.text and "на 2017 - 2030 годы" in p2.text
    p27 = next(p for p in strategy if p.key == "p_27.в")
    assert "пункта 26 настоящей Стратегии" in p27.text  # a wrapped line starting «26 настоящей…»


def test_page_breaks_inside_a_sentence_are_joined(strategy):
    p4b = next(p for p in strategy if p.key == "p_4.б")
    assert (
        p4b.text == 'б) национальная программа "Цифровая экономика Российской Федерации" и иные национальные проекты;'
    )


def test_unnumbered_subheadings(strategy):
    headings = [p.heading for p in strategy if p.key.startswith("sec_IV.h_")]
    assert (
        headings[0]
        == "Повышение доступности инфраструктуры, необходимой для развития технологий искусственного интеллекта"
    )
    assert next(p for p in strategy if p.key == "p_28").parent == "sec_IV"


def test_law_structure_articles_parts_points_subpoints():
    text = "\n".join(
        [
            "Глава 1. Общие положения",
            "Статья 1. Предмет регулирования",
            "1. Настоящий Федеральный закон регулирует отношения.",
            "2. Действие закона распространяется на:",
            "1) участников;",
            "2) органы власти, в том числе:",
            "а) федеральные;",
            "а.1) региональные;",
            "б) местные.",
            "Второй абзац части 2.",
            "Статья 60¹. Особенности",
            "1. Текст.",
        ]
    )
    provs = split_ru(text)
    assert [p.key for p in provs] == [
        "ch_1", "art_1", "art_1.par_1", "art_1.par_2", "art_1.par_2.pt_1", "art_1.par_2.pt_2",
        "art_1.par_2.pt_2.а", "art_1.par_2.pt_2.а.1", "art_1.par_2.pt_2.б", "art_60.1", "art_60.1.par_1",
    ]  # fmt: skip
    art = next(p for p in provs if p.key == "art_60.1")
    assert art.number == "60.1" and art.label == "Статья 60¹" and art.heading == "Особенности"
    assert next(p for p in provs if p.key == "art_1.par_2.pt_2.б").text == "б) местные.\nВторой абзац части 2."


def test_superscript_number():
    assert superscript_number("60¹") == "60.1"


def test_join_wrapped_lines_keeps_compounds():
    assert join_wrapped_lines("научно-\nтехнической") == ["научно-технической"]
