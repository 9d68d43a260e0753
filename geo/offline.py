"""Leaflet served by the app itself, so the map draws with no internet access.

folium's default page loads Leaflet, jQuery, Bootstrap and fonts from public CDNs,
and streamlit-folium stops at the first one that fails. A GeoJson map with tooltips
needs only Leaflet, which the PyPI package django-js-lib-leaflet ships (1.9.4).
Streamlit serves ./static at /app/static (server.enableStaticServing).
"""

from __future__ import annotations

import filecmp
import importlib.util
import shutil
from pathlib import Path
from typing import ClassVar

import folium

from geo.sources import PROJECT_ROOT

LEAFLET_PACKAGE = "js_lib_leaflet"
STATIC_DIR = PROJECT_ROOT / "static"
LEAFLET_URL = "/app/static/leaflet"  # root-absolute: the map lives in a component iframe


class OfflineMap(folium.Map):
    """A folium.Map whose page loads nothing but the app's own copy of Leaflet."""

    default_js: ClassVar = [("leaflet", f"{LEAFLET_URL}/leaflet.js")]
    default_css: ClassVar = [("leaflet_css", f"{LEAFLET_URL}/leaflet.css")]


def leaflet_source() -> Path:
    """Folder of the installed Leaflet distribution."""
    spec = importlib.util.find_spec(LEAFLET_PACKAGE)
    if spec is None or spec.origin is None:
        raise RuntimeError(
            "Leaflet is not installed: pip install -r requirements.txt (django-js-lib-leaflet)"
        )
    return Path(spec.origin).parent / "static" / LEAFLET_PACKAGE


def install_leaflet(static_dir: Path = STATIC_DIR) -> Path:
    """Copy leaflet.js, leaflet.css and its images into static/leaflet, if not already there."""
    source, target = leaflet_source(), static_dir / "leaflet"
    names = ["leaflet.js", "leaflet.css"]
    current = target.is_dir() and all(
        (target / n).is_file() and filecmp.cmp(source / n, target / n, shallow=False) for n in names
    )
    if not current:
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copyfile(source / name, target / name)
        shutil.copytree(source / "images", target / "images", dirs_exist_ok=True)
    return target


if __name__ == "__main__":
    print(f"Leaflet installed in {install_leaflet()}")
