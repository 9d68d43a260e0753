"""The rollout as an animated GIF, month by month, with the date on every frame."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

from PIL import Image

from geo.picture import draw
from geo.rollout import FIRST_ACTIVATION, LAST_ACTIVATION, next_month
from geo.styles import Classes
from geo.viewmodel import MapView

FRAME_DPI = 100  # 1000 px wide
FRAME_MS = 400
LAST_FRAME_MS = 2500


def months(start: dt.date = FIRST_ACTIVATION, end: dt.date = LAST_ACTIVATION) -> list[dt.date]:
    """The playback's dates: `start`, then a month at a time, ending on `end`."""
    dates = [start]
    while dates[-1] < end:
        dates.append(next_month(dates[-1], end))
    return dates


def rollout_gif(
    view: MapView,
    classes_on: Callable[[dt.date], Classes],
    title: str,
    source: str,
    span: tuple[dt.date, dt.date] = (FIRST_ACTIVATION, LAST_ACTIVATION),
) -> bytes:
    """Draw `view` once, then recolour it for every month of `span`; return the GIF."""
    picture = draw(view, title, "", source)
    frames = []
    for day in months(*span):
        picture.recolour(classes_on(day), f"As of {day:%d %B %Y}")
        buffer = io.BytesIO()
        picture.figure.savefig(buffer, format="png", dpi=FRAME_DPI, facecolor="white")
        frames.append(Image.open(buffer).convert("RGB").quantize(colors=64))
    output = io.BytesIO()
    durations = [FRAME_MS] * (len(frames) - 1) + [LAST_FRAME_MS]
    frames[0].save(
        output, format="GIF", save_all=True, append_images=frames[1:], duration=durations, loop=0
    )
    return output.getvalue()
