"""Every legend's classes stay apart for readers with a colour-vision deficiency: under
simulated protanopia, deuteranopia and tritanopia at full severity (and normal vision),
the smallest CAM02-UCS colour difference between two classes of a legend is at least 8."""

import datetime as dt
import itertools

import numpy as np
import pandas as pd
import pytest
from colorspacious import cspace_convert, deltaE

from geo.domain.ringtimeline import PHASES
from geo.view.compose import classes_of
from geo.view.selection import Selection
from geo.view.styles import by_share, by_status, by_value, by_wave

LEAST_DIFFERENCE = 8.0
VISIONS = {"normal": None, "protanopia": "protanomaly", "deuteranopia": "deuteranomaly"}
VISIONS["tritanopia"] = "tritanomaly"
AS_OF = dt.date(2011, 2, 17)


def seen(colour: str, deficiency: str | None) -> np.ndarray:
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    if deficiency is None:
        return rgb
    simulation = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
    return np.clip(cspace_convert(rgb, simulation, "sRGB1"), 0, 1)


def least_difference(colours, deficiency) -> tuple[float, str, str]:
    """The two colours of the legend that are closest as seen, and how far apart."""
    return min(
        (float(deltaE(seen(a, deficiency), seen(b, deficiency), input_space="sRGB1",
                      uniform_space="CAM02-UCS")), a, b)
        for a, b in itertools.combinations(colours, 2)
    )  # fmt: skip


def legends(dataset) -> dict[str, tuple[str, ...]]:
    """Every legend the app can show: the built-in views, and those of users' lists."""
    shown = {
        "status": classes_of(dataset, Selection(as_of=AS_OF, colour="status")),
        "year activated": classes_of(dataset, Selection(as_of=AS_OF, colour="wave")),
        "state share": classes_of(dataset, Selection(as_of=AS_OF, layer="state")),
        "noncitizen share": classes_of(dataset, Selection(as_of=AS_OF, colour="noncitizen_share")),
        "state noncitizens": classes_of(
            dataset, Selection(as_of=AS_OF, layer="state", measure="noncitizens")
        ),
        "site and ring": classes_of(dataset, Selection(as_of=AS_OF, site="51013")),
    }
    for years in range(1, 13):  # a list's years: one class per year up to six, then spans
        dates = pd.Series(pd.to_datetime([f"{2000 + y}-06-01" for y in range(years)]))
        shown[f"list over {years} years"] = by_wave(dates, dt.date(2030, 1, 1))
    for distinct in range(1, 12):  # a list's values: up to five quantile bands
        shown[f"list of {distinct} values"] = by_value(pd.Series(range(distinct), dtype=float))
    shown["status of a list"] = by_status(pd.Series(pd.to_datetime(["2010-01-01"])), AS_OF)
    shown["shares"] = by_share(pd.Series(np.linspace(0, 1, 11)))
    phases = tuple(colour for _label, colour in PHASES.values())  # the rings' time line
    return {name: classes.colours for name, classes in shown.items()} | {"ring phases": phases}


def test_every_legend_is_told_apart_with_any_colour_vision(dataset, report_line):
    failing = {}
    for name, colours in legends(dataset).items():
        least = {vision: least_difference(colours, cvd) for vision, cvd in VISIONS.items()}
        report_line(
            f"legend {name:20} least colour difference (CAM02-UCS): "
            + ", ".join(f"{vision} {d:4.1f}" for vision, (d, _, _) in least.items())
        )
        failing |= {(name, v): seen for v, seen in least.items() if seen[0] < LEAST_DIFFERENCE}
    assert not failing, failing


@pytest.mark.parametrize("deficiency", VISIONS.values())
def test_the_check_tells_close_colours_apart_from_distinct_ones(deficiency):
    assert least_difference(("#f2f2f2", "#fafafa"), deficiency)[0] < LEAST_DIFFERENCE
    assert least_difference(("#f2f2f2", "#2171b5"), deficiency)[0] > LEAST_DIFFERENCE
