"""A reader's own list: upload, match report, and the choice of data on the map."""

from __future__ import annotations

import datetime as dt
from functools import partial

import streamlit as st
from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo.domain.load import Dataset, data_dir
from geo.domain.upload import MAX_BYTES, UploadError, match_summary, read_list
from geo.exports.downloads import Source
from geo.exports.route import Upload
from geo.i18n import _, current
from geo.text import markdown_escape, spreadsheet_safe


def receive_upload(data: Dataset, name: str, content: bytes) -> None:
    """Read and match an uploaded list; keep the result, or the reason it failed, per session."""
    for key in ("user_data", "user_match", "user_upload"):
        st.session_state.pop(key, None)
    st.session_state.upload_error = None
    try:
        matched, listed = read_list(data, name, content, dt.date.today())
    except UploadError as error:
        st.session_state.upload_error = str(error)
        return
    st.session_state.user_match = matched
    if listed is not None:
        st.session_state.user_data = listed
        # its downloads, at an address only this session knows while it keeps the list:
        source = Source.of(st.session_state.user_data, data_dir())
        st.session_state.user_upload = Upload(source, session_connected())


def session_connected():
    """A function telling whether this reader's session is connected to the server (always
    true outside one: AppTest)."""
    if not runtime.exists():
        return lambda: True
    return partial(runtime.get_instance().is_active_session, get_script_run_ctx().session_id)


def upload_section(data: Dataset) -> None:
    """Sidebar: upload a list, see how it matched, and choose which data the map shows."""
    with st.expander(_("Your own data"), expanded="user_match" in st.session_state):
        st.caption(
            _(
                "Map your own list of counties: a CSV or Excel (.xlsx) file of at most "
                "{megabytes} MB with a header row, a 'fips' column (or 'county' and 'state') "
                "and a 'date' (YYYY-MM-DD) and/or 'status' (yes/no) column. "
                "Example: {example}."
            ).format(megabytes=MAX_BYTES // 1024 // 1024, example="data/examples/example-list.csv")
        )
        upload = st.file_uploader(_("Upload a list"), key="upload")
        if upload is None and "upload_id" in st.session_state:
            for key in ("user_data", "user_match", "user_upload", "upload_error", "upload_id"):
                st.session_state.pop(key, None)
            st.rerun()  # the map above may have shown the list just removed
        elif upload is not None and (upload.file_id, current()) != st.session_state.get(
            "upload_id"
        ):  # a new file, or the reader's language changed: its messages are read again
            st.session_state.upload_id = (upload.file_id, current())
            receive_upload(data, upload.name, upload.getvalue())
            if st.session_state.get("data_source") == "upload":
                st.rerun()  # the map above was drawn with the previous list
        if st.session_state.get("upload_error"):  # the message quotes the file: no markup
            st.error(markdown_escape(st.session_state.upload_error))
        if "user_match" in st.session_state:
            match_report(st.session_state.user_match, upload.name)
        if "user_data" in st.session_state:
            st.radio(
                _("Data on the map"),
                ["built-in", "upload"],
                key="data_source",
                format_func={"built-in": _("Built-in rollout (ICE)"), "upload": _("Your list")}.get,
            )


def match_report(matched, name: str) -> None:
    st.markdown(match_summary(matched))
    for note in matched.notes:
        st.info(markdown_escape(note))
    if len(matched.unmatched):
        st.dataframe(matched.unmatched, hide_index=True, height=180)
        st.download_button(
            _("Download the rows to fix (CSV)"),
            spreadsheet_safe(matched.unmatched).to_csv(index=False),
            file_name=f"unmatched-{name.rsplit('.', 1)[0][:40]}.csv",
            mime="text/csv",
            on_click="ignore",
        )
