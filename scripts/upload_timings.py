"""Time the upload's workbook reading: python -m scripts.upload_timings.

Prints the median of several runs (this machine is shared: quote medians) of
geo.upload.read_table on a 200,000-row workbook, which must be refused at the
row limit, written as Excel writes one (its size stated in the sheet) and as a
streaming writer does (no size stated), and on a workbook of the 3,143 counties,
which must be read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import time

import openpyxl

from geo.load import load
from geo.upload import UploadError, read_table


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


def timed(name: str, content: bytes, runs: int) -> tuple[float, str]:
    """The median seconds read_table takes on `content`, and how it ended."""
    times, outcome = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        try:
            table, _notes = read_table(name, content)
            outcome = f"read, {len(table):,} rows"
        except UploadError as error:
            outcome = f"refused: {error}"
        times.append(time.perf_counter() - start)
    return statistics.median(times), outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    counties = load().counties
    day = dt.date(2010, 5, 3)
    every = workbook([["fips", "date", "status"], *([f, day, "yes"] for f in counties["fips"])])
    rows = [["fips", "date", "status"], *(["01001", day, "yes"] for _ in range(200_000))]
    for label, name, content in (
        ("200,000-row workbook, size stated", "huge.xlsx", workbook(rows)),
        ("200,000-row workbook, no size stated", "huge.xlsx", workbook(rows, sized=False)),
        (f"{len(counties):,}-row workbook", "counties.xlsx", every),
    ):
        seconds, outcome = timed(name, content, runs)
        print(f"{label} ({len(content) / 1e6:.2f} MB): median {seconds:.3f} s of {runs}; {outcome}")


if __name__ == "__main__":
    main()
