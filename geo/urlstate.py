"""What the user selected (date, place, layer, site...) as URL query parameters, and back."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from geo.rollout import FIRST_ACTIVATION, LAST_ACTIVATION
from geo.text import markdown_escape

LAYERS = ("county", "state")
# The reporter's own words and the most characters each may have.
WORD_LIMITS = {"title": 120, "subtitle": 200, "note": 500, "byline": 100}
NOT_SHOWN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # control characters (not \t, \n)
COLOURS = ("status", "wave", "value")  # value: only for a user's list with a value column
MEASURES = ("population", "counties")


@dataclass(frozen=True)
class Selection:
    """Everything a shared link must reproduce."""

    as_of: dt.date = LAST_ACTIVATION
    state: str | None = None
    layer: str = "county"
    colour: str = "wave"  # the first view: the year each county joined, the spread at a glance
    measure: str = "population"
    site: str | None = None
    ring: int = 1
    outline: bool = True  # resistant sites outlined on the county map
    report: bool = False  # the clean report page: map, numbers and sources only
    tiles: bool = False  # an online base map (Web Mercator) under the counties
    # The reporter's words, plain text; "" for the generated title and subtitle, and none.
    title: str = ""
    subtitle: str = ""
    note: str = ""
    byline: str = ""

    def without_words(self) -> Selection:
        """The same view without the reporter's words: what the map draws."""
        return replace(self, **dict.fromkeys(WORD_LIMITS, ""))


def parse(
    params: dict[str, str], states: set[str], sites: frozenset[str] = frozenset()
) -> tuple[Selection, list[str]]:
    """Read the selection from query parameters; every bad value becomes a message and a default.

    `states` are the USPS codes and `sites` the resistant sites' FIPS codes a link may name.
    """
    selection, messages = Selection(), []
    if "as_of" in params:
        as_of = _date(params["as_of"])
        if as_of is None:
            messages.append(
                f"The date {shown(params['as_of'])} in the link is not a date written YYYY-MM-DD "
                f"(for example 2011-02-17); showing {selection.as_of:%Y-%m-%d} instead."
            )
        elif not FIRST_ACTIVATION <= as_of <= LAST_ACTIVATION:
            messages.append(
                f"The date {as_of:%Y-%m-%d} in the link is outside the rollout "
                f"({FIRST_ACTIVATION:%Y-%m-%d} to {LAST_ACTIVATION:%Y-%m-%d}); "
                f"showing {selection.as_of:%Y-%m-%d} instead."
            )
        else:
            selection = replace(selection, as_of=as_of)
    if "state" in params:
        code = params["state"].strip().upper()
        if code in states:
            selection = replace(selection, state=code)
        else:
            messages.append(
                f"{shown(params['state'])} in the link is not a state's two-letter code "
                "(for example VA or DC); showing the whole country instead."
            )
    if "site" in params:
        if params["site"].strip() in sites:
            selection = replace(selection, site=params["site"].strip())
        else:
            messages.append(
                f"site={shown(params['site'])} in the link is not the code of a resistant "
                f"site ({', '.join(sorted(sites))}); showing no site instead."
            )
    if "ring" in params:
        if params["ring"].strip() in {"1", "2"}:
            selection = replace(selection, ring=int(params["ring"]))
        else:
            messages.append(
                f"ring={shown(params['ring'])} in the link is not 1 or 2; showing the first ring."
            )
    for name in ("outline", "report", "tiles"):
        if name in params:
            if params[name].strip() in {"0", "1"}:
                selection = replace(selection, **{name: params[name].strip() == "1"})
            else:
                messages.append(f"{name}={shown(params[name])} in the link is not 0 or 1.")
    for name, allowed in (("layer", LAYERS), ("colour", COLOURS), ("measure", MEASURES)):
        if name in params:
            value = params[name].strip().lower()
            if value in allowed:
                selection = replace(selection, **{name: value})
            else:
                messages.append(
                    f"{name}={shown(params[name])} in the link is not one of {', '.join(allowed)}; "
                    f"showing {getattr(selection, name)} instead."
                )
    for name in WORD_LIMITS:
        if name in params:
            text, message = cut(name, params[name])
            selection = replace(selection, **{name: text})
            if message:
                messages.append(f"In the link: {message}")
    return selection, messages


def cut(name: str, text: str) -> tuple[str, str | None]:
    """The reporter's `name` (title, subtitle, note, byline) as plain text within its limit,
    and, when it was longer, a message saying so. Control characters are left out, and
    line breaks too except in the note."""
    text = NOT_SHOWN.sub("", text if name == "note" else re.sub(r"\s*[\r\n\t]\s*", " ", text))
    text, limit = text.strip(), WORD_LIMITS[name]
    if len(text) <= limit:
        return text, None
    return text[:limit].rstrip(), (
        f"{name.capitalize()} cut to its first {limit} characters, the most a {name} may have "
        f"(it had {len(text):,}): it now ends ...{shown(text[limit - 20 : limit].rstrip())}."
    )


def to_params(selection: Selection) -> dict[str, str]:
    """Query parameters for `selection`, leaving out what equals the default."""
    default = Selection()
    params = {"as_of": f"{selection.as_of:%Y-%m-%d}"}
    if selection.state:
        params["state"] = selection.state
    if selection.site:
        params["site"] = selection.site
    names = ("layer", "colour", "measure", "ring", "outline", "report", "tiles", *WORD_LIMITS)
    for name in names:
        value = getattr(selection, name)
        if value != getattr(default, name):
            params[name] = str(int(value)) if isinstance(value, bool) else str(value)
    return params


def shown(value: str, limit: int = 40) -> str:
    """A value from the URL, quoted, cut short and escaped for Streamlit's Markdown."""
    text = value if len(value) <= limit else value[:limit] + "..."
    return "'" + markdown_escape(text) + "'"


def _date(text: str) -> dt.date | None:
    """A calendar date written exactly YYYY-MM-DD, else None."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None
