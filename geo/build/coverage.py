"""The county shapes as a clean coverage: neighbours share identical borders."""

from __future__ import annotations

import numpy as np
import shapely


class CoverageError(ValueError):
    """The shapes do not form a clean coverage after processing."""


def clean_coverage(geoms: np.ndarray) -> np.ndarray:
    """Snap near-coincident borders so neighbours share identical edges.

    The Census file's borders between states carry floating-point noise (overlaps
    of ~1e-13 square degrees, gaps of ~1e-7 degrees); cleaning removes it without
    simplifying anything.
    """
    cleaned = shapely.coverage_clean(geoms)
    _require_valid(cleaned, "cleaned")
    return cleaned


def _require_valid(geoms: np.ndarray, what: str) -> None:
    if shapely.is_empty(geoms).any() or not shapely.coverage_is_valid(geoms):
        raise CoverageError(f"The {what} county shapes do not form a valid coverage")
