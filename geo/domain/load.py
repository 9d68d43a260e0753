"""Load the processed data the app reads, checking it against its manifest."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from geo.common import PROCESSED_DIR, REBUILD
from geo.domain.ringresults import RingModel
from geo.domain.rollout import date_range
from geo.domain.shapes import Shapes
from geo.i18n import _


class DataError(RuntimeError):
    """Processed data is missing or damaged; the message names the file and the fix."""


@dataclass(frozen=True)
class Dataset:
    """Everything the dashboard shows, as loaded from data/processed."""

    counties: pd.DataFrame
    states: pd.DataFrame
    shapes: Shapes
    adjacency: pd.DataFrame
    sites: pd.DataFrame
    events: pd.DataFrame
    ice_counts: pd.DataFrame  # what ICE and the press said at the time (geo.domain.official)
    reconciliation: pd.DataFrame
    manifest: dict
    label: str | None = None  # the user's file name when counties carry the user's dates
    key: str = "built-in"  # tells cached results of different data apart
    dated: bool = True  # False for a user's list without dates (geo.common.UNDATED)
    starts: pd.DataFrame | None = None  # each site's first dated act of resistance
    ring_model: RingModel | None = None  # fitted to the built-in data; None for a user's list

    @functools.cached_property
    def span(self) -> tuple[dt.date, dt.date]:
        """The dates a slider of this data runs between (rollout.date_range), found once."""
        return date_range(self.counties)

    def with_list(self, counties: pd.DataFrame, label: str, key: str, dated: bool) -> Dataset:
        """This data with a reader's list in place of its counties' dates, `label` its file
        name and `key` what tells its results apart; no ring model (fitted to the built-in
        dates, not the list's)."""
        return replace(self, counties=counties, label=label, key=key, dated=dated, ring_model=None)


def data_dir() -> Path:
    """Where the app reads the processed data: $SC_DATA_DIR, else data/processed."""
    return Path(os.environ.get("SC_DATA_DIR", PROCESSED_DIR))


@functools.cache
def shared(folder: Path) -> Dataset:
    """The data in `folder`, loaded once per process and shared by every session (read it,
    never change it). A failure is not kept: the next call tries again."""
    return load(folder)


def load(folder: Path = PROCESSED_DIR) -> Dataset:
    """Read every processed file after checking its sha256 against manifest.json."""
    manifest = _manifest(folder)
    for name, entry in manifest["outputs"].items():
        _check(folder / name, entry["sha256"])
    text = {"dtype": str, "keep_default_na": False}
    counties = pd.read_parquet(folder / "counties.parquet")
    counties["activation_date"] = pd.to_datetime(counties["activation_date"])
    states = pd.read_parquet(folder / "states.parquet")
    for column in ("first_activation", "last_activation"):
        states[column] = pd.to_datetime(states[column])
    return Dataset(
        counties=counties,
        states=states,
        shapes=Shapes.load(folder / "shapes.json"),
        adjacency=pd.read_csv(folder / "adjacency.csv", **text),
        sites=pd.read_csv(folder / "resistant_sites.csv", **text),
        events=pd.read_csv(folder / "resistance_events.csv", **text),
        ice_counts=pd.read_csv(folder / "ice_counts.csv", **text),
        reconciliation=pd.read_csv(folder / "reconciliation.csv", **text),
        manifest=manifest,
        starts=pd.read_csv(folder / "resistance_starts.csv", **text),
        ring_model=RingModel.read(folder / "ring_model.json"),
    )


def _manifest(folder: Path) -> dict:
    path = folder / "manifest.json"
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise DataError(
            _(
                "The processed data manifest {path} is missing or unreadable ({error}). "
                "Rebuild the processed data with: {command}"
            ).format(path=path, error=exc, command=REBUILD)
        ) from exc


def _check(path: Path, expected: str) -> None:
    try:
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise DataError(
            _(
                "The processed file {path} is missing ({error}). Rebuild the processed data "
                "with: {command}"
            ).format(path=path, error=exc.strerror, command=REBUILD)
        ) from exc
    if actual != expected:
        raise DataError(
            _(
                "The processed file {path} is damaged: its checksum does not match "
                "manifest.json. Rebuild the processed data with: {command}"
            ).format(path=path, command=REBUILD)
        )
