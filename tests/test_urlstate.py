"""The view in the URL: round trips, one friendly message per bad value, safe quoting."""

import datetime as dt
import re

import pytest

from geo.view.selection import WORD_LIMITS, Selection, parse, shown, to_params

STATES = {"VA", "DC", "TX"}


@pytest.mark.parametrize(
    "view",
    [
        Selection(),
        Selection(as_of=dt.date(2008, 10, 27)),
        Selection(as_of=dt.date(2011, 2, 17), state="VA", colour="wave"),
        Selection(as_of=dt.date(2012, 6, 1), state="DC", layer="state", measure="counties"),
        Selection(as_of=dt.date(2009, 11, 30), layer="state", measure="noncitizens"),
        Selection(as_of=dt.date(2010, 9, 30), state="TX", colour="noncitizen_share"),
    ],
    ids=[
        "default",
        "first-day",
        "state-wave",
        "state-layer-counties",
        "state-layer-noncitizens",
        "noncitizen-share",
    ],
)
def test_round_trip(view):
    assert parse(to_params(view), STATES) == (view, [])


def test_params_leave_out_defaults_but_keep_the_date():
    assert to_params(Selection()) == {"as_of": "2013-01-22"}
    assert to_params(Selection(layer="state", measure="counties")) == {
        "as_of": "2013-01-22",
        "layer": "state",
        "measure": "counties",
    }

    assert to_params(Selection(layer="state", measure="noncitizens"))["measure"] == "noncitizens"


NOT_A_DATE = "(for example 2011-02-17); showing 2013-01-22 instead."
OUTSIDE = "is outside the rollout (2008-10-27 to 2013-01-22); showing 2013-01-22 instead."


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"as_of": "yesterday"},
            f"The date 'yesterday' in the link is not a date written YYYY-MM-DD {NOT_A_DATE}",
        ),
        (
            {"as_of": "2011-02-30"},
            rf"The date '2011\-02\-30' in the link is not a date written YYYY-MM-DD {NOT_A_DATE}",
        ),
        (
            {"as_of": "20110217"},
            f"The date '20110217' in the link is not a date written YYYY-MM-DD {NOT_A_DATE}",
        ),
        ({"as_of": "2008-10-26"}, f"The date 2008-10-26 in the link {OUTSIDE}"),
        ({"as_of": "2014-01-01"}, f"The date 2014-01-01 in the link {OUTSIDE}"),
        (
            {"state": "ZZ"},
            "'ZZ' in the link is not a state's two-letter code (for example VA or DC); "
            "showing the whole country instead.",
        ),
        (
            {"layer": "tract"},
            "layer='tract' in the link is not one of county, state; showing county instead.",
        ),
        (
            {"colour": "red"},
            "colour='red' in the link is not one of status, wave, noncitizen_share, value; "
            "showing wave instead.",
        ),
        (
            {"measure": "area"},
            "measure='area' in the link is not one of population, counties, noncitizens; "
            "showing population instead.",
        ),
    ],
    ids=[
        "as_of-not-a-date",
        "as_of-impossible-day",
        "as_of-without-dashes",
        "as_of-day-before-rollout",
        "as_of-after-rollout",
        "unknown-state",
        "bad-layer",
        "bad-colour",
        "bad-measure",
    ],
)
def test_bad_value_gives_the_default_and_one_message(params, message):
    assert parse(params, STATES) == (Selection(), [message])


def test_bad_values_do_not_spoil_good_ones():
    view, messages = parse({"as_of": "2011-02-17", "state": "ZZ", "layer": "state"}, STATES)
    assert view == Selection(as_of=dt.date(2011, 2, 17), layer="state")
    assert len(messages) == 1
    assert messages[0].startswith("'ZZ' in the link")


def test_lowercase_and_padded_values_are_accepted():
    view, messages = parse({"state": " va ", "layer": "State", "colour": "WAVE "}, STATES)
    assert (view, messages) == (Selection(state="VA", layer="state", colour="wave"), [])


def test_unknown_parameters_are_ignored():
    assert parse({"zoom": "7", "utm_source": "x"}, STATES) == (Selection(), [])


def unescaped(text: str) -> str:
    """`text` without its backslash escapes (a backslash and the character after it)."""
    return re.sub(r"\\.", "", text, flags=re.DOTALL)


@pytest.mark.parametrize(
    "value",
    ["![x](http://e.com/a.png)", "[click](javascript:alert(1))", "\\![x]\\(y)", "<img src=x>"],
    ids=["image", "link", "pre-escaped", "html"],
)
def test_shown_escapes_markdown(value):
    text = shown(value)
    assert all(text[i - 1] == "\\" for i, char in enumerate(text) if char in "[]()!<>")
    assert not set(unescaped(text[1:-1])) & set("[]()!<>\\")


def test_shown_exact_quoting():
    assert shown("![x](http://e.com/a.png)") == r"'\!\[x\]\(http\://e\.com/a\.png\)'"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a" * 40, "'" + "a" * 40 + "'"),
        ("a" * 41, "'" + "a" * 40 + r"\.\.\.'"),
        ("[" * 100, "'" + r"\[" * 40 + r"\.\.\.'"),
    ],
    ids=["at-limit", "one-over", "long-brackets"],
)
def test_shown_cuts_long_values(value, expected):
    assert shown(value) == expected


def test_message_quotes_a_hostile_state_safely():
    _, [message] = parse({"state": "![x](http://e.com/a.png)" + "x" * 100}, STATES)
    assert message.startswith(r"'\!\[x\]\(http\://e\.com/a\.png\)" + "x" * 16 + r"\.\.\.'")


def test_the_reporters_words_travel_in_the_link():
    view = Selection(
        as_of=dt.date(2011, 2, 17),
        title="<img src=x onerror=alert(1)> \u200f\u05e9\u05dc\u05d5\u05dd \U0001f5fa",
        subtitle="[click](javascript:alert(1))",
        note="Two\nlines",
        byline="Map: Jane Doe",
    )
    assert parse(to_params(view), STATES) == (view, [])


def test_words_lose_control_characters_and_a_title_its_line_breaks():
    words = {"title": "A\x00B\x1b\nC", "note": "one\x07\ntwo", "byline": "x\x9fy"}
    view, messages = parse(words, STATES)
    assert (view.title, view.note, view.byline, messages) == ("AB C", "one\ntwo", "xy", [])


@pytest.mark.parametrize(("name", "limit"), list(WORD_LIMITS.items()))
def test_words_over_their_limit_are_cut_with_a_message(name, limit):
    view, messages = parse({name: "w" * 10_000}, STATES)
    assert getattr(view, name) == "w" * limit
    assert messages == [
        f"In the link: {name.capitalize()} cut to its first {limit} characters, the most a "
        f"{name} may have (it had 10,000): it now ends ...'{'w' * 20}'."
    ]
