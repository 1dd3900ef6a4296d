"""The AI-law thesaurus (store/reference/thesaurus.toml): its documented format, every label searchable, the
definitions it cites checked against the stored texts, and the same vocabulary deciding AI relevance."""

from __future__ import annotations

import pytest

from crawler.relevance import classify, label_pattern, matchers
from search.analysis import field_language, terms
from search.concepts import label_terms
from store.reference.thesaurus import RELEVANCE, ThesaurusError, load, parse

TH = load()
HEADER = '[thesaurus]\nid = "t"\nversion = "1"\nlanguages = ["en", "ru"]\n'


def test_a_few_hundred_concepts_in_english_and_russian():
    assert len(TH.concepts) >= 250
    assert TH.languages == ("en", "ru")
    assert all("en" in c.labels and "ru" in c.labels for c in TH.concepts.values())
    assert {c.relevance for c in TH.concepts.values()} == set(RELEVANCE)
    assert TH.narrower("ai-system") and "high-risk-ai-system" in TH.narrower("ai-system")


def test_every_label_analyses_to_a_non_empty_term():
    """A label that analyses to nothing (stopwords, one-letter words) could never be matched or expanded."""
    empty = [f"{c.id}: {lang} {kind} {label!r}" for c, lang, kind, label in TH.labels() if not label_terms(label, lang)]
    assert not empty, empty
    assert sum(1 for _ in TH.labels()) > 1000


def test_labels_in_other_languages_are_ready():
    """More languages are added as keys of a concept (fr, de, zh…): analysed by their own field analyzers."""
    ai = TH.concepts["artificial-intelligence"]
    assert {"fr", "de", "es", "pt", "pl", "zh", "ja", "ko"} <= set(ai.labels)
    assert terms(ai.labels["zh"].pref, field_language("zh"), mode="query") == ["人工智能"]  # jieba: one word
    assert terms(ai.labels["ko"].pref, field_language("ko"), mode="query")
    assert "ja" in TH.label_languages()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[[concept]]\nid = "x"\nen = { pref = "a" }\n', "no labels in ru"),
        ('[[concept]]\nid = "x"\nen = { alt = ["a"] }\nru = { pref = "б" }\n', "no preferred label"),
        ('[[concept]]\nid = "x"\nbroader = ["y"]\nen = { pref = "a" }\nru = { pref = "б" }\n', "not a concept"),
        ('[[concept]]\nid = "X Y"\nen = { pref = "a" }\nru = { pref = "б" }\n', "malformed id"),
        ('[[concept]]\nid = "x"\nrelevance = "big"\nen = { pref = "a" }\nru = { pref = "б" }\n', "relevance must"),
        ('[[concept]]\nid = "x"\nenglish = { pref = "a" }\nen = { pref = "a" }\nru = { pref = "б" }\n', "unknown key"),
        ('[[concept]]\nid = "x"\nen = { pref = "a" }\nru = { pref = "б", close = "yes" }\n', "true or false"),
        (
            '[[concept]]\nid = "x"\nen = { pref = "a" }\nru = { pref = "б" }\n'
            '[[concept]]\nid = "y"\nen = { pref = "A" }\nru = { pref = "в" }\n',
            "names two concepts",
        ),
        (
            '[[concept]]\nid = "x"\nbroader = ["y"]\nen = { pref = "a" }\nru = { pref = "б" }\n'
            '[[concept]]\nid = "y"\nbroader = ["x"]\nen = { pref = "c" }\nru = { pref = "в" }\n',
            "a cycle",
        ),
    ],
)
def test_the_format_is_checked_with_one_sentence(text, problem):
    with pytest.raises(ThesaurusError) as err:
        parse(HEADER + text)
    assert problem in str(err.value) and "\n" not in str(err.value)


DEFINITIONS = [(c, d) for c in TH.concepts.values() for d in c.defined_in]


def test_definitions_cite_stored_texts_and_say_what_they_define(in_demo_home):
    """Each defined_in provision is in its document's current stored text, and that provision carries the words
    of one of the concept's labels in the text's language."""
    from store.db import session_scope
    from store.read import current_versions, get_version

    assert len(DEFINITIONS) >= 100
    with session_scope() as session:
        current = current_versions(session=session, doc_ids={d.document for _, d in DEFINITIONS})
        texts = {doc: get_version(session=session, version_id=vids[0]) for doc, vids in current.items()}
    for concept, definition in DEFINITIONS:
        version = texts.get(definition.document)
        assert version is not None, f"{concept.id}: {definition.document} has no stored text"
        provision = next((p for p in version.provisions if p["key"] == definition.provision), None)
        assert provision is not None, f"{concept.id}: no {definition.provision} in {definition.document}"
        lang = field_language(version.language)
        found = set(terms(provision["text"], lang, mode="index"))
        labels = [label for _, label in concept.labels[version.language or "en"].all()]
        assert any(set(label_terms(label, version.language or "en")) <= found for label in labels), (
            f"{concept.id}: {definition.cite} does not say any of {labels}"
        )


def test_the_classifier_uses_the_core_and_adjacent_concepts():
    core = {m.concept.id for m in matchers("core")}
    adjacent = {m.concept.id for m in matchers("adjacent")}
    assert {"artificial-intelligence", "neural-network", "deep-fake", "experimental-legal-regime"} <= core
    assert {"algorithm", "profiling", "big-data"} <= adjacent
    assert not core & adjacent
    verdict = classify(metadata="Требования к большим генеративным моделям и обработке больших данных")
    assert verdict.relevant and verdict.core == ("большие генеративные модели",)
    assert verdict.adjacent == ("большие данные",)
    assert label_pattern("ML", "en", "abbr") is None  # too short to decide anything


def test_a_close_counterpart_is_marked_as_such():
    """Korea's 고영향 인공지능 ("high-impact AI") is the nearest counterpart of a high-risk AI system, not its
    translation: its labels are matched but marked close; Brazil's «sistema de IA de alto risco» is exact."""
    concept = TH.concepts["high-risk-ai-system"]
    assert concept.labels["ko"].close and concept.labels["ko"].pref == "고영향 인공지능"
    assert not concept.labels["pt"].close and not concept.labels["en"].close
    assert (
        parse(HEADER + '[[concept]]\nid = "x"\nen = { pref = "a" }\nru = { pref = "б", close = true }\n')
        .concepts["x"]
        .labels["ru"]
        .close
    )


def test_the_concept_index_kept_beside_the_search_index_is_read_back_whole(tmp_path):
    """A new process reads the analysed thesaurus from the cache beside the index directory instead of parsing and
    analysing it; an unreadable file is built again, an older thesaurus's file is removed, and an index rebuilt
    (its directory swapped) keeps it."""
    from search.concepts import _cache_name, concept_index

    index_dir, cache = tmp_path / "index", tmp_path / "cache"
    index_dir.mkdir()
    cache.mkdir()
    (cache / "concepts-0123456789abcdef.json").write_text("{}", encoding="utf-8")
    built = concept_index.__wrapped__(index_dir)
    files = sorted(p.name for p in cache.iterdir())
    assert files == [_cache_name()] and not list(index_dir.iterdir())
    index_dir.rename(tmp_path / "old-index")  # what a rebuild does: a new directory in its place
    index_dir.mkdir()
    read = concept_index.__wrapped__(index_dir)
    assert read is not built and read.by_lang == built.by_lang and read.thesaurus == built.thesaurus
    assert [m.concept.id for m in read.find(["системы", "ИИ", "высокого", "риска"])] == ["high-risk-ai-system"]
    (cache / _cache_name()).write_bytes(b"not a pickle")
    again = concept_index.__wrapped__(index_dir)
    assert again.by_lang == built.by_lang
    assert (cache / _cache_name()).read_bytes() != b"not a pickle"
