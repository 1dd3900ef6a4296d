"""The "alert me" link: a small, self-contained link to the Subscriptions page with the subscription prefilled
(a saved search with its filters, or a document). Pages place it with one call."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from ui.i18n import t

SUBSCRIPTIONS_PAGE = "views/subscriptions.py"


def alert_me(kind: str, *, label: str | None = None, **prefill: Any) -> None:
    """``alert_me("search", q=query, jurisdiction="RU")`` / ``alert_me("document", id=doc_id)``."""
    params = {"kind": kind}
    for key, value in prefill.items():
        if value in (None, "", False):
            continue
        params[key] = value.isoformat() if isinstance(value, dt.date) else str(value)
    st.page_link(SUBSCRIPTIONS_PAGE, label=label or t("alert_me"), icon=":material/notifications:",
                 query_params=params)  # fmt: skip
