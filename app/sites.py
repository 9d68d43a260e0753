"""The resistant sites: a site's panel, all sites compared, and whether the ring pattern is real."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from app.widgets import download_link, made_on_click, plain, with_tables
from geo.domain.load import Dataset, data_dir
from geo.domain.ringresults import RingModel
from geo.domain.rings import (
    MODEL_STATES,
    SiteRing,
    compared,
    dated_sites,
    ring_fill,
    site_events,
    site_note,
    summarize_ring,
)
from geo.domain.ringtimeline import Timeline, site_timelines
from geo.exports.downloads import TIMELINES, Source
from geo.exports.route import export_job
from geo.i18n import N_, _, current
from geo.render.charts import ring_fill_chart, ring_timeline_chart
from geo.text import markdown_escape, markdown_link, spreadsheet_safe
from geo.view import ringwords
from geo.view.selection import Selection
from geo.view.wording import (
    COMPARISON_COLUMNS,
    comparison,
    dates_in_print,
    ring_caption,
    site_metrics,
)


def site_panel(data: Dataset, selection: Selection) -> None:
    """The chosen site's story: its dates, its ring's numbers, the ring filling, its events."""
    site = SiteRing.of(data.counties, data.adjacency, data.sites, selection.site, selection.ring)
    summary = summarize_ring(data.counties, site.site_id, site.around, selection.as_of)
    heading = (
        _("{site} and its ring")
        if selection.ring == 1
        else _("{site} and its first and second rings")
    )
    st.markdown("#### " + heading.format(site=markdown_escape(site.name)))
    metrics = site_metrics(summary, len(site.members))
    for column, (label, value) in zip(st.columns(len(metrics)), metrics, strict=True):
        column.metric(label, value)
    st.caption(ring_caption(summary, len(site.members)))
    note = site_note(data.sites, site.site_id)
    if note:
        st.info(plain(note))
    events = site_events(data.events, site.site_id)
    disagreement = dates_in_print(events, summary.site_activation)
    if disagreement:
        st.warning(disagreement)
    if data.dated:
        st.altair_chart(
            ring_fill_chart(
                ring_fill(data.counties, site.around),
                summary.site_activation,
                selection.as_of,
                events,
                data.span,
            ),
            width="stretch",
        )
    else:
        st.caption(_("Your list has no dates, so there is no timeline of the ring to draw."))
    st.markdown("\n".join(f"- {event_line(event)}" for event in events.itertuples()))
    row = site_timelines(data).of_site(site.site_id)
    if data.dated and len(row.sites):
        ring_timeline(data, row, site.site_id)


def event_line(event) -> str:
    """One event of a site's story, in Markdown: its date, what happened and its source."""
    line = (
        _("**{date}** (national): {description} ({source})")
        if event.national
        else _("**{date}**: {description} ({source})")
    )
    return line.format(
        date=event.event_date,
        description=markdown_escape(event.description),
        source=markdown_link(event.source_outlet, event.source_url),
    )


def sites_section(data: Dataset, selection: Selection, model: RingModel) -> None:
    """All sites side by side, and what the ring model (fitted to the built-in data) found."""
    table = compared(data, selection.ring)
    # A toggle, not an expander: the table's code loads only when someone asks for it.
    if st.toggle(_("Compare all resistant sites"), key="compare_sites"):
        shown = comparison(table)
        # the columns of the ring's shares before the site, in the reader's language
        shares = [
            shown.columns[list(COMPARISON_COLUMNS).index(name)]
            for name in ("share_before_site", "noncitizens_before_site")
        ]
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            column_config={
                share: st.column_config.NumberColumn(format="percent")
                for share in shares
                if pd.api.types.is_numeric_dtype(shown[share])
            },
        )
        st.download_button(
            _("Download this table (CSV)"),
            spreadsheet_safe(table).to_csv(index=False),
            file_name="secure-communities-rings.csv",
            mime="text/csv",
        )
    with st.expander(_("Is the ring pattern real?"), key="ring_real", on_change="rerun") as box:
        if box.open:  # drawn only when open, as About is
            ring_evidence(data, model)


def ring_evidence(data: Dataset, model: RingModel) -> None:
    """Every site's ring on a time line, then the ring model's result, method and
    evidence."""
    if data.dated:
        ring_timeline(data, site_timelines(data), None)
    else:
        st.caption(_("Your list has no dates, so there is no timeline of the rings to draw."))
    if data.label:
        st.caption(_("The model's numbers are those of the built-in rollout, not your list's."))
    model_words(model, data.sites, data.starts)
    if data.label and data.dated:
        list_model(data)


def model_words(model: RingModel, sites: pd.DataFrame, starts: pd.DataFrame, key: str = "") -> None:
    """A ring model's result, method, evidence tables and placebos (`key` tells a second
    model's tables apart)."""
    st.markdown(ringwords.result(model))
    st.markdown(ringwords.method(model, sites, starts))
    left, right = st.columns(2)
    left.markdown(_("**Other window starts**"))
    left.dataframe(ringwords.alternatives(model), hide_index=True, key=f"{key}alternatives")
    right.markdown(_("**Half-year by half-year**"))
    right.dataframe(ringwords.event_study(model), hide_index=True, key=f"{key}event_study")
    st.markdown(ringwords.placebos(model))


@st.fragment
def list_model(data: Dataset) -> None:
    """The ring model fitted to the reader's dated list: on request, in the export worker
    (the page imports no statistics), followed refit by refit; then its result, method and
    evidence like the built-in model's, and its JSON file."""
    st.markdown(_("#### Your list's model"))
    site_ids = dated_sites(data.counties, data.adjacency, data.sites["site_id"])
    if not site_ids:
        st.caption(
            _(
                "The model can be fitted to a list that dates counties in {states} states or "
                "more, and every county of a site with some of its ring; yours does not."
            ).format(states=MODEL_STATES)
        )
        return
    selection = Selection(lang=current())
    made = made_on_click(
        st,
        "ring_model",
        export_job("ring_model", Source.of(data, data_dir()), selection, ""),
        _("Fit the model to your list"),
        N_("{label}: {done} of {total} refits (bootstrap and placebos)"),
    )
    if made is None:
        return
    model = RingModel.of(json.loads(made))
    st.markdown(ringwords.fitted_to_list(model, data.sites))
    kept = data.sites[data.sites["site_id"].isin(site_ids)]
    model_words(model, kept, data.starts[data.starts["site_id"].isin(site_ids)], "list_")
    download_link(st, "ring_model", data, selection)


@st.cache_resource(max_entries=64, show_spinner=False)
def timeline_spec(_timeline: Timeline, _span, data_key: str, site_id: str | None, lang: str):
    """The time line chart of every site (or of `site_id`) as Vega-Lite, made once per
    data, site and language and shared: Altair takes 0.2 s to write it."""
    spec = ring_timeline_chart(_timeline, _span).to_dict()
    return with_tables(spec, spec["datasets"])


def ring_timeline(data: Dataset, timeline: Timeline, site_id: str | None) -> None:
    """The rings' time line (every site's, or one site's row), its key in words and its
    picture as PNG and SVG."""
    spec = timeline_spec(timeline, data.span, data.key, site_id, current())
    st.vega_lite_chart(spec, width="stretch")
    weak = ", ".join(
        markdown_escape(name) for name in timeline.sites.loc[timeline.sites["weak"], "name"]
    )
    st.caption(
        _(
            "Each dot is a ring county at its activation date. The tick marks the site's "
            "first recorded act of resistance, the diamond the site's activation, and the "
            "shaded band the time the site resisted before it was switched on. A county next "
            "to two sites is a dot on both rows; the model counts it once, with the site that "
            "began to resist first."
        )
        + (" " + _("Weak resistance dates: {sites}.").format(sites=weak) if weak else "")
    )
    for column, kind in zip(st.columns(6)[:2], TIMELINES, strict=False):
        download_link(column, kind, data, Selection(site=site_id, lang=current()))
