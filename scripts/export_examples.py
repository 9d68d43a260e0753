"""Write the README's example exports into docs/: python -m scripts.export_examples.

The pictures as downloaded; a frame of the MP4, read back from the video; and the
Interactive HTML opened from disk in headless Chromium (every other request blocked)
at a laptop's and a phone's width.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import imageio_ffmpeg

from geo.domain.load import load
from geo.exports.downloads import make
from geo.view.selection import Selection
from scripts.browser import ROOT, chromium, offline_context

EXAMPLES = {
    "export-national.png": Selection(as_of=dt.date(2011, 2, 17), colour="status"),
    "export-national-waves.png": Selection(),
    "export-california.png": Selection(as_of=dt.date(2010, 9, 30), state="CA", colour="status"),
    "export-cook-county.png": Selection(as_of=dt.date(2011, 6, 1), site="17031"),
    "export-national-es.png": Selection(as_of=dt.date(2011, 2, 17), colour="status", lang="es"),
}
REPORTERS = Selection(  # a view with a reporter's own words
    as_of=dt.date(2011, 2, 17),
    colour="status",
    title="How Secure Communities spread, county by county",
    note="Counties where ICE had switched on fingerprint sharing with the FBI.",
    byline="Map: Jane Doe, The Example Times",
)
CHART = ("export-covered-first.png", replace(REPORTERS, as_of=dt.date(2010, 9, 30), note=""))
MP4_FRAME_SECONDS = 4.0  # a frame well into the rollout
SCREENS = {"interactive-desktop.png": (1280, 900), "interactive-phone.png": (390, 844)}


def mp4_frame(video: bytes, out: Path) -> None:
    """The frame at MP4_FRAME_SECONDS, as a PNG."""
    with tempfile.NamedTemporaryFile(suffix=".mp4") as file:
        file.write(video)
        file.flush()
        subprocess.run(
            [imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-y", "-ss",
             str(MP4_FRAME_SECONDS), "-i", file.name, "-frames:v", "1", str(out)],
            check=True,
        )  # fmt: skip


def interactive_screens(page_html: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder, chromium() as browser:
        path = Path(folder) / "map.html"
        path.write_bytes(page_html)
        for name, (width, height) in SCREENS.items():
            context, blocked = offline_context(browser, viewport={"width": width, "height": height})
            page = context.new_page()
            page.goto(path.as_uri())
            page.wait_for_function("() => window.scDrawnAt")
            page.screenshot(path=str(ROOT / "docs" / name), full_page=True)
            context.close()
            print(f"wrote docs/{name}; blocked requests: {blocked or 'none'}")


def main() -> None:
    data = load()
    for name, selection in EXAMPLES.items():
        (ROOT / "docs" / name).write_bytes(make("png", data, selection, link=""))
        print(f"wrote docs/{name}")
    name, selection = CHART
    (ROOT / "docs" / name).write_bytes(make("chart_png", data, selection, link=""))
    print(f"wrote docs/{name}")
    mp4_frame(make("mp4", data, REPORTERS, link=""), ROOT / "docs" / "export-mp4-frame.png")
    print("wrote docs/export-mp4-frame.png")
    interactive_screens(make("html", data, REPORTERS, link="http://localhost:8501/"))


if __name__ == "__main__":
    main()
