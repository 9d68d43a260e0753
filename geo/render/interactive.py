"""The "Interactive HTML" download: a view as one self-contained page that needs no server.

Leaflet, the map script (geo/render/js/rollout_layer.js), the page's own script
(geo/render/js/standalone.js), their styles, the shapes and the data are all inlined: the
file makes no request, opened from disk or served by any static host. The page
recolours the counties for any date of the rollout and recomputes the headline
numbers in the browser from each county's date and population; this module hands
it those as plain data, the rules the app colours by (which class an area
takes once activated, or a state's share bands), and every word and month name it
writes, in the language of the download.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import replace

import numpy as np
import pandas as pd
from babel.dates import get_month_names

from geo.domain.load import Dataset
from geo.domain.rings import Dates, SiteRing, summarize_ring
from geo.domain.rollout import date_range
from geo.domain.shapes import SCREEN_PIXELS
from geo.i18n import LOCALES, N_, _, current
from geo.render import leaflet
from geo.render.offline import LAYER_SCRIPT, LAYER_STYLE, leaflet_source
from geo.view.compose import classes_of, compose
from geo.view.selection import Selection
from geo.view.styles import SHARE_LABELS
from geo.view.wording import Words, site_metrics, subtitle, when

PAGE_SCRIPT = LAYER_SCRIPT.with_name("standalone.js")
PAGE_STYLE = PAGE_SCRIPT.with_suffix(".css")
EPOCH = dt.date(1970, 1, 1)
EARLIEST = -(10**6)  # the day of a county a list marks "yes" without a date: before any
# Tooltip columns that change with the date, by what the page computes for them (their
# labels in geo.view.compose, translated where compared).
DATED_COLUMNS = {
    "status": N_("Status"),
    "counties": N_("Counties activated"),
    "share": N_("Population covered"),
    "noncitizens": N_("Noncitizens covered"),
}


def page(
    data: Dataset,
    selection: Selection,
    words: Words,
    description: str,
    source: str,
    link: str,
) -> str:
    """The whole page of the view `selection`, as HTML text."""
    selection = replace(selection, tiles=False)
    view = compose(data, selection, SCREEN_PIXELS)
    spec = leaflet.spec(view, description=description)
    content = {
        "map": spec,
        "words": {
            "title": words.title,
            "subtitle": "" if words.subtitle == subtitle(selection, data) else words.subtitle,
            "note": words.note,
            "byline": words.byline,
            "source": source,
            "link": link if re.match(r"https?://", link) else "",
        },
        "legendTitle": view.legend_title,
        "rollout": rollout(data, selection, view.tooltips.labels),
        "text": page_text(),
        "dates": dates(),
    }
    scripts = [_read(leaflet_source() / "leaflet.js"), _read(LAYER_SCRIPT)]
    styles = [_leaflet_style(), _read(LAYER_STYLE), _read(PAGE_STYLE)]
    return TEMPLATE.format(
        lang=html.escape(current()),
        play=html.escape(_("Play")),
        date=html.escape(_("Date")),
        title=html.escape(words.title),
        description=html.escape(description),
        styles="\n".join(styles),
        scripts="\n".join(f"<script>{_inline(s)}</script>" for s in scripts),
        content=leaflet.script_json(content),
        page_script=_inline(_read(PAGE_SCRIPT)),
    )


def page_text() -> dict[str, str]:
    """The words the page script writes, in the current language; it fills the {names}."""
    return {
        "countOf": _("{number} of {total}"),
        "countiesActivated": _("Counties activated"),
        "everyCountyActivated": _("Every county activated"),
        "notYet": _("Not yet"),
        "statesParticipating": _("States participating"),
        "populationActivated": _("Population in activated counties"),
        "noncitizensActivated": _("Noncitizens in activated counties"),
        "ringActivatedOn": _("Ring activated on {date}"),
        "ringPeople": _("Ring's people in activated counties"),
        "ringNoncitizens": _("Ring's noncitizens in activated counties"),
        "activatedOn": _("Activated on {date}"),
        "notYetActivatedOn": _("Not yet activated on {date}"),
        "asOf": _("As of {date}"),
        "siteAndRing": _("{site} and its ring"),
        "play": _("Play"),
        "pause": _("Pause"),
        "openInDashboard": _("Open this view in the dashboard"),
    }


def dates() -> dict:
    """How the page script writes a date, as geo.i18n.day and long_day do: their Babel
    patterns and the language's month names (Babel's), January first."""
    locale = LOCALES[current()]
    return {
        # the patterns of geo.i18n.day and geo.i18n.long_day
        "short": _("dd MMM y"),
        "long": _("d MMMM y"),
        "months": [get_month_names("wide", locale=locale)[m] for m in range(1, 13)],
        "monthsShort": [get_month_names("abbreviated", locale=locale)[m] for m in range(1, 13)],
    }


def rollout(data: Dataset, selection: Selection, view_labels: tuple[str, ...]) -> dict:
    """What the page needs to recolour the map and count for any date: each county's day
    (days since 1970; None if never activated), population, noncitizens and state; the counties the
    headline counts; the class each area takes by date; a site's ring."""
    counties = data.counties
    first, last = date_range(counties)
    states = sorted(counties["state_fips"].unique())
    scope = np.ones(len(counties), bool)
    if selection.state:
        scope = (counties["state"] == selection.state).to_numpy()
    content = {
        "first": _day(first),
        "last": _day(last),
        "asOf": _day(selection.as_of),
        "day": _days(counties["activation_date"]),
        "population": counties["population_2010"].astype(int).tolist(),
        "noncitizens": counties["noncitizens"].astype(int).tolist(),
        "state": [states.index(s) for s in counties["state_fips"]],
        "states": len(data.states),
        "scope": np.flatnonzero(scope).tolist(),
        "inState": selection.state is not None,
        "areas": _area_rule(data, selection),
        "site": _site(data, selection),
        "tooltip": {name: _column(view_labels, name) for name in DATED_COLUMNS},
    }
    if selection.state:
        dates = Dates.of(counties.loc[scope, "activation_date"])
        content["everyCounty"] = {
            "last": _day(dates.last) if dates.last else None,
            "words": when(dates, int(scope.sum())),
        }
    return content


def _area_rule(data: Dataset, selection: Selection) -> dict:
    """How each area's class follows the date. Counties: the class an area has before and
    after its activation (found from the app's own classes on the first and last day).
    States: shares of their population or counties in bands, as geo.view.styles.by_share."""
    if selection.layer == "state" and not selection.site:
        shares = data.shapes.states.fips
        by_state = {code: i for i, code in enumerate(shares)}
        return {
            "kind": "share",
            "measure": selection.measure,
            "bands": len(SHARE_LABELS) - 2,
            "areaOf": [by_state[s] for s in data.counties["state_fips"]],
            "areas": len(shares),
        }
    first, last = date_range(data.counties)
    before = classes_of(data, replace(selection, as_of=first - dt.timedelta(days=1))).index
    after = classes_of(data, replace(selection, as_of=max(last, dt.date(2100, 1, 1)))).index
    return {"kind": "counties", "before": before.tolist(), "after": after.tolist()}


def _site(data: Dataset, selection: Selection) -> dict | None:
    """A site's ring, and the numbers of its panel that do not change with the date."""
    if not selection.site:
        return None
    counties = data.counties
    site = SiteRing.of(counties, data.adjacency, data.sites, selection.site, selection.ring)
    summary = summarize_ring(counties, site.site_id, site.around, selection.as_of)
    rows = pd.Index(counties["fips"]).get_indexer(site.around)
    return {
        "name": site.name,
        "ring": rows.tolist(),
        "metrics": site_metrics(summary, len(site.members)),
        "changing": 1,  # the metric that counts the ring on the date
    }


def _column(labels: tuple[str, ...], name: str) -> int | None:
    """Where the tooltip column the page computes as `name` is, if the view has it."""
    label = _(DATED_COLUMNS[name])
    return labels.index(label) if label in labels else None


def _days(dates: pd.Series) -> list[int | None]:
    stamps = pd.to_datetime(dates)
    days = (stamps - pd.Timestamp(EPOCH)).dt.days
    days[stamps <= pd.Timestamp("1800-01-01")] = EARLIEST
    return [None if pd.isna(d) else int(d) for d in days]


def _day(date: dt.date) -> int:
    return (date - EPOCH).days


def _read(path) -> str:
    return path.read_text(encoding="utf-8")


def _leaflet_style() -> str:
    """Leaflet's styles, without the images they name: the page loads no file at all."""
    return re.sub(r"url\([^)]*\)", "none", _read(leaflet_source() / "leaflet.css"))


def _inline(script: str) -> str:
    """A script that can stand inside <script>: it may not close the element."""
    if re.search(r"</script|<!--", script, re.IGNORECASE):
        raise ValueError("A script to inline closes its <script> element")
    return script


TEMPLATE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{description}">
<title>{title}</title>
<style>
{styles}
</style>
</head>
<body>
<main class="sc-page">
<h1 id="sc-title"></h1>
<p id="sc-subtitle"></p>
<div id="sc-numbers" class="sc-numbers" aria-live="polite"></div>
<div class="sc-map-box"><div id="sc-map"></div></div>
<div class="sc-controls">
<button id="sc-play" type="button">{play}</button>
<input id="sc-date" type="range" step="1" aria-label="{date}">
<output id="sc-date-label" for="sc-date"></output>
</div>
<p id="sc-note"></p>
<footer><p id="sc-source"></p><p id="sc-byline"></p><p id="sc-link"></p></footer>
</main>
{scripts}
<script>var SC_PAGE = {content};</script>
<script>{page_script}</script>
</body>
</html>
"""
