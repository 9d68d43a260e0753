"""Every county and state shape, encoded once for drawing, with their extents and outlines."""

from __future__ import annotations

from dataclasses import dataclass, replace

import geopandas as gpd

from geo.encoding import encode_geometry, encode_lines
from geo.viewmodel import Extent, LineSet, LineStyle

DECIMALS = 4
LOWER_48 = Extent(-124.8, 24.4, -66.9, 49.4)  # the national view's extent


@dataclass(frozen=True)
class Shapes:
    """Encoded shapes of every county and state in both display tiers; build once."""

    counties: dict[str, tuple]  # tier -> one encoded geometry per county, in row order
    states: dict[str, tuple]  # tier -> one encoded geometry per state, in row order
    county_fips: tuple[str, ...]
    state_fips: tuple[str, ...]
    state_codes: tuple[str, ...]  # USPS code of each state row
    county_boxes: tuple[tuple[float, ...], ...]  # (west, south, east, north) of each county
    state_boxes: tuple[tuple[float, ...], ...]
    state_lines: dict[str, tuple[str, ...]]  # tier -> encoded state borders and coasts

    @classmethod
    def encode(cls, counties: gpd.GeoDataFrame, states: gpd.GeoDataFrame) -> Shapes:
        tiers = {"detail": "geometry", "national": "geometry_national"}

        def encoded(frame):
            return {
                tier: tuple(encode_geometry(g, DECIMALS) for g in frame[column])
                for tier, column in tiers.items()
            }

        return cls(
            counties=encoded(counties),
            states=encoded(states),
            county_fips=tuple(counties["fips"]),
            state_fips=tuple(states["state_fips"]),
            state_codes=tuple(states["state"]),
            county_boxes=tuple(map(tuple, counties.geometry.bounds.to_numpy().tolist())),
            state_boxes=tuple(map(tuple, states.geometry.bounds.to_numpy().tolist())),
            state_lines={
                tier: tuple(line for g in states[column] for line in encode_lines(g, DECIMALS))
                for tier, column in tiers.items()
            },
        )

    def in_detail(self) -> Shapes:
        """The same shapes with the detail tier everywhere: for pictures printed large."""
        return replace(
            self,
            counties={tier: self.counties["detail"] for tier in self.counties},
            states={tier: self.states["detail"] for tier in self.states},
            state_lines={tier: self.state_lines["detail"] for tier in self.state_lines},
        )

    def state_extent(self, code: str | None) -> Extent:
        """Extent of one state (USPS code), or of the lower 48 when `code` is None."""
        return Extent(*self.state_boxes[self.state_codes.index(code)]) if code else LOWER_48

    def county_extent(self, fips) -> Extent:
        """Extent around the given counties."""
        return Extent.around(self.county_boxes[self.county_fips.index(code)] for code in fips)

    def outline(self, fips, style: LineStyle, label: str | None = None) -> LineSet:
        """Outlines, in detail, of counties (5-digit FIPS) and states (2-digit FIPS)."""
        rings = []
        for code in fips:
            tier, codes = (
                (self.counties, self.county_fips)
                if len(code) == 5
                else (self.states, self.state_fips)
            )
            rings += [ring for polygon in tier["detail"][codes.index(code)] for ring in polygon]
        return LineSet(tuple(rings), style, label)

    def state_outline(self, code: str, style: LineStyle) -> LineSet:
        """The outline of one state (USPS code)."""
        return self.outline([self.state_fips[self.state_codes.index(code)]], style)
