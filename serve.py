"""Serve the dashboard: streamlit run serve.py (the page itself is dashboard.py).

Before the first reader arrives, the server imports every module the page imports,
loads the processed data and draws the first view once, so that the first reader
after a start waits no longer than the next one. Streamlit runs this file as an
ASGI app (st.App); the warm-up is its lifespan, done once per server process, and the
downloads are its route /export/<kind> (geo.exportroute).
"""

from __future__ import annotations

import ast
import importlib
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from geo.exportroute import ROUTES
from geo.offline import CacheForever

PAGE = Path(__file__).resolve().parent / "dashboard.py"


def page_modules() -> list[str]:
    """Every module dashboard.py imports at its top level, but Streamlit and its components:
    a component registers itself with the running server when the page first imports it."""
    tree = ast.parse(PAGE.read_text())
    names = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
    return [name for name in names if not name.startswith("streamlit")]


def warm_up() -> None:
    """Import the page's modules, load the data and each language's words, draw the first
    view and compare the resistant sites (the first view's page shows all of it), once;
    and start the process that makes the downloads, ready for its first."""
    for name in page_modules():
        importlib.import_module(name)
    from geo.compose import compose
    from geo.downloads import warm
    from geo.exportcache import server_exports
    from geo.i18n import ready_languages
    from geo.leaflet import dynamic_layer
    from geo.load import data_dir, shared
    from geo.offline import install_leaflet
    from geo.rings import compared
    from geo.ringtimeline import site_timelines
    from geo.urlstate import Selection

    install_leaflet()
    server_exports().warm(partial(warm, data_dir()))  # in its own process, meanwhile
    data = shared(data_dir())
    ready_languages()
    dynamic_layer(compose(data, Selection()))
    compared(data, 1)
    site_timelines(data)


@asynccontextmanager
async def ready(app):
    warm_up()
    yield


# Files named by their content (the map's parts, the versioned script) are kept for good.
app = st.App(str(PAGE), lifespan=ready, routes=ROUTES, middleware=[Middleware(CacheForever)])
