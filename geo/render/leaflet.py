"""The Leaflet renderer: a MapView as folium objects; displays nothing (like GeoDataFrame.explore).

The map is split in two so that Streamlit can update it in place: a base map that
never changes with the date or the filter, and one feature group holding the view.
The drawing itself is geo/render/js/rollout_layer.js (and .css), served with the app's
Leaflet; this module hands it the view as plain data, column by column. On the page, the
parts of a view that are the same on every date (arcs, areas, fixed tooltip columns)
travel once, as static files named by their content that the script fetches and the
browser keeps; each run sends the classes, styles, legend and extent.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import asdict
from functools import partial

import folium
import numpy as np
import pandas as pd
from branca.element import Template

from geo.arcs import encode_references
from geo.i18n import _
from geo.render.offline import OfflineMap, PlainMacro, publish
from geo.view.viewmodel import AREA_EDGE, HOVER_EDGE, Crs, LineStyle, MapView

# A tooltip column with few distinct values goes as the values once and a code per area:
# worth it when each value repeats at least this many times on average.
REPEATS_TO_ENCODE = 4
KILOMETRE = 1000.0  # the map's CRS counts kilometres of the equal-area plane
# Codes (classes, a column's value numbers) travel packed, as many to a character of 6 bits
# as fit (six of two values, three of four...), after a digit saying the bits per code.
CODE_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
DIGITS_ARRAY = np.array(list(CODE_DIGITS))
SHARED_BYTES = 2000  # a part of a view smaller than this travels with each run
PLAY_FRAME_MS = 200  # Play shows a month this long at least (52 months: 10.4 s at least)
PARTS_KEPT = 1024  # the parts published by this process, remembered by the tuple they are of


def base_map(online_tiles: bool = False, controls: bool = True) -> folium.Map:
    """The part of the map that never changes: Leaflet and, if asked, online base tiles.

    Without tiles the map draws the equal-area coordinates as they are (a simple CRS,
    in kilometres); tiles need Web Mercator. Without `controls`, no zoom buttons.
    """
    if online_tiles:
        fmap = OfflineMap(
            tiles=None,
            zoom_control=controls,
            location=[38, -96],
            zoom_start=4,
            zoom_snap=0,
            zoom_delta=0.5,
        )
        tiles = folium.TileLayer("OpenStreetMap", opacity=0.6)
        tiles._id = "basemap"  # a stable id keeps the map's script, and so its key, stable
        tiles.add_to(fmap)
    else:
        fmap = OfflineMap(
            crs="Simple",
            tiles=None,
            zoom_control=controls,
            location=[1700, 0],
            zoom_start=-3,
            zoom_snap=0,
            zoom_delta=0.5,
        )
        fmap.options.update(minZoom=-5, maxZoom=7)  # folium gives these to tiles only
    return fmap


def dynamic_layer(
    view: MapView,
    controls: bool = True,
    description: str = "",
    public: bool = True,
    playing: str | None = None,
    sent: set[str] | None = None,
    inline_new: bool = False,
) -> folium.FeatureGroup:
    """A feature group holding the view; st_folium swaps it without reloading the map.
    `description` is the map's accessible name (what it shows, in words). The view's parts
    that do not change with the date are published as static files (see spec), its tooltip
    columns too if `public` (the built-in data; a reader's own list stays in their session).
    While Play shows the month `playing` (ISO date), the map asks for the next one once it has
    drawn this one (see rollout_layer.js). `sent`: the parts' addresses the page knows, and
    `inline_new`: send the others with the run (see _published)."""
    group = ViewGroup(name="Rollout", control=False)
    view_spec = spec(
        view,
        controls,
        description,
        partial(_published, public=public, sent=sent, inline_new=inline_new),
    )
    view_spec["play"] = {"shown": playing, "frame": PLAY_FRAME_MS} if playing else None
    RolloutLayer(view_spec).add_to(group)
    return group


def _inline(value, encode, text: bool = False):
    return encode(value)


def spec(view: MapView, controls: bool = True, description: str = "", shared=_inline) -> dict:
    """The view as the map script reads it: plain data, column by column. `shared(value,
    encode, text=...)` gives what stands for a part that is the same on every date (arcs,
    areas, line sets; `text`: a fixed tooltip column): the part itself, or (on the page) a
    reference to a static file of it, {"$ref": address}, which the script fetches."""
    per_unit = KILOMETRE if view.crs is Crs.ALBERS else 1.0  # map units per CRS unit
    extent, tooltips = view.extent, view.tooltips
    return {
        "key": view.key,
        "fit": [
            [extent.south / per_unit, extent.west / per_unit],
            [extent.north / per_unit, extent.east / per_unit],
        ],
        "factor": view.arcs.unit / per_unit,
        "scale": view.scale * per_unit if view.scale and view.crs is Crs.ALBERS else view.scale,
        "controls": controls,
        "description": description,
        "arcs": shared(view.arcs, lambda arcs: {"starts": arcs.starts, "bodies": arcs.bodies}),
        "areas": {
            "ids": shared(view.ids, list),
            "classes": compact_codes(view.classes.index),
            "colours": view.classes.colours,
            "shapes": shared(view.shapes, _encoded_shapes),
            "edge": _style(AREA_EDGE),
            "hover": _style(HOVER_EDGE),
        },
        "tooltip": {
            "labels": tooltips.labels,
            "columns": [
                shared(column, dictionary_encoded, text=True)
                if i in tooltips.fixed
                else _by_class(column, view.classes.index)
                for i, column in enumerate(tooltips.columns)
            ],
        },
        "legend": {
            "title": f"{view.legend_title}, {view.legend_date}",
            "labels": view.classes.labels,
            "lines": [
                {"label": line.label, "style": _style(line.style)} for line in view.legend_lines
            ],
        },
        "lines": [
            {"arcs": shared(line.arcs, list), "style": _style(line.style)} for line in view.lines
        ],
        "text": {"zoomIn": _("Zoom in"), "zoomOut": _("Zoom out")},  # Leaflet's own buttons
    }


_parts: dict[
    int, tuple
] = {}  # id of a part's tuple -> (the tuple, kept alive; its reference, its part)
_parts_lock = threading.Lock()


def _published(
    value, encode, text: bool = False, public: bool = True, sent=None, inline_new: bool = False
):
    """A reference to a static file of `encode(value)` (geo.render.offline.publish), written
    once per process for each tuple of a view that views of the same place on other dates
    share (geo.view.compose keeps their drawings); a small part, or a text that is not
    `public`, as it is. `sent`, if given, gathers the addresses a reader's page knows; with
    `inline_new`, a part it lacks travels once with its reference, which spares the page a
    request."""
    if text and not public:
        return encode(value)
    with _parts_lock:
        kept = _parts.get(id(value))
    if kept is None or kept[0] is not value:
        encoded = encode(value)
        content = script_json(encoded)
        stands = {"$ref": publish(content)} if len(content) >= SHARED_BYTES else encoded
        kept = (value, stands, encoded)
        with _parts_lock:
            if len(_parts) >= PARTS_KEPT:
                del _parts[next(iter(_parts))]
            _parts[id(value)] = kept
    _, stands, encoded = kept
    if sent is None or "$ref" not in stands or stands["$ref"] in sent:
        return stands
    sent.add(stands["$ref"])
    return {**stands, "part": encoded} if inline_new else stands


_last_encoded: tuple = (None, None)  # the shapes last encoded, and their encoding


def _encoded_shapes(shapes: tuple) -> list:
    """Every area's rings as encoded arc references. Views of counties share each area's
    shape (geo.view.compose; a view of one place leaves some out, empty), so the last encoding
    is reused for any view made of the same shapes: one encoding per process."""
    global _last_encoded
    whole, encoded = _last_encoded  # one read: another session may replace it meanwhile
    if (
        whole is None
        or len(whole) != len(shapes)
        or any(area is not kept and area for area, kept in zip(shapes, whole, strict=True))
    ):
        encoded = [[[encode_references(r) for r in polygon] for polygon in area] for area in shapes]
        _last_encoded = whole, encoded = shapes, encoded
    if whole is shapes:
        return encoded
    return [code if area else [] for area, code in zip(shapes, encoded, strict=True)]


def _style(style: LineStyle) -> dict:
    return asdict(style) | {"casing_width": style.casing_width}


def dictionary_encoded(column) -> dict:
    """A column with few distinct values is sent as the values once and an index per row."""
    codes, uniques = pd.factorize(pd.Series(column, dtype=object))
    if len(uniques) * REPEATS_TO_ENCODE < len(codes):
        return {"values": [str(u) for u in uniques], "codes": compact_codes(codes)}
    return {"values": [str(v) for v in column]}


def _by_class(column, classes) -> dict:
    """A column that follows the areas' classes (a status and the colour it gives) as the
    values and each class's value: nothing per area beyond the classes; else as it is."""
    codes, uniques = pd.factorize(pd.Series(column, dtype=object))
    pairs = set(zip(classes.tolist(), codes.tolist(), strict=True))
    of_class = dict(pairs)
    if len(of_class) < len(pairs):
        return dictionary_encoded(column)
    return {
        "values": [str(u) for u in uniques],
        "byClass": [of_class.get(c, 0) for c in range(max(of_class, default=0) + 1)],
    }


def compact_codes(codes) -> str | list[int]:
    """Integers from 0 to 63 packed into characters of CODE_DIGITS (6 bits each), after a
    digit giving the bits per code; other integers as a list."""
    codes = np.asarray(codes, dtype=np.int64).ravel()
    if not codes.size or codes.min() < 0 or codes.max() >= len(CODE_DIGITS):
        return codes.tolist()
    bits = max(int(codes.max()).bit_length(), 1)
    per = 6 // bits
    groups = np.zeros(-(-codes.size // per) * per, dtype=np.int64)  # padded with zeros
    groups[: codes.size] = codes
    packed = (groups.reshape(-1, per) << (bits * np.arange(per))).sum(axis=1)
    return str(bits) + "".join(DIGITS_ARRAY[packed])


def script_json(value) -> str:
    """`value` as JSON that is safe to embed in a <script> element of a folium page.

    No character can close the element or open an HTML comment, and no Jinja tag
    can start ("{{", "{%", "{#"): a folium page is made of Jinja templates, and
    streamlit-folium rewrites {{'name'}} in a map's script. Outside strings, JSON never
    has these sequences.
    """
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    for char in "<>&":
        text = text.replace(char, f"\\u{ord(char):04x}")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return re.sub(r"\{(?=[{%#])", r"\\u007b", text)


class ViewGroup(folium.FeatureGroup, PlainMacro):
    """The feature group the view is drawn into (rendered as PlainMacro renders)."""


class RolloutLayer(PlainMacro):
    """Hands a view to the map script, which draws it into the parent feature group."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        scRolloutLayer({{ this._parent.get_name() }}, {{ this.spec }});
        {% endmacro %}
        """
    )

    def __init__(self, view_spec: dict):
        super().__init__()
        self._name = "RolloutLayer"
        self.spec = script_json(view_spec)
