"""Where the raw inputs live, and how they are read and fingerprinted."""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.common import PROJECT_ROOT

RAW_DIR = PROJECT_ROOT.parent / "shared" / "data" / "raw"
CURATED_DIR = PROJECT_ROOT / "data" / "curated"
SHAPE_PACKAGE = "_plotly_geo"  # installed by the PyPI distribution plotly-geo
SHAPES_CRS = "EPSG:4269"  # the Census files ship without .prj; they are NAD83


class InputError(RuntimeError):
    """A raw input is missing or unreadable; the message says what to do."""


@dataclass(frozen=True)
class Source:
    """One input file: its path, how to read it, and what to do if it is missing."""

    path: Path
    reader: Callable[[Path], pd.DataFrame]
    remedy: str

    def require(self) -> Path:
        if not self.path.is_file():
            raise InputError(f"Input file not found: {self.path}\n{self.remedy}")
        return self.path

    def read(self) -> pd.DataFrame:
        """Read the file; any parse failure becomes an InputError naming it."""
        path = self.require()
        try:
            return self.reader(path)
        except Exception as exc:
            raise InputError(
                f"Could not read {path} ({type(exc).__name__}: {exc}).\n{self.remedy}"
            ) from exc

    def checksums(self) -> dict[str, str]:
        """sha256 of the file and, for a shapefile, of its .shx and .dbf companions."""
        self.require()
        suffixes = [".shp", ".shx", ".dbf"] if self.path.suffix == ".shp" else [self.path.suffix]
        paths = [self.path.with_suffix(suffix) for suffix in suffixes]
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def _shape_dir() -> Path:
    spec = importlib.util.find_spec(SHAPE_PACKAGE)
    if spec is None or spec.origin is None:
        return Path("<plotly-geo not installed>")
    return Path(spec.origin).parent / "package_data"


def sources(
    raw_dir: Path = RAW_DIR, shape_dir: Path | None = None, curated_dir: Path = CURATED_DIR
) -> dict[str, Source]:
    """Every input of the build, keyed by role."""
    shape_dir = shape_dir or _shape_dir()
    shared = (
        f"It belongs to the shared data folder ({raw_dir}); "
        "check that ../shared sits beside the project and is complete."
    )
    shapes = "Install the shape package: pip install -r requirements-dev.txt (plotly-geo)."
    curated = "It is part of the project: restore it with git checkout data/curated."
    vn = raw_dir / "vargasnunez_pnas"
    return {
        "activation": Source(vn / "securecommunities.dta", read_activation, shared),
        "population": Source(vn / "census_pop_county_2010_2019.csv", read_population, shared),
        "noncitizens": Source(vn / "non_citizen_pop.csv", read_noncitizens, shared),
        "county_shapes": Source(shape_dir / "gz_2010_us_050_00_500k.shp", read_shapes, shapes),
        "state_shapes": Source(shape_dir / "cb_2016_us_state_500k.shp", read_shapes, shapes),
        "sites": Source(curated_dir / "resistant_sites.csv", read_curated, curated),
        "events": Source(curated_dir / "resistance_events.csv", read_curated, curated),
        "starts": Source(curated_dir / "resistance_starts.csv", read_curated, curated),
        "ice_counts": Source(curated_dir / "ice_counts.csv", read_curated, curated),
    }


def read_activation(path: Path) -> pd.DataFrame:
    """County-year panel of activation dates (Stata)."""
    return pd.read_stata(path, convert_categoricals=False)


def read_population(path: Path) -> pd.DataFrame:
    """Census county population estimates (Latin-1 CSV), all columns as text."""
    cols = ["SUMLEV", "STATE", "COUNTY", "STNAME", "CTYNAME", "CENSUS2010POP"]
    return pd.read_csv(path, encoding="latin-1", dtype=str, usecols=cols)


def read_noncitizens(path: Path) -> pd.DataFrame:
    """ACS noncitizen population per county and year, with its margin of error."""
    return pd.read_csv(path, dtype={"fips": str}, usecols=["year", "fips", "noncit_pop", "moe"])


def read_shapes(path: Path) -> gpd.GeoDataFrame:
    """A Census cartographic boundary shapefile, tagged NAD83."""
    return gpd.read_file(path).set_crs(SHAPES_CRS, allow_override=True)


def read_curated(path: Path) -> pd.DataFrame:
    """A hand-curated CSV of the project, every column as text."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
