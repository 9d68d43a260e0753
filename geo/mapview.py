"""Build the rollout map as folium objects; displays nothing (like GeoDataFrame.explore).

The map is split in two so that Streamlit can update it in place: a base map that
never changes with the date or the filter, and one feature group holding everything
that does (shapes, borders, outlines, legend, the view to fit). Shapes travel as
encoded polylines (geo.encoding) and are drawn in bulk, as plain SVG paths in one
group rather than one Leaflet layer each, in about half the time. Tooltips are
built with textContent in the browser, so no text from a file is ever parsed as HTML.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field, replace

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement, Template

from geo.encoding import encode_geometry, encode_lines
from geo.offline import OfflineMap
from geo.rollout import activated_on
from geo.styles import ACTIVATED, NOT_YET, Classes, by_share

DECIMALS = 4
US_BOUNDS = [[24.4, -124.8], [49.4, -66.9]]  # the lower 48; Alaska and Hawaii by filter
FOCUS_OUTLINE = {"color": "#000000", "weight": 2.5, "casing": "#ffffff", "dashArray": None}
SITE_OUTLINE = {"color": "#000000", "weight": 2, "casing": "#ffffff", "dashArray": "6 4"}
RING_OUTLINE = {"color": "#000000", "weight": 1.5, "casing": None, "dashArray": None}
SECOND_RING_OUTLINE = {"color": "#555555", "weight": 1.2, "casing": None, "dashArray": "3 3"}
RING_NAMES = {1: "Ring: shares a border or corner", 2: "Second ring"}


@dataclass(frozen=True)
class Shapes:
    """Encoded shapes of every county and state, in both display tiers; build once."""

    counties: dict[str, list]  # tier -> one encoded geometry per county, in row order
    states: dict[str, list]  # tier -> one encoded geometry per state, in row order
    county_fips: list[str]  # FIPS of each county row
    state_fips: list[str]  # FIPS of each state row
    state_codes: list[str]  # USPS code of each state row
    county_bounds: list[list[float]]  # [west, south, east, north] of each county
    state_bounds: list[list[list[float]]]  # [[south, west], [north, east]] of each state
    state_lines: dict[str, list[str]]  # tier -> encoded state borders and coasts

    @classmethod
    def encode(cls, counties: gpd.GeoDataFrame, states: gpd.GeoDataFrame) -> Shapes:
        tiers = {"detail": "geometry", "national": "geometry_national"}

        def encoded(frame):
            return {t: [encode_geometry(g, DECIMALS) for g in frame[c]] for t, c in tiers.items()}

        return cls(
            counties=encoded(counties),
            states=encoded(states),
            county_fips=list(counties["fips"]),
            state_fips=list(states["state_fips"]),
            state_codes=list(states["state"]),
            county_bounds=counties.geometry.bounds.to_numpy().tolist(),
            state_bounds=[
                [[south, west], [north, east]]
                for west, south, east, north in states.geometry.bounds.to_numpy().tolist()
            ],
            state_lines={
                t: [line for g in states[c] for line in encode_lines(g, DECIMALS)]
                for t, c in tiers.items()
            },
        )

    def bounds(self, code: str | None) -> list[list[float]]:
        """Extent of one state, or of the lower 48 when `code` is None."""
        return self.state_bounds[self.state_codes.index(code)] if code else US_BOUNDS

    def in_detail(self) -> Shapes:
        """The same shapes with the detail tier everywhere: for pictures printed large."""
        return replace(
            self,
            counties={tier: self.counties["detail"] for tier in self.counties},
            states={tier: self.states["detail"] for tier in self.states},
            state_lines={tier: self.state_lines["detail"] for tier in self.state_lines},
        )

    def extent(self, fips: list[str]) -> list[list[float]]:
        """[[south, west], [north, east]] around the given counties."""
        boxes = [self.county_bounds[self.county_fips.index(code)] for code in fips]
        west, south, east, north = zip(*boxes, strict=True)
        return [[min(south), min(west)], [max(north), max(east)]]

    def outline(self, fips: list[str], style: dict) -> dict:
        """Outlines, in detail, of counties (5-digit FIPS) and states (2-digit FIPS)."""
        rings = []
        for code in fips:
            tier, codes = (
                (self.counties, self.county_fips)
                if len(code) == 5
                else (self.states, self.state_fips)
            )
            rings += [ring for polygon in tier["detail"][codes.index(code)] for ring in polygon]
        return {"paths": rings, "style": style}

    def state_outline(self, code: str) -> dict:
        """A bold, cased outline of one state (USPS code), for the view focused on it."""
        return self.outline([self.state_fips[self.state_codes.index(code)]], FOCUS_OUTLINE)


@dataclass
class View:
    """What the dynamic layer shows: areas, their classes, tooltips, lines, legend, extent."""

    key: str
    bounds: list[list[float]]
    legend_title: str
    classes: Classes
    ids: list[str]
    shapes: list
    tooltips: pd.DataFrame  # one row per area; column names are the tooltip labels
    lines: list[dict] = field(default_factory=list)

    def spec(self) -> dict:
        """The view as plain data, column by column (smaller than one object per area)."""
        return {
            "key": self.key,
            "bounds": self.bounds,
            "factor": 10**DECIMALS,
            "colours": self.classes.colours,
            "legend": {
                "title": self.legend_title,
                "labels": self.classes.labels,
                "lines": [
                    {"label": line["label"], "style": line["style"]}
                    for line in self.lines
                    if "label" in line
                ],
            },
            "ids": self.ids,
            "classes": self.classes.index.tolist(),
            "shapes": self.shapes,
            "tooltip": {
                "labels": list(self.tooltips.columns),
                "columns": [dictionary_encoded(self.tooltips[c]) for c in self.tooltips],
            },
            "lines": self.lines,
        }


def dictionary_encoded(column: pd.Series) -> dict:
    """A column with few distinct values is sent as the values once and an index per row."""
    codes, uniques = pd.factorize(column)
    if len(uniques) * 4 < len(column):
        return {"values": [str(u) for u in uniques], "codes": codes.tolist()}
    return {"values": column.astype(str).tolist()}


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


def county_view(
    counties: gpd.GeoDataFrame,
    shapes: Shapes,
    classes: Classes,
    as_of: dt.date,
    title: str,
    focus: str | None = None,
    sites: list[str] | None = None,
) -> View:
    """Counties coloured by `classes`; with `focus` (a USPS code) that state in detail.

    `sites` (county or state FIPS) are outlined with a dashed line.
    """
    lines = _borders(shapes, focus)
    if sites:
        lines.append({**shapes.outline(sites, SITE_OUTLINE), "label": "Resistant site"})
    return View(
        key=f"county:{focus or 'US'}",
        bounds=shapes.bounds(focus),
        legend_title=title,
        classes=classes,
        ids=list(counties["fips"]),
        shapes=_county_shapes(shapes, (counties["state"] == focus).to_numpy()),
        tooltips=_county_tooltips(counties, as_of),
        lines=lines,
    )


def site_view(
    counties: gpd.GeoDataFrame,
    shapes: Shapes,
    as_of: dt.date,
    site: tuple[str, str],
    members: set[str],
    ring_order: dict[str, int],
) -> View:
    """A resistant site and its ring, coloured by status on `as_of`; the rest muted.

    `site` is (id, name); `ring_order` maps each ring county to 1 (touching the
    site) or 2 (touching the first ring).
    """
    site_id, site_name = site
    fips = counties["fips"]
    near = fips.isin(members | set(ring_order)).to_numpy()
    active = activated_on(counties, as_of).to_numpy()
    classes = Classes(
        index=np.where(near, 0, 2) + active,
        colours=[NOT_YET, ACTIVATED, "#fafafa", "#c6dbef"],
        labels=[
            "Not yet activated",
            "Activated",
            "Farther away, not yet",
            "Farther away, activated",
        ],
    )
    in_detail = counties["state_fips"].isin(set(counties.loc[near, "state_fips"])).to_numpy()
    relation = fips.map(
        lambda f: (
            "Resistant site"
            if f in members
            else RING_NAMES.get(ring_order.get(f), "Outside the ring")
        )
    )
    lines = [_lines(shapes.state_lines["detail"], "#333333", 1.0)]
    for order, style in ((2, SECOND_RING_OUTLINE), (1, RING_OUTLINE)):
        ring_fips = [f for f, o in ring_order.items() if o == order]
        if ring_fips:
            lines.append({**shapes.outline(ring_fips, style), "label": RING_NAMES[order]})
    lines.append({**shapes.outline([site_id], FOCUS_OUTLINE), "label": site_name})
    return View(
        key=f"site:{site_id}:{max(ring_order.values(), default=0)}",
        bounds=shapes.extent(sorted(members | set(ring_order))),
        legend_title=f"{site_name} and its ring, {as_of:%d %b %Y}",
        classes=classes,
        ids=list(fips),
        shapes=_county_shapes(shapes, in_detail),
        tooltips=_county_tooltips(counties, as_of).assign(**{"Relation to the site": relation}),
        lines=lines,
    )


def _county_shapes(shapes: Shapes, in_detail: np.ndarray) -> list:
    """Detail shapes where asked, national ones elsewhere."""
    return [
        detail if chosen else national
        for chosen, detail, national in zip(
            in_detail, shapes.counties["detail"], shapes.counties["national"], strict=True
        )
    ]


def _county_tooltips(counties: gpd.GeoDataFrame, as_of: dt.date) -> pd.DataFrame:
    status = activated_on(counties, as_of).map({True: "Activated", False: "Not yet activated"})
    table = pd.DataFrame(
        {
            "County": counties["name"],
            "State": counties["state"],
            "Activated on": pd.to_datetime(counties["activation_date"])
            .dt.strftime("%d %b %Y")
            .fillna("no date"),
            "Status": status + f" on {as_of:%d %b %Y}",
            "Population (2010)": counties["population_2010"].map("{:,}".format),
        }
    )
    if "value" in counties:  # a user's list with a value column
        table["Value in your list"] = counties["value"].map(
            lambda v: "" if pd.isna(v) else f"{v:,.6g}"
        )
    return table


def state_view(
    per_state: pd.DataFrame, shapes: Shapes, measure: str, as_of: dt.date, focus: str | None
) -> View:
    """States coloured by the share of their population or counties activated on `as_of`."""
    per_state = per_state.set_index("state").loc[shapes.state_codes].reset_index()
    share = per_state["population_share" if measure == "population" else "county_share"]
    tooltips = pd.DataFrame(
        {
            "State": per_state["name"],
            "Counties activated": per_state["counties_activated"].map("{:,}".format)
            + " of "
            + per_state["counties"].map("{:,}".format),
            "Population covered": per_state["population_share"].map("{:.1%}".format),
        }
    )
    return View(
        key=f"state:{focus or 'US'}",
        bounds=shapes.bounds(focus),
        legend_title=f"Share of {measure} covered, {as_of:%d %b %Y}",
        classes=by_share(share),
        ids=list(per_state["state_fips"]),
        shapes=shapes.states["national"],
        tooltips=tooltips,
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


def _lines(encoded: list[str], colour: str, weight: float) -> dict:
    return {"paths": encoded, "style": {"color": colour, "weight": weight}}


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


class _ViewLayer(MacroElement):
    """Draws a view spec into its parent feature group (see the module docstring)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var spec = {{ this.spec }};
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
              out.push(L.latLng(lat / spec.factor, lng / spec.factor));
            }
            return out;
          }
          function tooltip(row) {
            var box = document.createElement("div");
            spec.tooltip.labels.forEach(function (label, i) {
              var column = spec.tooltip.columns[i];
              var value = column.codes ? column.values[column.codes[row]] : column.values[row];
              var line = document.createElement("div"), name = document.createElement("b");
              name.textContent = label + ": ";
              line.appendChild(name);
              line.appendChild(document.createTextNode(value));
              box.appendChild(line);
            });
            return box;
          }
          var Legend = L.Layer.extend({
            onAdd: function (map) {
              var box = L.DomUtil.create("div", "sc-legend", map.getContainer());
              box.style.cssText = "position:absolute;z-index:1000;bottom:24px;right:10px;" +
                "background:#fff;padding:6px 9px;border:1px solid #999;font:13px/1.5 sans-serif";
              var title = document.createElement("b");
              title.textContent = spec.legend.title;
              box.appendChild(title);
              function row(swatchStyle, label) {
                var line = document.createElement("div"), swatch = document.createElement("span");
                swatch.style.cssText = "display:inline-block;margin-right:6px;" + swatchStyle;
                line.appendChild(swatch);
                line.appendChild(document.createTextNode(label));
                box.appendChild(line);
              }
              spec.legend.labels.forEach(function (label, i) {
                row("width:14px;height:14px;vertical-align:-2px;border:1px solid #777;" +
                    "background:" + spec.colours[i], label);
              });
              spec.legend.lines.forEach(function (line) {
                row("width:18px;height:0;vertical-align:4px;border-top:" + line.style.weight +
                    "px " + (line.style.dashArray ? "dashed " : "solid ") + line.style.color,
                    line.label);
              });
              this._box = box;
              if (window.__scView !== spec.key) {
                window.__scView = spec.key;
                map.invalidateSize();
                map.fitBounds(spec.bounds, {animate: false});
                map.once("resize", function () { map.fitBounds(spec.bounds); });
              }
            },
            onRemove: function () { L.DomUtil.remove(this._box); }
          });
          var AREA_EDGE = "#9a9a9a", AREA_EDGE_WIDTH = 0.4;
          function svgPath(attributes, template) {
            var path = template ? template.cloneNode(false) : L.SVG.create("path");
            for (var name in attributes) { path.setAttribute(name, attributes[name]); }
            return path;
          }
          function pathData(map, rings, closed) {  // rings of LatLngs, as SVG path data
            var crs = map.options.crs, zoom = map.getZoom(), origin = map.getPixelOrigin();
            var d = "";
            rings.forEach(function (ring) {
              ring.forEach(function (latlng, i) {
                var point = crs.latLngToPoint(latlng, zoom);
                d += (i ? "L" : "M") + Math.round(point.x - origin.x) + " " +
                  Math.round(point.y - origin.y);
              });
              if (closed) { d += "z"; }
            });
            return d;
          }
          function focusWithoutScrolling(map) {
            // Leaflet focuses the map on a press, for its keys. In an iframe that focus
            // scrolled the page to show the whole map: on a phone, a tap on a map running
            // off the screen moved the page under the finger and landed elsewhere.
            var keyboard = map.keyboard;
            if (!keyboard || keyboard._scFocus) { return; }
            L.DomEvent.off(map.getContainer(), "mousedown", keyboard._onMouseDown, keyboard);
            keyboard._scFocus = function () {
              if (!this._focused) { map.getContainer().focus({preventScroll: true}); }
            };
            L.DomEvent.on(map.getContainer(), "mousedown", keyboard._scFocus, keyboard);
          }
          // Shapes are drawn in bulk: a few SVG paths in one group of the map's renderer,
          // projected again after each zoom, instead of one Leaflet layer per shape.
          var Drawing = L.Layer.extend({
            onAdd: function (map) {
              this._group = L.SVG.create("g");
              map.getRenderer(this)._rootGroup.appendChild(this._group);
              this._draw();
            },
            onRemove: function () { L.DomUtil.remove(this._group); },
            getEvents: function () { return {zoomend: this._draw, viewreset: this._draw}; },
            _draw: function () {
              var group = this._group;
              while (group.firstChild) { group.removeChild(group.firstChild); }
              this._paths(this._map).forEach(function (path) { group.appendChild(path); });
            }
          });
          var Areas = Drawing.extend({  // one path per area, with hover and one tooltip
            initialize: function () {
              this._rings = spec.shapes.map(function (polygons) {
                return [].concat.apply([], polygons).map(decode);
              });
              this._tip = L.tooltip({sticky: true});
            },
            onAdd: function (map) {
              Drawing.prototype.onAdd.call(this, map);
              L.DomEvent.on(this._group, {mouseover: this._over, mousemove: this._move,
                                          mouseout: this._out}, this);
              focusWithoutScrolling(map);
            },
            getEvents: function () {  // a tap or click opens it after the map's click closed it
              return L.extend(Drawing.prototype.getEvents.call(this), {click: this._tap});
            },
            _tap: function (event) {
              if (event.originalEvent.target.parentNode === this._group) {
                this._over(event.originalEvent);
              }
            },
            onRemove: function (map) {
              map.closeTooltip(this._tip);
              Drawing.prototype.onRemove.call(this, map);
            },
            _paths: function (map) {
              var template = svgPath({"class": "leaflet-interactive", "fill-opacity": 1,
                "fill-rule": "evenodd", "stroke": AREA_EDGE, "stroke-width": AREA_EDGE_WIDTH,
                "stroke-linejoin": "round"});
              return this._rings.map(function (rings, row) {
                var path = svgPath({"fill": spec.colours[spec.classes[row]],
                                    "d": pathData(map, rings, true)}, template);
                path.classList.add("fips-" + spec.ids[row]);
                path.__row = row;
                return path;
              });
            },
            _over: function (event) {
              var path = event.target;
              this._out();
              this._hovered = path;
              path.setAttribute("stroke", "#000000");
              path.setAttribute("stroke-width", 2);
              this._tip.setContent(tooltip(path.__row));
              this._move(event);
              this._map.openTooltip(this._tip);
            },
            _move: function (event) { this._tip.setLatLng(this._map.mouseEventToLatLng(event)); },
            _out: function () {
              if (this._hovered) {
                this._hovered.setAttribute("stroke", AREA_EDGE);
                this._hovered.setAttribute("stroke-width", AREA_EDGE_WIDTH);
                this._hovered = null;
              }
              this._map.closeTooltip(this._tip);
            }
          });
          var Lines = Drawing.extend({  // one set of lines in one path, over a wider casing
            initialize: function (set) {
              this._style = set.style;
              this._lines = set.paths.map(decode);
            },
            _paths: function (map) {
              var style = this._style, d = pathData(map, this._lines, false), paths = [];
              var line = {"fill": "none", "stroke-linecap": "round", "stroke-linejoin": "round",
                          "d": d};
              if (style.casing) {
                paths.push(svgPath(L.extend({}, line, {"stroke": style.casing,
                  "stroke-width": style.weight + 3})));
              }
              paths.push(svgPath(L.extend({}, line, {"stroke": style.color,
                "stroke-width": style.weight, "stroke-dasharray": style.dashArray || "none"})));
              return paths;
            }
          });
          group.addLayer(new Legend());  // first: it fits the view before anything is projected
          group.addLayer(new Areas());
          spec.lines.forEach(function (set) { group.addLayer(new Lines(set)); });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, spec: dict):
        super().__init__()
        self._name = "ViewLayer"
        self.spec = script_json(spec)
