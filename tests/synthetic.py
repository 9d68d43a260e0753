"""A tiny hand-made country for unit tests: three square counties in two states."""

import functools

import numpy as np
import pandas as pd
from shapely import box

from geo.build.sites import COUNT_COLUMNS
from geo.build.topology import map_shapes
from geo.domain.load import Dataset
from geo.domain.shapes import Shapes

FIPS = ("01001", "01003", "05001")


def lonlat_squares() -> np.ndarray:
    """The three counties, side by side along 37-38 N (NAD83), west to east."""
    return np.array([box(west, 37, west + 1, 38) for west in (-80, -79, -78)])


@functools.cache
def tiny_shapes() -> Shapes:
    return Shapes.from_stored(map_shapes(np.array(FIPS), lonlat_squares()))


def counties_frame(names=("Alpha", "Beta", "Gamma"), dates=None) -> pd.DataFrame:
    """Two counties of XX and one of YY."""
    return pd.DataFrame(
        {
            "fips": list(FIPS),
            "name": list(names),
            "state": ["XX", "XX", "YY"],
            "state_fips": ["01", "01", "05"],
            "activation_date": pd.to_datetime(dates or ["2009-01-01", "2011-01-01", "2012-06-30"]),
            "population_2010": [1000, 25000, 1234567],
            "noncitizens": [2000, 5000, 45000],
            "noncitizens_moe": [300, 400, 2500],
        }
    )


def tiny(counties=None) -> Dataset:
    """Three counties in two states; one resistant site, Beta (01003), touching the other two."""
    return Dataset(
        counties=counties_frame() if counties is None else counties,
        states=pd.DataFrame(
            {"state": ["XX", "YY"], "state_fips": ["01", "05"], "name": ["Exland", "Whyland"]}
        ),
        shapes=tiny_shapes(),
        adjacency=pd.DataFrame(
            {
                "fips": ["01001", "01003"],
                "neighbor_fips": ["01003", "05001"],
                "contact": ["border", "border"],
            }
        ),
        sites=pd.DataFrame(
            {"site_id": ["01003"], "name": ["Beta"], "level": ["county"], "state": ["XX"]}
        ),
        events=pd.DataFrame(columns=["site_id", "event_date", "event_type", "description"]),
        ice_counts=pd.DataFrame(columns=COUNT_COLUMNS),
        reconciliation=pd.DataFrame(),
        manifest={},
    )
