"""Text made safe for Markdown, for links and for spreadsheets."""

import pandas as pd
import pytest

from geo.text import markdown_escape, markdown_link, spreadsheet_safe


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("![x](http://e.com/a.png)", r"\!\[x\]\(http\://e\.com/a\.png\)"),
        ("[click](javascript:alert(1))", r"\[click\]\(javascript\:alert\(1\)\)"),
        ("*bold* _it_ `code`", r"\*bold\* \_it\_ \`code\`"),
        ("# Title", r"\# Title"),
        ("<script>x</script>", r"\<script\>x\</script\>"),
        ("a|b ~~c~~ {d}", r"a\|b \~\~c\~\~ \{d\}"),
        ("$5 + $6", r"\$5 \+ \$6"),
        ("1. - item", r"1\. \- item"),
        ("&amp; :smile:", r"\&amp; \:smile\:"),
        ("back\\slash", r"back\\slash"),
        ("Cook County, IL", "Cook County, IL"),
        ("", ""),
    ],
    ids=[
        "image",
        "link",
        "emphasis-and-code",
        "heading",
        "html",
        "table-strike-braces",
        "math",
        "list-markers",
        "entity-and-emoji",
        "backslash",
        "plain",
        "empty",
    ],
)
def test_markdown_escape(text, expected):
    assert markdown_escape(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://e.com/a?b=1&c=2#d", "[Tribune \\(2011\\)](https://e.com/a?b=1&c=2#d)"),
        ("http://e.com/Cook_(county)", "[Tribune \\(2011\\)](http://e.com/Cook_%28county%29)"),
        ("HTTPS://e.com/a b<c>", "[Tribune \\(2011\\)](HTTPS://e.com/a%20b%3Cc%3E)"),
        ("http://e.com/x) [y](z", "[Tribune \\(2011\\)](http://e.com/x%29%20%5By%5D%28z)"),
    ],
    ids=["https", "parentheses", "upper-case-scheme-and-spaces", "closing-the-link-early"],
)
def test_markdown_link_to_a_web_address(url, expected):
    assert markdown_link("Tribune (2011)", url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "mailto:editor@e.com",
        "ftp://e.com/file",
        "//e.com/no-scheme",
        "e.com",
        "",
    ],
    ids=[
        "javascript",
        "javascript-mixed-case",
        "javascript-leading-space",
        "javascript-with-tab",
        "data",
        "mailto",
        "ftp",
        "no-scheme",
        "bare",
        "empty",
    ],
)
def test_markdown_link_to_anything_else_is_plain_escaped_text(url):
    assert markdown_link("Tribune (2011)", url) == "Tribune \\(2011\\)"


def test_spreadsheet_safe_neutralises_formulas_only():
    frame = pd.DataFrame(
        {
            "text": ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx", "Cook", "a=b", "", " =1"],
            "number": [-1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            "mixed": pd.Series(["-x", -1.5, None, "ok", 0, "+", "=", 1, "@", "y"], dtype=object),
        }
    )
    original = frame.copy()
    safe = spreadsheet_safe(frame)
    assert safe.to_dict("list") == {
        "text": ["'=SUM(A1)", "'+1", "'-2", "'@cmd", "'\tx", "'\rx", "Cook", "a=b", "", " =1"],
        "number": [-1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        "mixed": ["'-x", -1.5, None, "ok", 0, "'+", "'=", 1, "'@", "y"],
    }
    pd.testing.assert_frame_equal(frame, original)


def test_spreadsheet_safe_with_integer_column_labels():
    assert spreadsheet_safe(pd.DataFrame({0: ["=1"]})).to_dict("list") == {0: ["'=1"]}


def test_spreadsheet_safe_with_categorical_text():
    frame = pd.DataFrame({"site": pd.Categorical(["=HYPERLINK(1)", "Cook"])})
    assert list(spreadsheet_safe(frame)["site"]) == ["'=HYPERLINK(1)", "Cook"]
