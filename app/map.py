"""The map and its numbers: a fragment that each month of Play reruns alone."""

from __future__ import annotations

from functools import partial

import streamlit as st
from streamlit_folium import st_folium

from app.headline import headline
from app.session import play_on, the_view
from app.widgets import plain
from geo.domain.load import Dataset
from geo.i18n import _
from geo.render.leaflet import base_map, dynamic_layer
from geo.view.compose import compose
from geo.view.selection import Selection
from geo.view.wording import source_line


@st.cache_resource(max_entries=64, show_spinner=False)
def view_of(_data: Dataset, data_key: str, selection: Selection):
    """The MapView of a selection; shared between sessions, never mutated."""
    return compose(_data, selection)


def parts_sent() -> dict:
    """The map's parts this session's page knows, and whether to send it those it lacks with
    the run: not on the session's first run (the browser may keep them from an earlier visit
    and fetches those it lacks); on a new view afterwards, its parts travel with its run."""
    first = "parts_sent" not in st.session_state
    return {"sent": st.session_state.setdefault("parts_sent", set()), "inline_new": not first}


@st.fragment
def map_and_numbers(data: Dataset, built_in: Dataset, span, report: bool, shown) -> None:
    """The title, headline numbers, map and source line of the view `shown` (the_view). Each
    month of Play reruns this part alone (the map asks for it: play_on), so the numbers and
    the map move together; the whole page follows when Play stops."""
    selection, text, description = shown
    session = st.session_state
    if session.get("next_as_of"):
        st.rerun(scope="app")  # Play reached the last month: the whole page follows
    if session.get("playing") and selection.as_of != session.play_month:  # a month of Play
        selection, text, description = the_view(data)
    # The map goes out first, so its component boots while Streamlit loads the widgets;
    # the title and numbers still stand above it.
    top = st.container()
    st_folium(
        base_map(selection.tiles, controls=not report),
        feature_group_to_add=dynamic_layer(
            view_of(data, data.key, selection.without_words()),
            not report,
            description,
            public=not data.label,  # a reader's own list stays in their session
            playing=selection.as_of.isoformat() if st.session_state.get("playing") else None,
            **parts_sent(),
        ),
        key="map",
        height=480 if report else 500,
        use_container_width=True,
        returned_objects=[],
        on_change=partial(play_on, span[1]),
    )
    if selection.tiles:
        st.caption(
            _(
                "With the base map the map is in Web Mercator, as map tiles are: areas are not "
                "true to scale, and Alaska and Hawaii are in their own places. Turn the base map "
                "off for the equal-area map."
            )
        )
    if report and text.note:
        st.markdown(plain(text.note))
    st.caption(plain(source_line(data)) + (f"  \n{plain(text.byline)}" if text.byline else ""))
    with top:
        headline(data, built_in, selection, text, report)
