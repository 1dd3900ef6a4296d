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
