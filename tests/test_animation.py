"""The rollout's frames: drawn once, recoloured per month, the same as a whole new drawing."""

import dataclasses
import datetime as dt
import io

import numpy as np
from PIL import Image

from geo.render.animation import Frames, gif, months, rollout_frames
from geo.render.picture import draw
from geo.view.compose import classes_of, compose
from geo.view.selection import Selection
from geo.view.wording import Words
from tests.synthetic import tiny

DPI = 100
WORDS = Words("Test rollout", "Month by month")
AS_OF = dt.date(2011, 1, 1)


def test_months_run_from_the_first_to_the_last_activation():
    frames = months()
    assert frames[0] == dt.date(2008, 10, 27) and frames[-1] == dt.date(2013, 1, 22)
    assert len(frames) == 52
    assert frames[1] == dt.date(2008, 11, 27)


def full_drawing(data, day: dt.date) -> np.ndarray:
    """The picture of that date drawn from scratch, at the frames' size."""
    view = compose(data, Selection(as_of=day, colour="status"))
    picture = draw(view, WORDS, "Sources: tests")
    buffer = io.BytesIO()
    picture.figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return np.asarray(Image.open(buffer).convert("RGB"), dtype=int)


def test_a_recoloured_frame_is_the_picture_of_its_date():
    data = tiny()
    frames = Frames(compose(data, Selection(colour="status")), WORDS, "Sources: tests", DPI)
    for day in (dt.date(2008, 12, 1), AS_OF, dt.date(2013, 1, 1), AS_OF):  # back and forth
        selection = Selection(as_of=day, colour="status")
        frame = np.asarray(frames.frame(classes_of(data, selection), day))
        whole = full_drawing(data, day)
        assert frame.shape == whole.shape
        differs = np.abs(frame.astype(int) - whole).max(axis=2) > 48
        assert differs.mean() < 0.01, f"{day}: {differs.mean():.2%} of the pixels differ"


def test_the_gif_has_a_frame_a_month_in_the_maps_exact_colours():
    data = tiny()
    selection = Selection(colour="status")
    view = compose(data, selection)
    done = []
    images = list(
        rollout_frames(
            Frames(view, WORDS, "Sources: tests", DPI),
            lambda day: classes_of(data, dataclasses.replace(selection, as_of=day)),
            progress=lambda count, total: done.append((count, total)),
        )
    )
    animation = Image.open(io.BytesIO(gif(images, view.classes.colours)))
    assert animation.n_frames == 52 == len(done) and done[-1] == (52, 52)
    animation.seek(0)
    first = {rgb for _, rgb in animation.convert("RGB").getcolors(1 << 16)}
    animation.seek(51)
    last = {rgb for _, rgb in animation.convert("RGB").getcolors(1 << 16)}
    assert (0xF2, 0xF2, 0xF2) in first and (0x21, 0x71, 0xB5) in last  # not yet; activated
    assert (255, 255, 255) in first
