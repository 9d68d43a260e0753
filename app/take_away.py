"""What a reader takes away: their words, the link, report mode, alt text, pictures, data files,
animations."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import streamlit as st

from app.widgets import download_link, made_on_click, plain
from geo.domain.load import Dataset, data_dir
from geo.exports.downloads import ANIMATIONS, DATA_FILES, PICTURES, Source, button_label
from geo.exports.route import export_job
from geo.i18n import N_, _
from geo.text import markdown_escape
from geo.view.selection import WORD_LIMITS, Selection, cut, to_params


def cut_words(name: str) -> None:
    """Keep what the reporter typed within its limit, and say so if it was cut."""
    text, message = cut(name, st.session_state[f"word_{name}"])
    st.session_state[f"word_{name}"] = text
    st.session_state.setdefault("word_messages", {})[name] = message


def words_inputs() -> None:
    """The reporter's title, subtitle, note and byline, for the pictures, the interactive
    page, report mode and the link."""
    with st.expander(_("Title, subtitle, note and byline"), expanded=False):
        st.caption(
            _(
                "Your words replace the generated ones on every picture, video and interactive "
                "page, in report mode and in the link. They are shown as plain text."
            )
        )
        messages = st.session_state.get("word_messages", {})
        labels = {"title": _("Title"), "subtitle": _("Subtitle"), "note": _("Note")}
        labels["byline"] = _("Byline")
        for name, limit in WORD_LIMITS.items():
            entry = st.text_area if name == "note" else st.text_input
            entry(
                labels[name],
                key=f"word_{name}",
                on_change=cut_words,
                args=(name,),
                help=(
                    _("At most {limit} characters. For example: Map: Jane Doe, The Example Times")
                    if name == "byline"
                    else _("At most {limit} characters.")
                ).format(limit=limit),
                placeholder=_("Map: Jane Doe, The Example Times") if name == "byline" else None,
            )
            if messages.get(name):
                st.warning(messages[name])


def share_link(selection: Selection) -> str:
    """The address that reopens exactly this view (relative when the page's own is unknown)."""
    page = (st.context.url or "").split("?")[0]
    return f"{page}?{urlencode(to_params(selection))}"


def take_away(data: Dataset, selection: Selection, description: str):
    """The reporter's words, share link, report-mode link, the map's description, pictures,
    the interactive page and the data behind the view, as downloads; returns the place for
    the animations (see animations)."""
    words_inputs()
    link = share_link(selection)
    st.markdown(
        _("**Link to this view**, to share exactly what you see: [{shown}]({link})").format(
            shown=markdown_escape(link), link=link
        )
    )
    st.caption(
        _(
            "[Report mode]({link}): the map, the numbers and the sources only, sized for a "
            "screenshot."
        ).format(link=share_link(replace(selection, report=True)))
    )
    files = [*PICTURES, *DATA_FILES]  # the view's own files; the page offers the others apart
    for column, kind in zip(st.columns(len(files)), files, strict=True):
        download_link(column, kind, data, selection)
    interactive, animations_row = st.columns([1, 2])
    download_link(interactive, "html", data, selection)
    interactive.caption(_("One file, no server: opens anywhere, embeds in any page."))
    st.markdown(_("**Alt text**: this map in words, for readers who cannot see it"))
    # Plain text in a box, to select and copy (st.code would add 1.6 MB of highlighter).
    st.container(border=True, key="alt_text").markdown(plain(description))
    return animations_row.container()  # filled at the end of the run


@st.fragment
def animations(data: Dataset, selection: Selection, link: str) -> None:
    """The rollout month by month as a GIF and as a video: made on request, followed here
    frame by frame until made, then saved. Run last, so that following one holds up
    nothing else; a click reruns these buttons alone, and any other click stops the
    following (not the making): the page stays usable meanwhile."""
    for column, kind in zip(st.columns(len(ANIMATIONS)), ANIMATIONS, strict=True):
        label = button_label(kind)
        made = made_on_click(
            column,
            kind,
            export_job(kind, Source.of(data, data_dir()), selection, link),
            _("Make the {label} (month by month)").format(label=label),
            N_("{label}: frame {done} of {total}"),
        )
        if made is not None:
            size = f"{len(made) / 1e6:.1f}"
            saved = _("Save the {label} ({size} MB)").format(label=label, size=size)
            download_link(column, kind, data, selection, saved)
