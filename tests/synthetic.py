"""A tiny hand-made country for unit tests: three square counties in two states."""

import geopandas as gpd
import pandas as pd
from shapely import box

from geo.load import Dataset


def tiers(detail: list) -> dict:
    """Detail shapes, and national ones a little taller so the two tiers encode differently."""
    national = [box(*g.bounds[:3], g.bounds[3] + 0.1) for g in detail]
    return {"geometry": detail, "geometry_national": gpd.GeoSeries(national)}


def counties_frame(names=("Alpha", "Beta", "Gamma"), dates=None) -> gpd.GeoDataFrame:
    """Two counties of XX and one of YY, side by side along 37-38 N."""
    frame = {
        "fips": ["01001", "01003", "02001"],
        "name": list(names),
        "state": ["XX", "XX", "YY"],
        "state_fips": ["01", "01", "02"],
        "activation_date": pd.to_datetime(dates or ["2009-01-01", "2011-01-01", "2012-06-30"]),
        "population_2010": [1000, 25000, 1234567],
    }
    detail = [box(west, 37, west + 1, 38) for west in (-80, -79, -78)]
    return gpd.GeoDataFrame(frame | tiers(detail), geometry="geometry")


def states_frame() -> gpd.GeoDataFrame:
    frame = {"state": ["XX", "YY"], "state_fips": ["01", "02"], "name": ["Exland", "Whyland"]}
    detail = [box(-80, 37, -78, 38), box(-78, 37, -77, 38)]
    return gpd.GeoDataFrame(frame | tiers(detail), geometry="geometry")


def tiny(counties=None) -> Dataset:
    """Three counties in two states; one resistant site, Beta (01003), touching the other two."""
    return Dataset(
        counties=counties_frame() if counties is None else counties,
        states=states_frame(),
        adjacency=pd.DataFrame(
            {
                "fips": ["01001", "01003"],
                "neighbor_fips": ["01003", "02001"],
                "contact": ["border", "border"],
            }
        ),
        sites=pd.DataFrame(
            {"site_id": ["01003"], "name": ["Beta"], "level": ["county"], "state": ["XX"]}
        ),
        events=pd.DataFrame(columns=["site_id", "event_date", "event_type", "description"]),
        reconciliation=pd.DataFrame(),
        manifest={},
    )
