"""Secure Communities rollout map: streamlit run dashboard.py."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import urlstate
from geo.animation import rollout_gif
from geo.charts import ring_fill_chart
from geo.export import metadata, to_csv, to_geojson
from geo.load import PROCESSED_DIR, DataError, Dataset, load
from geo.mapview import Shapes, base_map, dynamic_layer
from geo.offline import install_leaflet
from geo.picture import draw
from geo.rings import (
    RingSummary,
    compare_sites,
    resisted_after_activation,
    ring_fill,
    summarize_ring,
)
from geo.ringstats import RingTest, permutation_test, ring_test_text
from geo.rollout import (
    activated_on,
    date_range,
    next_month,
    summarize,
)
from geo.text import markdown_escape, markdown_link, spreadsheet_safe
from geo.upload import FORMAT_HELP, MAX_BYTES, UploadError, apply, match, read_table
from geo.views import SiteRing, build_view, rows_and_filters, source_line, title

st.set_page_config(page_title="Secure Communities rollout", layout="wide")
PAGE_CSS = ".block-container{padding-top:3rem;padding-bottom:1rem}"  # fit a laptop screen
REPORT_CSS = (  # report mode: nothing but the map, the numbers and the sources
    "header,[data-testid=stHeader],[data-testid=stToolbar],[data-testid=stMainMenu],"
    "[data-testid=stSidebar],[data-testid=stSidebarCollapsedControl]{display:none}"
    ".block-container{padding-top:2rem}"
)
PLAY_STEP_SECONDS = 0.8
DATA_DIR = Path(os.environ.get("SC_DATA_DIR", PROCESSED_DIR))  # where the processed files are


@st.cache_resource(show_spinner="Loading the county data...")
def dataset(folder: Path) -> Dataset:
    """The processed data, loaded once per server process and shared (never mutated)."""
    install_leaflet()
    return load(folder)


@st.cache_resource(show_spinner=False)
def shapes() -> Shapes:
    """Encoded shapes for the browser, computed once per process."""
    data = dataset(DATA_DIR)
    return Shapes.encode(data.counties, data.states)


def read_link(state_names: dict[str, str], site_names: dict[str, str]) -> None:
    """On a session's first run, set the widgets from the URL and keep any messages."""
    if "link_read" in st.session_state:
        return
    view, messages = urlstate.parse(
        st.query_params.to_dict(), set(state_names), frozenset(site_names)
    )
    st.session_state.update(
        link_read=True,
        link_messages=messages,
        as_of=view.as_of,
        state=view.state or "",
        layer=view.layer,
        colour=view.colour,
        measure=view.measure,
        site=view.site or "",
        second_ring=view.ring == 2,
        outline_sites=view.outline,
        report=view.report,
    )


VIEW_KEYS = ("as_of", "state", "layer", "colour", "measure", "site", "second_ring")
VIEW_KEYS += ("outline_sites", "report", "tiles", "data_source")


def keep_view_state() -> None:
    """Keep every view setting across runs, even while its widget is not shown.

    Streamlit forgets a widget's value in a run that does not draw the widget (the
    county colour radio while the state layer is on); writing the values back makes
    them the session's own.
    """
    for key in VIEW_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def advance_playback() -> None:
    """Apply the next animation frame before the slider is drawn."""
    if "next_as_of" in st.session_state:
        st.session_state.as_of = st.session_state.pop("next_as_of")


def controls(
    state_names: dict[str, str],
    site_names: dict[str, str],
    span: tuple[dt.date, dt.date],
    has_values: bool,
) -> None:
    """View widgets, each bound to its key in the session state."""
    first, last = span
    st.header("View")
    st.slider("As of", min_value=first, max_value=last, format="YYYY-MM-DD", key="as_of")
    playing = st.session_state.get("playing", False)
    if st.button("Pause" if playing else "Play month by month", key="play"):
        st.session_state.playing = not playing
        if not playing and st.session_state.as_of >= last:
            st.session_state.next_as_of = first
        st.rerun()
    st.selectbox(
        "State",
        ["", *state_names],
        format_func=lambda code: state_names.get(code, "All states"),
        key="state",
    )
    st.radio(
        "Map",
        urlstate.LAYERS,
        key="layer",
        horizontal=True,
        format_func={"county": "Counties", "state": "States"}.get,
    )
    if st.session_state.layer == "county":
        st.radio(
            "Colour counties by",
            urlstate.COLOURS if has_values else urlstate.COLOURS[:2],
            key="colour",
            format_func={
                "status": "Status on the date",
                "wave": "Year activated",
                "value": "Value in your list",
            }.get,
        )
    else:
        st.radio("Colour states by share of", urlstate.MEASURES, key="measure")
    st.selectbox(
        "Resistant site",
        ["", *site_names],
        format_func=lambda code: site_names.get(code, "None"),
        key="site",
        help="Zoom to a place that resisted the program, with the ring of counties around it.",
    )
    st.checkbox("Include the second ring", key="second_ring")
    st.checkbox("Outline resistant sites", key="outline_sites")
    st.checkbox("Base map (needs internet)", key="tiles")


def current_view() -> urlstate.ViewState:
    """The view the widgets (or, in report mode, the link) describe."""
    state = st.session_state
    return urlstate.ViewState(
        as_of=state.as_of,
        state=state.state or None,
        layer=state.layer,
        colour=state.colour,
        measure=state.measure,
        site=state.site or None,
        ring=2 if state.second_ring else 1,
        outline=state.outline_sites,
        report=state.report,
    )


def headline(data: Dataset, view: urlstate.ViewState) -> None:
    counties = data.counties
    if view.state:
        counties = counties[counties["state"] == view.state]
    summary = summarize(counties, view.as_of)
    left, middle, right = st.columns(3)
    left.metric(
        "Counties activated", f"{summary.counties_activated:,} of {summary.counties_total:,}"
    )
    if view.state:
        done = counties["activation_date"].max()
        middle.metric(
            "Every county activated",
            f"{done:%d %b %Y}" if done <= pd.Timestamp(view.as_of) else "Not yet",
        )
    else:
        middle.metric("States participating", f"{summary.states_participating} of 51")
    right.metric("Population in activated counties", f"{summary.population_share:.1%}")


@st.cache_resource(max_entries=64, show_spinner=False)
def map_view(_data: Dataset, data_key: str, view: urlstate.ViewState):
    """The map's dynamic layer for a view; shared between sessions, never mutated."""
    return build_view(_data, view, shapes())


def share_link(view: urlstate.ViewState) -> str:
    """The address that reopens exactly this view (relative when the page's own is unknown)."""
    page = (st.context.url or "").split("?")[0]
    return f"{page}?{urlencode(urlstate.to_params(view))}"


def take_away(data: Dataset, view: urlstate.ViewState) -> None:
    """Share link, report-mode link, pictures and the data behind the view, as downloads."""
    link = share_link(view)
    st.markdown(
        f"**Link to this view**, to share exactly what you see: [{markdown_escape(link)}]({link})"
    )
    st.caption(
        f"[Report mode]({share_link(replace(view, report=True))}): the map, the numbers "
        "and the sources only, sized for a screenshot."
    )
    name = file_stem(view)
    heading, subtitle = title(data, view), f"As of {view.as_of:%d %B %Y}"

    def picture(fmt: str, scale: int = 1):
        return lambda: draw(
            build_view(data, view, shapes().in_detail()), heading, subtitle, source_line(data)
        ).save(fmt, scale)

    def data_file(writer):
        def write() -> str:
            rows, filters = rows_and_filters(data, view)
            meta = metadata(heading, view.as_of, filters, len(rows), source_line(data), link)
            return writer(rows, meta)

        return write

    def classes_on(day):
        return build_view(data, replace(view, as_of=day), shapes()).classes

    def animation() -> bytes:
        return rollout_gif(
            build_view(data, view, shapes()),
            classes_on,
            heading,
            source_line(data),
            date_range(data.counties),
        )

    downloads = [
        ("PNG", picture("png"), "png", "image/png"),
        ("PNG 2x", picture("png", 2), "2x.png", "image/png"),
        ("SVG", picture("svg"), "svg", "image/svg+xml"),
        ("PDF", picture("pdf"), "pdf", "application/pdf"),
        ("CSV", data_file(to_csv), "csv", "text/csv"),
        ("GeoJSON", data_file(to_geojson), "geojson", "application/geo+json"),
        ("Animated GIF", animation, "gif", "image/gif"),
    ]
    for column, (label, make, suffix, mime) in zip(
        st.columns(len(downloads)), downloads, strict=True
    ):
        column.download_button(
            label,
            make,
            file_name=f"{name}.{suffix}",
            mime=mime,
            on_click="ignore",
            key=f"download_{suffix}",
        )


def receive_upload(data: Dataset, name: str, content: bytes) -> None:
    """Read and match an uploaded list; keep the result, or the reason it failed, per session."""
    st.session_state.pop("user_data", None)
    st.session_state.pop("user_match", None)
    st.session_state.upload_error = None
    try:
        table, notes = read_table(name, content)
        matched = match(table, data.counties, data.states, dt.date.today())
        counties = apply(data.counties, matched)
    except UploadError as error:
        st.session_state.upload_error = str(error)
        return
    except Exception as error:  # any other failure still gets a message, never a traceback
        st.session_state.upload_error = (
            f"'{name}' could not be read ({type(error).__name__}). Check that it is a CSV or "
            f".xlsx file with a header row. {FORMAT_HELP}"
        )
        return
    matched.notes = notes + matched.notes
    st.session_state.user_match = matched
    if len(matched.counties):
        digest = hashlib.sha256(content).hexdigest()[:16]
        st.session_state.user_data = replace(
            data, counties=counties, label=name, key=f"upload-{digest}"
        )


def upload_section(data: Dataset) -> None:
    """Sidebar: upload a list, see how it matched, and choose which data the map shows."""
    with st.expander("Your own data", expanded="user_match" in st.session_state):
        st.caption(
            "Map your own list of counties: a CSV or Excel (.xlsx) file of at most "
            f"{MAX_BYTES // 1024 // 1024} MB with a header row, a 'fips' column (or 'county' "
            "and 'state') and a 'date' (YYYY-MM-DD) and/or 'status' (yes/no) column. "
            "Example: data/examples/example-list.csv."
        )
        upload = st.file_uploader("Upload a list", key="upload")
        if upload is None and "upload_id" in st.session_state:
            for key in ("user_data", "user_match", "upload_error", "upload_id"):
                st.session_state.pop(key, None)
            st.rerun()  # the map above may have shown the list just removed
        elif upload is not None and upload.file_id != st.session_state.get("upload_id"):
            st.session_state.upload_id = upload.file_id
            receive_upload(data, upload.name, upload.getvalue())
            if st.session_state.get("data_source") == "upload":
                st.rerun()  # the map above was drawn with the previous list
        if st.session_state.get("upload_error"):  # the message quotes the file: no markup
            st.error(markdown_escape(st.session_state.upload_error))
        if "user_match" in st.session_state:
            match_report(st.session_state.user_match, upload.name)
        if "user_data" in st.session_state:
            st.radio(
                "Data on the map",
                ["built-in", "upload"],
                key="data_source",
                format_func={"built-in": "Built-in rollout (ICE)", "upload": "Your list"}.get,
            )


def match_report(matched, name: str) -> None:
    st.markdown(
        f"**{_count(len(matched.counties), 'county', 'counties')} matched** from "
        f"{_count(matched.rows, 'row')}; {_count(len(matched.unmatched), 'row')} not matched; "
        f"{_count(matched.duplicates, 'repeated row')}."
    )
    for note in matched.notes:
        st.info(markdown_escape(note))
    if len(matched.unmatched):
        st.dataframe(matched.unmatched, hide_index=True, height=180)
        st.download_button(
            "Download the rows to fix (CSV)",
            spreadsheet_safe(matched.unmatched).to_csv(index=False),
            file_name=f"unmatched-{name.rsplit('.', 1)[0][:40]}.csv",
            mime="text/csv",
            on_click="ignore",
        )


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number:,} {one if number == 1 else many or one + 's'}"


def shown_data(data: Dataset) -> Dataset:
    """The user's list when they chose it, else the built-in data (never modified)."""
    if st.session_state.get("data_source") == "upload" and "user_data" in st.session_state:
        return st.session_state.user_data
    return data


def file_stem(view: urlstate.ViewState) -> str:
    where = view.site or view.state or "us"
    return f"secure-communities-{where.lower()}-{view.as_of:%Y-%m-%d}"


def county_table(data: Dataset, view: urlstate.ViewState) -> None:
    counties = data.counties[data.counties["state"] == view.state]
    active = activated_on(counties, view.as_of)
    st.dataframe(
        pd.DataFrame(
            {
                "County": counties["name"],
                "Activated on": counties["activation_date"].dt.date,
                "Population (2010)": counties["population_2010"],
                f"Status on {view.as_of:%Y-%m-%d}": active.map(
                    {True: "Activated", False: "Not yet"}
                ),
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={"Population (2010)": st.column_config.NumberColumn(format="localized")},
    )


@st.cache_resource(show_spinner=False)
def sites_compared(_data: Dataset, data_key: str, order: int) -> pd.DataFrame:
    """Every site's ring numbers, computed once per process and ring order."""
    return compare_sites(_data.counties, _data.adjacency, _data.sites, order)


@st.cache_resource(show_spinner=False)
def ring_tests(_data: Dataset, data_key: str) -> tuple[RingTest, list[str], RingTest]:
    """The permutation test over all sites, and without those that resisted only after
    their own activation; computed once per process."""
    sites = list(_data.sites["site_id"])
    late = resisted_after_activation(_data.events, sites_compared(_data, data_key, 1))
    early = [site for site in sites if site not in late]
    return (
        permutation_test(_data.counties, _data.adjacency, sites),
        late,
        permutation_test(_data.counties, _data.adjacency, early),
    )


def ring_caption(summary: RingSummary, site_counties: int) -> str:
    """The ring's dates and population in one plain paragraph."""
    lead = summary.lead_days
    text = (
        f"The ring is the {summary.ring_size} counties outside the site that share a border or "
        f"a corner with it. Its first county was activated on "
        f"{summary.ring_first_activation:%d %b %Y}, its last {abs(lead)} days "
        f"{'before' if lead >= 0 else 'after'} the site."
    )
    if site_counties > 1:
        text += (
            f" The site's first county was activated on {summary.site_first_activation:%d %b %Y}."
        )
    share = summary.ring_population_activated / summary.ring_population
    return text + (
        f" On {summary.as_of:%d %b %Y}, {share:.0%} of the ring's {summary.ring_population:,} "
        "people lived in activated counties."
    )


def site_panel(data: Dataset, view: urlstate.ViewState) -> None:
    """The chosen site's story: its dates, its ring's numbers, the ring filling, its events."""
    site = SiteRing.of(data, view)
    members, around = site.members, sorted(site.ring_order)
    summary = summarize_ring(data.counties, view.site, around, view.as_of)
    which = "ring" if view.ring == 1 else "first and second rings"
    st.markdown(f"#### {markdown_escape(site.name)} and its {which}")
    first, second, third, fourth = st.columns(4)
    first.metric(
        "Site activated" if len(members) == 1 else "Last county of the site activated",
        f"{summary.site_activation:%d %b %Y}",
    )
    second.metric(
        f"Ring activated on {view.as_of:%d %b %Y}",
        f"{summary.ring_activated} of {summary.ring_size}",
    )
    third.metric(
        "Ring activated before the site", f"{summary.ring_before_site} of {summary.ring_size}"
    )
    fourth.metric("Ring closed", f"{summary.ring_closure:%d %b %Y}")
    st.caption(ring_caption(summary, len(members)))
    events = data.events[data.events["site_id"] == view.site]
    st.altair_chart(
        ring_fill_chart(
            ring_fill(data.counties, around),
            summary.site_activation,
            view.as_of,
            events,
            date_range(data.counties),
        ),
        width="stretch",
    )
    st.markdown(
        "\n".join(
            f"- **{event.event_date}**: {markdown_escape(event.description)} "
            f"({markdown_link(event.source_outlet, event.source_url)})"
            for event in events.itertuples()
        )
    )


def sites_section(data: Dataset, view: urlstate.ViewState) -> None:
    """All sites side by side, and whether rings were activated earlier than chance."""
    table = sites_compared(data, data.key, view.ring)
    # A toggle, not an expander: the table's code loads only when someone asks for it.
    if st.toggle("Compare all resistant sites", key="compare_sites"):
        shown = table.drop(columns=["site_id", "ring_before_site"]).rename(
            columns={
                "site": "Site",
                "level": "Level",
                "site_activation": "Site activated",
                "ring_size": "Ring counties",
                "share_before_site": "Ring activated before site",
                "ring_first_activation": "First ring county",
                "ring_closure": "Ring closed",
                "lead_days": "Days ring closed before site",
            }
        )
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            column_config={
                "Ring activated before site": st.column_config.NumberColumn(format="percent")
            },
        )
        st.download_button(
            "Download this table (CSV)",
            spreadsheet_safe(table).to_csv(index=False),
            file_name="secure-communities-rings.csv",
            mime="text/csv",
        )
    with st.expander("Is the ring pattern real?"):
        names = dict(zip(data.sites["site_id"], data.sites["name"], strict=True))
        test, late, early = ring_tests(data, data.key)
        st.markdown(ring_test_text(test, names, late, early))


def about() -> None:
    with st.expander("About the data"):
        st.markdown(
            """
**What the map shows.** Secure Communities sent the fingerprints of everyone booked
into a local jail to immigration authorities. ICE switched it on jurisdiction by
jurisdiction, from Harris County TX on 27 Oct 2008 to the last counties on
22 Jan 2013. Each county is coloured by its activation date in the data below.

**What counts as a jurisdiction here.** ICE counted "jurisdictions"; this map counts
the 3,143 counties and county equivalents of the 50 states and DC (Census 2010
geography). ICE reported 658 jurisdictions in 32 states at the end of September 2010;
this data gives 659 counties in 32 states on that date. Puerto Rico and the territories
are not covered.

**Sources.** Activation dates: replication data of Vargas Núñez et al., *Reconsideration
of Secure Communities Rollout Reveals Preemptive Local-Federal Cooperation in Immigration
Enforcement* (PNAS), from Alsan & Yang (2018) as updated by Asad & Baer-Bositis (2025),
built on ICE's list of activated jurisdictions. Population: U.S. Census Bureau, 2010
Census. Shapes: Census 2010 county cartographic boundaries.

**Caveats.** Population shares use 2010 counts for every date. A few county codes changed
between the sources' vintages; the crosswalk and every reconciled code are listed in the
project's data/README.md and data/processed/reconciliation.csv.
"""
        )


try:
    data = dataset(DATA_DIR)
except DataError as error:
    st.error(f"The dashboard cannot start. {markdown_escape(str(error))}")
    st.stop()

state_names = dict(zip(data.states["state"], data.states["name"], strict=True))
site_names = dict(zip(data.sites["site_id"], data.sites["name"], strict=True))
read_link(state_names, site_names)
keep_view_state()
advance_playback()
report = st.session_state.report
st.html(f"<style>{REPORT_CSS if report else PAGE_CSS}</style>")
built_in, data = data, shown_data(data)
span = date_range(data.counties)
st.session_state.as_of = min(max(st.session_state.as_of, span[0]), span[1])  # data may change
if st.session_state.colour == "value" and "value" not in data.counties:
    st.session_state.colour = "status"  # values belong to a user's list
view = current_view()
st.query_params.from_dict(urlstate.to_params(view))

# The map goes out first, so its component boots while Streamlit loads the widgets;
# the title and numbers still stand above it.
top = st.container()
st_folium(
    base_map(st.session_state.get("tiles", False), controls=not report),
    feature_group_to_add=dynamic_layer(map_view(data, data.key, view)),
    key="map",
    height=480 if report else 500,
    use_container_width=True,
    returned_objects=[],
)
st.caption(markdown_escape(source_line(data)))
with top:
    st.markdown(
        f"### {markdown_escape(title(data, view))}"
        if report
        else "### Secure Communities, county by county"
    )
    if data.label:
        st.info(
            f"Showing **your list** ({markdown_escape(data.label)}), not the built-in rollout: "
            f"{(data.counties['activation_date'].notna()).sum():,} counties have a date or a "
            "'yes'. Switch back under 'Your own data' in the sidebar."
        )
    for message in st.session_state.link_messages:
        st.warning(message)
    headline(data, view)
if not report:
    with st.sidebar:
        controls(state_names, site_names, span, "value" in data.counties)
        upload_section(built_in)
    take_away(data, view)
    if view.site:
        site_panel(data, view)
    if view.state:
        county_table(data, view)
    sites_section(data, view)
    about()

if st.session_state.get("playing"):
    time.sleep(PLAY_STEP_SECONDS)
    st.session_state.next_as_of = next_month(view.as_of, span[1])
    st.session_state.playing = st.session_state.next_as_of < span[1]
    st.rerun()
