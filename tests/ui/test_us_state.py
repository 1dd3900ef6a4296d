"""The State filter and facet on the Search page, in AppTest, on the demo data (US bills of several states)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.ui.test_app import _links

APP = "../../ui/app.py"


def test_state_facet_and_filter(in_demo_home) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.text_input(key="q").input("frontier model").run()
    assert not at.exception, [e.value for e in at.exception]
    facets = {b.label for b in at.button if (b.key or "").startswith("facet_state_")}  # facet values are filters
    assert {"New York — 2", "California — 1"} <= facets, facets
    state = at.selectbox(key="f_state")
    assert {"California", "Colorado", "New York"} <= set(state.options)
    state.select("US-NY").run()
    assert not at.exception, [e.value for e in at.exception]
    links = _links(at)
    assert links and all("us%2Fny%2F" in q for q in links), links


def test_a_bill_number_not_tracked_is_said_in_russian_too(in_demo_home) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.text_input(key="q").input("SB 53").run()
    assert not at.exception, [e.value for e in at.exception]
    notes = [i.value for i in at.info]
    assert "No tracked document has the identifier SB 53, nor does any stored text cite it." in notes, notes
    assert not _links(at)
    at.selectbox(key="lang").select("ru").run()
    assert any("«SB 53»" in i.value and "отслеживаемый" in i.value for i in at.info), [i.value for i in at.info]


def test_state_names_are_russian_on_the_russian_page(in_demo_home) -> None:
    from store.identifiers import US_STATES
    from ui.i18n import US_STATES_RU

    assert set(US_STATES_RU) == set(US_STATES)  # every state the store can hold has its Russian name
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.selectbox(key="lang").select("ru").run()
    at.text_input(key="q").input("frontier model").run()
    assert not at.exception, [e.value for e in at.exception]
    facets = {b.label for b in at.button if (b.key or "").startswith("facet_state_")}
    assert {"Нью-Йорк — 2", "Калифорния — 1"} <= facets, facets
    state = at.selectbox(key="f_state")
    names = set(state.options)  # as shown
    assert {"Калифорния", "Колорадо", "Нью-Йорк"} <= names, names
    assert not {"California", "Colorado", "New York"} & names, names


def test_a_state_written_as_the_output_writes_it_filters_by_that_state(in_demo_home) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"q": "deepfake", "jurisdiction": "us-ca"})  # a link, as a user may type it
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert (at.selectbox(key="f_jurisdiction").value, at.selectbox(key="f_state").value) == ("US", "US-CA")
    links = _links(at)
    assert links == ["id=us%2Fca%2F20232024%2FSB1047"], links
    assert (at.query_params["jurisdiction"], at.query_params["state"]) == ("US", "US-CA")

    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.text_input(key="q").input("deepfake jurisdiction:US-CA").run()  # the query syntax
    assert not at.exception, [e.value for e in at.exception]
    assert _links(at) == ["id=us%2Fca%2F20232024%2FSB1047"], _links(at)
    at.text_input(key="q").input("deepfake jurisdiction:US-ZZ").run()
    assert [e.value for e in at.error] == ["'US-ZZ' is no US state; write a US state as US and its two-letter code, "
                                           "e.g. US-CA."]  # fmt: skip
    at.selectbox(key="lang").select("ru").run()
    assert [e.value for e in at.error] == ["'US-ZZ' — не штат США; штат пишется как US и его двухбуквенный код, "
                                           "например US-CA."]  # fmt: skip


def test_a_state_contradicting_the_jurisdiction_of_a_link_is_refused(in_demo_home) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"q": "deepfake", "jurisdiction": "US-CA", "state": "US-CO"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == ["The state US-CO contradicts the jurisdiction US-CA; give only one of them."]
    assert not _links(at)
