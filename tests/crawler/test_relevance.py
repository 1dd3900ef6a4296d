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


TITLES = [
    "Regulation (EU) 2024/1689 laying down harmonised rules on artificial intelligence",
    "О развитии искусственного интеллекта в Российской Федерации",
    "Требования к системам ИИ",
    "Сталь и прокат: ИИН налогоплательщика",
    "Dispõe sobre o uso ético e responsável da inteligência artificial",
    "Colorado Artificial Intelligence Act: consumer protections for interactions with AI systems",
    "인공지능 발전과 신뢰 기반 조성 등에 관한 기본법",
    "生成式人工智能服务管理暂行办法",
    "Algorithmic transparency for online platforms and profiling of the users",
    "An Act to amend the Internal Revenue Code of 1986",
]


@pytest.fixture
def fresh_matchers(monkeypatch):
    """The relevance matchers built again in this test (and again after it, for the tests that follow)."""
    from crawler import relevance

    def clear():
        relevance.matchers.cache_clear()
        relevance._all_matchers.cache_clear()

    monkeypatch.setattr(relevance, "_CACHE_DIR", [])
    clear()
    yield relevance
    clear()


def test_matchers_kept_in_the_home_give_the_same_verdicts(fresh_matchers, tmp_path):
    relevance = fresh_matchers
    text = "The deployer of a high-risk AI system uses machine learning and profiling. " * 3
    built = [classify(metadata=t) for t in TITLES] + [classify(text=text)]
    expressions = [p.expression() for r in ("core", "adjacent") for m in relevance.matchers(r) for p in m.patterns]
    assert any(v.relevant for v in built) and not all(v.relevant for v in built)

    relevance.keep_matchers_in(tmp_path / "cache")
    for _ in range(2):  # built and kept, then read from the cache
        relevance.matchers.cache_clear()
        relevance._all_matchers.cache_clear()
        assert [classify(metadata=t) for t in TITLES] + [classify(text=text)] == built
        kept = [p.expression() for r in ("core", "adjacent") for m in relevance.matchers(r) for p in m.patterns]
        assert kept == expressions
        assert [p.name for p in (tmp_path / "cache").iterdir()] == [relevance._cache_name()]
    assert all(isinstance(p.source, str) for m in relevance.matchers("core") for p in m.patterns)


def test_a_damaged_matchers_cache_is_built_again(fresh_matchers, tmp_path):
    relevance = fresh_matchers
    expected = [classify(metadata=t) for t in TITLES]
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / relevance._cache_name()).write_bytes(b"\x80\x05 not the matchers")
    (cache / "relevance-0000000000000000.pickle").write_bytes(b"left by another version of ailaw")
    relevance.keep_matchers_in(cache)
    relevance.matchers.cache_clear()
    relevance._all_matchers.cache_clear()
    assert [classify(metadata=t) for t in TITLES] == expected
    assert [p.name for p in cache.iterdir()] == [relevance._cache_name()]  # written again; the old one removed
    import pickle

    assert set(pickle.loads((cache / relevance._cache_name()).read_bytes())) == {"core", "adjacent"}


def test_a_label_of_words_is_compiled_only_for_a_text_holding_every_words_stem():
    from crawler.relevance import label_pattern

    for pattern in (label_pattern("deep fake", "en", "pref"), label_pattern("deep fake", "en", "pref").written()):
        assert pattern is not None
        text = "deep learning for fake news"  # both stems, not as the label: compiled, no match
        assert list(pattern.finditer("deep learning", "deep learning")) == [] and "regex" not in vars(pattern)
        assert list(pattern.finditer(text, text)) == [] and "regex" in vars(pattern)
        text = "so-called Deep-Fakes"
        assert [m.group(0) for m in pattern.finditer(text, text.lower())] == ["deep-fakes"]
