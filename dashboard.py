"""Secure Communities rollout map: streamlit run serve.py (serve.py serves this page).

The page from top to bottom: the map and its numbers; unless in report mode, the sidebar's
controls and a reader's own list, the chart "Who was covered first", what a reader takes
away, the site's panel or the state's counties, the resistant sites and About. Each is a
section of app/; what they show is worked out in geo/.
"""

from __future__ import annotations

import time

import streamlit as st

from app.about import about
from app.county_table import county_table
from app.coverage import covered_first
from app.map import map_and_numbers
from app.session import dataset, readers_language, settle, the_view
from app.sidebar import controls
from app.sites import site_panel, sites_section
from app.take_away import animations, share_link, take_away
from app.upload import upload_section
from geo.domain.load import DataError, data_dir
from geo.exports.runlog import log, run_kind
from geo.i18n import _, follow
from geo.text import markdown_escape
from geo.view.selection import to_params

RUN_STARTED, RUN_CPU = time.perf_counter(), time.thread_time()
PAGE_CSS = (  # fit a laptop screen; the popover beside the heading clear of the page's header;
    # download links drawn as buttons
    ".block-container{padding-top:3rem;padding-bottom:1rem}.st-key-beside_ice{margin-top:0.75rem}"
    ".sc-download{display:inline-block;padding:.375rem .75rem;font-size:.875rem;"
    "border:1px solid rgba(49,51,63,.2);border-radius:.5rem;"
    "color:inherit!important;text-decoration:none!important}"
)
REPORT_CSS = (  # report mode: nothing but the map, the numbers and the sources
    "header,[data-testid=stHeader],[data-testid=stToolbar],[data-testid=stMainMenu],"
    "[data-testid=stSidebar],[data-testid=stSidebarCollapsedControl]{display:none}"
    ".block-container{padding-top:2rem}"
)


def page() -> None:
    """One run of the page."""
    try:
        built_in = dataset(data_dir())
    except DataError as error:
        st.error(_("The dashboard cannot start. {error}").format(error=markdown_escape(str(error))))
        st.stop()
    state_names = dict(zip(built_in.states["state"], built_in.states["name"], strict=True))
    site_names = dict(zip(built_in.sites["site_id"], built_in.sites["name"], strict=True))
    data, colours = settle(built_in, state_names, site_names)
    report = st.session_state.report
    st.html(f"<style>{REPORT_CSS if report else PAGE_CSS}</style>")
    shown = the_view(data)
    selection, _text, description = shown
    map_and_numbers(data, built_in, data.span, report, shown)
    if not report:
        with st.sidebar:
            controls(state_names, site_names, data.span, colours)
            upload_section(built_in)
        if not (selection.state or selection.site) and data.dated:
            covered_first(data, selection)
        animations_row = take_away(data, selection, description)
        if selection.site:
            site_panel(data, selection)
        if selection.state:
            county_table(data, selection)
        sites_section(data, selection, built_in.ring_model)
        about(built_in)
    view = to_params(selection)
    log(
        "run",
        time.perf_counter() - RUN_STARTED,
        cpu=time.thread_time() - RUN_CPU,
        view=view,
        kind=run_kind(st.session_state, view),
    )
    if not report:  # last: following an animation being made holds up nothing else
        with animations_row:
            animations(data, selection, share_link(selection))


follow(readers_language)
st.set_page_config(page_title=_("Secure Communities rollout"), layout="wide")
page()
