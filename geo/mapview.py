"""Build the rollout map as a folium.Map; displays nothing (like GeoDataFrame.explore)."""

from __future__ import annotations

import datetime as dt
import html
import json

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement, Template

from geo.offline import OfflineMap
from geo.rollout import activated_on

ACTIVATED, NOT_YET = "Activated", "Not yet activated"
# Colour-blind safe and distinct in grey-scale print (dark blue against light grey).
STATUS_COLOURS = {ACTIVATED: "#1d4e89", NOT_YET: "#e3e3e3"}
BORDER_COLOUR = "#ffffff"
STATE_BORDER_COLOUR = "#333333"
LOWER_48 = [[24.4, -124.8], [49.4, -66.9]]
TOOLTIP = {
    "name": "County",
    "state": "State",
    "activation": "Activated on",
    "status": "Status",
    "population": "Population (2010)",
}


def county_features(counties: gpd.GeoDataFrame, as_of: dt.date) -> dict:
    """GeoJSON of the counties with escaped tooltip text and their status on `as_of`."""
    status = activated_on(counties, as_of).map({True: ACTIVATED, False: NOT_YET})
    props = pd.DataFrame(
        {
            "fips": counties["fips"],
            "name": counties["name"].map(html.escape),
            "state": counties["state"].map(html.escape),
            "activation": pd.to_datetime(counties["activation_date"]).dt.strftime("%Y-%m-%d"),
            "status": status,
            "population": counties["population_2010"].map("{:,}".format),
        }
    )
    layer = gpd.GeoDataFrame(props, geometry=counties.geometry.to_numpy(), crs=counties.crs)
    return json.loads(layer.to_json(drop_id=True, separators=(",", ":")))


def rollout_map(
    counties: gpd.GeoDataFrame,
    states: gpd.GeoDataFrame,
    as_of: dt.date,
    bounds: list[list[float]] | None = None,
) -> folium.Map:
    """Counties coloured by activation status on `as_of`, state borders drawn on top."""
    fmap = OfflineMap(tiles=None, location=[38, -96], zoom_start=4, control_scale=True)
    folium.GeoJson(
        county_features(counties, as_of),
        name="Counties",
        style_function=_county_style,
        highlight_function=lambda _: {"weight": 2, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(fields=list(TOOLTIP), aliases=list(TOOLTIP.values())),
    ).add_to(fmap)
    folium.GeoJson(
        states.geometry.reset_index(drop=True).to_json(drop_id=True, separators=(",", ":")),
        name="States",
        style_function=lambda _: {"color": STATE_BORDER_COLOUR, "weight": 1.2, "fill": False},
        interactive=False,
    ).add_to(fmap)
    _Legend(f"Secure Communities on {as_of:%d %b %Y}", STATUS_COLOURS).add_to(fmap)
    fmap.fit_bounds(bounds or LOWER_48)
    return fmap


def _county_style(feature: dict) -> dict:
    return {
        "fillColor": STATUS_COLOURS[feature["properties"]["status"]],
        "fillOpacity": 1.0,
        "color": BORDER_COLOUR,
        "weight": 0.3,
    }


class _Legend(MacroElement):
    """A fixed legend box drawn with plain HTML (branca colour maps would pull d3 from a CDN)."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div style="position:absolute;z-index:9999;bottom:18px;left:10px;background:#fff;
                    padding:6px 9px;border:1px solid #999;font:13px/1.5 sans-serif;">
          <b>{{ this.title }}</b>
          {% for label, colour in this.entries %}
          <div><span style="display:inline-block;width:14px;height:14px;vertical-align:-2px;
                     margin-right:6px;border:1px solid #777;background:{{ colour }}"></span
              >{{ label }}</div>
          {% endfor %}
        </div>
        {% endmacro %}
        """
    )

    def __init__(self, title: str, colours: dict[str, str]):
        super().__init__()
        self.title = html.escape(title)
        self.entries = [(html.escape(label), colour) for label, colour in colours.items()]
