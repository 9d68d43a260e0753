"""The session's selection (read from the link, kept across runs, moved by Play) and the data
it shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo.domain.load import Dataset, shared
from geo.domain.rollout import next_month
from geo.render.offline import install_leaflet
from geo.view.selection import COLOURS, WORD_LIMITS, Selection, parse, to_params
from geo.view.styles import colouring
from geo.view.wording import Words, describe, words


def readers_language() -> str | None:
    """The reader's language: the switch's, at first the link's; none outside a run. Every
    run of the page, a fragment or a callback speaks it, in whichever thread it runs."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    return st.session_state.get("lang") or st.query_params.get("lang")


def dataset(folder: Path) -> Dataset:
    """The processed data, loaded once per server process and shared (never mutated); the
    server (serve.py) loads it before the first reader comes."""
    install_leaflet()
    return shared(folder)


def read_link(state_names: dict[str, str], site_names: dict[str, str]) -> None:
    """On a session's first run, set the widgets from the URL and keep any messages."""
    if "link_read" in st.session_state:
        return
    selection, messages = parse(st.query_params.to_dict(), set(state_names), frozenset(site_names))
    st.session_state.update(
        link_read=True,
        link_messages=messages,
        as_of=selection.as_of,
        state=selection.state or "",
        layer=selection.layer,
        colour=selection.colour,
        measure=selection.measure,
        site=selection.site or "",
        second_ring=selection.ring == 2,
        outline_sites=selection.outline,
        report=selection.report,
        tiles=selection.tiles,
        lang=selection.lang,
        **{f"word_{name}": getattr(selection, name) for name in WORD_LIMITS},
    )


SELECTION_KEYS = ("as_of", "state", "layer", "colour", "measure", "site", "second_ring")


SELECTION_KEYS += ("outline_sites", "report", "tiles", "data_source", "lang")


SELECTION_KEYS += tuple(f"word_{name}" for name in WORD_LIMITS)


GENERATED = ("title", "subtitle")  # the words the app writes until the reporter does


def keep_selection() -> None:
    """Keep every setting of the selection across runs, even while its widget is not shown.

    Streamlit forgets a widget's value in a run that does not draw the widget (the
    county colour radio while the state layer is on); writing the values back makes
    them the session's own.
    """
    for key in SELECTION_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def advance_playback() -> None:
    """Apply the date Play stopped on before the slider is drawn."""
    if "next_as_of" in st.session_state:
        st.session_state.as_of = st.session_state.pop("next_as_of")


def play_on(last: dt.date) -> None:
    """The map has drawn the month Play showed (its component's value says which): show the
    next month, and stop on the `last` date. Play goes at the browser's pace. Its month is
    kept apart from the slider's date, which only the whole page's run may change (a month
    of Play reruns only map_and_numbers)."""
    session = st.session_state
    played = (session.get("map") or {}).get("played")
    if session.get("playing") and played == session.play_month.isoformat():
        session.play_month = next_month(session.play_month, last)
        if session.play_month >= last:
            stop_playing()


def stop_playing() -> None:
    """Play stops on the month it shows; the whole page's next run moves the slider there."""
    st.session_state.update(playing=False, next_as_of=st.session_state.play_month)


def offered_colours(data: Dataset) -> tuple[str, ...]:
    """What counties may be coloured by: the year only for data with dates, values only
    for a list with values."""
    return tuple(
        colour
        for colour in COLOURS
        if colour == colouring(colour, values="value" in data.counties, dated=data.dated)
    )


def current_selection() -> Selection:
    """What the widgets (or, in report mode, the link) select."""
    session = st.session_state
    return Selection(
        as_of=session.play_month if session.get("playing") else session.as_of,
        state=session.state or None,
        layer=session.layer,
        colour=session.colour,
        measure=session.measure,
        site=session.site or None,
        ring=2 if session.second_ring else 1,
        outline=session.outline_sites,
        report=session.report,
        tiles=session.tiles,
        lang=session.lang,
    )


def follow_the_view(generated: Words) -> dict[str, str]:
    """The reporter's words, as the selection holds them. An input for the title or the
    subtitle shows the generated one, and follows the view, until the reporter writes
    their own (clearing it brings the generated one back)."""
    session, words = st.session_state, {}
    for name in WORD_LIMITS:
        key, shown = f"word_{name}", session.get(f"word_{name}", "")
        if name in GENERATED:
            last = session.get(f"generated_{name}")
            if not shown.strip() or shown == last:
                session[key] = shown = getattr(generated, name)
            session[f"generated_{name}"] = getattr(generated, name)
            words[name] = "" if shown == getattr(generated, name) else shown
        else:
            words[name] = shown
    return words


def the_view(data: Dataset) -> tuple[Selection, Words, str]:
    """What the session selects now, its words and the map's description; the link says it."""
    selection = current_selection()
    text = words(data, selection)  # generated, as no words are in the selection yet
    selection = replace(selection, **follow_the_view(text))
    st.query_params.from_dict(to_params(selection))
    return selection, words(data, selection), describe(data, selection)


def shown_data(data: Dataset) -> Dataset:
    """The user's list when they chose it, else the built-in data (never modified)."""
    if st.session_state.get("data_source") == "upload" and "user_data" in st.session_state:
        return st.session_state.user_data
    return data


def settle(built_in: Dataset, state_names: dict, site_names: dict) -> tuple[Dataset, tuple]:
    """Before anything is drawn: the selection (from the link on a session's first run, kept,
    moved on by Play), the data it shows, the date within that data's span and a colour
    the data offers. Returns the data and the colours it offers."""
    read_link(state_names, site_names)
    keep_selection()
    advance_playback()
    data, session = shown_data(built_in), st.session_state
    session.as_of = min(max(session.as_of, data.span[0]), data.span[1])  # the data may change
    colours = offered_colours(data)
    if session.colour not in colours:
        session.wave_refused = session.colour == "wave"
        session.colour = colouring(
            session.colour, values="value" in data.counties, dated=data.dated
        )
    return data, colours
