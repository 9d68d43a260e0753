"""The Leaflet renderer: a MapView as folium objects; displays nothing (like GeoDataFrame.explore).

The map is split in two so that Streamlit can update it in place: a base map that
never changes with the date or the filter, and one feature group holding the view.
The drawing itself is geo/js/rollout_layer.js, served with the app's Leaflet; this
module hands it the view as plain data, column by column.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict

import folium
import pandas as pd
from branca.element import Element, MacroElement, Template

from geo.offline import OfflineMap
from geo.viewmodel import AREA_EDGE, HOVER_EDGE, LineStyle, MapView

# A tooltip column with few distinct values goes as the values once and a code per area:
# worth it when each value repeats at least this many times on average.
REPEATS_TO_ENCODE = 4


def base_map(online_tiles: bool = False, controls: bool = True) -> folium.Map:
    """The part of the map that never changes: Leaflet, background, optional base tiles.

    Without `controls`, no zoom buttons or scale bar (report mode).
    """
    fmap = OfflineMap(
        tiles=None,
        zoom_control=controls,
        location=[38, -96],
        zoom_start=4,
        min_zoom=2,
        control_scale=controls,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    fmap.get_root().header.add_child(
        Element("<style>.leaflet-container{background:#ffffff}</style>"), name="sc_background"
    )
    if online_tiles:
        tiles = folium.TileLayer("OpenStreetMap", opacity=0.6)
        tiles._id = "basemap"  # a stable id keeps the map's script, and so its key, stable
        tiles.add_to(fmap)
    return fmap


def dynamic_layer(view: MapView) -> folium.FeatureGroup:
    """A feature group holding the view; st_folium swaps it without reloading the map."""
    group = folium.FeatureGroup(name="Rollout", control=False)
    RolloutLayer(view).add_to(group)
    return group


def standalone_map(view: MapView, online_tiles: bool = False) -> folium.Map:
    """Base map and view in one folium.Map, for rendering a whole page (tests)."""
    fmap = base_map(online_tiles)
    dynamic_layer(view).add_to(fmap)
    return fmap


def spec(view: MapView) -> dict:
    """The view as the map script reads it: plain data, column by column."""
    extent = view.extent
    return {
        "key": view.key,
        "fit": [[extent.south, extent.west], [extent.north, extent.east]],
        "factor": 10**view.decimals,
        "areas": {
            "ids": view.ids,
            "classes": view.classes.index.tolist(),
            "colours": view.classes.colours,
            "shapes": view.shapes,
            "edge": _style(AREA_EDGE),
            "hover": _style(HOVER_EDGE),
        },
        "tooltip": {
            "labels": view.tooltips.labels,
            "columns": [dictionary_encoded(column) for column in view.tooltips.columns],
        },
        "legend": {
            "title": view.legend_title,
            "labels": view.classes.labels,
            "lines": [
                {"label": line.label, "style": _style(line.style)} for line in view.legend_lines
            ],
        },
        "lines": [{"paths": line.paths, "style": _style(line.style)} for line in view.lines],
    }


def _style(style: LineStyle) -> dict:
    return asdict(style) | {"casing_width": style.casing_width}


def dictionary_encoded(column) -> dict:
    """A column with few distinct values is sent as the values once and an index per row."""
    codes, uniques = pd.factorize(pd.Series(column, dtype=object))
    if len(uniques) * REPEATS_TO_ENCODE < len(codes):
        return {"values": [str(u) for u in uniques], "codes": codes.tolist()}
    return {"values": [str(v) for v in column]}


def script_json(value) -> str:
    """`value` as JSON that is safe to embed in a <script> element of a folium page.

    No character can close the element or open an HTML comment, and no Jinja tag
    can start ("{{", "{%", "{#"), because branca parses every rendered script once
    more as a Jinja template. Outside strings, JSON never has these sequences.
    """
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    for char in "<>&":
        text = text.replace(char, f"\\u{ord(char):04x}")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return re.sub(r"\{(?=[{%#])", r"\\u007b", text)


class RolloutLayer(MacroElement):
    """Hands a view to the map script, which draws it into the parent feature group."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        scRolloutLayer({{ this._parent.get_name() }}, {{ this.spec }});
        {% endmacro %}
        """
    )

    def __init__(self, view: MapView):
        super().__init__()
        self._name = "RolloutLayer"
        self.spec = script_json(spec(view))
