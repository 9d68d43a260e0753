"""The sidebar's view controls: language, date, Play, state, layer, colours, site."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app.session import stop_playing
from geo.i18n import LANGUAGES, N_, _
from geo.view.selection import LAYERS, MEASURES


def controls(
    state_names: dict[str, str],
    site_names: dict[str, str],
    span: tuple[dt.date, dt.date],
    colours: tuple[str, ...],
) -> None:
    """View widgets, each bound to its key in the session state. The words of their
    options are looked up in tables translated in this run, so that an option reads the
    same in the run's language wherever its format_func is called."""
    first, last = span
    st.radio(  # named in both languages, for a reader of either
        "Language / Idioma", list(LANGUAGES), format_func=LANGUAGES.get, key="lang", horizontal=True
    )
    st.header(_("View"))
    st.slider(_("As of"), min_value=first, max_value=last, format="YYYY-MM-DD", key="as_of")
    session = st.session_state
    if st.button(_("Pause") if session.get("playing") else _("Play month by month"), key="play"):
        if session.get("playing"):
            stop_playing()
        else:
            session.playing = True
            session.play_month = first if session.as_of >= last else session.as_of
        st.rerun()
    st.selectbox(
        _("State"),
        ["", *state_names],
        format_func={"": _("All states"), **state_names}.get,
        key="state",
    )
    st.radio(
        _("Map"),
        LAYERS,
        key="layer",
        horizontal=True,
        format_func={"county": _("Counties"), "state": _("States")}.get,
    )
    if st.session_state.layer == "county":
        labels = {colour: _(label) for colour, label in COLOUR_LABELS.items()}
        if "wave" not in colours:  # a list without dates: the same on every date
            labels["status"] = _("In your list")
        st.radio(_("Colour counties by"), colours, key="colour", format_func=labels.get)
    else:
        st.radio(
            _("Colour states by share of"),
            MEASURES,
            key="measure",
            format_func={measure: _(label) for measure, label in MEASURE_LABELS.items()}.get,
        )
    st.selectbox(
        _("Resistant site"),
        ["", *site_names],
        format_func={"": _("None"), **site_names}.get,
        key="site",
        help=_("Zoom to a place that resisted the program, with the ring of counties around it."),
    )
    st.checkbox(_("Include the second ring"), key="second_ring")
    st.checkbox(_("Outline resistant sites"), key="outline_sites")
    st.checkbox(_("Base map (needs internet)"), key="tiles")


MEASURE_LABELS = {
    "population": N_("population"),
    "counties": N_("counties"),
    "noncitizens": N_("noncitizens"),
}


COLOUR_LABELS = {
    "status": N_("Status on the date"),
    "wave": N_("Year activated"),
    "noncitizen_share": N_("Noncitizens' share of the population"),
    "value": N_("Value in your list"),
}
