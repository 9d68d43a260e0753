"""This data beside the counts ICE and the press published at the time.

ICE counted "jurisdictions": counties, but also cities, sheriffs' offices and state
agencies, several of which can share one county. This data counts counties. Each
published count is set beside this data's counties and states on the day it speaks of
(the last day of its month when only the month is known). What was said and why it
differs are in the reader's language (geo.i18n); so is who said it (`context`), curated in
both (`context_es` in Spanish).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo.domain.rollout import activated_by_date, summarize
from geo.i18n import N_, _, curated

WHY = {  # why a count differs from this data, by its unit; translated with _() where shown
    "counties": N_("Counted counties, as this data does; the sources date counties differently."),
    "jurisdictions": N_(
        "ICE counted jurisdictions: counties, but also cities, sheriffs and "
        "state agencies, several of which can share one county."
    ),
}
WHY_OTHER = N_("Counted {unit}, ICE's jurisdictions by another name: not the same as counties.")
SAID = {  # what was said, by its qualifier (geo.build.sites.QUALIFIERS)
    "": N_("{count} {unit}"),
    "about": N_("about {count} {unit}"),
    "more than": N_("more than {count} {unit}"),
    "nearly": N_("nearly {count} {unit}"),
    "almost": N_("almost {count} {unit}"),
}
UNITS = {  # the units the published counts used, in the reader's language
    "jurisdictions": N_("jurisdictions"),
    "counties": N_("counties"),
    "localities": N_("localities"),
    "locations": N_("locations"),
    "state and local partners": N_("state and local partners"),
}


def compared_on(count_date: str) -> dt.date:
    """The day a count speaks of: its own, or the last day of its month."""
    if len(count_date) == 10:
        return dt.date.fromisoformat(count_date)
    month = pd.Period(count_date, freq="M")
    return month.end_time.date()


def said(row) -> str:
    """What was said, in a few words: 'about 1,049 jurisdictions in 39 states'."""
    count, unit = f"{int(row.count):,}", unit_words(row.unit)
    if row.qualifier in SAID:
        words = _(SAID[row.qualifier]).format(count=count, unit=unit)
    else:
        words = f"{row.qualifier} {count} {unit}".strip()
    if not row.states:
        return words
    return _("{said} in {states} states").format(said=words, states=row.states)


def unit_words(unit: str) -> str:
    """A published count's unit in the reader's language (as written if not a known one)."""
    return _(UNITS[unit]) if unit in UNITS else unit


def why(unit: str) -> str:
    """Why a count in `unit` differs from this data's counties."""
    if unit in WHY:
        return _(WHY[unit])
    return _(WHY_OTHER).format(unit=unit_words(unit))


def beside_this_data(counties: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """One row per published count: its date, what was said and by whom, and this data's
    counties and states on the day it speaks of, the difference and why; each `context` in
    the reader's language (the curated `context_es` in Spanish)."""
    rows = []
    for row in curated(counts, "context").itertuples(index=False):
        on = compared_on(row.count_date)
        summary = summarize(counties, on)
        rows.append(
            {
                "date": row.count_date,
                "compared_on": on,
                "said": said(row),
                "context": row.context,
                "count": int(row.count),
                "counties": summary.counties_activated,
                "states_said": int(row.states) if row.states else None,
                "states": summary.states_participating,
                "difference": summary.counties_activated - int(row.count),
                "why": why(row.unit),
                "source_outlet": row.source_outlet,
                "source_url": row.source_url,
            }
        )
    return pd.DataFrame(rows).sort_values("compared_on", kind="stable", ignore_index=True)


def counties_over_time(counties: pd.DataFrame) -> pd.DataFrame:
    """Counties activated after each activation day: `date`, `counties`."""
    steps = activated_by_date(counties["activation_date"])
    return pd.DataFrame({"date": steps.index, "counties": steps.to_numpy()})
