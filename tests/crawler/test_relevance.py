"""AI relevance: strong terms decide, weak terms are only recorded; Russian matched by stems."""

import pytest

from crawler.relevance import TEXT_MIN_HITS, classify


@pytest.mark.parametrize(
    ("metadata", "relevant"),
    [
        ("Regulation (EU) 2024/1689 laying down harmonised rules on artificial intelligence", True),
        ("О развитии искусственного интеллекта в Российской Федерации", True),
        ("Национальная стратегия развития искусственного интеллекта на период до 2030 года", True),
        ("Об экспериментальных правовых режимах в сфере цифровых инноваций в Российской Федерации", True),
        (
            "О проведении эксперимента по установлению специального регулирования в целях создания необходимых условий для разработки и внедрения технологий искусственного интеллекта",
            True,
        ),
        ("Требования к нейросетям и машинному обучению", True),
        ("Regulation on a Single Market For Digital Services (Digital Services Act)", False),
        ("О присвоении классных чинов государственной гражданской службы", False),
        ("О внесении изменений в Федеральный закон «Об образовании в Российской Федерации»", False),
        ("Algorithmic transparency for online platforms", False),
        ("Сталь и прокат: ИИН налогоплательщика", False),
        ("Требования к системам ИИ", True),
        # labels whose Snowball stem rewrites the word's ending («inteligência» -> «inteligent»)
        ("Dispõe sobre o uso ético e responsável da inteligência artificial", True),
        ("Dispõe sobre o uso da inteligencia artificial", True),
        ("Loi sur l'intelligence artificielle et les données", True),
    ],
)
def test_metadata_classification(metadata, relevant):
    assert classify(metadata=metadata).relevant is relevant


def test_text_needs_several_strong_hits():
    few = "The provider uses artificial intelligence. " * (TEXT_MIN_HITS - 1)
    many = "The provider uses artificial intelligence. " * TEXT_MIN_HITS
    assert classify(text=few).relevant is False
    assert classify(text=many).relevant is True
    assert classify(text=few).terms == ["artificial intelligence"]


def test_weak_terms_are_kept_but_never_decide():
    verdict = classify(metadata="Profiling and automated decision-making", text="algorithm " * 50)
    assert verdict.relevant is False
    assert verdict.terms == ["algorithm", "automated decision-making", "profiling"]


def test_strong_terms_listed_before_weak():
    verdict = classify(metadata="Алгоритмы искусственного интеллекта")
    assert verdict.terms == ["искусственный интеллект", "алгоритм"]
