"""Exact data behind a view: CSV and GeoJSON with the as-of date, filters, sources and link."""

from __future__ import annotations

import datetime as dt
import json

import geopandas as gpd
import pandas as pd

from geo.rollout import activated_on
from geo.text import spreadsheet_safe


def view_rows(
    counties: gpd.GeoDataFrame, as_of: dt.date, relation: dict[str, str] | None = None
) -> gpd.GeoDataFrame:
    """The counties of a view with their status on `as_of` (and relation to a site)."""
    table = gpd.GeoDataFrame(
        {
            "fips": counties["fips"],
            "county": counties["name"],
            "state": counties["state"],
            "activation_date": pd.to_datetime(counties["activation_date"]).dt.strftime("%Y-%m-%d"),
            "population_2010": counties["population_2010"],
            "status_on_date": activated_on(counties, as_of).map(
                {True: "activated", False: "not yet activated"}
            ),
        },
        geometry=counties.geometry,
        crs=counties.crs,
    )
    if relation is not None:
        table.insert(6, "relation_to_site", table["fips"].map(relation))
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


def to_csv(rows: gpd.GeoDataFrame, meta: dict[str, str]) -> str:
    """CSV with a header block of `# key: value` lines; no cell can run as a formula."""
    header = "".join(f"# {key}: {_one_line(value)}\n" for key, value in meta.items())
    table = spreadsheet_safe(pd.DataFrame(rows.drop(columns="geometry")))
    return header + table.to_csv(index=False, lineterminator="\n")


def to_geojson(rows: gpd.GeoDataFrame, meta: dict[str, str]) -> str:
    """GeoJSON FeatureCollection of the view, its metadata in a `metadata` member."""
    collection = json.loads(rows.to_crs("EPSG:4326").to_json(drop_id=True))
    return json.dumps(
        {"type": "FeatureCollection", "metadata": meta, **collection}, ensure_ascii=False
    )


def _one_line(value: str) -> str:
    return " ".join(str(value).split())
