"""Benchmark the data layer against naive baselines: python -m scripts.benchmark.

Prints medians of several fresh-process runs (these machines are shared and noisy,
so the ratio to the baseline measured in the same run is the figure to quote).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

LOAD = "from geo.load import load; load()"
BASELINE_LOAD = (
    "from geo.build import county_shapes; from geo.sources import sources; "
    "s = sources(); county_shapes(s); s['activation'].read(); s['population'].read()"
)
IMPORTS = "import geopandas, pandas, pyarrow"


def fresh_process_seconds(code: str, runs: int) -> float:
    """Median wall time of `python -c code` in a new interpreter."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def layer_bytes() -> tuple[int, int]:
    """National county layer as shipped, and the raw unsimplified 2010 shapes, as GeoJSON."""
    from geo.build import county_shapes
    from geo.load import load
    from geo.sources import sources

    national = load().counties[["fips", "geometry_national"]].set_geometry("geometry_national")
    raw = county_shapes(sources())[["fips", "geometry"]]
    return (
        len(national.to_json(drop_id=True, separators=(",", ":")).encode()),
        len(raw.to_json(drop_id=True, separators=(",", ":")).encode()),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    imports = fresh_process_seconds(IMPORTS, args.runs)
    ours = fresh_process_seconds(LOAD, args.runs)
    naive = fresh_process_seconds(BASELINE_LOAD, args.runs)
    shipped, raw = layer_bytes()
    print(f"fresh-process medians of {args.runs} runs")
    print(f"  python + imports only           {imports:6.2f} s")
    print(
        f"  load all processed data         {ours:6.2f} s  ({ours - imports:.2f} s beyond imports)"
    )
    print(f"  baseline: read raw sources      {naive:6.2f} s  (x{naive / ours:.1f} slower)")
    print("national county layer as GeoJSON")
    print(f"  shipped display geometry        {shipped / 1e6:6.2f} MB")
    print(f"  baseline: raw 2010 shapes       {raw / 1e6:6.2f} MB  (x{raw / shipped:.0f} larger)")


if __name__ == "__main__":
    main()
