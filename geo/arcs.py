"""Compact transport of lines: Google's "encoded polyline" algorithm, on any grid.

Coordinates are rounded to whole multiples of a `unit` (metres, or degrees), and each
point is written as zig-zag, base-64 varint deltas from the one before, y first (the
order Leaflet's LatLng takes). Arcs travel as their starts, one chain of deltas, and
their bodies, each a string of deltas from its own start: every arc decodes to the
same grid points at both of its ends as its neighbours, whatever their tolerance.

The build, the shapes the app reads and every view share what is made of arcs here: Arcs,
the Extent a view fits, and a ring's points joined from its arcs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def encode_ring(coords: np.ndarray, unit: float) -> str:
    """Encode (n, 2) x/y (or lon/lat) coordinates as deltas from the origin."""
    return encode_points(to_grid(coords, unit))


def to_grid(coords: np.ndarray, unit: float) -> np.ndarray:
    """(n, 2) coordinates as whole grid steps."""
    return np.round(np.asarray(coords, dtype=float) / unit).astype(np.int64)


def encode_points(points: np.ndarray) -> str:
    """(n, 2) grid points, x/y, as a chain of deltas from the origin, y first."""
    points = np.asarray(points, np.int64).reshape(-1, 2)[:, ::-1]
    return _encode_values(np.diff(points, axis=0, prepend=np.zeros((1, 2), np.int64)).ravel())


def decode_points(text: str) -> np.ndarray:
    """Inverse of encode_points."""
    return np.cumsum(_decode_values(text).reshape(-1, 2), axis=0)[:, ::-1]


def encode_arc_bodies(arcs: list[np.ndarray], unit: float) -> list[str]:
    """Each arc after its first point, as deltas from the point before."""
    return [_encode_values(np.diff(to_grid(arc, unit)[:, ::-1], axis=0).ravel()) for arc in arcs]


def decode_arcs(starts: str, bodies: list[str], unit: float) -> list[np.ndarray]:
    """The arcs' coordinates from their start chain (encode_ring) and bodies."""
    first = decode_points(starts)[:, ::-1]  # y first, as the bodies are
    joined = "".join(bodies)
    deltas = _decode_values(joined).reshape(-1, 2)
    done = np.concatenate([[0], np.cumsum(_last_characters(joined))])  # values done by char
    lengths = np.diff(done[np.concatenate([[0], np.cumsum([len(body) for body in bodies])])]) // 2
    # Each arc's start, then its deltas, all in one run: a running sum of the run, less the
    # sum before the arc's start, gives every arc's points in one pass.
    offsets = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
    run = np.insert(deltas, np.repeat(np.cumsum(np.concatenate([[0], lengths[:-1]])), 1), first, 0)
    totals = np.cumsum(run, axis=0)
    before = np.vstack([[0, 0], totals[offsets[1:] - 1]])
    points = (totals - np.repeat(before, lengths + 1, axis=0))[:, ::-1] * unit
    return np.split(points, offsets[1:])


def encode_references(references) -> str:
    """A ring's arc references (signed integers) as deltas from the one before."""
    return _encode_values(np.diff(np.asarray(references, np.int64), prepend=0))


def _encode_values(values) -> str:
    """Zig-zag, base-64 varints of whole numbers (vectorised: 5 bits a character)."""
    values = np.asarray(values, np.int64).ravel()
    zigzag = np.where(values < 0, ~(values << 1), values << 1).astype(np.uint64)
    groups = (zigzag[:, None] >> np.arange(0, 40, 5, dtype=np.uint64)) & np.uint64(0x1F)
    length = np.maximum(1, (np.floor(np.log2(np.maximum(zigzag, 1))) // 5 + 1).astype(int))
    length[zigzag == 0] = 1
    used = np.arange(groups.shape[1]) < length[:, None]
    more = np.arange(groups.shape[1]) < length[:, None] - 1  # not the last character
    chars = (groups + np.where(more, 0x20, 0) + 63).astype(np.uint8)
    return chars[used].tobytes().decode("ascii")


def _decode_values(text: str) -> np.ndarray:
    """Every varint in `text`, zig-zag decoded (vectorised: one pass over the bytes)."""
    if not text:
        return np.zeros(0, np.int64)
    codes = np.frombuffer(text.encode("ascii"), np.uint8).astype(np.int64) - 63
    last = _last_characters(text)
    value_of = np.concatenate([[0], np.cumsum(last)[:-1]])
    first = np.concatenate([[0], np.flatnonzero(last)[:-1] + 1])
    shifts = 5 * (np.arange(len(codes)) - first[value_of])
    result = np.zeros(int(last.sum()), np.int64)
    np.add.at(result, value_of, (codes & 0x1F) << shifts)
    return np.where(result & 1, ~(result >> 1), result >> 1)


def _last_characters(text: str) -> np.ndarray:
    """True at the last character of each value."""
    return np.frombuffer(text.encode("ascii"), np.uint8) - 63 < 0x20


@dataclass(frozen=True)
class Extent:
    """The area to fit on screen, in the map's coordinates (metres, or degrees)."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def around(cls, boxes) -> Extent:
        """The smallest extent holding every (west, south, east, north) box."""
        west, south, east, north = zip(*boxes, strict=True)
        return cls(min(west), min(south), max(east), max(north))

    @property
    def width(self) -> float:
        return self.east - self.west

    @property
    def height(self) -> float:
        return self.north - self.south

    def to_aspects(self, widest: float, tallest: float) -> Extent:
        """The area around this extent that any drawing area of width / height between
        `tallest` and `widest` shows when the extent is fitted in it."""
        width = max(self.width, self.height * widest)
        height = max(self.height, self.width / tallest)
        x, y = (self.west + self.east) / 2, (self.south + self.north) / 2
        return Extent(x - width / 2, y - height / 2, x + width / 2, y + height / 2)

    def widened(self, share: float) -> Extent:
        """This extent with `share` of its width and height added on every side."""
        dx, dy = self.width * share, self.height * share
        return Extent(self.west - dx, self.south - dy, self.east + dx, self.north + dy)


@dataclass(frozen=True)
class Arcs:
    """The lines a view is made of: starts as one encoded chain, bodies one string each."""

    unit: float  # map coordinates (metres, or degrees) per encoded step
    starts: str
    bodies: tuple[str, ...]

    def coordinates(self) -> list[np.ndarray]:
        """Each arc as an (n, 2) array of map coordinates."""
        return decode_arcs(self.starts, list(self.bodies), self.unit)


def ring_points(references, arcs) -> np.ndarray:
    """A ring's points, its arcs (a list, or a dict by arc number) joined end to end."""
    parts = [arcs[r] if r >= 0 else arcs[~r][::-1] for r in references]
    return np.vstack([parts[0], *(part[1:] for part in parts[1:])])
