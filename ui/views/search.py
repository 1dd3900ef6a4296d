"""Search page: a query, filters in the sidebar, results with badges and highlights, facet counts."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import streamlit as st

from store.errors import QueryError
from ui import data, i18n, render
from ui.alert_me import alert_me
from ui.i18n import t

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
DOCUMENT_PAGE = "views/document.py"


ANY = ""  # the "any value" choice of a filter (None would show Streamlit's "Choose an option" placeholder)


def _options(values: list[str], key: str) -> list[str]:
    """«Any» + the stored values, keeping the current choice even if it is no longer stored."""
    current = st.session_state.get(key)
    out = [ANY, *values]
    if current and current not in out:
        out.append(current)
    return out


def _filter_select(label: str, values: list[str], key: str, fmt: Any) -> str | None:
    options = _options(values, key)
    # Labels are computed now, in the chosen language: a format_func may be called outside the script run.
    labels = {v: t("any") if v == ANY else fmt(v) for v in options}
    value = st.sidebar.selectbox(label, options, key=key, format_func=labels.__getitem__)
    return value or None


def _filters() -> dict[str, Any]:
    opts = data.filter_options()
    st.sidebar.subheader(t("filters"))
    chosen: dict[str, Any] = {
        "jurisdiction": _filter_select(t("jurisdiction"), opts.jurisdictions, "f_jurisdiction", i18n.jurisdiction),
        "subdivision": _filter_select(t("state"), opts.subdivisions, "f_state", i18n.subdivision),
        "doc_type": _filter_select(t("doc_type"), opts.doc_types, "f_doc_type", i18n.doc_type),
        "stage": _filter_select(t("stage"), opts.stages, "f_stage", i18n.stage),
        "language": _filter_select(t("lang_filter"), opts.languages, "f_language", i18n.text_language),
    }
    if opts.first_year is not None and opts.last_year is not None and opts.first_year < opts.last_year:
        kept = st.session_state.get("f_years")
        if not (isinstance(kept, tuple | list) and opts.first_year <= kept[0] <= kept[-1] <= opts.last_year):
            st.session_state["f_years"] = (opts.first_year, opts.last_year)
        lo, hi = st.sidebar.slider(t("years"), min_value=opts.first_year, max_value=opts.last_year, key="f_years")
        # The full range means "no date filter", so that undated documents are not dropped.
        chosen["since"] = dt.date(lo, 1, 1) if lo > opts.first_year else None
        chosen["until"] = dt.date(hi, 12, 31) if hi < opts.last_year else None
    chosen["include_non_ai"] = st.sidebar.checkbox(t("include_non_ai"), key="f_non_ai")
    return chosen


def _badges(*, jurisdiction: str | None, doc_type: str | None, stage: str | None, date: Any,
            ai_relevant: bool | None = None, subdivision: str | None = None) -> str:  # fmt: skip
    parts = []
    if jurisdiction:
        parts.append(render.badge(jurisdiction.upper(), "jurisdiction"))
    if subdivision:
        parts.append(render.badge(i18n.subdivision(subdivision), "jurisdiction"))
    if doc_type:
        parts.append(render.badge(i18n.doc_type(doc_type), "type"))
    if stage:
        parts.append(render.badge(i18n.stage(stage), "stage"))
    if date:
        parts.append(render.badge(date.isoformat() if isinstance(date, dt.date) else date, "date"))
    if ai_relevant is False:
        parts.append(render.badge(t("not_ai"), "warn"))
    return "".join(parts)


def _document_link(doc_id: str, title: str) -> None:
    st.page_link(DOCUMENT_PAGE, label=render.md(title or doc_id), query_params={"id": doc_id},
                 icon=":material/description:")  # fmt: skip


def _show_hit(hit: Any) -> None:
    with st.container(border=True):
        _document_link(hit.id, hit.title)
        badges = _badges(jurisdiction=hit.jurisdiction, doc_type=hit.type, stage=hit.stage, date=hit.date,
                         ai_relevant=getattr(hit, "ai_relevant", None),
                         subdivision=getattr(hit, "subdivision", None))  # fmt: skip
        # Badges are escaped by render.badge; highlights come escaped from search and are re-checked by
        # render.highlight so that only <mark> survives. Nothing else is rendered as HTML.
        snippets = " … ".join(render.highlight(x) for x in (hit.highlights or []))
        body = badges + f" <code>{render.h(hit.id)}</code>"
        if snippets:
            body += f'<div class="ailaw-highlights" style="margin-top:0.35rem">{snippets}</div>'
        st.markdown(body, unsafe_allow_html=True)


def _show_facets(facets: dict[str, dict[str, int]]) -> None:
    st.markdown(f"**{render.md(t('facets'))}**")
    for name, counts in facets.items():
        if not counts:
            continue
        lines = [f"{render.md(i18n.facet_value(name, value))} — {count}"
                 for value, count in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))]  # fmt: skip
        st.markdown(f"*{render.md(i18n.facet_name(name))}*  \n" + "  \n".join(lines))


def _recent() -> None:
    st.info(t("search_hint"), icon=":material/info:")
    docs = data.recent_documents(10)
    st.subheader(t("recent_documents"))
    if not docs:
        st.caption(t("no_documents"))
    for doc in docs:
        with st.container(border=True):
            _document_link(doc.id, doc.title)
            date = doc.date_adopted or doc.date_published or doc.date_introduced
            badges = _badges(jurisdiction=doc.jurisdiction, doc_type=doc.doc_type, stage=doc.stage, date=date,
                             ai_relevant=doc.ai_relevant, subdivision=doc.subdivision)  # fmt: skip
            st.markdown(badges + f" <code>{render.h(doc.id)}</code>", unsafe_allow_html=True)


def _more() -> None:
    st.session_state["limit"] = st.session_state.get("limit", PAGE_SIZE) + PAGE_SIZE


def main() -> None:
    st.title(t("page_search"))
    filters = _filters()
    query = st.text_input(t("query"), key="q", placeholder=t("query_placeholder"), help=t("query_help"))
    if st.session_state.get("limit_for") != query:  # a new query starts again at one page of results
        st.session_state["limit_for"] = query
        st.session_state["limit"] = PAGE_SIZE
    if not query.strip():
        _recent()
        return
    try:
        result = data.search(query, limit=st.session_state["limit"], **filters)
    except QueryError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    except Exception as exc:  # the index may be missing or broken: one sentence for the user, details in the log
        logger.exception("search failed for %r", query)
        missing = type(exc).__name__ in {"EmptyIndexError", "FileNotFoundError"}
        st.error(t("index_missing") if missing else t("search_failed"), icon=":material/error:")
        return

    main_col, facet_col = st.columns([3, 1], gap="large")
    with main_col:
        st.caption(f"{t('n_results', n=result.total)} · {t('took', ms=round(result.took_ms))}")
        alert_me("search", q=query, **filters)
        if not result.hits:
            st.info(t("no_results"))
        for hit in result.hits:
            _show_hit(hit)
        if result.total > len(result.hits):
            st.button(t("more_results"), on_click=_more)
    with facet_col:
        _show_facets(result.facets or {})


main()
