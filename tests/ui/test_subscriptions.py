"""The Subscriptions page and the "alert me" links, run in-process by AppTest on a copy of the UI data home."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import AI_ACT_ID, UiHome
from ui import render

APP = "../../ui/app.py"
SUBSCRIPTIONS = "views/subscriptions.py"
ALICE = "alice@example.org"


@pytest.fixture(scope="module")
def subs_home(ui_home: UiHome, tmp_path_factory: pytest.TempPathFactory) -> UiHome:
    """A copy of the UI home: these tests write subscriptions."""
    root = tmp_path_factory.mktemp("ui-subscriptions")
    shutil.copytree(ui_home.home, root / "home")
    home = root / "home"
    return UiHome(home=home, database_url=f"sqlite:///{home / 'ailaw.db'}", index_dir=home / "index")


@pytest.fixture
def env(subs_home: UiHome, monkeypatch: pytest.MonkeyPatch) -> Iterator[UiHome]:
    for key, value in subs_home.env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("AILAW_ALERTS_BASE_URL", "https://ailaw.example.org")
    monkeypatch.setenv("AILAW_ALERTS_ALLOW_PRIVATE_TARGETS", "false")
    yield subs_home


def _run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _page(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    _run(at)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(SUBSCRIPTIONS)
    return _run(at)


def _as(address: str, *, lang: str = "en", **params: str) -> AppTest:
    """The Subscriptions page opened with ``params`` (as an "alert me" link does), in ``lang``, ``address`` entered."""
    at = _page(**params)
    if lang != "en":
        at.sidebar.selectbox[0].set_value(lang)
        _run(at)
    at.text_input(key="sub_address").input(address)
    return _run(at)


def _submit(at: AppTest, label: str = "Subscribe") -> AppTest:
    (button,) = [b for b in at.button if b.label == label]
    button.click()
    return _run(at)


def test_the_search_and_document_pages_offer_alert_me(env) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    _run(at)
    at.text_input(key="q").input("искусственного интеллекта")
    _run(at)
    links = [link for link in at.page_link if link.label == "Alert me"]
    assert links and "kind=search" in links[0].proto.query_string
    assert "q=%D0%B8%D1%81%D0%BA" in links[0].proto.query_string
    at.query_params["id"] = AI_ACT_ID
    at.switch_page("views/document.py")
    _run(at)
    (doc_link,) = [link for link in at.page_link if link.label == "Alert me about this document"]
    assert doc_link.proto.query_string == "kind=document&id=eu%2Fcelex%2F32024R1689"
    (version,) = [s for s in at.selectbox if s.label == "Version"]
    provision = at.selectbox(key=f"prov_{version.value}")
    wanted = "Article 6 — Classification rules for high-risk AI systems"
    provision.select_index(next(i for i, o in enumerate(provision.options) if o.strip() == wanted))
    _run(at)
    (watch,) = [link for link in at.page_link if link.label == "Alert me when this provision changes"]
    assert watch.proto.query_string == "kind=provision&id=eu%2Fcelex%2F32024R1689&provision=art_6"


def test_subscribe_from_a_search_confirm_by_link_see_the_inbox_and_remove(env) -> None:
    at = _page(kind="search", q="high-risk AI systems", jurisdiction="EU")
    assert at.info[0].value.startswith("Enter your e-mail address")
    at.text_input(key="sub_address").input(ALICE)
    _run(at)
    assert at.text_input(key="sub_query").value == "high-risk AI systems"
    assert at.selectbox(key="sub_kind").value == "search"
    at.radio(key="sub_frequency").set_value("daily")
    _submit(at)
    assert any("Subscribed: " + render.md("Search: high-risk AI systems") in s.value for s in at.success)
    assert any(f"A confirmation link is on its way to {render.md(ALICE)}" in i.value for i in at.info)
    text = "\n".join(m.value for m in at.markdown)
    assert "not confirmed yet" in text and "daily digest" in text
    (confirmation,) = at.main.expander
    assert confirmation.label.startswith("Confirm your ailaw alerts") and "waiting to be sent" in confirmation.label

    from ui import data

    token = re.search(r"confirm=([\w-]+)", data.alert_inbox(ALICE)[0]["text"]).group(1)
    at = _page(confirm=token)
    assert any(f"{render.md(ALICE)} is confirmed" in s.value for s in at.success)
    assert at.text_input(key="sub_address").value == ALICE
    assert "not confirmed yet" not in "\n".join(m.value for m in at.markdown)
    (remove,) = [b for b in at.button if b.label == "Remove"]
    remove.click()
    _run(at)
    assert any("Removed: " + render.md("Search: high-risk AI systems") in s.value for s in at.success)
    assert any("No subscriptions for this address yet." in c.value for c in at.caption)


def test_a_mistake_gets_one_sentence_and_a_russian_page(env) -> None:
    at = _page(kind="document", id=AI_ACT_ID)
    at.sidebar.selectbox[0].set_value("ru")
    _run(at)
    assert at.title[0].value == "Подписки"
    at.text_input(key="sub_address").input("bob@example.org")
    _run(at)
    at.selectbox(key="sub_channel").set_value("webhook")
    at.text_input(key="sub_target").input("http://169.254.169.254/latest/meta-data")
    (button,) = [b for b in at.button if b.label == "Подписаться"]
    button.click()
    _run(at)
    (error,) = at.error  # in Russian, with the reason in Russian too; the address is the user's text, escaped
    assert "ailaw не отправляет вебхуки во внутренние сети" in error.value and "\n" not in error.value, error.value
    assert "канальный (link-local) адрес (169\\.254\\.169\\.254)" in error.value, error.value
    assert "does not send webhooks" not in error.value and "link-local address" not in error.value
    at.selectbox(key="sub_kind").set_value("provision")
    at.text_input(key="sub_provision").input("Article 5")
    at.selectbox(key="sub_channel").set_value("feed")
    button = [b for b in at.button if b.label == "Подписаться"][0]
    button.click()
    _run(at)
    assert any("Подписка оформлена: " + render.md("Article 5 — eu/celex/32024R1689") in s.value for s in at.success)
    # the subscription in Russian: its kind and channel too (they read «email», «юрисдикцию или тему»)
    assert at.selectbox(key="sub_channel").format_func("email") == "эл. почта"
    shown = "\n".join(m.value for m in at.markdown)
    assert ">лента Atom</span>" in shown and ">feed</span>" not in shown, shown


def _russian(address: str, **params: str) -> AppTest:
    return _as(address, lang="ru", **params)


def _subscribe_ru(at: AppTest) -> AppTest:
    return _submit(at, "Подписаться")


def test_a_bad_address_is_said_in_russian_with_the_address_escaped(env) -> None:
    at = _subscribe_ru(_russian("**bob** at example", kind="search", q="AI"))
    assert [e.value for e in at.error] == ["«\\*\\*bob\\*\\* at example» — не адрес электронной почты."]
    at.selectbox(key="sub_channel").set_value("telegram")
    at.text_input(key="sub_target").input("not a chat")
    at = _subscribe_ru(at)
    assert [e.value for e in at.error] == ["«not a chat» — не id чата Telegram и не имя канала вида @channel."]


def test_a_duplicate_subscription_and_an_unknown_filter_are_said_in_russian(env) -> None:
    at = _russian("dora@example.org", kind="document", id=AI_ACT_ID)
    at.selectbox(key="sub_channel").set_value("feed")
    at = _subscribe_ru(at)
    assert not at.error and any("Подписка оформлена" in s.value for s in at.success)
    at = _subscribe_ru(at)  # the same form sent again
    (error,) = at.error
    assert error.value.startswith(f"У адреса {render.md('dora@example.org')} уже есть такая подписка ("), error.value
    assert "already has" not in error.value
    at = _subscribe_ru(_russian("dora@example.org", kind="topic", jurisdiction="XX"))
    (error,) = at.error
    assert error.value.startswith("ailaw не отслеживает юрисдикцию 'XX'; используйте одну из: "), error.value


def test_a_channel_the_operator_has_not_set_up_is_said_in_russian(env, monkeypatch) -> None:
    for key in ("AILAW_SMTP_HOST", "AILAW_SMTP_FROM", "AILAW_WEBHOOK_SECRET"):
        monkeypatch.delenv(key, raising=False)
    at = _subscribe_ru(_russian("frank@example.org", kind="search", q="deepfake"))
    assert any("Подписка оформлена" in s.value for s in at.success)
    smtp = "Для уведомлений по почте нужен SMTP-сервер: оператор должен задать AILAW_SMTP_HOST и AILAW_SMTP_FROM."
    # said when subscribing, and beside the confirmation request waiting in the inbox
    assert [w.value for w in at.warning] == [f"Через этот канал пока ничего не отправить: {smtp}", smtp]
    assert not any("SMTP server" in w.value for w in at.warning)
    monkeypatch.setenv("AILAW_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("AILAW_SMTP_FROM", "ailaw@example.org")
    at.text_input(key="sub_query").input("deepfakes")
    at = _subscribe_ru(at)
    assert any("Подписка оформлена: " + render.md("Поиск: deepfakes") in s.value for s in at.success) and not at.warning


def test_a_used_confirmation_link_is_said_in_russian(env) -> None:
    at = _page(confirm="0123456789abcdef")
    assert [e.value for e in at.error] == [render.md("this confirmation link is not valid (or was already used).")]
    at.sidebar.selectbox[0].set_value("ru")
    _run(at)
    assert [e.value for e in at.error] == ["Ссылка для подтверждения недействительна (или уже использована)."]


def test_the_filters_of_a_link_are_named_in_russian(env) -> None:
    at = _russian(
        "gina@example.org", kind="search", q="AI", jurisdiction="EU", doc_type="regulation", since="2024-01-01"
    )
    (caption,) = [c.value for c in at.caption if "Юрисдикция" in c.value]
    assert caption == render.md("Юрисдикция: Европейский союз · Вид документа: регламент · с: 1 января 2024\u202fг.")
    assert "jurisdiction" not in caption and "doc_type" not in caption


def test_a_saved_search_the_search_would_refuse_is_said_in_russian_on_the_russian_page(env) -> None:
    at = _page(kind="search", q='"высокого риска')
    at.sidebar.selectbox[0].set_value("ru")
    _run(at)
    at.text_input(key="sub_address").input("bob@example.org")
    _run(at)
    (button,) = [b for b in at.button if b.label == "Подписаться"]
    button.click()
    _run(at)
    assert [e.value for e in at.error] == ['В запросе непарная кавычка ("): закройте фразу или уберите кавычку.']


def test_a_search_naming_a_concept_offers_to_watch_the_topic_and_subscribes_to_it(env) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    _run(at)
    at.text_input(key="q").input("системы ИИ высокого риска в ЕС")
    _run(at)
    (topic,) = [link for link in at.page_link if link.label.startswith("Watch the topic")]
    assert topic.label == "Watch the topic “high-risk AI system”"
    assert topic.proto.query_string == "kind=topic&topic=high-risk+AI+system"
    at = _as("carol@example.org", kind="topic", topic="high-risk AI system")
    assert at.selectbox(key="sub_kind").value == "topic"
    assert at.text_input(key="sub_topic").value == "high-risk AI system"
    at.selectbox(key="sub_channel").set_value("feed")
    _submit(at)
    assert any("Subscribed: " + render.md("Topic: high-risk AI system") in s.value for s in at.success)
    from ui import data

    (row,) = data.subscriptions("carol@example.org")
    assert (row["kind"], row["concept"], row["exact"]) == ("topic", "high-risk-ai-system", False)
    # a label that names no concept: one sentence with the nearest ones, nothing added
    at.text_input(key="sub_topic").input("hihg-risk AI system")
    _submit(at)
    (error,) = at.error
    said = "'hihg-risk AI system' names no concept of the thesaurus; the nearest: high-risk AI"
    assert error.value.startswith(render.md(said)), error.value  # escaped: the label is what the user typed
    assert len(data.subscriptions("carol@example.org")) == 1


def test_alert_me_from_an_exact_search_keeps_it_exact(env) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    _run(at)
    at.sidebar.checkbox(key="f_exact").check()
    at.text_input(key="q").input("ИИ")
    _run(at)
    assert not [link for link in at.page_link if link.label.startswith("Watch the topic")]  # no concepts: exact
    (alert,) = [link for link in at.page_link if link.label == "Alert me"]
    assert "exact=True" in alert.proto.query_string
    at = _as("dave@example.org", kind="search", q="ИИ", exact="True")
    assert at.checkbox(key="sub_exact").value is True
    at.selectbox(key="sub_channel").set_value("feed")
    _submit(at)
    assert "exact words" in "\n".join(m.value for m in at.markdown)
    from ui import data

    (row,) = data.subscriptions("dave@example.org")
    assert (row["query"], row["exact"]) == ("ИИ", True)


def test_the_document_page_says_why_an_amending_act_is_about_ai(env) -> None:
    from store import crud, db
    from store.db import session_scope
    from store.items import DocumentItem, RelationItem
    from store.vocab import DocType, RelationKind

    db.forget_engines()
    with session_scope() as s:  # a title and a number only: nothing about AI in its own words
        crud.upsert_document(session=s, item=DocumentItem(
            doc_id="eu/celex/32026R1744", source="eu_cellar", jurisdiction="EU", doc_type=DocType.REGULATION,
            title="Regulation (EU) 2026/1744", language="en", ai_relevant=False,
        ))  # fmt: skip
        crud.upsert_relation(session=s, item=RelationItem(doc_id=AI_ACT_ID, kind=RelationKind.AMENDED_BY,
                                                          target_id="eu/celex/32026R1744"))  # fmt: skip
    db.forget_engines()
    at = AppTest.from_file(APP, default_timeout=60)
    _run(at)
    at.query_params["id"] = "eu/celex/32026R1744"
    at.switch_page("views/document.py")
    _run(at)
    text = "\n".join(m.value for m in at.markdown).replace("\\", "")  # Markdown escapes
    assert "About AI — because it amends Regulation (EU) 2024/1689 laying down harmonised rules" in text


def test_alert_me_keeps_the_state_filter(env) -> None:
    # "Alert me" on a search filtered to Colorado carries subdivision=US-CO; the page once dropped it
    at = _as("erin@example.org", kind="search", q="artificial intelligence", subdivision="US-CO")
    assert any(render.md("State: Colorado") == c.value for c in at.caption), [c.value for c in at.caption]
    at.selectbox(key="sub_channel").set_value("feed")
    _submit(at)
    from ui import data

    (row,) = data.subscriptions("erin@example.org")
    assert row["filters"] == {"subdivision": "US-CO"}


def test_a_subscription_named_after_markdown_is_said_as_typed(env) -> None:
    """The confirmation of a subscription repeats its name (the query as typed): shown literally, so a query with
    Markdown in it (a link, emphasis) cannot make the page show a link or styled text."""
    query = "[AI](https://evil.example) *risk*"
    at = _page(kind="search", q=query)
    at.text_input(key="sub_address").input("dora@example.org")
    _run(at)
    _submit(at)
    (said,) = [s.value for s in at.success if s.value.startswith("Subscribed")]
    assert said.startswith("Subscribed: ") and said.endswith(render.md(f": {query}"))
    assert "](" not in said and " *risk*" not in said
