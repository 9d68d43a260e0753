"""Above the map: the heading, messages about the data shown, and the headline numbers."""

from __future__ import annotations

from functools import partial

import streamlit as st

from app.ice_counts import beside_popover, ice_counts
from app.widgets import plain
from geo.domain.load import Dataset
from geo.i18n import N_, _
from geo.text import markdown_escape
from geo.view.selection import Selection
from geo.view.wording import Words, headline_numbers


def headline(
    data: Dataset, built_in: Dataset, selection: Selection, text: Words, report: bool
) -> None:
    """The title (the reporter's in report mode), what the data shown is, the link's
    messages, and the view's headline numbers side by side."""
    if report:
        st.markdown(f"### {plain(text.title)}")
        st.markdown(plain(text.subtitle))
    else:  # the heading, and beside it the popover that the numbers leave no room for
        heading, aside = st.columns([2, 1])
        heading.markdown("### " + _("Secure Communities, county by county"))
        if not (selection.state or selection.site or data.label):
            beside_popover(aside, partial(ice_counts, built_in))
    if data.label:
        st.info(
            _(
                "Showing **your list** ({name}), not the built-in rollout: {n} counties have "
                "a date or a 'yes'. Switch back under 'Your own data' in the sidebar."
            ).format(
                name=markdown_escape(data.label),
                n=f"{(data.counties['activation_date'].notna()).sum():,}",
            )
        )
    for message in st.session_state.link_messages:
        st.warning(message)
    if not data.dated and st.session_state.get("wave_refused"):
        st.info(_(NO_YEARS[st.session_state.colour]))
    numbers = headline_numbers(data, selection)
    for column, (label, value) in zip(st.columns(len(numbers)), numbers, strict=True):
        column.metric(label, value)


NO_YEARS = {  # why a list without dates is not coloured by year, and what it is coloured by
    "status": N_(
        "Your list has no dates, so counties cannot be coloured by the year they were "
        "activated: the map shows the counties your list names."
    ),
    "value": N_(
        "Your list has no dates, so counties cannot be coloured by the year they were "
        "activated: the map shows your list's values."
    ),
}
