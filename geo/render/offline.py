"""Leaflet, the app's own map script and the views' shapes, served by the app itself so the
map draws offline.

folium's default page loads Leaflet, jQuery, Bootstrap and fonts from public CDNs,
and streamlit-folium stops at the first one that fails. The map needs only Leaflet,
which the PyPI package django-js-lib-leaflet ships (1.9.4), and geo/render/js/rollout_layer.*.
Streamlit serves ./static at /app/static (server.enableStaticServing). The parts of a
view that do not change with the date (arcs, areas, fixed tooltip columns) are published
there too, each in a file named by its content, which a browser keeps for good.
"""

from __future__ import annotations

import filecmp
import functools
import hashlib
import importlib.util
import os
import shutil
import tempfile
from pathlib import Path
from typing import ClassVar

import folium
from branca.element import Element, MacroElement

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
PARTS = "parts"  # static/parts/<content hash>.json: the shared parts of views
PARTS_URL = f"/app/static/{PARTS}/"
FOREVER = b"public, max-age=31536000, immutable"


def publish(text: str) -> str:
    """The address of a static file holding `text`, named by its content (written once)."""
    name = hashlib.sha256(text.encode()).hexdigest()[:24] + ".json"
    path = STATIC_DIR / PARTS / name
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False) as file:
            file.write(text)  # written aside, then renamed: no reader sees half a file
        os.chmod(file.name, 0o644)
        os.replace(file.name, path)
    return PARTS_URL + name


class CacheForever:
    """ASGI middleware: a file whose name or address changes with its content (a published
    part, or a script with ?v=) is sent with Cache-Control immutable, so a browser keeps it
    across reruns, views and visits without asking again. Streamlit's own static handler
    sends no Cache-Control."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "") if scope["type"] == "http" else ""
        versioned = path.startswith(LEAFLET_URL) and b"v=" in scope.get("query_string", b"")
        if not (path.startswith(PARTS_URL) or versioned):
            return await self.app(scope, receive, send)

        async def send_cached(message):
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = [(k, v) for k, v in message["headers"] if k.lower() != b"cache-control"]
                message = {**message, "headers": [*headers, (b"cache-control", FOREVER)]}
            await send(message)

        await self.app(scope, receive, send_cached)


class Text(Element):
    """Text added to a folium page as it is, never parsed as a template."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class PlainMacro(MacroElement):
    """A MacroElement whose header, html and script go on the page as they are.

    branca's MacroElement.render wraps each in an Element, which compiles the text it was
    just rendered to as a Jinja template: most of the time streamlit-folium takes on every
    run of the page, and the whole view's data in a layer's script.
    """

    def render(self, **kwargs) -> None:
        figure, macros = self.get_root(), self._template.module.__dict__
        for part in ("header", "html", "script"):
            if macros.get(part) is not None:
                text = Text(macros[part](self, kwargs))
                getattr(figure, part).add_child(text, name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class OfflineMap(folium.Map, PlainMacro):
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
