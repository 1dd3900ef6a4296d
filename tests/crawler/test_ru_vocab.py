"""Rule tables of the Russian sources, one case per line."""

from __future__ import annotations

import pytest

from crawler.parsers.ru_vocab import duma_actor, duma_stage, ebpi_status_is_in_force, pravo_doc_type
from store.vocab import DocType, Stage

FIRST = "Рассмотрение законопроекта в первом чтении"
SECOND = "Рассмотрение законопроекта во втором чтении"


@pytest.mark.parametrize(
    ("stage_id", "stage_name", "solution", "expected"),
    [
        (1, "Внесение законопроекта в Государственную Думу", None, Stage.INTRODUCED),
        (
            2,
            "Предварительное рассмотрение законопроекта, внесенного в Государственную Думу",
            "назначить ответственный комитет; представить отзывы, предложения и замечания к законопроекту",
            Stage.COMMITTEE,
        ),
        (3, FIRST, "отклонить законопроект", Stage.REJECTED),
        (4, SECOND, "отклонить законопроект и снять с дальнейшего рассмотрения", Stage.REJECTED),
        (
            3,
            FIRST,
            "снять законопроект с рассмотрения Государственной Думы в связи с отзывом субъектом права "
            "законодательной инициативы",
            Stage.WITHDRAWN,
        ),
        (3, FIRST, "принять законопроект в первом чтении; представить поправки к законопроекту ", Stage.FIRST_READING),
        (3, FIRST, "представить поправки к законопроекту ; принять законопроект в первом чтении", Stage.FIRST_READING),
        (3, FIRST, "предложить принять законопроект в первом чтении", Stage.FIRST_READING),
        (3, FIRST, "предложить принять законопроект в первом чтении и в целом", Stage.FIRST_READING),
        (3, FIRST, "принять законопроект в первом чтении и в целом", Stage.PASSED_LOWER),
        (3, FIRST, "принять закон", Stage.PASSED_LOWER),
        (4, SECOND, "принять закон", Stage.PASSED_LOWER),
        (
            4,
            SECOND,
            "утвердить таблицу поправок, рекомендуемых ответственным комитетом к принятию; предложить принять "
            "законопроект во втором чтении",
            Stage.SECOND_READING,
        ),
        (None, "Рассмотрение законопроекта в третьем чтении", None, Stage.THIRD_READING),
        (None, None, "Направить закон в Совет Федерации", Stage.PASSED_LOWER),
        (None, None, "одобрить закон", Stage.PASSED_UPPER),
        (None, None, "Подписан Президентом Российской Федерации", Stage.SIGNED),
        (4, None, None, Stage.SECOND_READING),
        (99, "Неизвестная стадия", None, Stage.OTHER),
        (None, None, None, None),
    ],
)
def test_duma_stage(stage_id, stage_name, solution, expected):
    assert duma_stage(stage_id=stage_id, stage_name=stage_name, solution=solution) == expected


@pytest.mark.parametrize(
    ("type_id", "complex_name", "expected"),
    [
        ("82a8bf1c-3bc7-47ed-827f-7affd43a7f27", None, DocType.FEDERAL_LAW),
        ("93273da3-3133-4acf-96c2-4adc1ae70e19", None, DocType.FEDERAL_LAW),
        ("0790e34b-784b-4372-884e-3282622a24bd", None, DocType.DECREE),
        ("fd5a8766-f6fd-4ac2-8fd9-66f414d314ac", None, DocType.GOVERNMENT_RESOLUTION),
        ("7ff5b3b5-3757-44f1-bb76-3766cabe3593", None, DocType.GOVERNMENT_ORDER),
        ("2dddb344-d3e2-4785-a899-7aa12bd47b6f", None, DocType.ORDER),
        ("00000000-0000-0000-0000-000000000000", None, DocType.OTHER),
        (None, "Федеральный закон от 31.07.2020 № 258-ФЗ", DocType.FEDERAL_LAW),
        (None, "Указ Президента Российской Федерации от 10.10.2019 № 490", DocType.DECREE),
        (
            "fd5a8766-f6fd-4ac2-8fd9-66f414d314ac",
            "Постановление Правительства Амурской области от 15.01.2026 № 14",
            DocType.GOVERNMENT_RESOLUTION,
        ),
        (
            "fd5a8766-f6fd-4ac2-8fd9-66f414d314ac",
            "Постановление губернатора Амурской области от 14.01.2026 № 4",
            DocType.OTHER,
        ),
        (
            "7ff5b3b5-3757-44f1-bb76-3766cabe3593",
            "Распоряжение Правительства Российской Федерации от 17.01.2026 № 28-р",
            DocType.GOVERNMENT_ORDER,
        ),
    ],
)
def test_pravo_doc_type(type_id, complex_name, expected):
    assert pravo_doc_type(type_id, complex_name) == expected


@pytest.mark.parametrize(
    ("phase", "actor"),
    [
        ("Рассмотрение законопроекта Государственной Думой", "Государственная Дума"),
        (
            "Рассмотрение Советом Государственной Думы законопроекта, внесенного в Государственную Думу",
            "Совет Государственной Думы",
        ),
        (
            "Принятие ответственным комитетом решения  о представлении законопроекта в Совет Государственной Думы",
            "Ответственный комитет Государственной Думы",
        ),
        ("Прохождение законопроекта у Председателя Государственной Думы", "Председатель Государственной Думы"),
        (None, None),
    ],
)
def test_duma_actor(phase, actor):
    assert duma_actor(phase) == actor


@pytest.mark.parametrize(
    ("status", "in_force"),
    [("актуальная", True), ("недействующая", False), ("не вступившая в силу редакция", False), (None, None)],
)
def test_ebpi_status(status, in_force):
    assert ebpi_status_is_in_force(status) is in_force
