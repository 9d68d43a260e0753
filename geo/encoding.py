"""Compact transport of shapes to the browser: the encoded polyline algorithm.

Each ring becomes one ASCII string of zig-zag, base-64 varint deltas (Google's
"encoded polyline" format, latitude first). At 4 decimals this is about a
quarter of the same coordinates written as GeoJSON text.
"""

from __future__ import annotations

import numpy as np
import shapely


def encode_ring(coords: np.ndarray, decimals: int) -> str:
    """Encode an (n, 2) array of lon/lat coordinates."""
    scaled = np.round(np.asarray(coords, dtype=float)[:, ::-1] * 10**decimals).astype(np.int64)
    deltas = np.diff(scaled, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).ravel()
    chars = []
    for delta in deltas.tolist():
        value = ~(delta << 1) if delta < 0 else delta << 1
        while value >= 0x20:
            chars.append(chr((0x20 | (value & 0x1F)) + 63))
            value >>= 5
        chars.append(chr(value + 63))
    return "".join(chars)


def decode_ring(text: str, decimals: int) -> np.ndarray:
    """Inverse of encode_ring (for the pictures; the browser has its own decoder)."""
    values, shift, result = [], 0, 0
    for char in text:
        byte = ord(char) - 63
        result |= (byte & 0x1F) << shift
        shift += 5
        if byte < 0x20:
            values.append(~(result >> 1) if result & 1 else result >> 1)
            shift, result = 0, 0
    latlon = np.cumsum(np.array(values, dtype=np.int64).reshape(-1, 2), axis=0)
    return latlon[:, ::-1] / 10**decimals


def encode_geometry(geometry, decimals: int) -> tuple[tuple[str, ...], ...]:
    """A (Multi)Polygon as a tuple of polygons, each a tuple of encoded rings (shell first)."""
    return tuple(
        tuple(
            encode_ring(shapely.get_coordinates(ring), decimals)
            for ring in (polygon.exterior, *polygon.interiors)
        )
        for polygon in shapely.get_parts(geometry)
    )


def encode_lines(geometry, decimals: int) -> tuple[str, ...]:
    """Every line of a (multi)linear geometry, or of a polygon's boundary, encoded."""
    lines = shapely.get_parts(
        shapely.line_merge(shapely.boundary(geometry))
        if shapely.get_dimensions(geometry) == 2
        else geometry
    )
    return tuple(encode_ring(shapely.get_coordinates(line), decimals) for line in lines)
