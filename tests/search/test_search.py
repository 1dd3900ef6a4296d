"""Search over a real on-disk index built from a real migrated store (see conftest.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from search.analysis import terms
from search.query import search
from store.errors import QueryError


def ids(result):
    return [h.id for h in result.hits]


def test_analysis_protects_abbreviations_and_lemmatises():
    assert terms("ИИ ФЗ РФ ЕС", "ru") == ["ии", "фз", "рф", "ес"]
    assert terms("нейросетей", "ru", mode="query") == terms("нейросеть", "ru", mode="query")  # not in the dictionary
    assert terms("людей", "ru", mode="query") == terms("человек", "ru") == ["человек"]  # irregular: lemmas, not stems
    assert terms("AI systems", "en") == ["ai", "system"]


def test_english_stemming(shared_index):
    strict = search("classified system", index_dir=shared_index)  # no text has both words: the search says so
    assert strict.relaxed and ids(strict) == ["eu/celex/32024R1689"]
    assert ids(search("providers ensure", index_dir=shared_index)) == ["eu/celex/32024R1689"]
    assert ids(search("provider ensuring", index_dir=shared_index)) == ["eu/celex/32024R1689"]


@pytest.mark.parametrize("query", ["искусственному интеллекту", "искусственным интеллектом"])
def test_russian_inflected_query_finds_other_forms(shared_index, query):
    result = search(query, exact=True, index_dir=shared_index)
    assert set(ids(result)) == {"ru/pravo/0001201910110003", "ru/duma/922869-7"}
    # Without --exact the concept also finds the English act, after the Russian ones and saying why
    expanded = search(query, index_dir=shared_index)
    assert ids(expanded)[:2] != ["eu/celex/32024R1689"] and "eu/celex/32024R1689" in ids(expanded)
    ai_act = next(h for h in expanded.hits if h.id == "eu/celex/32024R1689")
    assert [v.matched_label for v in ai_act.via] == ["artificial intelligence"]


def test_russian_neuro_network_forms(shared_index):
    # the strategy says «нейросеть», the bill says «нейросетей»: each form finds both
    assert set(ids(search("нейросетей", index_dir=shared_index))) == {"ru/pravo/0001201910110003", "ru/duma/922869-7"}
    assert set(ids(search("нейросеть", index_dir=shared_index))) == {"ru/pravo/0001201910110003", "ru/duma/922869-7"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("№ 490", "ru/pravo/0001201910110003"),
        ("Указ № 490", "ru/pravo/0001201910110003"),
        ("0001201910110003", "ru/pravo/0001201910110003"),
        ("2024/1689", "eu/celex/32024R1689"),
        ("Regulation (EU) 2024/1689", "eu/celex/32024R1689"),
        ("32024R1689", "eu/celex/32024R1689"),
        ("CELEX:32024R1689", "eu/celex/32024R1689"),
        ("922869-7", "ru/duma/922869-7"),
        ("законопроект № 922869-7", "ru/duma/922869-7"),
        ("258-ФЗ", "ru/pravo/0001202007310001"),
        ("id:258-фз", "ru/pravo/0001202007310001"),
    ],
)
def test_identifier_lookup_puts_document_first(shared_index, query, expected):
    assert ids(search(query, index_dir=shared_index))[0] == expected


def test_identifier_lookup_includes_non_ai_documents(shared_index):
    assert ids(search("999-ФЗ", index_dir=shared_index)) == ["ru/pravo/0001202001010001"]


def test_boolean_operators(shared_index):
    assert set(ids(search("интеллект AND нейросеть", index_dir=shared_index))) == {
        "ru/pravo/0001201910110003", "ru/duma/922869-7"}  # fmt: skip
    assert set(ids(search("стратегия OR commission", index_dir=shared_index))) == {
        "ru/pravo/0001201910110003", "eu/celex/32024R1689"}  # fmt: skip
    assert ids(search("интеллект NOT образование", index_dir=shared_index)) == ["ru/pravo/0001201910110003"]


def test_phrase_is_ordered(shared_index):
    assert ids(search('"high-risk AI systems"', index_dir=shared_index)) == ["eu/celex/32024R1689"]
    assert ids(search('"systems AI high-risk"', index_dir=shared_index)) == []
    assert ids(search('"развития искусственного интеллекта"', index_dir=shared_index)) == ["ru/pravo/0001201910110003"]


def test_stopword_only_phrase_does_not_crash(shared_index):
    assert search('"of the"', index_dir=shared_index).total == 0
    assert ids(search('"the Commission"', index_dir=shared_index)) == ["eu/celex/32024R1689"]


def test_prefix(shared_index):
    assert set(ids(search("интеллект*", index_dir=shared_index))) == {"ru/pravo/0001201910110003", "ru/duma/922869-7"}


def test_fields_and_filters(shared_index):
    assert ids(search("type:bill", index_dir=shared_index)) == ["ru/duma/922869-7"]
    assert ids(search("интеллект jurisdiction:RU stage:introduced", index_dir=shared_index)) == ["ru/duma/922869-7"]
    assert ids(search("title:указ", index_dir=shared_index)) == ["ru/pravo/0001201910110003"]
    assert ids(search("lang:en", index_dir=shared_index)) == ["eu/celex/32024R1689"]
    assert ids(search("интеллект", doc_type="decree", index_dir=shared_index)) == ["ru/pravo/0001201910110003"]
    assert ids(search("", jurisdiction="eu", index_dir=shared_index)) == ["eu/celex/32024R1689"]


def test_date_ranges(shared_index):
    assert set(ids(search("date:[2019 TO 2021]", index_dir=shared_index))) == {
        "ru/pravo/0001201910110003", "ru/pravo/0001202007310001"}  # fmt: skip
    assert ids(search("year:2022", index_dir=shared_index)) == ["ru/duma/922869-7"]
    got = search("интеллект", since=dt.date(2022, 1, 1), until=dt.date(2022, 12, 31), index_dir=shared_index)
    assert ids(got) == ["ru/duma/922869-7"]


def test_a_reversed_range_is_searched_the_right_way_round_and_said(shared_index):
    right = search("date:[2019 TO 2021]", index_dir=shared_index)
    assert not right.reversed_ranges
    for query, sentence in [
        ("date:[2021 TO 2019]",
         "The range date:[2021 TO 2019] is reversed (its start is after its end): searched 2019-01-01 to 2021-12-31."),
        ("year:[2021 TO 2019]",  # Whoosh found nothing for a reversed year range
         "The range year:[2021 TO 2019] is reversed (its start is after its end): searched 2019 to 2021."),
    ]:  # fmt: skip
        got = search(query, index_dir=shared_index)
        assert set(ids(got)) == set(ids(right)), query
        assert [r.sentence() for r in got.reversed_ranges] == [sentence]
    # a range whose ends overlap is not reversed
    assert not search("date:[2019-10 TO 2019]", index_dir=shared_index).reversed_ranges


def test_facets_count_documents(shared_index):
    result = search("интеллект OR intelligence", index_dir=shared_index)
    assert result.total == 3
    assert result.facets["jurisdiction"] == {"RU": 2, "EU": 1}
    assert result.facets["type"] == {"bill": 1, "decree": 1, "regulation": 1}
    assert result.facets["year"] == {"2019": 1, "2022": 1, "2024": 1}
    assert result.facets["stage"] == {"in-force": 2, "introduced": 1}


def test_hits_have_marked_escaped_highlights(shared_index):
    hit = search("high-risk", index_dir=shared_index).hits[0]
    assert hit.highlights and "<mark>high</mark>-<mark>risk</mark>" in hit.highlights[0]
    assert (hit.type, hit.stage, hit.date, hit.ai_relevant) == ("regulation", "in-force", dt.date(2024, 6, 13), True)
    bill = search("образовании", index_dir=shared_index).hits[0]
    assert bill.id == "ru/duma/922869-7" and "<b>" not in "".join(bill.highlights)


def test_script_in_title_is_escaped(shared_index):
    hit = search("title:имущество", include_non_ai=True, index_dir=shared_index).hits[0]
    text = "".join(hit.highlights)
    assert "<script>" not in text and "&lt;script&gt;" in text and "<mark>имущество</mark>" in text


def test_non_ai_excluded_by_default(shared_index):
    assert search("налог", index_dir=shared_index).total == 0
    assert ids(search("налог", include_non_ai=True, index_dir=shared_index)) == ["ru/pravo/0001202001010001"]


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ('"high-risk AI', "double quote"),
        ("(интеллект OR нейросеть", "brackets"),
        ("интеллект)", "brackets"),
        ("foo:bar", "Unknown field foo:"),
        ("date:[yesterday-ish TO blah]", "date"),
        ("x" * 2001, "too long"),
        ("[a TO z]", "dates only"),
        ("AI body:[a TO m]", "dates only"),
    ],
)
def test_malformed_queries_raise_query_error(shared_index, query, fragment):
    with pytest.raises(QueryError) as err:
        search(query, index_dir=shared_index)
    assert fragment in str(err.value)  # one sentence that says what to fix
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("filters", "fragment"),
    [({"stage": "in_force"}, "There is no stage 'in_force'; use one of draft,"),
     ({"subdivision": "US-ZZ"}, "'US-ZZ' is not a US state"),
     ({"doc_type": "law"}, "There is no document type 'law'; use one of regulation,"),
     ({"jurisdiction": "XX"}, "ailaw tracks no jurisdiction 'XX'; use one of EU,")],
)  # fmt: skip
def test_a_filter_value_no_document_can_have_is_one_sentence(shared_index, filters, fragment):
    # once: "0 results, N hidden by the filters", as if the filter were right and nothing were at that stage
    with pytest.raises(QueryError) as err:
        search("интеллект", index_dir=shared_index, **filters)
    assert str(err.value).startswith(fragment) and "\n" not in str(err.value)
    upper = search("интеллект", index_dir=shared_index, stage="In-Force").total  # a stage is read case-blind
    assert upper == search("интеллект", index_dir=shared_index, stage="in-force").total > 0
    assert search("интеллект", index_dir=shared_index, jurisdiction="ru").total == search(
        "интеллект", index_dir=shared_index, jurisdiction="RU").total > 0  # fmt: skip


def test_empty_query_lists_documents(shared_index):
    assert search("   ", index_dir=shared_index).total == 4  # the AI-relevant ones


def test_a_lone_wildcard_lists_documents_as_an_empty_query(shared_index):
    # "*" alone once failed with Whoosh's "No field 'text'"; it means every document, as an empty query does
    assert ids(search("*", index_dir=shared_index)) == ids(search("", index_dir=shared_index))


def test_relaxed_query_keeps_its_not(shared_index):
    # No text has both words: the search falls back to texts with either, and a NOT stays a NOT (it must not
    # become one more alternative, which every text without the excluded word would meet).
    relaxed = search("classified system NOT нейросеть", index_dir=shared_index)
    assert relaxed.relaxed and ids(relaxed) == ["eu/celex/32024R1689"]
    # Every text with one of the words has the excluded one: nothing, rather than the texts without it.
    assert ids(search("classified system NOT commission", index_dir=shared_index)) == []
