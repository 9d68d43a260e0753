"""The server's start-up: what it warms, and what the page leaves for exports to import."""

import subprocess
import sys

from geo.common import PROJECT_ROOT
from serve import page_modules

DRAWING = ("matplotlib", "PIL", "imageio_ffmpeg", "geopandas", "shapely", "pyproj")


def test_the_warm_up_imports_the_pages_own_modules_but_not_streamlits():
    modules = page_modules()
    assert {
        "geo.view.compose",
        "geo.render.leaflet",
        "geo.domain.load",
        "geo.exports.downloads",
    } <= set(modules)
    assert not [name for name in modules if name.startswith("streamlit")]


def test_the_page_leaves_the_drawing_libraries_to_the_exports_that_need_them():
    code = (
        "import sys, importlib, serve\n"
        "for name in serve.page_modules(): importlib.import_module(name)\n"
        f"print(sorted(m for m in {DRAWING!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT_ROOT
    )
    assert loaded.stdout.strip() == "[]", loaded.stdout
