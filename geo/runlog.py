"""The server's own log of its work, one JSON line per event, if $SC_RUN_LOG names a file:
how long each page run and each download took on the server (scripts/loadtest.py reads it)."""

from __future__ import annotations

import json
import os
import time

RUN_LOG = os.environ.get("SC_RUN_LOG")


def log(event: str, seconds: float, **details) -> None:
    """Append one line: the event, when it ended, its seconds and any details."""
    if RUN_LOG:
        with open(RUN_LOG, "a") as lines:
            entry = {"event": event, "at": time.time(), "seconds": seconds, **details}
            lines.write(json.dumps(entry) + "\n")
