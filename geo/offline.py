"""Leaflet and the app's own map script, served by the app itself so the map draws offline.

folium's default page loads Leaflet, jQuery, Bootstrap and fonts from public CDNs,
and streamlit-folium stops at the first one that fails. The map needs only Leaflet,
which the PyPI package django-js-lib-leaflet ships (1.9.4), and geo/js/rollout_layer.*.
Streamlit serves ./static at /app/static (server.enableStaticServing).
"""

from __future__ import annotations

import filecmp
import functools
import hashlib
import importlib.util
import shutil
from pathlib import Path
from typing import ClassVar

import folium

from geo.common import PROJECT_ROOT

LEAFLET_PACKAGE = "js_lib_leaflet"
STATIC_DIR = PROJECT_ROOT / "static"
LEAFLET_URL = "/app/static/leaflet"  # root-absolute: the map lives in a component iframe
LAYER_SCRIPT = Path(__file__).resolve().parent / "js" / "rollout_layer.js"
LAYER_STYLE = LAYER_SCRIPT.with_suffix(".css")


def _versioned(path: Path) -> str:
    """The file's address, which changes with its content: no browser keeps an old copy."""
    return f"{LEAFLET_URL}/{path.name}?v={hashlib.sha256(path.read_bytes()).hexdigest()[:12]}"


LAYER_URL, LAYER_STYLE_URL = _versioned(LAYER_SCRIPT), _versioned(LAYER_STYLE)


class OfflineMap(folium.Map):
    """A folium.Map whose page loads nothing but the app's own Leaflet and map script."""

    default_js: ClassVar = [
        ("leaflet", f"{LEAFLET_URL}/leaflet.js"),
        ("rollout_layer", LAYER_URL),
    ]
    default_css: ClassVar = [
        ("leaflet_css", f"{LEAFLET_URL}/leaflet.css"),
        ("rollout_layer_css", LAYER_STYLE_URL),
    ]


def leaflet_source() -> Path:
    """Folder of the installed Leaflet distribution."""
    spec = importlib.util.find_spec(LEAFLET_PACKAGE)
    if spec is None or spec.origin is None:
        raise RuntimeError(
            "Leaflet is not installed: pip install -r requirements.txt (django-js-lib-leaflet)"
        )
    return Path(spec.origin).parent / "static" / LEAFLET_PACKAGE


@functools.cache
def install_leaflet(static_dir: Path = STATIC_DIR) -> Path:
    """Copy Leaflet (js, css, images) and the map script into static/leaflet, if not there
    (once per process)."""
    source, target = leaflet_source(), static_dir / "leaflet"
    files = [source / "leaflet.js", source / "leaflet.css", LAYER_SCRIPT, LAYER_STYLE]
    current = target.is_dir() and all(
        (target / f.name).is_file() and filecmp.cmp(f, target / f.name, shallow=False)
        for f in files
    )
    if not current:
        target.mkdir(parents=True, exist_ok=True)
        for file in files:
            shutil.copyfile(file, target / file.name)
        shutil.copytree(source / "images", target / "images", dirs_exist_ok=True)
    return target


if __name__ == "__main__":
    print(f"Leaflet and the map script installed in {install_leaflet()}")
