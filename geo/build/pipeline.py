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

from geo.build import covariates, crosswalk, sites, topology
from geo.build.adjacency import queen_adjacency
from geo.build.coverage import clean_coverage
from geo.build.sources import RAW_DIR, InputError, Source, sources
from geo.common import PROCESSED_DIR
from geo.domain import ringmodel
from geo.domain.rollout import state_table
from geo.i18n.completeness import all_missing

OUT_OF_SCOPE_STATES = {"72": "Puerto Rico is outside the 50 states and DC covered here"}


class BuildError(RuntimeError):
    """The build could not complete; data/processed is left as it was."""


def build_tables(inputs: dict[str, Source]) -> dict[str, pd.DataFrame | dict]:
    """Read every input and return the processed tables, keyed by file name.

    The curated tables are checked first: a typo in them fails in seconds, not after
    the geometry work.
    """
    shapes = county_shapes(inputs)
    site_table = sites.validate_sites(inputs["sites"].read(), shapes)
    event_table = sites.validate_events(inputs["events"].read(), site_table)
    start_table = sites.validate_starts(inputs["starts"].read(), site_table)
    count_table = sites.validate_counts(inputs["ice_counts"].read())
    panel = crosswalk.county_activation_dates(inputs["activation"].read())
    census = inputs["population"].read()
    dates, date_report = crosswalk.reconcile_activation(pd.Index(shapes["fips"]), panel)
    pops, pop_report = crosswalk.reconcile_population(
        pd.Index(shapes["fips"]),
        crosswalk.county_populations(census),
        crosswalk.state_populations(census),
    )
    noncitizens = crosswalk.county_noncitizens(
        inputs["noncitizens"].read(), pd.Index(shapes["fips"])
    )
    counties = shapes.assign(
        activation_date=dates.dt.date.to_numpy(),
        population_2010=pops.to_numpy(),
        noncitizens=noncitizens["noncitizens"].to_numpy(),
        noncitizens_moe=noncitizens["noncitizens_moe"].to_numpy(),
        mexico_border_km=covariates.border_km(
            shapes, covariates.mexico_border(inputs["state_shapes"].read())
        ),
    )
    missing = counties[counties["activation_date"].isna() | counties["population_2010"].isna()]
    if len(missing):
        raise BuildError(f"Counties without a date or population: {list(missing['fips'])}")

    coverage = clean_coverage(counties.geometry.to_numpy())
    adjacency = queen_adjacency(counties["fips"], coverage)
    map_shapes = topology.map_shapes(counties["fips"].to_numpy(), coverage)
    return {
        "counties.parquet": pd.DataFrame(
            counties[
                [
                    "fips",
                    "name",
                    "state",
                    "state_fips",
                    "activation_date",
                    "population_2010",
                    "noncitizens",
                    "noncitizens_moe",
                    "land_area_sqmi",
                    "mexico_border_km",
                ]
            ]
        ),
        "states.parquet": _states(counties, inputs),
        "adjacency.csv": adjacency,
        "resistant_sites.csv": site_table,
        "resistance_events.csv": event_table,
        "resistance_starts.csv": start_table,
        "ice_counts.csv": count_table,
        "shapes.json": map_shapes,
        "reconciliation.csv": pd.concat(
            [date_report, pop_report, _out_of_scope(inputs)], ignore_index=True
        ),
    }


def county_shapes(inputs: dict[str, Source]) -> gpd.GeoDataFrame:
    """2010 counties of the 50 states and DC in EPSG:4326, with names, USPS codes and land
    area (square miles, the Census file's CENSUSAREA)."""
    raw = inputs["county_shapes"].read()
    usps = inputs["state_shapes"].read().set_index("STATEFP")["STUSPS"]
    raw = raw[~raw["STATE"].isin(OUT_OF_SCOPE_STATES)]
    counties = gpd.GeoDataFrame(
        {
            "fips": raw["STATE"] + raw["COUNTY"],
            "name": _county_names(raw),
            "state": raw["STATE"].map(usps),
            "state_fips": raw["STATE"],
            "land_area_sqmi": raw["CENSUSAREA"],
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


def _states(counties: pd.DataFrame, inputs: dict[str, Source]) -> pd.DataFrame:
    """Per state: its name and counties, population and first and last activation."""
    names = inputs["state_shapes"].read().set_index("STATEFP")["NAME"]
    table = state_table(counties)
    table.insert(2, "name", table["state_fips"].map(names))
    return table


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
    """Write every table, the ring model fitted to them, and a manifest of input and output
    checksums into `out`."""
    out.mkdir(parents=True)
    for name, table in tables.items():
        if name.endswith(".parquet"):
            table.to_parquet(out / name, index=False, compression="zstd")
        elif name.endswith(".json"):
            (out / name).write_text(json.dumps(table, separators=(",", ":")) + "\n")
        else:
            table.to_csv(out / name, index=False, lineterminator="\n")
    seconds = ringmodel.write(out)
    print(f"Ring model: {ringmodel.DRAWS} bootstrap draws in {seconds:.0f} s")
    tables = {**tables, ringmodel.RESULTS: json.loads((out / ringmodel.RESULTS).read_text())}
    manifest = {
        "command": "python -m geo.build",
        "inputs": {key: src.checksums() for key, src in inputs.items()},
        "parameters": {
            "arc_tolerances_m": list(topology.TIERS),
            "arc_unit_m": topology.UNIT,
            "noncitizen_acs_year": crosswalk.NONCITIZEN_YEAR,
            "shapely": shapely.__version__,
            "geos": shapely.geos_version_string,
        },
        "outputs": {
            name: {"rows": _rows(table), "sha256": _sha256(out / name)}
            for name, table in tables.items()
        },
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")


def _rows(table) -> int:
    """Rows of a table; areas (counties) of the map shapes or counties in the ring model."""
    if isinstance(table, dict):
        counties = table["counties"]
        return counties if isinstance(counties, int) else len(counties["fips"])
    return len(table)


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
    untranslated = all_missing()
    if untranslated:  # a message the page would show in English to a Spanish reader
        for lang, problems in untranslated.items():
            print(f"Build failed: locale/{lang} lacks {len(problems)} messages:", file=sys.stderr)
            print("\n".join(problems), file=sys.stderr)
        return 1
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
