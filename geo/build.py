"""Rebuild data/processed from the raw sources: python -m geo.build.

Deterministic (same inputs, same bytes) and atomic: everything is written to a
temporary folder first, which replaces data/processed only when complete.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo import crosswalk, sites
from geo.adjacency import queen_adjacency
from geo.common import PROCESSED_DIR
from geo.display import clean_coverage, simplify_coverage
from geo.rollout import state_table
from geo.sources import RAW_DIR, InputError, Source, sources

OUT_OF_SCOPE_STATES = {"72": "Puerto Rico is outside the 50 states and DC covered here"}
# Visvalingam tolerances (degrees, ~ square root of the removed triangle's area).
DETAIL_TOLERANCE = 0.01  # state and site views: invisible at state zoom
NATIONAL_TOLERANCE = 0.07  # national view: under one pixel at national zoom
DECIMALS = 4  # about 11 m


class BuildError(RuntimeError):
    """The build could not complete; data/processed is left as it was."""


def build_tables(inputs: dict[str, Source]) -> dict[str, pd.DataFrame]:
    """Read every input and return the processed tables, keyed by file name.

    The curated tables are checked first: a typo in them fails in seconds, not after
    the geometry work.
    """
    shapes = county_shapes(inputs)
    site_table = sites.validate_sites(inputs["sites"].read(), shapes)
    event_table = sites.validate_events(inputs["events"].read(), site_table)
    panel = crosswalk.county_activation_dates(inputs["activation"].read())
    census = inputs["population"].read()
    dates, date_report = crosswalk.reconcile_activation(pd.Index(shapes["fips"]), panel)
    pops, pop_report = crosswalk.reconcile_population(
        pd.Index(shapes["fips"]),
        crosswalk.county_populations(census),
        crosswalk.state_populations(census),
    )
    counties = shapes.assign(
        activation_date=dates.dt.date.to_numpy(), population_2010=pops.to_numpy()
    )
    missing = counties[counties["activation_date"].isna() | counties["population_2010"].isna()]
    if len(missing):
        raise BuildError(f"Counties without a date or population: {list(missing['fips'])}")

    coverage = clean_coverage(counties.geometry.to_numpy())
    adjacency = queen_adjacency(counties["fips"], coverage)
    detail = simplify_coverage(coverage, DETAIL_TOLERANCE, DECIMALS)
    national = simplify_coverage(coverage, NATIONAL_TOLERANCE, DECIMALS)
    counties = counties.set_geometry(detail).assign(
        geometry_national=gpd.GeoSeries(national, crs=counties.crs)
    )
    return {
        "counties.parquet": counties[
            [
                "fips",
                "name",
                "state",
                "state_fips",
                "activation_date",
                "population_2010",
                "geometry",
                "geometry_national",
            ]
        ],
        "states.parquet": _states(counties, inputs),
        "adjacency.csv": adjacency,
        "resistant_sites.csv": site_table,
        "resistance_events.csv": event_table,
        "reconciliation.csv": pd.concat(
            [date_report, pop_report, _out_of_scope(inputs)], ignore_index=True
        ),
    }


def county_shapes(inputs: dict[str, Source]) -> gpd.GeoDataFrame:
    """2010 counties of the 50 states and DC in EPSG:4326, with names and USPS codes."""
    raw = inputs["county_shapes"].read()
    usps = inputs["state_shapes"].read().set_index("STATEFP")["STUSPS"]
    raw = raw[~raw["STATE"].isin(OUT_OF_SCOPE_STATES)]
    counties = gpd.GeoDataFrame(
        {
            "fips": raw["STATE"] + raw["COUNTY"],
            "name": _county_names(raw),
            "state": raw["STATE"].map(usps),
            "state_fips": raw["STATE"],
        },
        geometry=raw.geometry,
    )
    return counties.to_crs("EPSG:4326").sort_values("fips", ignore_index=True)


LSAD_NAMES = {
    "County": "County",
    "Parish": "Parish",
    "Borough": "Borough",
    "city": "city",
    "CA": "Census Area",
    "Cty&Bor": "City and Borough",
    "Muny": "Municipality",
}


def _county_names(raw: gpd.GeoDataFrame) -> pd.Series:
    """Full names as the Census writes them: 'Arlington County', 'Bedford city'."""
    suffix = raw["LSAD"].map(LSAD_NAMES).fillna("")
    return (raw["NAME"] + " " + suffix).str.strip()


def _states(counties: gpd.GeoDataFrame, inputs: dict[str, Source]) -> gpd.GeoDataFrame:
    """State table with state shapes dissolved from the county coverage."""
    names = inputs["state_shapes"].read().set_index("STATEFP")["NAME"]
    table = state_table(counties)
    table.insert(2, "name", table["state_fips"].map(names))
    groups = counties.groupby("state_fips", sort=True)
    dissolve = {
        column: [shapely.coverage_union_all(g[column].to_numpy()) for _, g in groups]
        for column in ("geometry", "geometry_national")
    }
    return gpd.GeoDataFrame(
        table.assign(geometry_national=gpd.GeoSeries(dissolve["geometry_national"])),
        geometry=gpd.GeoSeries(dissolve["geometry"]),
        crs=counties.crs,
    ).set_crs(counties.crs, allow_override=True)


def _out_of_scope(inputs: dict[str, Source]) -> pd.DataFrame:
    raw = inputs["county_shapes"].read()
    raw = raw[raw["STATE"].isin(OUT_OF_SCOPE_STATES)].sort_values(["STATE", "COUNTY"])
    return pd.DataFrame(
        {
            "source": "county_shapes",
            "source_fips": (raw["STATE"] + raw["COUNTY"]).to_numpy(),
            "target_fips": "",
            "action": "out_of_scope",
            "reason": raw["STATE"].map(OUT_OF_SCOPE_STATES).to_numpy(),
        }
    )


def write_tables(tables: dict[str, pd.DataFrame], inputs: dict[str, Source], out: Path) -> None:
    """Write every table and a manifest of input and output checksums into `out`."""
    out.mkdir(parents=True)
    for name, table in tables.items():
        if name.endswith(".parquet"):
            table.to_parquet(out / name, index=False, compression="zstd", write_covering_bbox=False)
        else:
            table.to_csv(out / name, index=False, lineterminator="\n")
    manifest = {
        "command": "python -m geo.build",
        "inputs": {key: src.checksums() for key, src in inputs.items()},
        "parameters": {
            "detail_tolerance_deg": DETAIL_TOLERANCE,
            "national_tolerance_deg": NATIONAL_TOLERANCE,
            "decimals": DECIMALS,
            "shapely": shapely.__version__,
            "geos": shapely.geos_version_string,
        },
        "outputs": {
            name: {"rows": len(table), "sha256": _sha256(out / name)}
            for name, table in tables.items()
        },
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(target: Path = PROCESSED_DIR, **source_dirs: Path) -> dict:
    """Build everything into `target`, replacing it only once the new files are complete.

    `source_dirs` (raw_dir, shape_dir, curated_dir) override where inputs are read.
    """
    inputs = sources(**source_dirs)
    for source in inputs.values():
        source.require()
    tables = build_tables(inputs)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix="processed.tmp-") as tmp:
        staged = Path(tmp) / "new"
        write_tables(tables, inputs, staged)
        old = Path(tmp) / "old"
        if target.exists():
            target.rename(old)
        staged.rename(target)
    return json.loads((target / "manifest.json").read_text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PROCESSED_DIR, help="output folder")
    parser.add_argument("--raw", type=Path, default=RAW_DIR, help="raw data folder")
    args = parser.parse_args(argv)
    try:
        manifest = build(args.out, raw_dir=args.raw)
    except (InputError, BuildError, ValueError) as exc:
        print(f"Build failed, {args.out} left unchanged:\n{exc}", file=sys.stderr)
        return 1
    for name, entry in manifest["outputs"].items():
        print(f"{name:24} {entry['rows']:>6} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
