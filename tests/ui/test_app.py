"""The Streamlit app run in-process by AppTest against a real small data home (see conftest.py)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import AI_ACT_ID, AI_ACT_TITLE, DECREE_ID, PERSONAL_DATA_ID, PROPOSAL_ID, XSS_ID

APP = "../../ui/app.py"  # relative to this file (AppTest.from_file resolves against the calling file)
DOCUMENT = "views/document.py"
SOURCES = "views/sources.py"

pytestmark = pytest.mark.usefixtures("ui_env")


def _app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _search(at: AppTest, query: str) -> AppTest:
    at.text_input(key="q").input(query).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _links(at: AppTest) -> list[str]:
    """The document links (not the "alert me" link to the Subscriptions page)."""
    return [link.proto.query_string for link in at.page_link if not link.proto.query_string.startswith("kind=")]


def _caption(at: AppTest) -> str:
    found = [c.value for c in at.caption if "result(s)" in c.value or "Найдено" in c.value]
    assert found, [c.value for c in at.caption]
    return found[0]


def _open(at: AppTest, doc_id: str) -> AppTest:
    at.query_params["id"] = doc_id
    at.switch_page(DOCUMENT).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.title] + [m.value for m in at.subheader]
    parts += [m.value for m in at.warning] + [m.value for m in at.info] + [link.value for link in at.page_link]
    return "\n".join(parts)


def test_empty_query_shows_hint_and_recent_documents() -> None:
    at = _app()
    assert at.text_input(key="q").label == "Query"
    assert any("Type a query" in i.value for i in at.info)
    assert {"id=" + AI_ACT_ID.replace("/", "%2F"), "id=" + DECREE_ID.replace("/", "%2F")} <= set(_links(at))


def test_english_query_lists_results_with_links_badges_and_highlights() -> None:
    at = _search(_app(), "artificial intelligence")
    caption = _caption(at)
    assert "result(s)" in caption and not caption.startswith("0 ")
    links = _links(at)
    assert f"id={AI_ACT_ID.replace('/', '%2F')}" in links
    assert any("harmonised rules on artificial intelligence" in link.value for link in at.page_link)
    html_blocks = [m.value for m in at.markdown if m.proto.allow_html]
    assert any("<mark>" in b for b in html_blocks), html_blocks
    assert any("ailaw-badge-jurisdiction" in b and ">EU<" in b for b in html_blocks)
    # facets with counts
    assert any("In the results" in m.value for m in at.markdown)


def test_russian_inflected_query_finds_the_decree() -> None:
    at = _search(_app(), "искусственного интеллекта")
    assert f"id={DECREE_ID.replace('/', '%2F')}" in _links(at)
    at = _search(at, "развитию интеллекта")
    assert f"id={DECREE_ID.replace('/', '%2F')}" in _links(at)


def test_filters_narrow_results() -> None:
    at = _search(_app(), "artificial intelligence")
    before = set(_links(at))
    assert f"id={DECREE_ID.replace('/', '%2F')}" not in before or len(before) > 1
    at.selectbox(key="f_jurisdiction").select("EU").run()
    assert not at.exception
    after = set(_links(at))
    assert after and after < before
    assert all("eu%2Fcelex" in q for q in after), after
    # documents not about AI appear only when asked for (a query that only names one, «О персональных данных», shows it)
    at.selectbox(key="f_jurisdiction").select("").run()
    at = _search(at, "обработка персональных данных")
    assert f"id={PERSONAL_DATA_ID.replace('/', '%2F')}" not in _links(at)
    at.checkbox(key="f_non_ai").check().run()
    assert f"id={PERSONAL_DATA_ID.replace('/', '%2F')}" in _links(at)


def test_malformed_query_shows_an_error_not_a_traceback() -> None:
    at = _app()
    at.text_input(key="q").input('"unclosed phrase AND (').run()
    assert not at.exception
    assert at.error, "a QueryError must be shown as st.error"
    assert "Traceback" not in at.error[0].value


def test_document_page_shows_metadata_timeline_relations_versions_and_text() -> None:
    at = _open(_app(), AI_ACT_ID)
    assert at.title[0].value.replace("\\", "") == AI_ACT_TITLE
    text = _all_text(at)
    assert "32024R1689" in text and "AI Act" in text
    assert "Stages" in [s.value for s in at.subheader]
    # the recorded Cellar codes are named in words, the code kept beside them
    for name in (
        "Adoption by Commission \\(ADP\\_byCOM\\)",
        "EP position at first reading \\(VOTE\\_byEP\\)",
        "Discussions within the Council or its preparatory bodies \\(DIS\\_byCONSIL\\)",
        "entry into force",
    ):
        assert name in text, name
    assert text.index("Adoption by Commission") < text.index("entry into force")
    # the European Parliament's vote is its first reading, not a "lower house"
    (vote,) = [line for line in text.splitlines() if "VOTE\\_byEP" in line]
    assert "first reading" in vote and "lower house" not in text
    # relations: the stored proposal is a link, the amended regulation that is not stored is text
    assert f"id={PROPOSAL_ID.replace('/', '%2F')}" in _links(at)
    assert "adopts the proposal" in text and "amends" in text
    assert "Regulation \\(EU\\) 2018\\/1139" in text and "not stored" in text
    # versions table and the text by provision, paginated (49 provisions, 20 a page)
    assert at.dataframe, "versions table"
    assert "Article 5" in text and "Article 22" in text and "Article 23" not in text
    at.number_input(key=next(k for k in _keys(at) if k.startswith("page_"))).set_value(3).run()
    assert "Article 45" in _all_text(at) and "Article 5 " not in _all_text(at)
    assert not at.warning, "the AI Act has no reconstructed record"


def _keys(at: AppTest) -> list[str]:
    return [w.key for w in at.number_input if w.key]


def test_document_page_warns_about_reconstructed_records_and_shows_notes() -> None:
    at = _open(_app(), DECREE_ID)
    warnings = [w.value for w in at.warning]
    assert any("reconstructed from the source's documentation" in w for w in warnings), warnings
    text = _all_text(at)
    assert "scanned PDF" in text
    assert "amended by" in text
    assert "Подписан Президентом" in text
    assert "Утвердить прилагаемую" in text


def test_script_in_a_title_is_escaped() -> None:
    at = _search(_app(), "algorithmic accountability")
    assert f"id={XSS_ID.replace('/', '%2F')}" in _links(at)
    for element in [*at.markdown, *at.page_link, *at.title]:
        value = element.value
        raw_tag = "<script" in value.replace("\\<script", "").replace("&lt;script", "")
        assert not raw_tag, value
        if getattr(element, "allow_html", False):
            assert "onerror=" not in value.replace("onerror&#61;", ""), value
    at = _open(at, XSS_ID)
    title = at.title[0].value
    assert "\\<script\\>" in title and "<script>" not in title.replace("\\<script\\>", "")
    assert "\\[2025\\]\\(javascript\\:" in title  # Markdown link syntax is neutralised too
    assert not any(b.proto.url.startswith("javascript") for b in at.get("link_button")), "unsafe URL not linked"


def test_sources_page_lists_sources_and_crawl_errors() -> None:
    at = _app()
    at.switch_page(SOURCES).run()
    assert not at.exception
    assert at.dataframe
    assert any("WAF challenge page" in m.value for m in at.markdown)
    (label,) = [e.label for e in at.expander if "ru\\_pravo" in e.label]
    # a replay's missing URLs and the warnings are counted apart from the errors, and listed as what they are
    plain = label.replace("\\", "")  # the label is escaped Markdown
    assert "1 errors, not in archive: 1, warnings: 1" in plain, plain
    assert any(m.value.startswith("- not in archive: ") for m in at.markdown)
    assert any(m.value.startswith("- warning: ") and "looks stale" in m.value for m in at.markdown)
    # a miss is its URL under its kind, on the Russian page too (it added "— not in the replayed archive")
    at.selectbox(key="lang").select("ru").run()
    misses = [m.value for m in at.markdown if m.value.startswith("- нет в архиве: ")]
    assert misses and all("replayed" not in m for m in misses), misses


def test_switching_to_russian_changes_labels() -> None:
    at = _app()
    at.selectbox(key="lang").select("ru").run()
    assert at.text_input(key="q").label == "Запрос"
    at = _search(at, "искусственного интеллекта")
    assert _caption(at).startswith("Найдено")
    at = _open(at, AI_ACT_ID)
    assert "Стадии" in [s.value for s in at.subheader]
    text = _all_text(at)
    assert "действует" in text
    assert "принят по предложению" in text
    assert "Принятие Комиссией \\(ADP\\_byCOM\\)" in text and "Позиция ЕП в первом чтении \\(VOTE\\_byEP\\)" in text
    at = _open(at, DECREE_ID)
    assert "изменён актом" in _all_text(at)
    assert any("восстановлена по документации" in w.value for w in at.warning)


def test_a_search_is_a_link() -> None:
    """The address carries the query and the filters: opening it runs the search; changing them changes it."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["q"] = "artificial intelligence"
    at.query_params["jurisdiction"] = "EU"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text_input(key="q").value == "artificial intelligence"
    assert at.selectbox(key="f_jurisdiction").value == "EU"
    assert all("eu%2Fcelex" in q for q in _links(at) if q.startswith("id=") and "provision" not in q)
    at.selectbox(key="f_jurisdiction").select("").run()
    at = _search(at, "искусственного интеллекта")
    assert at.query_params["q"] == "искусственного интеллекта" and "jurisdiction" not in at.query_params
    at.checkbox(key="f_exact").check().run()
    assert at.query_params["exact"] == "1"


def test_hidden_documents_are_counted_and_shown_in_one_click() -> None:
    at = _search(_app(), "обработка персональных данных")
    warnings = [w.value for w in at.warning]
    assert any("not about AI and are hidden" in w for w in warnings), warnings
    at.button(key="show_non_ai").click().run()
    assert f"id={PERSONAL_DATA_ID.replace('/', '%2F')}" in _links(at)
    assert at.query_params["all"] == "1"


def test_facets_filter_in_one_click() -> None:
    at = _search(_app(), "intelligence OR интеллект")
    before = {q for q in _links(at) if "provision" not in q}
    at.button(key="facet_jurisdiction_RU").click().run()
    assert at.selectbox(key="f_jurisdiction").value == "RU"
    after = {q for q in _links(at) if "provision" not in q}
    assert after and after < before and all("ru%2F" in q for q in after), after


def test_hits_link_to_their_provisions_and_the_document_opens_there() -> None:
    at = _search(_app(), "Article 6 AI Act")
    provision_links = [link for link in at.page_link if "provision=art_6" in link.proto.query_string]
    assert provision_links and "Article 6" in provision_links[0].value
    at.query_params.clear()
    at.query_params["id"] = AI_ACT_ID
    at.query_params["provision"] = "art_6"
    at.switch_page(DOCUMENT).run()
    assert not at.exception, [e.value for e in at.exception]
    text = _all_text(at)
    assert "safety component of a product" in text  # Article 6 is shown…
    assert "keep record 22" not in text  # …and only it


def test_concept_matches_say_why() -> None:
    at = _search(_app(), "национальная стратегия развития искусственного интеллекта")
    assert f"id={DECREE_ID.replace('/', '%2F')}" in _links(at)
    at = _search(at, "national AI strategy")
    assert f"id={DECREE_ID.replace('/', '%2F')}" in _links(at)
    captions = [c.value for c in at.caption]
    assert any("via concept" in c and "национальная стратегия" in c for c in captions), captions


@pytest.mark.parametrize(
    ("query", "filters"),
    [('"высокого риска', {}), ("(ИИ", {}), ("ИИ [x", {}), ("foo:bar ИИ", {}), ("ИИ " * 700, {}),
     ("ИИ", {"stage": "in_force"}), ("ИИ", {"doc_type": "law"}), ("ИИ", {"jurisdiction": "XX"}),
     ("ИИ", {"subdivision": "Texass"})],
)  # fmt: skip
def test_every_search_error_is_a_russian_sentence_on_the_russian_page(query, filters) -> None:
    from search.query import check
    from store.errors import QueryError
    from ui.i18n import query_error_in

    with pytest.raises(QueryError) as err:
        check(query, **filters)
    english = str(err.value)
    russian = query_error_in(english, "ru")
    assert russian != english and re.search("[а-яё]", russian), english
    assert query_error_in(english, "en") == english


def test_a_malformed_query_is_said_in_russian_on_the_russian_page() -> None:
    at = _app()
    at.selectbox(key="lang").select("ru").run()
    at = _search(at, '"высокого риска')
    assert [e.value for e in at.error] == ['В запросе непарная кавычка ("): закройте фразу или уберите кавычку.']
    at = _search(at, "ИИ date:2024-99")  # read by the parser, not by check()
    assert [e.value for e in at.error] == [
        "Не удалось прочитать дату '2024-99'; пишите, например, date:[2019 TO 2024] или date:20240712."
    ]


def test_document_page_names_identifier_kinds_in_the_page_language() -> None:
    from ui.i18n import IDENTIFIER_KINDS

    at = _open(_app(), DECREE_ID)
    line = next(m.value for m in at.markdown if "Identifiers" in m.value)
    assert "electronic publication number\\: 0001201910110003" in line, line  # it said "eo_number"
    at.selectbox(key="lang").select("ru").run()
    line = next(m.value for m in at.markdown if "Идентификаторы" in m.value)
    assert "номер электронного опубликования\\: 0001201910110003" in line, line
    assert all(set(names) == {"en", "ru"} for names in IDENTIFIER_KINDS.values())


def test_document_page_names_the_document_with_the_source_of_each_name() -> None:
    at = _open(_app(), AI_ACT_ID)
    text = _all_text(at)
    assert "Known as" in text and "EU AI Act" in text
    assert any("Where these names are used" in e.label for e in at.expander)
    assert "digital\\-strategy.ec.europa.eu" in text or "digital-strategy.ec.europa.eu" in text.replace("\\", "")


def test_operations_page_shows_health_history_and_every_page_says_up_to_date_as_of() -> None:
    at = _app()
    # one line: the oldest of the sources' last successful crawls, how many sources, the sick ones named
    summary = [c.value for c in at.sidebar.caption if "Up to date as of" in c.value]
    assert summary and re.search(r"Up to date as of\*\* 20\d\d-\d\d-\d\d \d\d:\d\d · \d+ sources", summary[0])
    assert "needs attention (see Operations): " in summary[0] and "ru_pravo" in summary[0].split("attention")[1]
    assert "eu_cellar" not in summary[0]  # healthy
    fresh = [c.value for c in at.sidebar.expander[0].caption if "eu_cellar:" in c.value]  # each source's own time
    assert fresh and "eu_cellar: 20" in fresh[0] and "ru_pravo: 20" in fresh[0]
    # a replayed archive says when it was read, not that the live source was seen then
    lines = {line.split(":")[0].strip("* "): line for line in fresh[0].split("\n")}
    assert "(replayed archive)" in lines["ru_pravo"] and "replayed" not in lines["eu_cellar"]
    at.switch_page("views/operations.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Operations"
    table = at.dataframe[0].value
    health = dict(zip(table["Source"], table["Health"], strict=True))
    assert health["eu_cellar"] == "ok"
    assert health["ru_pravo"].startswith("sick: errors")  # one error per response received
    assert health["ru_sozd"].startswith("sick: stale")  # never crawled
    assert any("ru\\_pravo" in e.value for e in at.error)
    assert at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")
    # in Russian, a run's status too (it once said "finished" on the Russian page)
    at.selectbox(key="lang").select("ru").run()
    table = at.dataframe[0].value
    status = dict(zip(table["Источник"], table["Итог"], strict=True))
    assert status["eu_cellar"] == "завершён" and "finished" not in set(status.values())


def test_a_source_without_its_api_key_is_not_configured_in_the_sidebar_and_on_operations(monkeypatch) -> None:
    for var in ("AILAW_CONGRESS_API_KEY", "AILAW_OPENSTATES_API_KEY", "AILAW_LEGISCAN_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    at = _app()
    each = "\n".join(c.value for c in at.sidebar.expander[0].caption)
    assert "us_congress: not configured — needs AILAW_CONGRESS_API_KEY" in each, each  # it was left out
    at.switch_page("views/operations.py").run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    health = dict(zip(table["Source"], table["Health"], strict=True))
    assert health["us_congress"] == "not configured — needs AILAW_CONGRESS_API_KEY"  # it said "sick: stale"
    at.selectbox(key="lang").select("ru").run()
    table = at.dataframe[0].value
    health = dict(zip(table["Источник"], table["Состояние"], strict=True))
    assert health["us_congress"] == "не настроен — нужен ключ AILAW_CONGRESS_API_KEY"
    each = "\n".join(c.value for c in at.sidebar.expander[0].caption)
    assert "us_congress: не настроен — нужен ключ AILAW_CONGRESS_API_KEY" in each, each


def test_operations_page_in_russian_translates_every_label() -> None:
    import json

    import pyarrow as pa

    at = _app()
    at.selectbox(key="lang").select("ru").run()
    at.switch_page("views/operations.py").run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    row = dict(zip(table.columns, table[table["Источник"] == "ru_pravo"].iloc[0], strict=True))
    # error kinds, the replay's misses and the sick flags in Russian (it once said "miss 1", "sick: сбой: errors")
    kinds = row["Ошибки по видам"]
    assert "нет в архиве 1" in kinds and "miss" not in kinds and "parse" not in kinds, kinds
    assert row["Состояние"].startswith("сбой: рост ошибок"), row["Состояние"]
    assert any("рост ошибок" in e.value for e in at.error) and not any("errors" in e.value for e in at.error)
    # the chart's legends, tooltips and values
    (chart,) = at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    encoding = spec["encoding"]
    assert encoding["color"]["title"] == "Источник" and encoding["strokeDash"]["title"] == "Показатель"
    assert [t["title"] for t in encoding["tooltip"]] == [
        "Источник",
        "Показатель",
        "Количество",
        "Итог",
        "Начало обхода",
    ]
    (dataset,) = chart.proto.datasets
    frame = pa.ipc.open_stream(dataset.data.data).read_pandas()
    assert set(frame["measure"]) == {"записей", "новых редакций", "ошибок"}
    assert "завершён" in set(frame["status"]) and "finished" not in set(frame["status"])


def test_a_reversed_date_range_says_so_in_one_sentence() -> None:
    at = _search(_app(), "date:[2030 TO 2020]")
    (warning,) = [w.value for w in at.warning if "reversed" in w.value]
    assert warning.replace("\\", "") == (
        "The range date:[2030 TO 2020] is reversed (its start is after its end): searched 2020-01-01 to 2030-12-31."
    )
    at.selectbox(key="lang").select("ru").run()
    assert any("указан наоборот" in w.value for w in at.warning)
    # an address with the years reversed: searched the right way round, and said so
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"q": "artificial intelligence", "since": "2024", "until": "2021"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.slider(key="f_years").value == (2021, 2024)
    (warning,) = [w.value for w in at.warning if "reversed" in w.value]
    assert warning == "The years in the address are reversed (since 2024, until 2021): searched 2021 to 2024."


def test_sources_page_in_russian_says_each_run_s_status_and_mode_in_russian() -> None:
    at = _app()
    at.selectbox(key="lang").select("ru").run()
    at.switch_page(SOURCES).run()
    assert not at.exception, [e.value for e in at.exception]
    lines = [e.label.replace("\\", "") for e in at.expander] + [m.value.replace("\\", "") for m in at.markdown]
    runs = [line for line in lines if "ru_pravo · " in line]
    # it once said "ru_pravo · finished · replay · начат …"
    assert runs and all(" · завершён · " in line for line in runs), runs
    assert not any(word in line for line in runs for word in ("finished", "replay", "live")), runs


def test_the_russian_document_page_names_chambers_and_says_dates_in_russian() -> None:
    at = _app()
    at.selectbox(key="lang").select("ru").run()
    at = _open(at, AI_ACT_ID)
    text = _all_text(at)
    for russian, english in (("Совет Европейского союза", "Council of the European Union"),
                             ("Комитет Европейского парламента", "European Parliament committee"),
                             ("Европейский парламент и Совет", "European Parliament and Council"),
                             ("Бюро публикаций Европейского союза", "Publications Office of the European Union")):  # fmt: skip
        assert russian in text and english not in text, (russian, english)
    assert "13 июня 2024\u202fг\\." in text and "1 августа 2024\u202fг\\." in text  # adopted; in force
    assert "2024\\-06\\-13" not in text and "2024-06-13" not in text
    at.selectbox(key="lang").select("en").run()
    text = _all_text(at)
    assert "Council of the European Union" in text and "Совет Европейского союза" not in text
    assert "2024\\-06\\-13" in text


def test_a_chamber_not_in_the_table_is_shown_as_the_source_wrote_it() -> None:
    from ui import i18n

    assert i18n.CHAMBERS["Государственная Дума"]["en"] == "State Duma"
    assert i18n._term(i18n.CHAMBERS, "Senate") == "Senate"  # the English page (the default language)
    assert i18n.chamber("Comissão de Ciência e Tecnologia") == "Comissão de Ciência e Tecnologia"
    assert i18n.chamber(None) == ""
