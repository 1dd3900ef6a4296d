"""Operations page: crawl health per source (up to date as of, sick flags, the last run's counts) and the history
of crawl runs as a chart — the same verdicts as ``ailaw status``."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from ui import data, i18n, render
from ui.i18n import t

#: The chart's dates: Vega-Lite names months in English, so the Russian page writes them in figures.
_DAY_FORMAT = {"ru": "%d.%m.%Y"}
_TIME_FORMAT = {"en": "%Y-%m-%d %H:%M", "ru": "%d.%m.%Y %H:%M"}


def _as_of(value: str | None) -> str:
    return i18n.date(value) if value else t("never")


def main() -> None:
    st.title(t("page_operations"))
    st.caption(t("operations_intro"))
    rows = data.health()
    table = [
        {
            t("source"): h["source"],
            t("up_to_date"): _as_of(h["up_to_date_as_of"]) + (f" ({t('replayed')})" if h.get("replayed") else ""),
            t("col_health"): i18n.source_health(h),
            t("col_last_run"): _as_of(h["last_run_at"]) if h["last_run_at"] else "—",
            t("col_status"): i18n.run_status(h["last_status"]) or "—",
            t("col_items"): h["last_items"],
            t("col_errors_by_kind"): ", ".join(
                f"{i18n.run_record_kind(k)} {n}" for k, n in sorted(h["last_errors_by_kind"].items())
            ),
            t("col_duration"): round(h["last_duration_s"], 1) if h["last_duration_s"] is not None else None,
        }
        for h in rows
    ]
    st.dataframe(table, hide_index=True, width="stretch")
    for h in rows:
        if h["runs"] and not h["healthy"]:
            st.error(
                render.md(f"{h['source']}: {t('sick', flags=i18n.health_flags(h['flags']))}"), icon=":material/error:"
            )

    st.subheader(t("crawl_history"))
    history = data.run_history()
    if not history:
        st.caption(t("no_runs"))
        return
    frame = pd.DataFrame(history)
    frame["started_at"] = pd.to_datetime(frame["started_at"], utc=True)
    long = frame.melt(id_vars=["run", "source", "started_at", "status"], value_vars=["items", "new_versions", "errors"],
                      var_name="measure", value_name="count")  # fmt: skip
    # every word the chart shows (legends, tooltips, measure and status values) in the page's language
    long["measure"] = long["measure"].map(i18n.run_measure)
    long["status"] = long["status"].map(i18n.run_status)
    chart = (
        alt.Chart(long)
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "started_at:T", title=None, axis=alt.Axis(format=_DAY_FORMAT.get(i18n.current_lang(), alt.Undefined))
            ),
            y=alt.Y("count:Q", title=None),
            color=alt.Color("source:N", title=t("source")),
            strokeDash=alt.StrokeDash("measure:N", title=t("chart_measure")),
            tooltip=[
                alt.Tooltip("source:N", title=t("source")),
                alt.Tooltip("measure:N", title=t("chart_measure")),
                alt.Tooltip("count:Q", title=t("chart_count")),
                alt.Tooltip("status:N", title=t("col_status")),
                alt.Tooltip("started_at:T", title=t("chart_started"), format=_TIME_FORMAT[i18n.current_lang()]),
            ],
        )
        .properties(height=320)
    )
    st.altair_chart(chart, width="stretch")


main()
