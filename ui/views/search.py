"""Search page (``/search?q=…&jurisdiction=…``): a query, filters in the sidebar, results with badges, highlights and
the provisions that match, facets that filter, and what the filters hide.

A search is a link: the query and the filters live in the address (``q``, ``jurisdiction``, ``state``, ``type``, ``stage``,
``lang``, ``since``/``until`` as years, ``all=1``, ``exact=1``), so a lawyer can bookmark or send it; opening such an
address runs the search.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from store.errors import QueryError
from ui import data, i18n, render
from ui.alert_me import alert_me
from ui.i18n import current_lang, t

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
DOCUMENT_PAGE = "views/document.py"


@functools.cache
def _document_page(main_script: str) -> Any:
    """The Document page as a page object (the one ``ui/app.py`` registers: its script and address), made once per
    app: a link given the script's path makes Streamlit resolve that path on disk for every link (a page of results
    draws sixty), which was a fifth of a search's rerun."""
    return st.Page(DOCUMENT_PAGE, url_path="document")


def _document() -> Any:
    ctx = get_script_run_ctx()
    return _document_page(str(ctx.main_script_path)) if ctx else DOCUMENT_PAGE


ANY = ""  # the "any value" choice of a filter (None would show Streamlit's "Choose an option" placeholder)
#: Address parameter -> session key of its widget (filters by one value).
URL_FILTERS = {"jurisdiction": "f_jurisdiction", "state": "f_state", "type": "f_doc_type", "stage": "f_stage",
               "lang": "f_language"}  # fmt: skip
#: Facet name (search.query.FACET_NAMES) -> the filter it sets.
FACET_FILTERS = {"jurisdiction": "f_jurisdiction", "state": "f_state", "type": "f_doc_type", "stage": "f_stage",
                 "language": "f_language"}  # fmt: skip
URL_APPLIED = "_search_url"  # the address last applied to (or written from) the widgets


# --- the address ---------------------------------------------------------------------------------------------


def _year(value: Any) -> int | None:
    try:
        return int(str(value)[:4])
    except (TypeError, ValueError):
        return None


def _state_from_url(params: dict[str, str]) -> None:
    """Put a search address into the widgets (before they are drawn)."""
    st.session_state["q"] = params.get("q", "")
    for param, key in URL_FILTERS.items():
        st.session_state[key] = params.get(param, ANY)
    from search.query import place

    try:  # a state written as the output writes it (jurisdiction=US-CA): the jurisdiction US and the state US-CA
        where, state = place(params["jurisdiction"]) if params.get("jurisdiction") else ("", None)
    except QueryError:  # a value ailaw does not track stays as written: the search says what is wrong with it
        where, state = "", None
    if state and st.session_state["f_state"] in (ANY, state):
        st.session_state["f_jurisdiction"], st.session_state["f_state"] = where, state
    st.session_state["f_non_ai"] = params.get("all") in ("1", "true", "yes")
    st.session_state["f_exact"] = params.get("exact") in ("1", "true", "yes")
    since, until = _year(params.get("since")), _year(params.get("until"))
    if since or until:
        st.session_state["f_years_url"] = (since, until)
    else:
        st.session_state.pop("f_years_url", None)
        st.session_state.pop("f_years", None)


def _url_from_state(filters: dict[str, Any]) -> dict[str, str]:
    params: dict[str, str] = {}
    if st.session_state.get("q", "").strip():
        params["q"] = st.session_state["q"].strip()
    for param, key in URL_FILTERS.items():
        if st.session_state.get(key):
            params[param] = str(st.session_state[key])
    if filters.get("since"):
        params["since"] = str(filters["since"].year)
    if filters.get("until"):
        params["until"] = str(filters["until"].year)
    if st.session_state.get("f_non_ai"):
        params["all"] = "1"
    if st.session_state.get("f_exact"):
        params["exact"] = "1"
    return params


def _sync_from_url() -> None:
    params = {k: v for k, v in st.query_params.to_dict().items() if isinstance(v, str)}
    signature = tuple(sorted(params.items()))
    if params and st.session_state.get(URL_APPLIED) != signature:
        _state_from_url(params)
        st.session_state[URL_APPLIED] = signature


def _sync_to_url(filters: dict[str, Any]) -> None:
    params = _url_from_state(filters)
    signature = tuple(sorted(params.items()))
    current = tuple(sorted((k, v) for k, v in st.query_params.to_dict().items() if isinstance(v, str)))
    if signature != current:
        st.query_params.from_dict(params)
    st.session_state[URL_APPLIED] = signature
    st.session_state["search_params"] = params  # the Document page links back to this search


# --- filters -------------------------------------------------------------------------------------------------


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
        wanted = st.session_state.pop("f_years_url", None)
        reversed_years = bool(wanted and wanted[0] and wanted[1] and wanted[0] > wanted[1])
        if wanted:
            lo = wanted[0] or opts.first_year
            hi = wanted[1] or opts.last_year
            st.session_state["f_years"] = (max(opts.first_year, min(lo, hi)), min(opts.last_year, max(lo, hi)))
        kept = st.session_state.get("f_years")
        if not (isinstance(kept, tuple | list) and opts.first_year <= kept[0] <= kept[-1] <= opts.last_year):
            st.session_state["f_years"] = (opts.first_year, opts.last_year)
        lo, hi = st.sidebar.slider(t("years"), min_value=opts.first_year, max_value=opts.last_year, key="f_years")
        if reversed_years and wanted:  # an address with since > until: searched the right way round, and said so
            st.warning(t("years_reversed", since=wanted[0], until=wanted[1], start=lo, end=hi),
                       icon=":material/swap_horiz:")  # fmt: skip
        # The full range means "no date filter", so that undated documents are not dropped.
        chosen["since"] = dt.date(lo, 1, 1) if lo > opts.first_year else None
        chosen["until"] = dt.date(hi, 12, 31) if hi < opts.last_year else None
    chosen["include_non_ai"] = st.sidebar.checkbox(t("include_non_ai"), key="f_non_ai")
    chosen["exact"] = st.sidebar.checkbox(t("exact"), key="f_exact", help=t("exact_help"))
    return chosen


def _set(key: str, value: Any) -> None:
    st.session_state[key] = value


def _clear_filters() -> None:
    for key in URL_FILTERS.values():
        st.session_state[key] = ANY
    st.session_state.pop("f_years", None)


def _set_year(year: int) -> None:
    st.session_state["f_years_url"] = (year, year)


# --- results -------------------------------------------------------------------------------------------------


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
        parts.append(render.badge(i18n.date(date), "date"))
    if ai_relevant is False:
        parts.append(render.badge(t("not_ai"), "warn"))
    return "".join(parts)


def _document_link(doc_id: str, title: str) -> None:
    st.page_link(_document(), label=render.md(title or doc_id), query_params={"id": doc_id},
                 icon=":material/description:")  # fmt: skip


def _show_provisions(hit: Any) -> None:
    """The provisions that match best, each a link that opens the Document page at it."""
    for p in hit.provisions[:3]:
        params = {"id": hit.id, "provision": p.key}
        if p.version_id is not None:
            params["version"] = str(p.version_id)
        icon = ":material/subdirectory_arrow_right:" if p.cited else ":material/article:"
        st.page_link(_document(), label=render.md(p.label), query_params=params, icon=icon)
        if p.highlights:
            st.markdown(f'<div class="ailaw-highlights">{render.highlight(p.highlights[0])}</div>',
                        unsafe_allow_html=True)  # fmt: skip


def _show_hit(hit: Any) -> None:
    with st.container(border=True):
        _document_link(hit.id, hit.title)
        badges = _badges(jurisdiction=hit.jurisdiction, doc_type=hit.type, stage=hit.stage, date=hit.date,
                         ai_relevant=getattr(hit, "ai_relevant", None),
                         subdivision=getattr(hit, "subdivision", None))  # fmt: skip
        # Badges are escaped by render.badge; highlights come escaped from search and are re-checked by
        # render.highlight so that only <mark> survives. Nothing else is rendered as HTML.
        body = badges + f" <code>{render.h(hit.id)}</code>"
        if not hit.provisions:
            # fragments start and end with "…" where they cut the text: joined by a space, not another "…"
            snippets = " ".join(render.highlight(x) for x in (hit.highlights or []))
            if snippets:
                body += f'<div class="ailaw-highlights" style="margin-top:0.35rem">{snippets}</div>'
        st.markdown(body, unsafe_allow_html=True)
        for via in hit.via:
            st.caption(":material/translate: " + render.md(t("via_concept", pair=str(via))))
        for cite in hit.missing:
            st.caption(
                ":material/info: " + render.md(t("cited_missing" if hit.has_text else "cited_no_text", cite=cite))
            )
        _show_provisions(hit)


def _show_facets(facets: dict[str, dict[str, int]]) -> None:
    """Facet values as buttons: a click filters the results by that value."""
    st.markdown(f"**{render.md(t('facets'))}**")
    for name, counts in facets.items():
        if not counts:
            continue
        st.markdown(f"*{render.md(i18n.facet_name(name))}*")
        for value, count in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):
            label = f"{i18n.facet_value(name, value)} — {count}"
            key = f"facet_{name}_{value}"
            if name in FACET_FILTERS:
                # the filters hold the stored values (jurisdiction codes as stored: the facet shows them upper-cased)
                stored = _stored(value, data.filter_options().jurisdictions) if name == "jurisdiction" else value
                if name == "state":
                    stored = _stored(value, data.filter_options().subdivisions)
                st.button(label, key=key, on_click=_set, args=(FACET_FILTERS[name], stored), type="tertiary")
            elif name == "year" and str(value).isdigit():
                st.button(label, key=key, on_click=_set_year, args=(int(value),), type="tertiary")


def _stored(value: str, stored: list[str]) -> str:
    """A facet value (codes shown upper-case) as the filter holds it: the stored value it names."""
    return next((v for v in stored if v.upper() == value.upper()), value)


def _show_notes(result: Any, filters: dict[str, Any]) -> None:
    for r in getattr(result, "reversed_ranges", []):
        st.warning(t("range_reversed", typed=render.md(r.typed), start=r.searched_from, end=r.searched_to),
                   icon=":material/swap_horiz:")  # fmt: skip
    for cite in getattr(result, "uncited", []):
        st.info(t("uncited", cite=cite), icon=":material/info:")
    if unidentified := getattr(result, "unidentified", ""):
        st.info(t("unidentified_cited" if result.hits else "unidentified", ident=unidentified), icon=":material/info:")
    if result.relaxed:
        st.info(t("relaxed"), icon=":material/manage_search:")
    not_ai = result.hidden.get("not_ai", 0)
    if not_ai and not filters.get("include_non_ai"):
        cols = st.columns([4, 1])
        cols[0].warning(t("hidden_not_ai", n=not_ai), icon=":material/visibility_off:")
        cols[1].button(t("show_them"), on_click=_set, args=("f_non_ai", True), key="show_non_ai")
    filtered = result.hidden.get("filters", 0)
    if filtered:
        cols = st.columns([4, 1])
        cols[0].warning(t("hidden_filters", n=filtered), icon=":material/filter_alt_off:")
        cols[1].button(t("clear_filters"), on_click=_clear_filters, key="clear_filters")
    if result.dropped:
        st.caption(render.md(t("dropped", words=", ".join(dict.fromkeys(result.dropped)))))
    labels = [label for c in result.concepts for label in c.get("labels", [])]
    if labels and not filters.get("exact"):
        st.caption(render.md(t("concepts_searched", labels="; ".join(labels[:8]))))


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
    _sync_from_url()
    filters = _filters()
    query = st.text_input(t("query"), key="q", placeholder=t("query_placeholder"), help=t("query_help"))
    _sync_to_url(filters)
    if st.session_state.get("limit_for") != query:  # a new query starts again at one page of results
        st.session_state["limit_for"] = query
        st.session_state["limit"] = PAGE_SIZE
    if not query.strip():
        _recent()
        data.warm_search()  # after the page is drawn: the first search typed finds the index open
        return
    try:
        result = data.search(query, limit=st.session_state["limit"], **filters)
    except QueryError as exc:
        st.error(i18n.query_error(str(exc)), icon=":material/error:")
        return
    except Exception as exc:  # the index may be missing or broken: one sentence for the user, details in the log
        logger.exception("search failed for %r", query)
        missing = type(exc).__name__ in {"EmptyIndexError", "FileNotFoundError", "NotFoundError"}
        st.error(t("index_missing") if missing else t("search_failed"), icon=":material/error:")
        return

    main_col, facet_col = st.columns([3, 1], gap="large")
    with main_col:
        st.caption(f"{t('n_results', n=result.total)} · {t('took', ms=round(result.took_ms))} · {t('link_to_search')}")
        alert_me("search", q=query, **filters)
        if not filters.get("exact"):  # the query named a concept: offer to watch the topic itself
            for concept in dict.fromkeys(c["concept"] for c in result.concepts):
                label = data.concept_label(concept, current_lang())
                alert_me("topic", label=t("alert_me_topic", concept=label), topic=label,
                         jurisdiction=filters.get("jurisdiction"))  # fmt: skip
        _show_notes(result, filters)
        if not result.hits:
            st.info(t("no_results"))
        for hit in result.hits:
            _show_hit(hit)
        if result.total > len(result.hits):
            st.button(t("more_results"), on_click=_more)
    with facet_col:
        _show_facets(result.facets or {})


main()
