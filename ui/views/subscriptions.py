"""Subscriptions page (``?kind=search&q=…&exact=1``, ``?kind=topic&topic=LABEL`` or ``?kind=document&id=…`` prefill
a new subscription; ``?confirm=TOKEN``
confirms an e-mail address): a subscriber's subscriptions, a form for a new one, and the inbox of past alerts with
what each said."""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

from store.errors import AilawError
from ui import data, i18n, render
from ui.i18n import current_lang, t

logger = logging.getLogger(__name__)

KINDS = ["search", "document", "provision", "topic"]
CHANNELS = ["email", "webhook", "feed", "telegram"]
FREQUENCIES = ["immediate", "daily", "weekly"]
FILTER_KEYS = ("jurisdiction", "subdivision", "doc_type", "stage", "language", "since", "until", "include_non_ai")


def _param(name: str) -> str:
    value = st.query_params.get(name)
    return str(value) if value else ""


def _confirm_from_link() -> None:
    token = _param("confirm")
    if not token or st.session_state.get("sub_confirmed_token") == token:
        return
    try:
        address = data.confirm_address(token)
    except AilawError as exc:
        st.error(i18n.alert_error(exc), icon=":material/error:")
        return
    st.session_state["sub_confirmed_token"] = token
    st.session_state.setdefault("sub_address", address)
    st.success(t("sub_confirmed", address=render.md(address)), icon=":material/verified:")


def _filters_from_link() -> dict[str, Any]:
    out: dict[str, Any] = {k: _param(k) for k in FILTER_KEYS if _param(k)}
    if "include_non_ai" in out:
        out["include_non_ai"] = out["include_non_ai"].lower() in ("1", "true", "yes")
    return out


def _filter_said(key: str, value: Any) -> str:
    """A filter of the link in the page's language: 'Юрисдикция: Европейский союз', 'с: 1 января 2024 г.'."""
    if key in ("since", "until"):
        return f"{t('sub_' + key)}: {i18n.date(value)}"
    if key == "include_non_ai":
        return t("include_non_ai") if value else ""
    return f"{i18n.facet_name(key)}: {i18n.facet_value(key, str(value))}"


def _new_subscription(address: str) -> None:
    st.subheader(t("sub_new"))
    prefill_kind = _param("kind") if _param("kind") in KINDS else "search"
    filters = _filters_from_link()
    if filters:
        st.caption(render.md(" · ".join(x for x in (_filter_said(k, v) for k, v in filters.items()) if x)))
    # Labels are computed now, in the chosen language: a format_func may be called outside the script run.
    kind_labels = {k: t(f"sub_kind_{k}") for k in KINDS}
    freq_labels = {f: t(f"freq_{f}") for f in FREQUENCIES}
    channel_labels = {c: t(f"sub_channel_{c}") for c in CHANNELS}
    with st.form("sub_form", clear_on_submit=False):
        kind = st.selectbox(t("sub_kind"), KINDS, index=KINDS.index(prefill_kind), key="sub_kind",
                            format_func=kind_labels.__getitem__)  # fmt: skip
        query = st.text_input(t("sub_query"), value=_param("q"), key="sub_query")
        exact = st.checkbox(t("sub_exact"), value=_param("exact").lower() in ("1", "true", "yes"), key="sub_exact",
                            help=t("exact_help"))  # fmt: skip
        topic = st.text_input(t("sub_topic"), value=_param("topic"), key="sub_topic", help=t("sub_topic_help"),
                              placeholder=t("sub_topic_placeholder"))  # fmt: skip
        document_id = st.text_input(t("sub_document"), value=_param("id"), key="sub_document",
                                    placeholder="eu/celex/32024R1689")  # fmt: skip
        provision = st.text_input(t("sub_provision"), value=_param("provision"), key="sub_provision")
        left, right = st.columns(2)
        with left:
            channel = st.selectbox(
                t("sub_channel"), CHANNELS, key="sub_channel", format_func=channel_labels.__getitem__
            )
            target = st.text_input(t("sub_target"), value="", key="sub_target", placeholder=address)
            quiet = st.text_input(t("sub_quiet"), value="", key="sub_quiet")
        with right:
            frequency = st.radio(t("sub_frequency"), FREQUENCIES, key="sub_frequency", horizontal=True,
                                 format_func=freq_labels.__getitem__)  # fmt: skip
            language = st.selectbox(t("sub_alert_language"), ["en", "ru"], key="sub_language",
                                    index=1 if current_lang() == "ru" else 0,
                                    format_func={"en": "English", "ru": "Русский"}.__getitem__)  # fmt: skip
            cap = st.number_input(t("sub_cap"), min_value=1, max_value=500, value=20, key="sub_cap")
        submitted = st.form_submit_button(t("sub_add"), icon=":material/notifications_active:")
    if not submitted:
        return
    doc_kind = kind in ("document", "provision")
    topic_filters = dict(filters)
    try:
        created = data.add_subscription(
            kind=kind, channel=channel, target=(target or address).strip() if channel != "feed" else None,
            subscriber=address, query=None if doc_kind else query, document_id=document_id if doc_kind else None,
            provision=provision or None, filters=topic_filters, frequency=frequency, quiet_hours=quiet or None,
            cap=int(cap), language=language, concept=(topic.strip() or None) if kind == "topic" else None,
            exact=bool(exact) and kind == "search",
        )  # fmt: skip
    except AilawError as exc:  # one sentence in the page's language (a refused saved search: the search's)
        st.error(i18n.alert_error(exc), icon=":material/error:")
        return
    except Exception:  # one sentence for the user, the details in the log
        logger.exception("adding a subscription failed")
        st.error(t("search_failed"), icon=":material/error:")
        return
    st.success(t("sub_added", name=render.md(created.subscription.name)), icon=":material/check_circle:")
    if created.confirmation_sent:
        st.info(t("sub_confirm_sent", address=render.md(created.subscription.target)), icon=":material/mail:")
    if unready := data.channel_unready(channel):  # nothing can go out through it until the operator sets it up
        st.warning(t("sub_channel_unready", reason=i18n.alert_error(unready)), icon=":material/warning:")


def _remove(subscription_id: int, address: str) -> None:
    try:
        name = data.remove_subscription(subscription_id, address)
    except AilawError as exc:
        st.session_state["sub_flash"] = ("error", i18n.alert_error(exc))
        return
    st.session_state["sub_flash"] = ("success", t("sub_removed", name=render.md(name)))


def _subscriptions(address: str) -> None:
    st.subheader(t("sub_yours"))
    flash = st.session_state.pop("sub_flash", None)
    if flash:
        (st.success if flash[0] == "success" else st.error)(flash[1])
    rows = data.subscriptions(address)
    if not rows:
        st.caption(t("sub_none"))
    for row in rows:
        with st.container(border=True):
            badges = [render.badge(t(f"sub_kind_{row['kind']}"), "type"),
                      render.badge(t(f"sub_channel_{row['channel']}"), "jurisdiction"),
                      render.badge(t(f"freq_{row['frequency']}"), "stage")]  # fmt: skip
            if row.get("exact"):
                badges.append(render.badge(t("sub_exact_badge"), "type"))
            if row["channel"] == "email" and not row["confirmed"]:
                badges.append(render.badge(t("sub_unconfirmed"), "warn"))
            st.markdown(f"**{render.md(row['name'])}**")
            st.markdown("".join(badges) + f" <code>{render.h(row['target'])}</code> "
                        + render.h(t("sub_waiting", n=row["waiting"])), unsafe_allow_html=True)  # fmt: skip
            cols = st.columns([1, 3])
            cols[0].button(t("sub_remove"), key=f"sub_rm_{row['id']}", on_click=_remove, args=(row["id"], address),
                           icon=":material/delete:")  # fmt: skip
            if row["channel"] == "feed":
                xml = data.feed_xml(row["feed_token"])
                if xml:
                    cols[1].download_button(t("sub_feed"), data=xml, file_name=f"ailaw-{row['id']}.atom.xml",
                                            mime="application/atom+xml", key=f"sub_feed_{row['id']}")  # fmt: skip


def _inbox(address: str) -> None:
    st.subheader(t("sub_inbox"))
    rows = data.alert_inbox(address)
    if not rows:
        st.caption(t("sub_inbox_empty"))
    unready: dict[str, Exception | None] = {}  # why a channel cannot send, as the operator has configured ailaw
    for row in rows:
        when = i18n.date(row.get("sent_at") or row.get("created_at"))
        status = t(f"sub_status_{row['status']}")
        with st.expander(f"{render.md(row['subject'])} — {render.md(when)} — {render.md(status)}"):
            if row["status"] != "sent":
                why = unready.setdefault(row["channel"], data.channel_unready(row["channel"]))
                if why is not None:
                    st.warning(i18n.alert_error(why), icon=":material/warning:")
            st.text(row["text"])  # plain text: third-party titles are never rendered as Markdown or HTML


def main() -> None:
    st.title(t("page_subscriptions"))
    st.caption(t("sub_intro"))
    _confirm_from_link()
    address = st.text_input(t("sub_address"), key="sub_address", placeholder="you@example.org",
                            help=t("sub_address_help")).strip()  # fmt: skip
    if not address:
        st.info(t("sub_enter_address"), icon=":material/info:")
        return
    _new_subscription(address)
    st.divider()
    _subscriptions(address)
    st.divider()
    _inbox(address)


main()
