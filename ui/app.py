"""ailaw in the browser: ``streamlit run ui/app.py`` (the data home comes from AILAW_HOME / AILAW_DATABASE_URL /
AILAW_INDEX_DIR, as for the CLI).

This entry script draws what every page shares (page config, the language selector) and hands over to the page
chosen in ``st.navigation``: Search (``/search?q=…&jurisdiction=…``; the address ``/`` opens it too), Document
(``?id=eu/celex/32024R1689&provision=art_50``), Compare (``?id=…&against=…``), Sources, Subscriptions
(``?kind=search&q=…``, ``?confirm=TOKEN``), Operations. The sidebar of every page says how fresh each source is
("up to date as of …").
"""

from __future__ import annotations

import streamlit as st

from ui import data, i18n
from ui.i18n import t

# Widget values of the search page survive a visit to another page (Streamlit drops the state of widgets that
# were not drawn in the last run unless it is written back).
KEPT_KEYS = (
    "q",
    "f_jurisdiction",
    "f_state",
    "f_doc_type",
    "f_stage",
    "f_language",
    "f_years",
    "f_non_ai",
    "f_exact",
    "sub_address",
)

st.set_page_config(page_title="ailaw", page_icon="⚖️", layout="wide", initial_sidebar_state="expanded")

for _key in KEPT_KEYS:
    if _key in st.session_state:
        st.session_state[_key] = st.session_state[_key]

# Our own constant CSS (no third-party text): long document titles in page links wrap instead of being cut.
st.html(
    """<style>
    [data-testid="stPageLink"] a, [data-testid="stPageLink"] a * {
        white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
        height: auto !important; max-height: none !important; }
    mark { padding: 0 0.1em; border-radius: 0.2em; }
    </style>"""
)

if "lang" not in st.session_state:
    st.session_state["lang"] = i18n.DEFAULT_LANG
st.sidebar.selectbox(t("language"), options=list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.__getitem__, key="lang")

search_page = st.Page("views/search.py", title=t("page_search"), icon=":material/search:", url_path="search")


def _home() -> None:
    """The address ``/``: the search page, with whatever search the address carries."""
    st.switch_page(search_page, query_params=st.query_params.to_dict())


pages = [
    st.Page(_home, title=t("page_search"), url_path="home", default=True, visibility="hidden"),
    search_page,
    st.Page("views/document.py", title=t("page_document"), icon=":material/description:", url_path="document"),
    st.Page("views/compare.py", title=t("page_compare"), icon=":material/difference:", url_path="compare"),
    st.Page("views/sources.py", title=t("page_sources"), icon=":material/database:", url_path="sources"),
    st.Page(
        "views/subscriptions.py",
        title=t("page_subscriptions"),
        icon=":material/notifications:",
        url_path="subscriptions",
    ),
    st.Page("views/operations.py", title=t("page_operations"), icon=":material/monitor_heart:", url_path="operations"),
]

# Every page says how fresh the data is: the oldest of the sources' last successful crawls (the data is at least as
# fresh as that), the sources that need attention, and each source's own time under "Each source".
_health = data.health()
_fresh = [h for h in _health if h["runs"]]
_waiting = [h for h in _health if not h["runs"] and h.get("not_configured")]  # an API key it needs is not set
if _fresh:
    _times = sorted(h["up_to_date_as_of"] for h in _fresh if h["up_to_date_as_of"])
    _replayed = all(h.get("replayed") for h in _fresh if h["up_to_date_as_of"])
    _sick = [h["source"] for h in _fresh if not h["healthy"]]
    st.sidebar.caption(
        f"**{t('up_to_date')}** {i18n.date(_times[0]) if _times else t('never')}"
        + (f" ({t('replayed')})" if _times and _replayed else "")
        + f" · {t('n_sources', n=len(_fresh))}"
        + (f"  \n⚠ {t('sources_need_attention', names=', '.join(_sick))}" if _sick else "")
    )
    with st.sidebar.expander(t("each_source")):
        st.caption(
            "  \n".join(
                f"{h['source']}: {i18n.date(h['up_to_date_as_of']) or t('never')}"
                + (f" ({t('replayed')})" if h.get("replayed") else "")
                + ("" if h["healthy"] else " ⚠")
                for h in _fresh
            )
            + "".join(f"  \n{h['source']}: {i18n.source_health(h)}" for h in _waiting)
        )
st.navigation(pages, position="sidebar").run()
