"""The words the app generates: titles, source lines, dates, and a site's numbers in words.

Where the data shown has no date for a county (a user's list that leaves it out, or
gives no dates at all), the words say so instead of showing a date.

Every sentence is in the reader's language (geo.i18n): the constants below are marked
with `N_()` and translated with `_()` where they are shown, never when imported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from geo import i18n
from geo.common import UNDATED
from geo.domain.load import Dataset
from geo.domain.rings import Dates, RingSummary, SiteRing, summarize_ring
from geo.domain.rollout import shares_by_month, states_on, summarize
from geo.i18n import N_, _
from geo.memo import PerData
from geo.text import markdown_link
from geo.view.selection import Selection
from geo.view.styles import colouring

SOURCES = N_(
    "Sources: activation dates from Vargas Núñez et al. (PNAS) replication data, after Alsan & "
    "Yang (2018) and Asad & Baer-Bositis (2025), built on ICE's list of activated "
    "jurisdictions; 2010 Census populations; noncitizens: American Community Survey 2006-2010 "
    "estimates, from the same replication data; Census 2010 county boundaries. ICE counted "
    "jurisdictions; this map counts counties."
)
NOT_LISTED = N_("not in your list")
NO_DATE = N_("no date in your list")


def source_line(data: Dataset) -> str:
    """The sources of what is shown: the built-in ones, or the user's file named as such."""
    if data.label is None:
        return _(SOURCES)
    return _(
        "Dates: the user's list {label}, uploaded in this session and not checked by "
        "this project. Populations and boundaries: 2010 Census; noncitizens: American "
        "Community Survey 2006-2010."
    ).format(label=data.label)


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
        selection.subtitle or subtitle(selection, data),
        selection.note,
        selection.byline,
    )


def title(data: Dataset, selection: Selection) -> str:
    """The headline of a picture or export (naming the user's list if shown)."""
    headline = _headline(data, selection)
    if not data.label:
        return headline
    return _("{headline} (your list: {label})").format(headline=headline, label=data.label)


def subtitle(selection: Selection, data: Dataset) -> str:
    """The date; where noncitizens colour the map, also the share of them covered."""
    date = i18n.long_day(selection.as_of)
    noncitizens = selection.layer == "state" and selection.measure == "noncitizens"
    noncitizens |= selection.layer == "county" and selection.colour == "noncitizen_share"
    if not noncitizens or selection.site:
        return _("As of {date}").format(date=date)
    summary = summary_of(data, selection)
    return _("As of {date}: {share} of noncitizens lived in activated counties").format(
        date=date, share=f"{summary.noncitizen_share:.1%}"
    )


def rollout_subtitle(span: tuple[dt.date, dt.date]) -> str:
    """The subtitle of an animation of the rollout over `span`."""
    return _("Month by month, {start} to {end}").format(
        start=i18n.month(span[0]), end=i18n.month(span[1])
    )


HEADLINES = {
    ("state", "population"): N_("share of each state's population covered"),
    ("state", "counties"): N_("share of each state's counties covered"),
    ("state", "noncitizens"): N_("share of each state's noncitizens covered"),
}
BY_COUNTY = N_("activation by county")
BY_YEAR = N_("year each county was activated")
BY_NONCITIZENS = N_("noncitizens' share of each county's population")


def _headline(data: Dataset, selection: Selection) -> str:
    if selection.site:
        name = data.sites.set_index("site_id").at[selection.site, "name"]
        if selection.ring == 2:
            return _("Secure Communities: {name} and its first and second rings").format(name=name)
        return _("Secure Communities: {name} and its ring").format(name=name)
    place = data.states.set_index("state").at[selection.state, "name"] if selection.state else None
    what = HEADLINES.get((selection.layer, selection.measure), BY_COUNTY)
    colour = colouring(selection.colour, values="value" in data.counties, dated=data.dated)
    if selection.layer == "county" and colour == "wave":
        what = BY_YEAR
    if selection.layer == "county" and selection.colour == "noncitizen_share":
        what = BY_NONCITIZENS
    if place:
        return _("Secure Communities: {what}, {place}").format(what=_(what), place=place)
    return _("Secure Communities: {what}").format(what=_(what))


STATE_COUNTS = {  # how much of a state is covered: (one state, several states)
    "fully": (N_("{count} state fully covered"), N_("{count} states fully covered")),
    "partly": (N_("{count} state partly covered"), N_("{count} states partly covered")),
    "not": (N_("{count} state not covered"), N_("{count} states not covered")),
}


def describe(data: Dataset, selection: Selection) -> str:
    """The view in plain words, for readers who cannot see the map (its alt text): what
    it shows, the date, the headline numbers and, for a site, its ring's numbers."""
    date = i18n.long_day(selection.as_of)
    source = (
        " " + _("Data: the user's list {label}.").format(label=data.label) if data.label else ""
    )
    if selection.site:
        return _site_description(data, selection, date) + source
    place, counties = _("the United States"), counties_of(data, selection)
    if selection.state:
        place = data.states.set_index("state").at[selection.state, "name"]
    summary = summary_of(data, selection)
    active, total = f"{summary.counties_activated:,}", f"{summary.counties_total:,}"
    share = f"{summary.population_share:.1%}"
    noncitizens = f"{summary.noncitizen_share:.1%}"
    if selection.state:
        numbers = _(
            "Secure Communities active in {active} of {total} counties, home to {share} of the "
            "state population and {noncitizens} of its noncitizens"
        ).format(active=active, total=total, share=share, noncitizens=noncitizens)
    else:
        numbers = _(
            "Secure Communities active in {active} of {total} counties in {states} of "
            "{all_states} states (DC counted as one), home to {share} of the national population "
            "and {noncitizens} of its noncitizens"
        ).format(
            active=active,
            total=total,
            states=summary.states_participating,
            all_states=len(data.states),
            share=share,
            noncitizens=noncitizens,
        )
    if selection.layer == "state":
        share = states_on(counties, selection.as_of)[STATE_MEASURES[selection.measure]]
        counts = ", ".join(
            _(STATE_COUNTS[how][0 if count == 1 else 1]).format(count=count)
            for count, how in (
                ((share >= 1).sum(), "fully"),
                (((share > 0) & (share < 1)).sum(), "partly"),
                ((share <= 0).sum(), "not"),
            )
        )
        return (
            _("Map of {place} by state, {date}, {what}: {counts}. {numbers}.").format(
                place=place,
                date=date,
                what=_(STATE_SHARES[selection.measure]),
                counts=counts,
                numbers=numbers,
            )
            + source
        )
    colour = selection.colour if "value" in counties or selection.colour != "value" else "status"
    return (
        _("Map of {place} by county, {date}, {what}: {numbers}.").format(
            place=place, date=date, what=_(COUNTY_COLOURS[colour]), numbers=numbers
        )
        + source
    )


STATE_SHARES = {
    "population": N_("each state coloured by the share of its people living in activated counties"),
    "counties": N_("each state coloured by the share of its counties activated"),
    "noncitizens": N_(
        "each state coloured by the share of its noncitizens living in activated counties"
    ),
}
# The column of geo.domain.rollout.states_on that colours states, per measure.
STATE_MEASURES = {
    "population": "population_share",
    "counties": "county_share",
    "noncitizens": "noncitizen_share",
}
COUNTY_COLOURS = {
    "status": N_("each county coloured by whether it had Secure Communities"),
    "wave": N_("each county coloured by the year it was activated, darker for earlier"),
    "value": N_("each county coloured by the value in the user's list"),
    "noncitizen_share": N_(
        "each county coloured by the noncitizens' share of its population (ACS 2006-2010)"
    ),
}


def _site_description(data: Dataset, selection: Selection, date: str) -> str:
    counties = data.counties
    site = SiteRing.of(counties, data.adjacency, data.sites, selection.site, selection.ring)
    ring = summarize_ring(counties, site.site_id, site.around, selection.as_of)
    numbers = "; ".join(
        f"{label}: {value}" for label, value in site_metrics(ring, len(site.members))
    )
    share = ring.ring_population_activated / ring.ring_population if ring.ring_size else 0
    if selection.ring == 2:
        text = _(
            "Map of {site} and its first and second rings of {size} neighbouring counties, "
            "{date}, each county coloured by whether it had Secure Communities on that date. "
            "{numbers}; people of the ring living in activated counties: {share}; noncitizens: "
            "{noncitizens}."
        )
    else:
        text = _(
            "Map of {site} and its ring of {size} neighbouring counties, {date}, each county "
            "coloured by whether it had Secure Communities on that date. {numbers}; people of "
            "the ring living in activated counties: {share}; noncitizens: {noncitizens}."
        )
    return text.format(
        site=site.name,
        size=ring.ring_size,
        date=date,
        numbers=numbers,
        share=f"{share:.0%}",
        noncitizens=f"{ring.ring_noncitizen_share:.0%}",
    )


def day(date: dt.date) -> str:
    """A date as the app writes it: 17 Feb 2011 (17 feb 2011 in Spanish)."""
    return i18n.day(date)


def activation_dates(dates: pd.Series) -> pd.Series:
    """Each county's activation date in words ("not in your list" where it has none)."""
    stamps = pd.to_datetime(dates)
    days = {stamp: i18n.day(stamp) for stamp in stamps.dropna().unique()}
    words = stamps.map(days).astype(object)
    words[stamps.isna()] = _(NOT_LISTED)
    words[stamps == UNDATED] = _(NO_DATE)
    return words


def when(dates: Dates, counties: int) -> str:
    """The last date of a group of counties, or what the data does not say about it."""
    if dates.last is not None:
        return day(dates.last)
    gaps = []
    for number, all_of_them, some_of_them in (
        (dates.missing, NOT_LISTED, N_("{number} of {counties} not in your list")),
        (dates.undated, NO_DATE, N_("{number} of {counties} no date in your list")),
    ):
        if number:
            gaps.append(
                _(all_of_them)
                if number == counties
                else _(some_of_them).format(number=number, counties=counties)
            )
    return "; ".join(gaps)


def _of(number, total) -> str:
    """'3 of 64' in the reader's language (the numbers already written)."""
    return _("{number} of {total}").format(number=number, total=total)


def headline_numbers(data: Dataset, selection: Selection) -> list[tuple[str, str]]:
    """The view's headline numbers, as (label, value): counties, states (a state's last
    county when one state is shown), population and noncitizens covered on the view's date."""
    summary = summary_of(data, selection)
    numbers = [
        (
            _("Counties activated"),
            _of(f"{summary.counties_activated:,}", f"{summary.counties_total:,}"),
        )
    ]
    if selection.state:
        counties = counties_of(data, selection)
        dates = Dates.of(counties["activation_date"])
        done = dates.last is not None and dates.last <= selection.as_of
        every = (
            day(dates.last) if done else _("Not yet") if dates.last else when(dates, len(counties))
        )
        numbers.append((_("Every county activated"), every))
    else:
        numbers.append(
            (_("States participating"), _of(summary.states_participating, len(data.states)))
        )
    numbers.append((_("Population in activated counties"), f"{summary.population_share:.1%}"))
    numbers.append((_("Noncitizens in activated counties"), f"{summary.noncitizen_share:.1%}"))
    return numbers


COVERED_FIRST = N_("Who was covered first")


def coverage_shares(data: Dataset, selection: Selection) -> pd.DataFrame:
    """The monthly shares of the chart "Who was covered first" of the view's state or nation
    (computed once per dataset and state; read it, never change it)."""
    return _coverage.get(data, selection.state)


_coverage = PerData(
    lambda data, state: shares_by_month(counties_of(data, Selection(state=state)), data.span),
    lambda data, state: state,
    16,
)


def coverage_words(data: Dataset, selection: Selection, shares: pd.DataFrame) -> tuple[Words, str]:
    """The words of the chart "Who was covered first" (geo.domain.rollout.shares_by_month's
    `shares`): its title, subtitle, the reporter's note and byline, and its description."""
    place = (
        data.states.set_index("state").at[selection.state, "name"]
        if selection.state
        else _("the United States")
    )
    summary = summary_of(data, selection)
    widest = shares.loc[(shares["noncitizen_share"] - shares["population_share"]).idxmax()]
    text = Words(
        _(COVERED_FIRST),
        _(
            "Share of the population and of noncitizens of {place} living in counties with "
            "Secure Communities, month by month; {date} marked"
        ).format(place=place, date=i18n.long_day(selection.as_of)),
        selection.note,
        selection.byline,
    )
    description = _(
        "Line chart of the share of the population and of noncitizens of {place} living in "
        "counties with Secure Communities, month by month from {start} to {end}. On {date}: "
        "{population} of the population, {noncitizens} of noncitizens. The widest gap, at the "
        "end of {month}: {widest_population} of the population, {widest_noncitizens} of "
        "noncitizens."
    ).format(
        place=place,
        start=i18n.month(shares["date"].iloc[0]),
        end=i18n.month(shares["date"].iloc[-1]),
        date=i18n.long_day(selection.as_of),
        population=f"{summary.population_share:.1%}",
        noncitizens=f"{summary.noncitizen_share:.1%}",
        month=i18n.month(widest["date"]),
        widest_population=f"{widest['population_share']:.1%}",
        widest_noncitizens=f"{widest['noncitizen_share']:.1%}",
    )
    return text, description


def summary_of(data: Dataset, selection: Selection):
    """The numbers of the selection's state, or of the nation, on its date (made once per
    dataset, place and date: the headline, the description and the chart's words share
    them)."""
    return _summaries.get(data, selection.state, selection.as_of)


_summaries = PerData(
    lambda data, state, as_of: summarize(counties_of(data, Selection(state=state)), as_of),
    lambda data, state, as_of: (state, as_of),
    64,
)


def counties_of(data: Dataset, selection: Selection) -> pd.DataFrame:
    """The counties of the selection's state, or of the nation."""
    if selection.state:
        return data.counties[data.counties["state"] == selection.state]
    return data.counties


def event_when(event_date: str) -> str:
    """An event's date at its precision: '4 May 2010', 'May 2009' or '2009'."""
    if len(event_date) == 10:
        return day(dt.date.fromisoformat(event_date))
    if len(event_date) == 7:
        return i18n.month(dt.date.fromisoformat(event_date + "-01"))
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
    return _(
        "**Sources disagree on when this site was activated.** This data uses {used}. In "
        "print: {printed}. The events below say what each source wrote."
    ).format(used=day(used) if used else _("no date"), printed=printed)


UNKNOWN_BEFORE = N_("unknown: the site has no date")
NO_RING = N_("no ring")


def site_metrics(summary: RingSummary, site_counties: int) -> list[tuple[str, str]]:
    """The site panel's four numbers, as (label, value); words where a date is unknown."""
    size = summary.ring_size
    before = (
        _of(summary.ring_before_site, size)
        if summary.ring_before_site is not None
        else _(UNKNOWN_BEFORE)
    )
    return [
        (
            _("Site activated") if site_counties == 1 else _("Last county of the site activated"),
            when(summary.site, site_counties),
        ),
        (
            _("Ring activated on {date}").format(date=day(summary.as_of)),
            _of(summary.ring_activated, size),
        ),
        (_("Ring activated before the site"), before),
        (_("Ring closed"), when(summary.ring, size) if size else _(NO_RING)),
    ]


def ring_caption(summary: RingSummary, site_counties: int) -> str:
    """The ring's dates and population in one plain paragraph."""
    if not summary.ring_size:
        return _("The site touches no other county, so it has no ring.")
    sentences = [
        _(
            "The ring is the {size} counties outside the site that share a border or a corner "
            "with it."
        ).format(size=summary.ring_size)
    ]
    first, lead = summary.ring.first, summary.lead_days
    if first is None:
        sentences.append(_("No county of the ring has a date in the data shown."))
    elif lead is not None:
        sentences.append(
            (
                _(
                    "Its first county was activated on {first}, its last {days} days before the "
                    "site."
                )
                if lead >= 0
                else _(
                    "Its first county was activated on {first}, its last {days} days after the "
                    "site."
                )
            ).format(first=day(first), days=abs(lead))
        )
    else:
        sentences.append(
            _(
                "Its first county was activated on {first}; its last: {ring}; the site: {site}."
            ).format(
                first=day(first),
                ring=when(summary.ring, summary.ring_size),
                site=when(summary.site, site_counties),
            )
        )
    if site_counties > 1 and summary.site.first is not None:
        sentences.append(
            _("The site's first county was activated on {date}.").format(
                date=day(summary.site.first)
            )
        )
    share = summary.ring_population_activated / summary.ring_population
    sentences.append(
        _(
            "On {date}, {share} of the ring's {people} people lived in activated counties, and "
            "{noncitizens} of its {all_noncitizens} noncitizens."
        ).format(
            date=day(summary.as_of),
            share=f"{share:.0%}",
            people=f"{summary.ring_population:,}",
            noncitizens=f"{summary.ring_noncitizen_share:.0%}",
            all_noncitizens=f"{summary.ring_noncitizens:,}",
        )
    )
    return " ".join(sentences)


COMPARISON_COLUMNS = {  # the all-sites table's headers: translate with _() where shown
    "site": N_("Site"),
    "level": N_("Level"),
    "site_activation": N_("Site activated"),
    "ring_size": N_("Ring counties"),
    "share_before_site": N_("Ring activated before site"),
    "noncitizens_before_site": N_("Ring's noncitizens covered before site"),
    "ring_first_activation": N_("First ring county"),
    "ring_closure": N_("Ring closed"),
    "lead_days": N_("Days ring closed before site"),
}


def comparison(table: pd.DataFrame) -> pd.DataFrame:
    """The all-sites table (geo.domain.rings.compare_sites) as shown: dates as YYYY-MM-DD, and
    words where the data shown has no date. A column with no gap stays numeric. The
    headers are COMPARISON_COLUMNS in the reader's language."""
    site = [Dates(None, None, r.site_undated, r.site_missing) for r in table.itertuples()]
    ring = [Dates(None, None, r.ring_undated, r.ring_missing) for r in table.itertuples()]
    gaps = [
        when(s, r.site_counties) or when(g, r.ring_size) or _(NO_RING)
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
                table["share_before_site"], "{:.0%}", [_(UNKNOWN_BEFORE)] * len(table)
            ),
            "noncitizens_before_site": _numbers_or_words(
                table["noncitizens_before_site"], "{:.0%}", [_(UNKNOWN_BEFORE)] * len(table)
            ),
            "ring_first_activation": [_iso(d) or _("none") for d in table["ring_first_activation"]],
            "ring_closure": [
                _iso(date) or when(g, n) or _(NO_RING)
                for date, g, n in zip(table["ring_closure"], ring, table["ring_size"], strict=True)
            ],
            "lead_days": _numbers_or_words(
                table["lead_days"],
                "{:.0f}",
                [_("unknown: {why}").format(why=gap) for gap in gaps],
            ),
        }
    )
    return shown.rename(columns={key: _(name) for key, name in COMPARISON_COLUMNS.items()})


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
