"""The rollout month by month, as GIF and MP4: the map is drawn once, each frame recoloured.

The picture is rendered twice at the start: once with every area filled with its own
number as a colour (no anti-aliasing, nothing else drawn), once with everything but
the fills (borders, lines, key, titles, sources) on a transparent background. A frame
is then the class colours looked up by area number, under that overlay, with its date
written in the key's title: a few milliseconds of arrays, not a whole drawing.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image, ImageDraw, ImageFont

from geo.domain.rollout import FIRST_ACTIVATION, LAST_ACTIVATION, next_month
from geo.i18n import day
from geo.render.picture import draw
from geo.view.styles import Classes
from geo.view.viewmodel import AREA_EDGE, MapView
from geo.view.wording import Words

FRAME_MS = 400
LAST_FRAME_MS = 2500


def months(start: dt.date = FIRST_ACTIVATION, end: dt.date = LAST_ACTIVATION) -> list[dt.date]:
    """The playback's dates: `start`, then a month at a time, ending on `end`."""
    dates = [start]
    while dates[-1] < end:
        dates.append(next_month(dates[-1], end))
    return dates


class Frames:
    """Frames of one view at `dpi`: the same map, other colours and dates."""

    def __init__(self, view: MapView, words: Words, source: str, dpi: float):
        picture = draw(view, words, source)
        figure, areas = picture.figure, picture.areas
        self._legend_title = view.legend_title
        figure.set_dpi(dpi)
        canvas = FigureCanvasAgg(figure)
        others = [*(c for c in areas.axes.collections if c is not areas)]
        others += [*figure.texts, *figure.legends]
        for artist in others:
            artist.set_visible(False)
        figure.set_facecolor("black")  # number 0: no area
        areas.set_facecolors(_numbers(len(view.ids)))
        areas.set_edgecolor("none")
        areas.set_antialiased(False)
        numbers = _rgba(canvas)[..., :3].astype(np.int32) @ [1 << 16, 1 << 8, 1]
        self._numbers = numbers.ravel().astype(np.int32)  # the area each pixel shows, 0: none
        self._pixels = np.zeros((*numbers.shape, 3), np.uint8)
        self._shown = None  # each area's colour in the last frame
        for artist in others:
            artist.set_visible(True)
        areas.set_facecolors("none")
        areas.set_edgecolor(AREA_EDGE.colour)
        areas.set_antialiased(True)
        figure.set_facecolor((1, 1, 1, 0))
        key = picture.key_title
        key.set_color((0, 0, 0, 0))  # drawn per frame, with its date; keeps its place
        overlay = _rgba(canvas).reshape(-1, 4).astype(np.float32) / 255
        alpha = overlay[:, 3]
        inked = np.flatnonzero(alpha > 0)  # pixels where borders, lines or text lie
        self._ink_of = np.full(len(alpha), -1)
        self._ink_of[inked] = np.arange(len(inked))
        self._keep = 1 - alpha[inked, None]  # how much of the fill shows through there
        self._ink = overlay[inked, :3] * alpha[inked, None] * 255 + 0.5  # rounded
        box = key.get_window_extent(canvas.get_renderer())  # pixels from the bottom left
        self._key_at = (box.x0, figure.bbox.height - box.y0)  # its bottom left, from the top
        bold = font_manager.FontProperties(family="DejaVu Sans", weight="bold")
        size = round(key.get_fontsize() * dpi / 72)
        self._font = ImageFont.truetype(font_manager.findfont(bold), size)

    def frame(self, classes: Classes, date: dt.date) -> Image.Image:
        """The map with the areas in their class colours, its key dated `date`.

        Only the pixels of areas whose colour changed since the last frame are redone.
        """
        colours = np.array([_rgb(c) for c in classes.colours], np.uint8)
        by_number = np.vstack([[255, 255, 255], colours[classes.index]]).astype(np.uint8)
        if self._shown is None:
            changed = np.flatnonzero(self._numbers >= 0)  # every pixel
        else:
            differs = np.any(by_number != self._shown, axis=1)
            changed = np.flatnonzero(differs[self._numbers])
        self._shown = by_number
        fills = by_number[self._numbers[changed]]
        inked = self._ink_of[changed]
        blend = inked >= 0
        fills[blend] = (self._ink[inked[blend]] + fills[blend] * self._keep[inked[blend]]).astype(
            np.uint8
        )
        self._pixels.reshape(-1, 3)[changed] = fills
        image = Image.fromarray(self._pixels)  # a copy: the date is drawn on it alone
        key_title = f"{self._legend_title}, {day(date)}"
        ImageDraw.Draw(image).text(self._key_at, key_title, "black", self._font, anchor="ld")
        return image


def rollout_frames(
    frames: Frames,
    classes_on: Callable[[dt.date], Classes],
    span: tuple[dt.date, dt.date] = (FIRST_ACTIVATION, LAST_ACTIVATION),
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Image.Image]:
    """A frame for every month of `span`, telling `progress` (done, total) as it goes."""
    dates = months(*span)
    for done, date in enumerate(dates, start=1):
        yield frames.frame(classes_on(date), date)
        if progress:
            progress(done, len(dates))


def gif(images: list[Image.Image], colours: tuple[str, ...] = (), about: str = "") -> bytes:
    """An animated GIF of the frames, the last held longer, looping. White, black and
    `colours` come out exactly; the rest of its 256 colours are those the frames need most.
    `about` (what it shows, in words) goes in its comment.
    """
    sheet = _side_by_side([images[0], images[len(images) // 2], images[-1]])
    palette = sheet.quantize(256)
    frames = [image.quantize(palette=palette, dither=Image.Dither.NONE) for image in images]
    entries = palette.getpalette()
    for rgb in [(255, 255, 255), (0, 0, 0), *(_rgb(colour) for colour in colours)]:
        probe = Image.new("RGB", (1, 1), rgb).quantize(palette=palette, dither=Image.Dither.NONE)
        index = probe.getpixel((0, 0))  # where Pillow puts this colour: make it exact there
        entries[3 * index : 3 * index + 3] = rgb
    for frame in frames:
        frame.putpalette(entries)
    output = io.BytesIO()
    durations = [FRAME_MS] * (len(frames) - 1) + [LAST_FRAME_MS]
    frames[0].save(
        output,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=0,
        comment=about,
    )
    return output.getvalue()


def mp4(images: list[Image.Image], title: str = "", about: str = "") -> bytes:
    """An H.264 video (yuv420p, which every browser and phone plays) of the frames: each
    held as long as in the GIF, the last longer; `title` and `about` in its metadata."""
    import imageio_ffmpeg  # ships its own ffmpeg: nothing to install beside the wheel

    width, height = images[0].size
    even = (width - width % 2, height - height % 2)  # yuv420p halves both sides
    hold = (LAST_FRAME_MS - FRAME_MS) / 1000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rollout.mp4"
        writer = imageio_ffmpeg.write_frames(
            str(path),
            even,
            fps=1000 / FRAME_MS,
            codec="libx264",
            pix_fmt_out="yuv420p",
            macro_block_size=2,
            ffmpeg_log_level="error",
            output_params=[
                *("-vf", f"tpad=stop_mode=clone:stop_duration={hold}"),
                *("-preset", "ultrafast", "-crf", "23", "-movflags", "+faststart"),
                *("-metadata", f"title={title}", "-metadata", f"comment={about}"),
            ],
        )
        writer.send(None)
        for image in images:
            writer.send(np.asarray(image)[: even[1], : even[0]].tobytes())
        writer.close()
        return path.read_bytes()


def _side_by_side(images: list[Image.Image]) -> Image.Image:
    """One image of these, left to right: every colour of the rollout, to choose a palette."""
    width, height = images[0].size
    sheet = Image.new("RGB", (width * len(images), height))
    for i, image in enumerate(images):
        sheet.paste(image, (i * width, 0))
    return sheet


def _numbers(count: int) -> np.ndarray:
    """A distinct colour for each area number 1 .. count (24 bits, as RGB)."""
    numbers = np.arange(1, count + 1)
    return np.column_stack([numbers >> 16 & 255, numbers >> 8 & 255, numbers & 255]) / 255


def _rgba(canvas: FigureCanvasAgg) -> np.ndarray:
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
