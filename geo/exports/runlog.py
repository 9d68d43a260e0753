"""The server's own log of its work, one JSON line per event, if $SC_RUN_LOG names a file:
how long each page run and each download took on the server (scripts/loadtest.py reads it),
and what each run did for its reader."""

from __future__ import annotations

import json
import os
import time

RUN_LOG = os.environ.get("SC_RUN_LOG")
LAST_VIEW = "logged_view"  # session state: the view of the session's last run


def log(event: str, seconds: float, **details) -> None:
    """Append one line: the event, when it ended, its seconds and any details."""
    if RUN_LOG:
        with open(RUN_LOG, "a") as lines:
            entry = {"event": event, "at": time.time(), "seconds": seconds, **details}
            lines.write(json.dumps(entry) + "\n")


def run_kind(state, view: dict) -> str:
    """What this run of the page is for its reader: "open" (the session's first run),
    "view" (a view change since the session's last run) or "same" (the same view again,
    as after a download button's click). `state` is the session's state."""
    last = state.get(LAST_VIEW)
    state[LAST_VIEW] = view
    return "open" if last is None else "view" if last != view else "same"
