"""From a Selection (what the user asked to see) to the MapView both renderers draw.

A view is its drawing (areas, arcs at the detail the view needs, lines, extent), which
depends on the place and not on the date, and its colours and tooltips, which do. The
drawing is kept for the next view of the same place: a new date only recolours.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.arcs import Arcs, Extent
from geo.domain.load import Dataset
from geo.domain.rings import SiteRing, site_members
from geo.domain.rollout import activated_on, states_on
from geo.domain.shapes import SCREEN_PIXELS, Shapes, metres_per_unit_of, remap
from geo.i18n import N_, _, current, day
from geo.memo import PerData
from geo.projection import INSET_OF
from geo.view.selection import Selection
from geo.view.styles import (
    ACTIVATED,
    Classes,
    by_listing,
    by_noncitizen_share,
    by_share,
    by_status,
    by_value,
    by_wave,
    colouring,
)
from geo.view.viewmodel import (
    FOCUS_OUTLINE,
    INSET_FRAME,
    RING_OUTLINE,
    SECOND_RING_OUTLINE,
    SITE_OUTLINE,
    STATE_BORDER,
    Crs,
    Kind,
    LineSet,
    LineStyle,
    MapView,
    Tooltips,
)
from geo.view.wording import STATE_MEASURES, activation_dates

LOWER_48_LONLAT = Extent(-124.8, 24.4, -66.9, 49.4)  # the national view on a base map
# Marked here, translated where shown.
RING_LABELS = {1: N_("Ring: shares a border or corner"), 2: N_("Second ring")}
# A site view: the site and its rings in full colour, the counties beyond them paler; the
# four stay apart for readers with any colour-vision deficiency (tests/test_colours.py).
NEAR_NOT_YET, FAR_NOT_YET, FAR_ACTIVATED = "#bdbdbd", "#ffffff", "#c6dbef"
STATE_LEGENDS = {  # the state layer's legend title per measure
    "population": N_("Share of population covered"),
    "counties": N_("Share of counties covered"),
    "noncitizens": N_("Share of noncitizens covered"),
}
DRAWINGS_KEPT = 64  # drawings of recent places, for views of them on other dates
Lines = list[tuple[list[int], LineStyle, str | None]]


@dataclass(frozen=True)
class Drawing:
    """What a view draws, whatever its date."""

    key: str
    kind: Kind
    crs: Crs
    extent: Extent
    scale: float | None
    legend_title: str
    ids: tuple[str, ...]
    arcs: Arcs
    shapes: tuple
    lines: tuple[LineSet, ...]


def compose(data: Dataset, selection: Selection, pixels=SCREEN_PIXELS) -> MapView:
    """The map of `selection`, detailed for a drawing area of `pixels` (width, height)."""
    site = _site(data, selection)
    drawing = _drawings.get(data, selection, site, tuple(pixels))
    return MapView(
        **{f.name: getattr(drawing, f.name) for f in dataclasses.fields(Drawing)},
        legend_date=day(selection.as_of),
        classes=classes_of(data, selection, site),
        tooltips=_tooltips_of(data, selection, site),
    )


def classes_of(data: Dataset, selection: Selection, site: SiteRing | None = None) -> Classes:
    """The class of every area of the view of `selection` (all a new date changes)."""
    site = site or _site(data, selection)
    if site:
        return _site_classes(data.counties, selection.as_of, site)
    if selection.layer == "state":
        per_state = _per_state(data, selection.as_of)
        return by_share(per_state[STATE_MEASURES[selection.measure]])
    colour = _colour(data, selection)
    if colour == "value":
        return by_value(data.counties["value"])
    if colour == "noncitizen_share":
        return by_noncitizen_share(data.counties["noncitizens"], data.counties["population_2010"])
    if not data.dated:
        return by_listing(data.counties["activation_date"])
    return (by_wave if colour == "wave" else by_status)(
        data.counties["activation_date"], selection.as_of
    )


def _site(data: Dataset, selection: Selection) -> SiteRing | None:
    if not selection.site:
        return None
    return SiteRing.of(data.counties, data.adjacency, data.sites, selection.site, selection.ring)


def _colour(data: Dataset, selection: Selection) -> str:
    """What counties are coloured by (geo.view.styles.colouring)."""
    return colouring(selection.colour, values="value" in data.counties, dated=data.dated)


def _site_classes(counties: pd.DataFrame, as_of: dt.date, site: SiteRing) -> Classes:
    """The site and its ring by status on the date; counties farther away paler."""
    near = counties["fips"].isin(site.members | set(site.ring_order)).to_numpy()
    active = activated_on(counties, as_of).to_numpy()
    return Classes(
        index=np.where(near, 0, 2) + active,
        colours=(NEAR_NOT_YET, ACTIVATED, FAR_NOT_YET, FAR_ACTIVATED),
        labels=(
            _("Site or ring, not yet activated"),
            _("Site or ring, activated"),
            _("Farther away, not yet"),
            _("Farther away, activated"),
        ),
    )


def _tooltips_of(data: Dataset, selection: Selection, site: SiteRing | None) -> Tooltips:
    if site is None and selection.layer == "state":
        per_state = _per_state(data, selection.as_of)
        of = _("{number} of {total}")
        return _tooltips(
            {
                _("State"): per_state["name"],
                _("Counties activated"): pd.Series(
                    of.format(number=f"{activated:,}", total=f"{total:,}")
                    for activated, total in zip(
                        per_state["counties_activated"], per_state["counties"], strict=True
                    )
                ),
                _("Population covered"): per_state["population_share"].map("{:.1%}".format),
                _("Noncitizens covered"): per_state["noncitizen_share"].map("{:.1%}".format),
            }
        )
    counties, as_of = data.counties, selection.as_of
    labels, columns = _county_columns.get(data)
    fixed = frozenset(range(len(labels)))  # every column but a status on the date
    if data.dated:  # a list without dates: its "Activated on" column says it all
        date = day(as_of)
        status = np.array(
            [
                _("Not yet activated on {date}").format(date=date),
                _("Activated on {date}").format(date=date),
            ],
            dtype=object,
        )[activated_on(counties, as_of).to_numpy(dtype=int)]
        labels = (*labels[:3], _("Status"), *labels[3:])
        columns = (*columns[:3], tuple(status.tolist()), *columns[3:])
        fixed = frozenset(range(len(labels))) - {3}  # all but the status, in fourth place
    if site:
        relations = {"site": _("Resistant site"), "": _("Outside the ring")}
        rings = {order: _(label) for order, label in RING_LABELS.items()}
        relation = counties["fips"].map(
            lambda f: relations.get(site.relation(f), rings.get(site.ring_order.get(f)))
        )
        labels, columns = (*labels, _("Relation to the site")), (*columns, tuple(relation))
    return Tooltips(labels, columns, fixed)


def _county_tooltip_columns(data: Dataset) -> tuple[tuple[str, ...], tuple]:
    """The tooltip columns of counties that do not change with the date."""
    counties = data.counties
    columns = {
        _("County"): counties["name"],
        _("State"): counties["state"],
        _("Activated on"): activation_dates(counties["activation_date"]),
        _("Population (2010)"): counties["population_2010"].map("{:,}".format),
    }
    if "value" in counties:  # a user's list with a value column
        columns[_("Value in your list")] = counties["value"].map(
            lambda v: "" if pd.isna(v) else f"{v:,.6g}"
        )
    tooltips = _tooltips(columns)
    return tooltips.labels, tooltips.columns


def _tooltips(columns: dict[str, pd.Series]) -> Tooltips:
    return Tooltips(
        tuple(columns), tuple(tuple(str(v) for v in column) for column in columns.values())
    )


def _per_state(data: Dataset, as_of: dt.date) -> pd.DataFrame:
    """Per state, in the shapes' order: its name and what was activated on `as_of`."""
    per_state = data.states[["state_fips", "state", "name"]].merge(
        states_on(data.counties, as_of), on="state_fips", validate="one_to_one"
    )
    return per_state.set_index("state_fips").loc[list(data.shapes.states.fips)].reset_index()


def _drawing(data: Dataset, selection: Selection, site: SiteRing | None, pixels) -> Drawing:
    """The drawing of a site and its ring, of states by share, or of counties."""
    shapes, counties = data.shapes, data.counties
    lines: Lines = []
    if site:
        lines.append((shapes.state_borders(), STATE_BORDER, None))
        for order, style in ((2, SECOND_RING_OUTLINE), (1, RING_OUTLINE)):
            ring = [f for f, o in site.ring_order.items() if o == order]
            if ring:
                arcs = sorted(shapes.counties.arcs_of(shapes.counties.rows(ring)))
                lines.append((arcs, style, _(RING_LABELS[order])))
        lines.append((shapes.boundary(site.members), FOCUS_OUTLINE, site.name))
        key = f"site:{site.site_id}:{max(site.ring_order.values(), default=0)}"
        fit = sorted(site.members | set(site.ring_order))
        title = _("{site} and its ring").format(site=site.name)
        return _drawn(shapes, selection, pixels, key, Kind.SITE, fit, lines, title)
    focus = selection.state
    if focus:
        lines.append((shapes.boundary(_state_counties(counties, focus)), FOCUS_OUTLINE, None))
    kind = Kind.STATE if focus else Kind.NATIONAL
    fit = _state_counties(counties, focus) if focus else _listed(data)
    if selection.layer == "state":
        title = _(STATE_LEGENDS[selection.measure])
        return _drawn(shapes, selection, pixels, f"state:{focus or 'US'}", kind, fit, lines, title)
    lines.insert(0, (shapes.state_borders(), STATE_BORDER, None))
    if selection.outline:
        outlines = {a for site_id in data.sites["site_id"] for a in _site_outline(data, site_id)}
        lines.append((sorted(outlines), SITE_OUTLINE, _("Resistant site")))
    title = {
        "value": _("Value in your list"),
        "wave": _("Year activated"),
        "noncitizen_share": _("Noncitizens' share of the population"),
    }.get(_colour(data, selection), _("Secure Communities") if data.dated else _("Your list"))
    return _drawn(shapes, selection, pixels, f"county:{focus or 'US'}", kind, fit, lines, title)


def _drawn(
    shapes: Shapes,
    selection: Selection,
    pixels,
    key: str,
    kind: Kind,
    fit: list[str] | None,
    lines: Lines,
    legend_title: str,
) -> Drawing:
    """The extent (around the counties to `fit`, or the whole map), the arcs drawn at the
    detail it needs, and the lines."""
    areas = shapes.states if key.startswith("state") else shapes.counties
    if kind is Kind.NATIONAL:
        lines = [*lines, (list(shapes.frames), INSET_FRAME, None)]
    left_out = _insets_left_out(areas.fips, None if kind is Kind.NATIONAL else fit)
    rings = areas.rings
    if left_out:
        gone = areas.arcs_of(left_out)
        lines = [([a for a in arcs if a not in gone], style, label) for arcs, style, label in lines]
        rings = tuple(() if row in left_out else area for row, area in enumerate(rings))
    if fit is None:
        extent, scale = shapes.extent, None
    else:
        extent = shapes.counties.extent(shapes.counties.rows(fit))
        scale = metres_per_unit_of({code[:2] for code in fit})
    # The arcs of every area, even those left out: the views of counties then share their
    # numbering and each area's shape (geo.render.leaflet encodes them once).
    used = sorted(areas.arcs_of(range(len(areas.fips))) | {a for arcs, _, _ in lines for a in arcs})
    arcs = shapes.arcs(used, shapes.detail_arcs(extent), shapes.tier(extent, pixels))
    crs = Crs.ALBERS
    if selection.tiles:
        arcs, crs = shapes.in_lonlat(arcs, used), Crs.LONLAT
        extent = LOWER_48_LONLAT if fit is None else _lonlat_extent(shapes, fit)
    local = {arc: i for i, arc in enumerate(used)}
    unchanged = used[-1] == len(used) - 1  # every arc up to the last: numbers stay as stored
    return Drawing(
        key=f"{key}:{crs}",
        kind=kind,
        crs=crs,
        extent=extent,
        scale=scale,
        legend_title=legend_title,
        ids=areas.fips,
        arcs=arcs,
        shapes=rings if unchanged else remap(rings, local),
        lines=tuple(
            LineSet(tuple(local[a] for a in arcs), style, label) for arcs, style, label in lines
        ),
    )


def _insets_left_out(fips: tuple[str, ...], fit: list[str] | None) -> set[int]:
    """The rows of areas in an inset (Alaska, Hawaii) that a view of somewhere else (the
    counties to `fit`; None: the nation) leaves out, shape and border: zoomed to Texas,
    Hawaii's inset would sit in Mexico."""
    if fit is None:
        return set()
    elsewhere = set(INSET_OF) - {code[:2] for code in fit}
    return {row for row, code in enumerate(fips) if code[:2] in elsewhere}


def _listed(data: Dataset) -> list[str] | None:
    """The counties a user's list gives a date or a "yes", when it leaves some out: the
    national view of the list fits them (a list of Alaska's boroughs shows Alaska)."""
    listed = data.counties.loc[data.counties["activation_date"].notna(), "fips"]
    return listed.tolist() if data.label and 0 < len(listed) < len(data.counties) else None


def _state_counties(counties: pd.DataFrame, state: str) -> list[str]:
    return counties.loc[counties["state"] == state, "fips"].tolist()


def _site_outline(data: Dataset, site_id: str) -> list[int]:
    return data.shapes.boundary(site_members(data.counties, site_id))


def _lonlat_extent(shapes: Shapes, fips: list[str]) -> Extent:
    """Longitudes and latitudes around the given counties, drawn at the coarsest tier."""
    polygons = shapes.county_polygons(shapes.counties.rows(fips), len(shapes.tiers) - 1, True)
    points = np.concatenate([ring for county in polygons for polygon in county for ring in polygon])
    return Extent(*points.min(axis=0).tolist(), *points.max(axis=0).tolist())


_drawings = PerData(
    _drawing,
    lambda data, selection, site, pixels: (
        selection.site,
        selection.ring if selection.site else 0,
        selection.layer,
        selection.measure if selection.layer == "state" else "",
        _colour(data, selection),
        selection.state,
        selection.outline,
        selection.tiles,
        pixels,
        current(),  # the language of the legend's words
    ),
    DRAWINGS_KEPT,
)
_county_columns = PerData(_county_tooltip_columns, lambda data: current(), 8)
