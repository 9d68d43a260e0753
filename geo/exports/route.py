"""Every download at a plain address: GET /export/<kind>?<the page link's parameters>.

The page's download links and any other client (a newsroom's CMS, a CDN, curl) ask the
same route, answered from the server's export cache: made once, in the worker process.
The parameters are read as the page reads its link, and a bad one gets a 400 with the
message the page would show, in the link's language (`lang`), which is the file's too.
A built-in view's file is public and cacheable (ETag, Cache-Control); an uploaded
list's files are reachable only with its token (`upload=`), a random secret the page
holds for as long as the session keeps the list: not guessable, not kept by caches, and
refused once the list is replaced or removed, or while its session is not connected.
"""

from __future__ import annotations

import asyncio
import secrets
import weakref
from collections.abc import Callable
from functools import partial
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from geo.domain.load import data_dir, shared
from geo.exports.downloads import (
    DOWNLOADS,
    WITH_LINK,
    Source,
    button_label,
    file_name,
    make_from,
    same_file,
)
from geo.exports.worker import WorkerLost, server_exports
from geo.i18n import N_, _, speaking
from geo.text import markdown_unescape
from geo.view.selection import Selection, parse, to_params

PATH = "/export"
PUBLIC = "public, max-age=3600"  # a built-in view's file: the same bytes for everyone
PRIVATE = "private, no-store"  # an uploaded list's: its reader's alone
FAILURES = {  # why a download could not be made, for its reader; else the error's name
    WorkerLost: N_("the process making it stopped, perhaps out of memory"),
    TimeoutError: N_("it was not made in time"),
}


class Upload:
    """A session's uploaded list, offered for download under a random token while the
    session keeps this object (the registry holds it weakly) and `connected()`."""

    def __init__(self, source: Source, connected: Callable[[], bool]):
        self.source = source
        self.connected = connected
        self.token = secrets.token_urlsafe(24)
        _UPLOADS[self.token] = self


_UPLOADS: weakref.WeakValueDictionary[str, Upload] = weakref.WeakValueDictionary()


def address(kind: str, selection: Selection, upload: Upload | None = None) -> str:
    """The route's address of the `kind` download of `selection` (of `upload`'s list)."""
    params = to_params(same_file(kind, selection))
    if upload is not None:
        params["upload"] = upload.token
    return f"{PATH}/{kind}?{urlencode(params)}"


def export_job(kind: str, source: Source, selection: Selection, link: str):
    """The export cache's key for a download (its kind first, as the run log reads it), and
    the function that makes it. The key holds the list's label, which the files print."""
    selection = same_file(kind, selection)
    key = (kind, source.key, source.label, selection, link if kind in WITH_LINK else "")
    return key, partial(make_from, kind, source, selection, link)


def failure(kind: str, error: BaseException) -> str:
    """Why the `kind` download could not be made, and that asking again may make it."""
    reason = FAILURES.get(type(error))
    return _("The {label} could not be made ({failure}); ask again to make it anew.").format(
        label=button_label(kind), failure=_(reason) if reason else type(error).__name__
    )


async def export(request: Request) -> Response:
    """The file of a download, or a 400 (bad parameter), 404 (no such download, or a list
    no longer in its session) or 503 (it could not be made) saying why."""
    kind, params = request.path_params["kind"], dict(request.query_params)
    token = params.pop("upload", None)
    upload = _UPLOADS.get(token) if token is not None else None
    built_in = shared(data_dir())
    data = upload.source.dataset() if upload else built_in
    selection, messages = parse(
        params,
        set(built_in.states["state"]),
        frozenset(built_in.sites["site_id"]),
        data.span,  # a user's list: its own dates
    )
    with speaking(selection.lang):
        if kind not in DOWNLOADS:
            return _text(
                404,
                _("There is no download called {kind}; there are {kinds}.").format(
                    kind=kind[:40], kinds=", ".join(DOWNLOADS)
                ),
            )
        if token is not None and (upload is None or not upload.connected()):
            return _text(
                404,
                _(
                    "This download belonged to a list uploaded in a session that has ended; "
                    "open the page and upload the list again."
                ),
            )
        if messages:
            return _text(400, "\n".join(markdown_unescape(message) for message in messages))
        source = upload.source if upload else Source.of(built_in, data_dir())
        link = f"{request.base_url}?{urlencode(to_params(selection))}"
        cache = server_exports()
        job = cache.start(*export_job(kind, source, selection, link))
        try:
            made = asyncio.shield(asyncio.wrap_future(job.future))
            content = await asyncio.wait_for(made, cache.remaining(job))
        except TimeoutError:
            cache.expire(job)
            return _text(503, failure(kind, TimeoutError()))
        except Exception as error:  # its reader learns why; asking again makes it anew
            return _text(503, failure(kind, error))
    headers = {"ETag": f'"{job.tag}"', "Cache-Control": PRIVATE if upload else PUBLIC}
    if f'"{job.tag}"' in _tags(request.headers.get("if-none-match", "")):
        return Response(status_code=304, headers=headers)
    headers["Content-Disposition"] = f'attachment; filename="{file_name(selection, kind)}"'
    return Response(content, media_type=DOWNLOADS[kind].mime, headers=headers)


def _tags(header: str) -> set[str]:
    """The entity tags of an If-None-Match header (weak ones compared as strong)."""
    return {tag.strip().removeprefix("W/") for tag in header.split(",")}


def _text(status: int, message: str) -> Response:
    return PlainTextResponse(message, status_code=status, headers={"Cache-Control": "no-store"})


ROUTES = [Route(PATH + "/{kind}", export, methods=["GET"])]
