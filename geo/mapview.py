"""Build the rollout map as folium objects; displays nothing (like GeoDataFrame.explore).

The map is split in two so that Streamlit can update it in place: a base map that
never changes with the date or the filter, and one feature group holding everything
that does (shapes, borders, outlines, legend, the view to fit). Shapes travel as
encoded polylines (geo.encoding) and tooltips are built with textContent in the
browser, so no text from a file is ever parsed as HTML.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element, MacroElement, Template

from geo.encoding import encode_geometry, encode_lines
from geo.offline import OfflineMap
from geo.rollout import activated_on
from geo.styles import Classes, by_share

DECIMALS = 4
US_BOUNDS = [[24.4, -124.8], [49.4, -66.9]]  # the lower 48; Alaska and Hawaii by filter
COUNTY_LABELS = ["County", "State", "Activated on", "Status", "Population (2010)"]
OUTLINE = {"color": "#000000", "weight": 2.5, "casing": "#ffffff", "dashArray": None}


@dataclass(frozen=True)
class Shapes:
    """Encoded shapes of every county and state, in both display tiers; build once."""

    counties: dict[str, list]  # tier -> one encoded geometry per county, in row order
    states: dict[str, list]  # tier -> one encoded geometry per state, in row order
    state_codes: list[str]  # USPS code of each state row
    state_lines: dict[str, list[str]]  # tier -> encoded state borders and coasts

    @classmethod
    def encode(cls, counties: gpd.GeoDataFrame, states: gpd.GeoDataFrame) -> Shapes:
        tiers = {"detail": "geometry", "national": "geometry_national"}

        def encoded(frame):
            return {t: [encode_geometry(g, DECIMALS) for g in frame[c]] for t, c in tiers.items()}

        return cls(
            counties=encoded(counties),
            states=encoded(states),
            state_codes=list(states["state"]),
            state_lines={
                t: [line for g in states[c] for line in encode_lines(g, DECIMALS)]
                for t, c in tiers.items()
            },
        )

    def state_outline(self, code: str) -> dict:
        """A bold, cased outline of one state, for the view focused on it."""
        rings = self.states["detail"][self.state_codes.index(code)]
        return {"paths": [ring for polygon in rings for ring in polygon], "style": OUTLINE}


@dataclass
class View:
    """What the dynamic layer shows: areas, their classes, tooltips, lines, legend, extent."""

    key: str
    bounds: list[list[float]]
    legend_title: str
    classes: Classes
    shapes: list
    tooltips: list[list[str]]
    labels: list[str]
    lines: list[dict] = field(default_factory=list)

    def spec(self) -> dict:
        return {
            "key": self.key,
            "bounds": self.bounds,
            "factor": 10**DECIMALS,
            "colours": self.classes.colours,
            "legend": {"title": self.legend_title, "labels": self.classes.labels},
            "labels": self.labels,
            "areas": [
                {"c": int(c), "g": g, "t": t}
                for c, g, t in zip(self.classes.index, self.shapes, self.tooltips, strict=True)
            ],
            "lines": self.lines,
        }


def base_map(online_tiles: bool = False) -> folium.Map:
    """The part of the map that never changes: Leaflet, background, optional base tiles."""
    fmap = OfflineMap(
        tiles=None,
        location=[38, -96],
        zoom_start=4,
        min_zoom=2,
        control_scale=True,
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


def county_view(
    counties: gpd.GeoDataFrame,
    shapes: Shapes,
    classes: Classes,
    as_of: dt.date,
    title: str,
    focus: str | None = None,
) -> View:
    """Counties coloured by `classes`; with `focus` (a USPS code) that state in detail."""
    in_focus = (counties["state"] == focus).to_numpy()
    geometry = [
        detail if chosen else national
        for chosen, detail, national in zip(
            in_focus, shapes.counties["detail"], shapes.counties["national"], strict=True
        )
    ]
    status = activated_on(counties, as_of).map({True: "Activated", False: "Not yet activated"})
    tooltips = (
        pd.DataFrame(
            {
                "name": counties["name"],
                "state": counties["state"],
                "date": pd.to_datetime(counties["activation_date"]).dt.strftime("%d %b %Y"),
                "status": status + f" on {as_of:%d %b %Y}",
                "population": counties["population_2010"].map("{:,}".format),
            }
        )
        .to_numpy()
        .tolist()
    )
    return View(
        key=f"county:{focus or 'US'}",
        bounds=_bounds(counties[in_focus]) if focus else US_BOUNDS,
        legend_title=title,
        classes=classes,
        shapes=geometry,
        tooltips=tooltips,
        labels=COUNTY_LABELS,
        lines=_borders(shapes, focus),
    )


def state_view(
    per_state: pd.DataFrame, shapes: Shapes, measure: str, as_of: dt.date, focus: str | None
) -> View:
    """States coloured by the share of their population or counties activated on `as_of`."""
    share = per_state["population_share" if measure == "population" else "county_share"]
    tooltips = (
        pd.DataFrame(
            {
                "name": per_state["name"],
                "counties": per_state["counties_activated"].map("{:,}".format)
                + " of "
                + per_state["counties"].map("{:,}".format),
                "population": per_state["population_share"].map("{:.1%}".format),
            }
        )
        .to_numpy()
        .tolist()
    )
    in_focus = (per_state["state"] == focus).to_numpy()
    return View(
        key=f"state:{focus or 'US'}",
        bounds=_bounds(per_state[in_focus]) if focus else US_BOUNDS,
        legend_title=f"Share of {measure} covered, {as_of:%d %b %Y}",
        classes=by_share(share),
        shapes=shapes.states["national"],
        tooltips=tooltips,
        labels=["State", "Counties activated", "Population covered"],
        lines=[shapes.state_outline(focus)] if focus else [],
    )


def _borders(shapes: Shapes, focus: str | None) -> list[dict]:
    """State borders, and the focused state's outline on top."""
    if not focus:
        return [_lines(shapes.state_lines["national"], "#333333", 1.0)]
    return [_lines(shapes.state_lines["detail"], "#333333", 1.0), shapes.state_outline(focus)]


def dynamic_layer(view: View) -> folium.FeatureGroup:
    """A feature group holding the view; st_folium swaps it without reloading the map."""
    group = folium.FeatureGroup(name="Rollout", control=False)
    _ViewLayer(view.spec()).add_to(group)
    return group


def rollout_map(view: View, online_tiles: bool = False) -> folium.Map:
    """Base map and view in one standalone folium.Map (for HTML export and tests)."""
    fmap = base_map(online_tiles)
    dynamic_layer(view).add_to(fmap)
    return fmap


def _bounds(frame: gpd.GeoDataFrame) -> list[list[float]]:
    west, south, east, north = frame.total_bounds
    return [[float(south), float(west)], [float(north), float(east)]]


def _lines(encoded: list[str], colour: str, weight: float) -> dict:
    return {"paths": encoded, "style": {"color": colour, "weight": weight}}


def script_literal(value) -> str:
    """`value` as a JavaScript string literal of its JSON, safe anywhere in a page.

    No character in it can close a <script> element, and no brace survives, because
    branca parses every rendered script once more as a Jinja template.
    """
    text = json.dumps(json.dumps(value, separators=(",", ":"), ensure_ascii=False))
    for char in "<>&{}":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


class _ViewLayer(MacroElement):
    """Draws a view spec into its parent feature group (see the module docstring)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var spec = JSON.parse({{ this.spec }});
          var group = {{ this._parent.get_name() }};
          function decode(text) {
            var out = [], lat = 0, lng = 0, i = 0;
            while (i < text.length) {
              var shift = 0, result = 0, b;
              do { b = text.charCodeAt(i++) - 63; result |= (b & 31) << shift; shift += 5; }
              while (b >= 32);
              lat += (result & 1) ? ~(result >> 1) : (result >> 1);
              shift = 0; result = 0;
              do { b = text.charCodeAt(i++) - 63; result |= (b & 31) << shift; shift += 5; }
              while (b >= 32);
              lng += (result & 1) ? ~(result >> 1) : (result >> 1);
              out.push([lat / spec.factor, lng / spec.factor]);
            }
            return out;
          }
          function tooltip(area) {
            var box = document.createElement("div");
            spec.labels.forEach(function (label, i) {
              var row = document.createElement("div"), name = document.createElement("b");
              name.textContent = label + ": ";
              row.appendChild(name);
              row.appendChild(document.createTextNode(area.t[i]));
              box.appendChild(row);
            });
            return box;
          }
          spec.areas.forEach(function (area) {
            var style = {fillColor: spec.colours[area.c], fillOpacity: 1,
                         color: "#ffffff", weight: 0.4};
            var shape = L.polygon(area.g.map(function (p) { return p.map(decode); }), style);
            shape.bindTooltip(function () { return tooltip(area); }, {sticky: true});
            shape.on("mouseover", function () { shape.setStyle({color: "#000000", weight: 2}); });
            shape.on("mouseout", function () { shape.setStyle(style); });
            group.addLayer(shape);
          });
          spec.lines.forEach(function (set) {
            set.paths.forEach(function (path) {
              var points = decode(path);
              if (set.style.casing) {
                group.addLayer(L.polyline(points, {color: set.style.casing,
                  weight: set.style.weight + 3, interactive: false}));
              }
              group.addLayer(L.polyline(points, {color: set.style.color, weight: set.style.weight,
                dashArray: set.style.dashArray, interactive: false}));
            });
          });
          var Legend = L.Layer.extend({
            onAdd: function (map) {
              var box = L.DomUtil.create("div", "sc-legend", map.getContainer());
              box.style.cssText = "position:absolute;z-index:1000;bottom:24px;right:10px;" +
                "background:#fff;padding:6px 9px;border:1px solid #999;font:13px/1.5 sans-serif";
              var title = document.createElement("b");
              title.textContent = spec.legend.title;
              box.appendChild(title);
              spec.legend.labels.forEach(function (label, i) {
                var row = document.createElement("div"), swatch = document.createElement("span");
                swatch.style.cssText = "display:inline-block;width:14px;height:14px;" +
                  "vertical-align:-2px;margin-right:6px;border:1px solid #777;background:" +
                  spec.colours[i];
                row.appendChild(swatch);
                row.appendChild(document.createTextNode(label));
                box.appendChild(row);
              });
              this._box = box;
              if (window.__scView !== spec.key) {
                window.__scView = spec.key;
                map.invalidateSize();
                map.fitBounds(spec.bounds);
                map.once("resize", function () { map.fitBounds(spec.bounds); });
              }
            },
            onRemove: function () { L.DomUtil.remove(this._box); }
          });
          group.addLayer(new Legend());
        })();
        {% endmacro %}
        """
    )

    def __init__(self, spec: dict):
        super().__init__()
        self._name = "ViewLayer"
        self.spec = script_literal(spec)
