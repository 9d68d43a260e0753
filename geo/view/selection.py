"""What the user selected (date, place, layer, site...) as URL query parameters, and back."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from geo.domain.rollout import FIRST_ACTIVATION, LAST_ACTIVATION
from geo.i18n import DEFAULT, LANGUAGES, N_, _, speaking
from geo.text import markdown_escape

LAYERS = ("county", "state")
# The reporter's own words and the most characters each may have.
WORD_LIMITS = {"title": 120, "subtitle": 200, "note": 500, "byline": 100}
NOT_SHOWN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # control characters (not \t, \n)
# value: only for a user's list with a value column
COLOURS = ("status", "wave", "noncitizen_share", "value")
MEASURES = ("population", "counties", "noncitizens")


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
    lang: str = DEFAULT  # the language of the page and its downloads: a key of LANGUAGES

    def without_words(self) -> Selection:
        """The same view without the reporter's words: what the map draws."""
        return replace(self, **dict.fromkeys(WORD_LIMITS, ""))


def parse(
    params: dict[str, str],
    states: set[str],
    sites: frozenset[str] = frozenset(),
    span: tuple[dt.date, dt.date] = (FIRST_ACTIVATION, LAST_ACTIVATION),
) -> tuple[Selection, list[str]]:
    """Read the selection from query parameters; every bad value becomes a message and a default.

    `states` are the USPS codes and `sites` the resistant sites' FIPS codes a link may name;
    `span` the first and last dates of the data (a user's list has its own).
    """
    selection, messages = Selection(), []
    if "lang" in params:
        lang = params["lang"].strip().lower()
        if lang in LANGUAGES:
            selection = replace(selection, lang=lang)
        else:  # in English: the reader may not read the language asked for
            messages.append(
                f"lang={shown(params['lang'])} in the link is not a language of this map "
                f"({', '.join(LANGUAGES)}); showing it in English. / "
                f"lang={shown(params['lang'])} no es un idioma de este mapa; se muestra en inglés."
            )
    with speaking(selection.lang):
        return _parse(params, states, sites, span, selection, messages)


def _parse(
    params: dict[str, str],
    states: set[str],
    sites: frozenset[str],
    span: tuple[dt.date, dt.date],
    selection: Selection,
    messages: list[str],
) -> tuple[Selection, list[str]]:
    if "as_of" in params:
        as_of = _date(params["as_of"])
        if as_of is None:
            messages.append(
                _(
                    "The date {date} in the link is not a date written YYYY-MM-DD (for example "
                    "2011-02-17); showing {default} instead."
                ).format(date=shown(params["as_of"]), default=f"{selection.as_of:%Y-%m-%d}")
            )
        elif not span[0] <= as_of <= span[1]:
            messages.append(
                _(
                    "The date {date} in the link is outside the rollout ({first} to {last}); "
                    "showing {default} instead."
                ).format(
                    date=f"{as_of:%Y-%m-%d}",
                    first=f"{span[0]:%Y-%m-%d}",
                    last=f"{span[1]:%Y-%m-%d}",
                    default=f"{selection.as_of:%Y-%m-%d}",
                )
            )
        else:
            selection = replace(selection, as_of=as_of)
    if "state" in params:
        code = params["state"].strip().upper()
        if code in states:
            selection = replace(selection, state=code)
        else:
            messages.append(
                _(
                    "{value} in the link is not a state's two-letter code (for example VA or "
                    "DC); showing the whole country instead."
                ).format(value=shown(params["state"]))
            )
    if "site" in params:
        if params["site"].strip() in sites:
            selection = replace(selection, site=params["site"].strip())
        else:
            messages.append(
                _(
                    "site={value} in the link is not the code of a resistant site ({sites}); "
                    "showing no site instead."
                ).format(value=shown(params["site"]), sites=", ".join(sorted(sites)))
            )
    if "ring" in params:
        if params["ring"].strip() in {"1", "2"}:
            selection = replace(selection, ring=int(params["ring"]))
        else:
            messages.append(
                _("ring={value} in the link is not 1 or 2; showing the first ring.").format(
                    value=shown(params["ring"])
                )
            )
    for name in ("outline", "report", "tiles"):
        if name in params:
            if params[name].strip() in {"0", "1"}:
                selection = replace(selection, **{name: params[name].strip() == "1"})
            else:
                messages.append(
                    _("{name}={value} in the link is not 0 or 1.").format(
                        name=name, value=shown(params[name])
                    )
                )
    for name, allowed in (("layer", LAYERS), ("colour", COLOURS), ("measure", MEASURES)):
        if name in params:
            value = params[name].strip().lower()
            if value in allowed:
                selection = replace(selection, **{name: value})
            else:
                messages.append(
                    _(
                        "{name}={value} in the link is not one of {allowed}; showing {default} "
                        "instead."
                    ).format(
                        name=name,
                        value=shown(params[name]),
                        allowed=", ".join(allowed),
                        default=getattr(selection, name),
                    )
                )
    for name in WORD_LIMITS:
        if name in params:
            text, message = cut(name, params[name])
            selection = replace(selection, **{name: text})
            if message:
                messages.append(_("In the link: {message}").format(message=message))
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
        _(CUT[name]).format(
            limit=limit, had=f"{len(text):,}", end=shown(text[limit - 20 : limit].rstrip())
        )
    )


CUT = {  # the message for each of the reporter's words cut to its limit
    "title": N_(
        "Title cut to its first {limit} characters, the most a title may have (it had "
        "{had}): it now ends ...{end}."
    ),
    "subtitle": N_(
        "Subtitle cut to its first {limit} characters, the most a subtitle may have "
        "(it had {had}): it now ends ...{end}."
    ),
    "note": N_(
        "Note cut to its first {limit} characters, the most a note may have (it had "
        "{had}): it now ends ...{end}."
    ),
    "byline": N_(
        "Byline cut to its first {limit} characters, the most a byline may have (it "
        "had {had}): it now ends ...{end}."
    ),
}


def to_params(selection: Selection) -> dict[str, str]:
    """Query parameters for `selection`, leaving out what equals the default."""
    default = Selection()
    params = {"as_of": f"{selection.as_of:%Y-%m-%d}"}
    if selection.state:
        params["state"] = selection.state
    if selection.site:
        params["site"] = selection.site
    names = ("layer", "colour", "measure", "ring", "outline", "report", "tiles", *WORD_LIMITS)
    names += ("lang",)
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
