"""The words the app generates: titles, source lines, dates, and a site's numbers in words.

Where the data shown has no date for a county (a user's list that leaves it out, or
gives no dates at all), the words say so instead of showing a date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from geo.common import UNDATED
from geo.load import Dataset
from geo.rings import Dates, RingSummary, SiteRing, summarize_ring
from geo.rollout import states_on, summarize
from geo.text import markdown_link
from geo.urlstate import Selection

SOURCES = (
    "Sources: activation dates from Vargas Núñez et al. (PNAS) replication data, after Alsan & "
    "Yang (2018) and Asad & Baer-Bositis (2025), built on ICE's list of activated "
    "jurisdictions; 2010 Census populations; Census 2010 county boundaries. ICE counted "
    "jurisdictions; this map counts counties."
)
NOT_LISTED = "not in your list"
NO_DATE = "no date in your list"


def source_line(data: Dataset) -> str:
    """The sources of what is shown: the built-in ones, or the user's file named as such."""
    if data.label is None:
        return SOURCES
    return (
        f"Dates: the user's list {data.label}, uploaded in this session and not checked by "
        "this project. Populations and boundaries: 2010 Census."
    )


@dataclass(frozen=True)
class Words:
    """The words on a map: the reporter's where they gave them, else the generated ones."""

    title: str
    subtitle: str
    note: str = ""
    byline: str = ""


def words(data: Dataset, selection: Selection) -> Words:
    return Words(
        selection.title or title(data, selection),
        selection.subtitle or subtitle(selection),
        selection.note,
        selection.byline,
    )


def title(data: Dataset, selection: Selection) -> str:
    """The headline of a picture or export (naming the user's list if shown)."""
    headline = _headline(data, selection)
    return f"{headline} (your list: {data.label})" if data.label else headline


def subtitle(selection: Selection) -> str:
    return f"As of {selection.as_of:%-d %B %Y}"


def rollout_subtitle(span: tuple[dt.date, dt.date]) -> str:
    """The subtitle of an animation of the rollout over `span`."""
    return f"Month by month, {span[0]:%B %Y} to {span[1]:%B %Y}"


def _headline(data: Dataset, selection: Selection) -> str:
    if selection.site:
        name = data.sites.set_index("site_id").at[selection.site, "name"]
        rings = "first and second rings" if selection.ring == 2 else "ring"
        return f"Secure Communities: {name} and its {rings}"
    place = data.states.set_index("state").at[selection.state, "name"] if selection.state else None
    what = {
        ("state", "population"): "share of each state's population covered",
        ("state", "counties"): "share of each state's counties covered",
    }.get((selection.layer, selection.measure), "activation by county")
    if selection.layer == "county" and selection.colour == "wave":
        what = "year each county was activated"
    return f"Secure Communities: {what}" + (f", {place}" if place else "")


def describe(data: Dataset, selection: Selection) -> str:
    """The view in plain words, for readers who cannot see the map (its alt text): what
    it shows, the date, the headline numbers and, for a site, its ring's numbers."""
    date = f"{selection.as_of:%-d %B %Y}"
    source = f" Data: the user's list {data.label}." if data.label else ""
    if selection.site:
        return _site_description(data, selection, date) + source
    place, counties = "the United States", data.counties
    if selection.state:
        place = data.states.set_index("state").at[selection.state, "name"]
        counties = counties[counties["state"] == selection.state]
    summary = summarize(counties, selection.as_of)
    states = f" in {summary.states_participating} of {len(data.states)} states (DC counted as one)"
    numbers = (
        f"Secure Communities active in {summary.counties_activated:,} of "
        f"{summary.counties_total:,} counties{'' if selection.state else states}, home to "
        f"{summary.population_share:.1%} of the {'state' if selection.state else 'national'} "
        "population"
    )
    if selection.layer == "state":
        measure = "population_share" if selection.measure == "population" else "county_share"
        share = states_on(counties, selection.as_of)[measure]
        what = STATE_SHARES[selection.measure]
        counts = ", ".join(
            f"{count} {'state' if count == 1 else 'states'} {how}"
            for count, how in (
                ((share >= 1).sum(), "fully covered"),
                (((share > 0) & (share < 1)).sum(), "partly covered"),
                ((share <= 0).sum(), "not covered"),
            )
        )
        return f"Map of {place} by state, {date}, {what}: {counts}. {numbers}.{source}"
    colour = selection.colour if "value" in counties or selection.colour != "value" else "status"
    return f"Map of {place} by county, {date}, {COUNTY_COLOURS[colour]}: {numbers}.{source}"


STATE_SHARES = {
    "population": "each state coloured by the share of its people living in activated counties",
    "counties": "each state coloured by the share of its counties activated",
}
COUNTY_COLOURS = {
    "status": "each county coloured by whether it had Secure Communities",
    "wave": "each county coloured by the year it was activated, darker for earlier",
    "value": "each county coloured by the value in the user's list",
}


def _site_description(data: Dataset, selection: Selection, date: str) -> str:
    counties = data.counties
    site = SiteRing.of(counties, data.adjacency, data.sites, selection.site, selection.ring)
    ring = summarize_ring(counties, site.site_id, site.around, selection.as_of)
    which = "its first and second rings" if selection.ring == 2 else "its ring"
    numbers = "; ".join(
        f"{label}: {value}" for label, value in site_metrics(ring, len(site.members))
    )
    share = ring.ring_population_activated / ring.ring_population if ring.ring_size else 0
    return (
        f"Map of {site.name} and {which} of {ring.ring_size} neighbouring counties, {date}, "
        f"each county coloured by whether it had Secure Communities on that date. {numbers}; "
        f"people of the ring living in activated counties: {share:.0%}."
    )


def day(date: dt.date) -> str:
    """A date as the app writes it: 17 Feb 2011."""
    return f"{date:%d %b %Y}"


def activation_dates(dates: pd.Series) -> pd.Series:
    """Each county's activation date in words ("not in your list" where it has none)."""
    stamps = pd.to_datetime(dates)
    words = stamps.dt.strftime("%d %b %Y").astype(object)
    words[stamps.isna()] = NOT_LISTED
    words[stamps == UNDATED] = NO_DATE
    return words


def when(dates: Dates, counties: int) -> str:
    """The last date of a group of counties, or what the data does not say about it."""
    if dates.last is not None:
        return day(dates.last)
    gaps = []
    for number, words in ((dates.missing, NOT_LISTED), (dates.undated, NO_DATE)):
        if number:
            gaps.append(words if number == counties else f"{number} of {counties} {words}")
    return "; ".join(gaps)


def headline_numbers(data: Dataset, selection: Selection) -> list[tuple[str, str]]:
    """The view's three headline numbers, as (label, value): counties, states (a state's
    last county when one state is shown) and population covered on the view's date."""
    counties = data.counties
    if selection.state:
        counties = counties[counties["state"] == selection.state]
    summary = summarize(counties, selection.as_of)
    numbers = [
        ("Counties activated", f"{summary.counties_activated:,} of {summary.counties_total:,}")
    ]
    if selection.state:
        dates = Dates.of(counties["activation_date"])
        done = dates.last is not None and dates.last <= selection.as_of
        every = day(dates.last) if done else "Not yet" if dates.last else when(dates, len(counties))
        numbers.append(("Every county activated", every))
    else:
        numbers.append(
            ("States participating", f"{summary.states_participating} of {len(data.states)}")
        )
    numbers.append(("Population in activated counties", f"{summary.population_share:.1%}"))
    return numbers


def event_when(event_date: str) -> str:
    """An event's date at its precision: '4 May 2010', 'May 2009' or '2009'."""
    if len(event_date) == 10:
        return day(dt.date.fromisoformat(event_date))
    if len(event_date) == 7:
        return f"{dt.date.fromisoformat(event_date + '-01'):%B %Y}"
    return event_date


def dates_in_print(events: pd.DataFrame, used: dt.date | None) -> str:
    """Markdown: the activation dates sources give for a site (its `date_reported`
    events), beside the date this data uses; empty when no source gives one."""
    reported = events[events["event_type"] == "date_reported"]
    if reported.empty:
        return ""
    printed = "; ".join(
        f"{event_when(event.event_date)} ({markdown_link(event.source_outlet, event.source_url)})"
        for event in reported.itertuples()
    )
    return (
        "**Sources disagree on when this site was activated.** This data uses "
        f"{day(used) if used else 'no date'}. In print: {printed}. The events below say "
        "what each source wrote."
    )


def site_metrics(summary: RingSummary, site_counties: int) -> list[tuple[str, str]]:
    """The site panel's four numbers, as (label, value); words where a date is unknown."""
    size = summary.ring_size
    before = (
        f"{summary.ring_before_site} of {size}"
        if summary.ring_before_site is not None
        else "unknown: the site has no date"
    )
    return [
        (
            "Site activated" if site_counties == 1 else "Last county of the site activated",
            when(summary.site, site_counties),
        ),
        (f"Ring activated on {day(summary.as_of)}", f"{summary.ring_activated} of {size}"),
        ("Ring activated before the site", before),
        ("Ring closed", when(summary.ring, size) if size else "no ring"),
    ]


def ring_caption(summary: RingSummary, site_counties: int) -> str:
    """The ring's dates and population in one plain paragraph."""
    if not summary.ring_size:
        return "The site touches no other county, so it has no ring."
    text = (
        f"The ring is the {summary.ring_size} counties outside the site that share a border "
        "or a corner with it."
    )
    first, lead = summary.ring.first, summary.lead_days
    if first is None:
        text += " No county of the ring has a date in the data shown."
    elif lead is not None:
        text += (
            f" Its first county was activated on {day(first)}, its last {abs(lead)} days "
            f"{'before' if lead >= 0 else 'after'} the site."
        )
    else:
        text += f" Its first county was activated on {day(first)}; its last: "
        text += f"{when(summary.ring, summary.ring_size)}; the site: "
        text += f"{when(summary.site, site_counties)}."
    if site_counties > 1 and summary.site.first is not None:
        text += f" The site's first county was activated on {day(summary.site.first)}."
    share = summary.ring_population_activated / summary.ring_population
    return text + (
        f" On {day(summary.as_of)}, {share:.0%} of the ring's {summary.ring_population:,} "
        "people lived in activated counties."
    )


COMPARISON_COLUMNS = {
    "site": "Site",
    "level": "Level",
    "site_activation": "Site activated",
    "ring_size": "Ring counties",
    "share_before_site": "Ring activated before site",
    "ring_first_activation": "First ring county",
    "ring_closure": "Ring closed",
    "lead_days": "Days ring closed before site",
}


def comparison(table: pd.DataFrame) -> pd.DataFrame:
    """The all-sites table (geo.rings.compare_sites) as shown: dates as YYYY-MM-DD, and
    words where the data shown has no date. A column with no gap stays numeric."""
    site = [Dates(None, None, r.site_undated, r.site_missing) for r in table.itertuples()]
    ring = [Dates(None, None, r.ring_undated, r.ring_missing) for r in table.itertuples()]
    gaps = [
        when(s, r.site_counties) or when(g, r.ring_size) or "no ring"
        for s, g, r in zip(site, ring, table.itertuples(), strict=True)
    ]
    shown = pd.DataFrame(
        {
            "site": table["site"],
            "level": table["level"],
            "site_activation": [
                _iso(date) or when(s, n)
                for date, s, n in zip(
                    table["site_activation"], site, table["site_counties"], strict=True
                )
            ],
            "ring_size": table["ring_size"],
            "share_before_site": _numbers_or_words(
                table["share_before_site"], "{:.0%}", ["unknown: the site has no date"] * len(table)
            ),
            "ring_first_activation": [_iso(d) or "none" for d in table["ring_first_activation"]],
            "ring_closure": [
                _iso(date) or when(g, n) or "no ring"
                for date, g, n in zip(table["ring_closure"], ring, table["ring_size"], strict=True)
            ],
            "lead_days": _numbers_or_words(
                table["lead_days"], "{:.0f}", [f"unknown: {gap}" for gap in gaps]
            ),
        }
    )
    return shown.rename(columns=COMPARISON_COLUMNS)


def _numbers_or_words(numbers: pd.Series, fmt: str, words: list[str]) -> pd.Series:
    """The numbers as they are when none is missing; else all as text, words in the gaps."""
    numbers = pd.to_numeric(numbers)
    if numbers.notna().all():
        return numbers
    return pd.Series(
        [fmt.format(n) if pd.notna(n) else w for n, w in zip(numbers, words, strict=True)],
        index=numbers.index,
    )


def _iso(date) -> str:
    return f"{date:%Y-%m-%d}" if date is not None and pd.notna(date) else ""
