"""Colour classes for the map: status, rollout wave, state share, noncitizen share. Pure
pandas, no folium.

One palette family (ColorBrewer Blues), ordered by lightness, so every scheme is
colour-blind safe and stays readable printed in grey-scale.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.i18n import N_, _

NOT_YET = "#f2f2f2"
ACTIVATED = "#2171b5"
WAVE_COLOURS = ["#08306b", "#08519c", "#2171b5", "#4292c6", "#6baed6", "#9ecae1"]
WAVE_YEARS = [2008, 2009, 2010, 2011, 2012, 2013]
SHARE_COLOURS = [NOT_YET, "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b"]
# The legend of state shares; marked here, translated where shown (by_share).
SHARE_LABELS = [
    N_("None"),
    N_("Up to 25%"),
    N_("25% to 50%"),
    N_("50% to 75%"),
    N_("75% to 99.9%"),
    N_("All"),
]

# Each county's noncitizens as a share of its people (context, not the rollout): the lower
# edges of the bands and their legend, in the state shares' blues.
NONCITIZEN_EDGES = [0.01, 0.025, 0.05, 0.10, 0.20]
NONCITIZEN_LABELS = [
    N_("Under 1%"),
    N_("1% to 2.5%"),
    N_("2.5% to 5%"),
    N_("5% to 10%"),
    N_("10% to 20%"),
    N_("20% or more"),
]


@dataclass(frozen=True)
class Classes:
    """A class index per area, with the colour and legend label of each class (read-only)."""

    index: np.ndarray
    colours: tuple[str, ...]
    labels: tuple[str, ...]

    def __post_init__(self):
        index = np.array(self.index, dtype=int)  # a copy of its own, which nobody can change
        index.setflags(write=False)
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "colours", tuple(self.colours))
        object.__setattr__(self, "labels", tuple(self.labels))


def by_status(dates: pd.Series, as_of: dt.date) -> Classes:
    """Activated on `as_of` or not yet."""
    active = (pd.to_datetime(dates) <= pd.Timestamp(as_of)).to_numpy()
    return Classes(
        active.astype(int), [NOT_YET, ACTIVATED], [_("Not yet activated"), _("Activated")]
    )


def colouring(colour: str, *, values: bool, dated: bool) -> str:
    """What counties are coloured by when `colour` is asked for: values only for a list
    with values, the year only for data with dates (a list without dates: by its values
    if it has them, else by whether it lists each county)."""
    if colour == "wave" and not dated:
        return "value" if values else "status"
    return "status" if colour == "value" and not values else colour


def by_listing(dates: pd.Series) -> Classes:
    """A list without dates: the counties it lists ("yes"), and the others."""
    listed = pd.to_datetime(dates).notna().to_numpy()
    return Classes(
        listed.astype(int),
        [NOT_YET, ACTIVATED],
        [_("Not in your list, or marked no"), _("In your list")],
    )


def by_wave(dates: pd.Series, as_of: dt.date) -> Classes:
    """The year each county was activated; counties not yet activated on `as_of` apart.

    The built-in rollout has its own labels (Oct-Dec 2008 ... Jan 2013); another list
    gets one class per year it spans, or, over more than six years, six spans of
    equal length at most, in the same blues, dark for early.
    """
    stamps = pd.to_datetime(dates)
    year = stamps.dt.year
    years = sorted(int(y) for y in year.dropna().unique()) or WAVE_YEARS
    if set(years) <= set(WAVE_YEARS):
        starts, colours = WAVE_YEARS, WAVE_COLOURS
        labels = [_("Oct-Dec 2008"), "2009", "2010", "2011", "2012", _("Jan 2013")]
    else:
        first, last = years[0], years[-1]
        width = -(-(last - first + 1) // len(WAVE_YEARS))  # years per class, rounded up
        starts = list(range(first, last + 1, width))
        ends = [min(start + width - 1, last) for start in starts]
        labels = [str(a) if a == b else f"{a}-{b}" for a, b in zip(starts, ends, strict=True)]
        colours = _blues(len(starts))
    index = np.searchsorted(starts, year.fillna(starts[0]).to_numpy(), side="right")
    index[~(stamps <= pd.Timestamp(as_of)).to_numpy()] = 0
    return Classes(index, [NOT_YET, *colours], [_("Not yet activated"), *labels])


def _blues(count: int) -> list[str]:
    """`count` colours from the darkest to the lightest wave blue."""
    dark, light = np.array([0x08, 0x30, 0x6B]), np.array([0x9E, 0xCA, 0xE1])
    steps = np.linspace(0, 1, count) if count > 1 else np.zeros(1)
    rows = np.round(dark + (light - dark) * steps[:, None]).astype(int)
    return ["#" + "".join(f"{value:02x}" for value in row) for row in rows]


def by_value(values: pd.Series, bands: int = 5) -> Classes:
    """Quantile bands of a user's numeric column; counties without a value apart."""
    numbers = pd.to_numeric(values, errors="coerce")
    present = numbers.dropna()
    edges = sorted(set(present.quantile(np.linspace(0, 1, bands + 1)).tolist())) or [0.0]
    if len(edges) == 1:
        edges = [edges[0], edges[0]]
    index = np.zeros(len(numbers), dtype=int)
    has = numbers.notna().to_numpy()
    index[has] = np.clip(np.searchsorted(edges, numbers[has], side="right"), 1, len(edges) - 1)
    labels = [
        _("{low} to {high}").format(low=f"{low:,.4g}", high=f"{high:,.4g}")
        for low, high in itertools.pairwise(edges)
    ]
    return Classes(index, [NOT_YET, *_blues(len(labels))[::-1]], [_("No value"), *labels])


def by_share(shares: pd.Series) -> Classes:
    """None, four quarter bands, all."""
    values = shares.to_numpy(dtype=float)
    index = np.where(
        values <= 0, 0, np.where(values >= 1, 5, np.ceil(values * 4).clip(1, 4).astype(int))
    )
    return Classes(index.astype(int), SHARE_COLOURS, [_(label) for label in SHARE_LABELS])


def by_noncitizen_share(noncitizens: pd.Series, population: pd.Series) -> Classes:
    """Each county's noncitizens as a share of its population, in six bands."""
    shares = (noncitizens / population).to_numpy(dtype=float)
    index = np.searchsorted(NONCITIZEN_EDGES, shares, side="right")
    return Classes(index, SHARE_COLOURS, [_(label) for label in NONCITIZEN_LABELS])
