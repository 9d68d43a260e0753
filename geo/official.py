"""This data beside the counts ICE and the press published at the time.

ICE counted "jurisdictions": counties, but also cities, sheriffs' offices and state
agencies, several of which can share one county. This data counts counties. Each
published count is set beside this data's counties and states on the day it speaks of
(the last day of its month when only the month is known).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo.rollout import activated_by_date, summarize

WHY = {
    "counties": "Counted counties, as this data does; the sources date counties differently.",
    "jurisdictions": "ICE counted jurisdictions: counties, but also cities, sheriffs and "
    "state agencies, several of which can share one county.",
}
WHY_OTHER = "Counted {unit}, ICE's jurisdictions by another name: not the same as counties."


def compared_on(count_date: str) -> dt.date:
    """The day a count speaks of: its own, or the last day of its month."""
    if len(count_date) == 10:
        return dt.date.fromisoformat(count_date)
    month = pd.Period(count_date, freq="M")
    return month.end_time.date()


def said(row) -> str:
    """What was said, in a few words: 'about 1,049 jurisdictions in 39 states'."""
    words = f"{row.qualifier} {int(row.count):,} {row.unit}".strip()
    return words + (f" in {row.states} states" if row.states else "")


def beside_this_data(counties: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """One row per published count: its date, what was said and by whom, and this data's
    counties and states on the day it speaks of, the difference and why."""
    rows = []
    for row in counts.itertuples(index=False):
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
                "why": WHY.get(row.unit, WHY_OTHER.format(unit=row.unit)),
                "source_outlet": row.source_outlet,
                "source_url": row.source_url,
            }
        )
    return pd.DataFrame(rows).sort_values("compared_on", kind="stable", ignore_index=True)


def counties_over_time(counties: pd.DataFrame) -> pd.DataFrame:
    """Counties activated after each activation day: `date`, `counties`."""
    steps = activated_by_date(counties["activation_date"])
    return pd.DataFrame({"date": steps.index, "counties": steps.to_numpy()})
