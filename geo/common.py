"""What the build and the app both need: where files live, renamed county codes, cities made
of counties, event dates. It imports nothing of the project (the layers are in pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
REBUILD = "python -m geo.build"

# Counties renamed after 2010, with a new code: later code -> (2010 code, why).
RENAMED_COUNTIES = {
    "02158": ("02270", "Wade Hampton Census Area (02270) renamed Kusilvak (02158) in 2015"),
    "46102": ("46113", "Shannon County (46113) renamed Oglala Lakota (46102) in 2015"),
}

# Cities made of whole counties, by Census place code: the counties they are made of.
CITY_COUNTIES = {
    "3651000": ("36005", "36047", "36061", "36081", "36085"),  # New York City, five boroughs
}

# The site_id of an event that touches every site (a federal decision, say).
NATIONAL = "US"

# The activation date of a county that a user's list marks as in, without a date: earlier
# than any date a list may give (uploads refuse dates before 1900), so it counts as
# activated on every date shown, and the words for it say "no date".
UNDATED = pd.Timestamp("1800-01-01")


def event_day(event_date: str) -> pd.Timestamp:
    """The first day an event dated by day (YYYY-MM-DD), month or year can stand for."""
    return pd.Timestamp((event_date + "-01-01")[:10])
