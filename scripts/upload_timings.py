"""Time the upload's workbook reading: python -m scripts.upload_timings.

Prints the median of several runs (this machine is shared: quote medians) of
geo.domain.upload.read_table on a 200,000-row workbook, which must be refused at the
row limit, written as Excel writes one (its size stated in the sheet) and as a
streaming writer does (no size stated), and on a workbook of the 3,143 counties,
which must be read. With `--before FILE` (an earlier geo/domain/upload.py, e.g. from
`git show 76d6093:geo/upload.py`), each run of it is interleaved with a run of
this one, so that the machine's load hits both alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import io
import statistics
import sys
import time
from collections.abc import Callable

import openpyxl

from geo.domain import upload
from geo.domain.load import load


def workbook(rows: list[list], *, sized: bool = True) -> bytes:
    """An .xlsx file of `rows` (the first the header); `sized`: the sheet states its size
    (as Excel writes it), else not (as openpyxl's write-only mode writes it)."""
    book = openpyxl.Workbook(write_only=not sized)
    sheet = book.active if sized else book.create_sheet("List")
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def timed(read: Callable, name: str, content: bytes) -> tuple[float, str]:
    """The seconds `read` (a read_table) takes on `content`, and how it ended."""
    start = time.perf_counter()
    try:
        table, _notes = read(name, content)
        outcome = f"read, {len(table):,} rows"
    except ValueError as error:  # an UploadError of either version
        outcome = f"refused: {error}"
    return time.perf_counter() - start, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", help="an earlier geo/domain/upload.py to time beside this one")
    args = parser.parse_args()
    versions = {"now": upload.read_table}
    if args.before:
        spec = importlib.util.spec_from_file_location("upload_before", args.before)
        before = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(before)
        versions = {"before": before.read_table, **versions}
    counties = load().counties
    day = dt.date(2010, 5, 3)
    every = workbook([["fips", "date", "status"], *([f, day, "yes"] for f in counties["fips"])])
    rows = [["fips", "date", "status"], *(["01001", day, "yes"] for _ in range(200_000))]
    for label, name, content in (
        ("200,000-row workbook, size stated", "huge.xlsx", workbook(rows)),
        ("200,000-row workbook, no size stated", "huge.xlsx", workbook(rows, sized=False)),
        (f"{len(counties):,}-row workbook", "counties.xlsx", every),
    ):
        times = {version: [] for version in versions}
        for _ in range(args.runs):
            for version, read in versions.items():
                seconds, outcome = timed(read, name, content)
                times[version].append(seconds)
        medians = {version: statistics.median(runs) for version, runs in times.items()}
        print(
            f"{label} ({len(content) / 1e6:.2f} MB), medians of {args.runs}: "
            + ", ".join(f"{version} {seconds:.3f} s" for version, seconds in medians.items())
            + f"; {outcome[:70]}"
        )


if __name__ == "__main__":
    main()
