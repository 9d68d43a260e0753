"""The data behind a view: its counties as CSV and GeoJSON, with date, filters, sources, link.

The metadata is written in the reader's language: its values, and in CSV the names of its
lines too. Column names, data values and GeoJSON's keys stay English, for scripts.
"""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd

from geo.common import UNDATED
from geo.domain.load import Dataset
from geo.domain.rings import SiteRing
from geo.domain.rollout import activated_on
from geo.domain.shapes import Shapes
from geo.i18n import N_, _
from geo.text import spreadsheet_safe
from geo.view.selection import Selection

GEOJSON_TIER = 2  # arcs within 128 m of the Census shapes: about 7.5 MB for every county
GEOJSON_DIGITS = 5  # decimal degrees, about a metre
# The CSV metadata lines' names, as a reader sees them (translated where written).
METADATA_NAMES = {
    "title": N_("title"),
    "as_of": N_("as_of"),
    "site": N_("site"),
    "ring_order": N_("ring_order"),
    "state": N_("state"),
    "data": N_("data"),
    "rows": N_("rows"),
    "sources": N_("sources"),
    "reproduce": N_("reproduce"),
}


def county_rows(
    counties: pd.DataFrame, as_of: dt.date, relation: dict[str, str] | None = None
) -> pd.DataFrame:
    """The counties of a view with their status on `as_of` (and relation to a site)."""
    table = pd.DataFrame(
        {
            "fips": counties["fips"],
            "county": counties["name"],
            "state": counties["state"],
            "activation_date": _iso_dates(counties["activation_date"]),
            "population_2010": counties["population_2010"],
            "noncitizens": counties["noncitizens"],  # ACS 2006-2010 estimate
            "noncitizens_moe": counties["noncitizens_moe"],  # its 90% margin of error
            "status_on_date": activated_on(counties, as_of).map(
                {True: "activated", False: "not yet activated"}
            ),
        }
    )
    if relation is not None:
        table.insert(8, "relation_to_site", table["fips"].map(relation))
    return table.sort_values("fips", ignore_index=True)


def metadata(
    title: str, as_of: dt.date, filters: dict[str, str], rows: int, sources: str, link: str
) -> dict[str, str]:
    """What a reader of an exported file needs to know and to reproduce it."""
    return {
        "title": title,
        "as_of": f"{as_of:%Y-%m-%d}",
        **filters,
        "rows": str(rows),
        "sources": sources,
        "reproduce": link,
    }


def to_csv(rows: pd.DataFrame, meta: dict[str, str], shapes: Shapes | None = None) -> str:
    """CSV with a header block of `# name: value` lines (the names in the reader's
    language); no cell can run as a formula."""
    header = "".join(
        f"# {_(METADATA_NAMES.get(key, key))}: {_one_line(value)}\n" for key, value in meta.items()
    )
    return header + spreadsheet_safe(rows).to_csv(index=False, lineterminator="\n")


def to_geojson(rows: pd.DataFrame, meta: dict[str, str], shapes: Shapes) -> str:
    """GeoJSON FeatureCollection of the counties (WGS84), its metadata in `metadata`.

    Rings wind as RFC 7946 asks: exteriors counterclockwise, holes clockwise."""
    polygons = shapes.county_polygons(shapes.counties.rows(rows["fips"]), GEOJSON_TIER, True)
    features = [
        {
            "type": "Feature",
            "properties": {k: _plain(v) for k, v in row.items()},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [
                    [
                        _wound(np.round(ring, GEOJSON_DIGITS), hole).tolist()
                        for hole, ring in enumerate(polygon)
                    ]
                    for polygon in county
                ],
            },
        }
        for row, county in zip(rows.to_dict("records"), polygons, strict=True)
    ]
    return json.dumps(
        {"type": "FeatureCollection", "metadata": meta, "features": features},
        ensure_ascii=False,
    )


def _wound(ring: np.ndarray, hole: int) -> np.ndarray:
    """A closed ring counterclockwise, or clockwise if it is a hole (any ring after the first)."""
    x, y = ring[:-1, 0], ring[:-1, 1]
    counterclockwise = np.dot(x, np.roll(y, -1)) > np.dot(np.roll(x, -1), y)
    return ring if counterclockwise != bool(hole) else ring[::-1]


def _plain(value):
    """A cell as JSON has it: numbers as numbers, missing as null."""
    if isinstance(value, np.generic):
        value = value.item()
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else value


def _one_line(value: str) -> str:
    return " ".join(str(value).split())


def rows_and_filters(data: Dataset, selection: Selection) -> tuple[pd.DataFrame, dict[str, str]]:
    """The counties a view shows, with their status on its date, and its filters in words."""
    counties, filters, relation = data.counties, {}, None
    if selection.site:
        site = SiteRing.of(
            data.counties, data.adjacency, data.sites, selection.site, selection.ring
        )
        shown = site.members | set(site.ring_order)
        counties = counties[counties["fips"].isin(shown)]
        relation = {fips: site.relation(fips) for fips in shown}
        filters = {"site": f"{site.name} ({site.site_id})", "ring_order": str(selection.ring)}
    elif selection.state:
        counties = counties[counties["state"] == selection.state]
        filters = {"state": selection.state}
    if data.label:
        filters["data"] = _("the user's upload {label}, not checked by this project").format(
            label=data.label
        )
    return county_rows(counties, selection.as_of, relation), filters


def _iso_dates(dates: pd.Series) -> pd.Series:
    """YYYY-MM-DD, or empty where the county has no date (a user's list)."""
    stamps = pd.to_datetime(dates)
    return stamps.dt.strftime("%Y-%m-%d").where(stamps > UNDATED, "")
