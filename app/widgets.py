"""Page elements every section uses: plain text, download links, work followed until made, charts'
tables."""

from __future__ import annotations

import contextlib
import html

import pandas as pd
import streamlit as st
from streamlit.dataframe_util import convert_anything_to_arrow_bytes

from geo.domain.load import Dataset
from geo.exports.downloads import button_label
from geo.exports.route import address, failure
from geo.exports.worker import server_exports
from geo.i18n import _
from geo.text import markdown_escape

PROGRESS_SECONDS = 0.2  # how often an animation's progress is shown while it is made


def plain(text: str) -> str:
    """Text shown as it is written, line breaks kept: nothing in it is read as Markdown."""
    return markdown_escape(text).replace("\n", "  \n")


def with_tables(spec: dict, tables: dict) -> dict:
    """`spec` with `tables` (name: rows or a DataFrame) among its datasets, as the Arrow bytes
    st.vega_lite_chart sends as they are (it would convert rows on every run)."""
    arrow = {
        name: convert_anything_to_arrow_bytes(pd.DataFrame(rows)) for name, rows in tables.items()
    }
    return spec | {"datasets": spec.get("datasets", {}) | arrow}


def download_link(place, kind: str, data: Dataset, selection, label: str = "") -> None:
    """A link that downloads the `kind` file of the view from the server's export route
    (made once per server, when first asked for); a list of the reader's, by its token."""
    href = address(kind, selection, st.session_state.get("user_upload") if data.label else None)
    place.markdown(
        f'<a class="sc-download" href="{html.escape(href)}" download>'
        f"{html.escape(label or button_label(kind))}</a>",
        unsafe_allow_html=True,
    )


def made_on_click(place, kind: str, job_of, button: str, step: str) -> bytes | None:
    """The `kind` download of `job_of` (export_job's key and task), offered as `button`
    until clicked, then made in the export worker and followed here (`step` says how far
    along, from {label}, {done} and {total}); None until it is made, or when it failed
    (said, and offered again)."""
    exports, (key, make_it) = server_exports(), job_of
    job, label = exports.peek(key), button_label(kind)
    if job is None or (job.future.done() and job.future.exception() is not None):
        if job is not None:  # it failed: say so, and offer it again
            place.error(failure(kind, job.future.exception()))
        if not place.button(button, key=f"make_{kind}"):
            return None
        job = exports.start(key, make_it)
    progress = place.empty()
    while not job.future.done():
        with progress:
            show_progress(job, label, step)
        with contextlib.suppress(TimeoutError):
            job.future.result(timeout=PROGRESS_SECONDS)
        exports.expire(job)  # past its time: failed, its worker replaced
    progress.empty()
    if job.future.exception() is not None:
        place.error(failure(kind, job.future.exception()))
        return None
    return job.future.result()


def show_progress(job, label: str, step: str) -> None:
    if job.total:
        text = _(step).format(label=label, done=job.done, total=job.total)
    else:
        text = _("{label}: starting").format(label=label)
    st.progress(job.done / job.total if job.total else 0.0, text)
