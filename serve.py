"""Serve the dashboard: streamlit run serve.py (the page itself is dashboard.py).

Before the first reader arrives, the server imports every module the page imports,
loads the processed data and draws the first view once, so that the first reader
after a start waits no longer than the next one. Streamlit runs this file as an
ASGI app (st.App); the warm-up is its lifespan, done once per server process, and the
downloads are its route /export/<kind> (geo.exports.route).
"""

from __future__ import annotations

import ast
import importlib
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from geo.exports.route import ROUTES
from geo.render.offline import CacheForever

PAGE = Path(__file__).resolve().parent / "dashboard.py"
SECTIONS = PAGE.parent / "app"  # the page's sections (app/*.py)
PAGE_OWN = {"app", "streamlit", "streamlit_folium", "__future__"}


def page_modules() -> list[str]:
    """Every module the page (dashboard.py and its sections in app/) imports at its top level,
    but Streamlit, its components and the sections themselves: a component registers itself
    with the running server when the page first imports it."""
    names = []
    for file in [PAGE, *sorted(SECTIONS.glob("*.py"))]:
        for node in ast.parse(file.read_text()).body:
            if isinstance(node, ast.Import):
                names += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.append(node.module)
    return sorted({name for name in names if name.split(".")[0] not in PAGE_OWN})


def warm_up() -> None:
    """Import the page's modules, load the data and each language's words, draw the first
    view and compare the resistant sites (the first view's page shows all of it), once;
    and start the process that makes the downloads, ready for its first."""
    for name in page_modules():
        importlib.import_module(name)
    from geo.domain.load import data_dir, shared
    from geo.domain.rings import compared
    from geo.domain.ringtimeline import site_timelines
    from geo.exports.downloads import warm
    from geo.exports.worker import server_exports
    from geo.i18n import ready_languages
    from geo.render.leaflet import dynamic_layer
    from geo.render.offline import install_leaflet
    from geo.view.compose import compose
    from geo.view.selection import Selection

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
