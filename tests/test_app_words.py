"""The reporter's words on the page (AppTest, shipped data): prefilled with the generated
title and subtitle, which they follow until edited; kept within their limits with a
message; carried by the link; shown as plain text in report mode; and the map's
description beside the downloads."""

import datetime as dt

from geo.domain.load import load
from geo.text import markdown_escape
from geo.view.selection import Selection
from geo.view.wording import describe
from tests.test_app import metrics, open_page, warnings

HOSTILE = "<img src=x onerror=alert(1)> [click](javascript:alert(1)) \u200f\U0001f5fa"


def test_the_inputs_show_the_generated_words_and_follow_the_view_until_edited():
    page = open_page(as_of="2011-02-17")
    assert page.text_input(key="word_title").value == (
        "Secure Communities: year each county was activated"
    )
    assert page.text_input(key="word_subtitle").value == "As of 17 February 2011"
    page.selectbox(key="state").set_value("CA").run()
    assert page.text_input(key="word_title").value.endswith(", California")
    assert "title" not in page.query_params  # generated words stay out of the link
    page.text_input(key="word_title").set_value("Where the program began").run()
    page.slider(key="as_of").set_value(dt.date(2010, 9, 30)).run()
    assert page.text_input(key="word_title").value == "Where the program began"
    assert page.text_input(key="word_subtitle").value == "As of 30 September 2010"
    assert page.query_params["title"] == "Where the program began"
    page.text_input(key="word_title").set_value("").run()  # cleared: generated again
    assert page.text_input(key="word_title").value.startswith("Secure Communities:")
    assert "title" not in page.query_params


def test_typed_words_over_their_limit_are_cut_with_a_message():
    page = open_page()
    page.text_input(key="word_byline").set_value("Map: " + "x" * 10_000).run()
    assert not page.exception
    assert len(page.text_input(key="word_byline").value) == 100
    assert any("Byline cut to its first 100 characters" in w for w in warnings(page))
    assert len(page.query_params["byline"]) == 100
    page.text_area(key="word_note").set_value("Two\nlines").run()
    assert page.query_params["note"] == "Two\nlines"


def test_a_link_with_over_long_words_is_cut_with_a_message():
    page = open_page(title="T" * 500, note="n" * 10_000)
    assert page.text_input(key="word_title").value == "T" * 120
    assert page.text_area(key="word_note").value == "n" * 500
    shown = warnings(page)
    assert any("Title cut to its first 120 characters" in w and "500" in w for w in shown)
    assert any("Note cut to its first 500 characters" in w and "10,000" in w for w in shown)


def test_report_mode_shows_the_words_as_written_and_runs_nothing():
    page = open_page(report="1", title=HOSTILE, subtitle="$x$ *not italic*", note="A\nB",
                     byline="Map: Jane Doe, The Example Times")  # fmt: skip
    markdown = [m.value for m in page.markdown]
    assert f"### {markdown_escape(HOSTILE)}" in markdown  # every markup character escaped
    assert "\\$x\\$ \\*not italic\\*" in markdown
    assert "A  \nB" in markdown
    assert any(markdown_escape("Map: Jane Doe, The Example Times") in c.value for c in page.caption)
    assert metrics(page)["Counties activated"] == "3,143 of 3,143"


def test_the_description_of_the_view_is_beside_the_downloads():
    page = open_page(as_of="2011-02-17", site="51013")
    selection = Selection(as_of=dt.date(2011, 2, 17), site="51013")
    (box,) = [text for text in page.markdown if text.value.startswith("Map of")]
    assert box.value == markdown_escape(describe(load(), selection))
    assert "Ring activated on 17 Feb 2011: 3 of 4" in describe(load(), selection)
