"""The downloads at plain addresses (GET /export/<kind>?<link parameters>), served by the
route the app mounts, over HTTP on a loopback port: the files the page's own function
makes, with their type, name and tag; the page's message for a bad parameter; an
upload's files only by its session's token, each with its own label; and a worker
killed mid-animation costing that one download."""

import datetime as dt
import gc
import json
import os
import signal
import threading
import time
import urllib.error
import urllib.request
from dataclasses import replace
from urllib.parse import urlencode

import pandas as pd
import pytest
import uvicorn
from starlette.applications import Starlette

from geo.domain.load import data_dir
from geo.exports import runlog
from geo.exports.downloads import DOWNLOADS, Source, file_name, make
from geo.exports.route import ROUTES, Upload, address, export_job
from geo.exports.worker import server_exports
from geo.text import markdown_unescape
from geo.view.selection import Selection, parse, to_params
from scripts.browser import free_port

MAGIC = {
    "png": b"\x89PNG",
    "png2x": b"\x89PNG",
    "svg": b"<?xml",
    "pdf": b"%PDF",
    "csv": b"# ",
    "geojson": b"{",
    "html": b"<!doctype html>",
    "gif": b"GIF89a",
    "mp4": b"\x00\x00\x00",
    "chart_png": b"\x89PNG",
    "chart_svg": b"<?xml",
    "timeline_png": b"\x89PNG",
    "timeline_svg": b"<?xml",
    "ring_model": b"{",
}
RHODE_ISLAND = Selection(as_of=dt.date(2011, 2, 17), state="RI", colour="status")


@pytest.fixture(scope="module")
def route():
    """The export route alone, as the app mounts it, on a loopback port."""
    port = free_port()
    app = uvicorn.Server(uvicorn.Config(Starlette(routes=ROUTES), port=port, log_level="error"))
    thread = threading.Thread(target=app.run, daemon=True)
    thread.start()
    while not app.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    app.should_exit = True
    thread.join(10)


def get(url: str, **headers) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.mark.parametrize("kind", DOWNLOADS)
def test_each_download_is_the_pages_file_at_its_address(route, dataset, kind):
    status, headers, content = get(route + address(kind, RHODE_ISLAND))
    assert status == 200
    assert headers["content-type"].split(";")[0] == DOWNLOADS[kind].mime
    assert headers["content-disposition"] == (
        f'attachment; filename="{file_name(RHODE_ISLAND, kind)}"'
    )
    assert headers["cache-control"].startswith("public")
    assert content.startswith(MAGIC[kind])
    if kind in {"csv", "geojson", "html"}:  # the same bytes as the page's function makes
        link = f"{route}/?{urlencode(to_params(RHODE_ISLAND))}"
        assert content == make(kind, dataset, RHODE_ISLAND, link)
    again = get(route + address(kind, RHODE_ISLAND), **{"If-None-Match": headers["etag"]})
    assert (again[0], again[2]) == (304, b"")


def test_the_link_language_is_the_files(route, dataset):
    spanish = replace(RHODE_ISLAND, lang="es")
    _, _, english_csv = get(route + address("csv", RHODE_ISLAND))
    status, _, content = get(route + address("csv", spanish))
    link = f"{route}/?{urlencode(to_params(spanish))}"
    assert status == 200 and content == make("csv", dataset, spanish, link)
    assert content != english_csv


def test_each_export_made_is_in_the_run_log_by_its_kind(route, monkeypatch, tmp_path):
    monkeypatch.setattr(runlog, "RUN_LOG", str(tmp_path / "runs.jsonl"))
    assert get(route + address("pdf", replace(RHODE_ISLAND, ring=2)))[0] == 200
    deadline = time.monotonic() + 10  # logged once made, as its reader gets it
    while not (tmp_path / "runs.jsonl").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    entries = [json.loads(line) for line in (tmp_path / "runs.jsonl").read_text().splitlines()]
    assert [(entry["event"], entry["kind"]) for entry in entries] == [("export", "pdf")]


@pytest.mark.parametrize(
    "query", ["as_of=2011-02-30", "state=ZZ&lang=es", "ring=3", "title=" + "x" * 130]
)
def test_a_bad_parameter_gets_a_400_with_the_pages_message(route, dataset, query):
    params = dict(pair.split("=") for pair in query.split("&"))
    _, messages = parse(params, set(dataset.states["state"]), frozenset(dataset.sites["site_id"]))
    status, headers, content = get(f"{route}/export/png?{query}")
    assert status == 400 and headers["cache-control"] == "no-store"
    assert content.decode() == "\n".join(markdown_unescape(message) for message in messages)


def test_an_uploads_files_need_its_token_and_print_its_own_label(route, dataset):
    counties = dataset.counties.assign(activation_date=dataset.counties["activation_date"])
    lists = [
        replace(dataset, counties=counties, label=name, key="upload-same-bytes")
        for name in ("first-list.csv", "other-reader.csv")
    ]
    connected = [True]
    uploads = [Upload(Source.of(data, data_dir()), lambda: connected[0]) for data in lists]
    files = [get(route + address("csv", RHODE_ISLAND, upload)) for upload in uploads]
    for (status, headers, content), own, other in zip(files, lists, lists[::-1], strict=True):
        assert status == 200 and headers["cache-control"] == "private, no-store"
        assert own.label.encode() in content and other.label.encode() not in content
    assert get(route + address("csv", RHODE_ISLAND).replace("?", "?upload=guess&"))[0] == 404
    connected[0] = False  # the reader's page closed
    assert get(route + address("csv", RHODE_ISLAND, uploads[0]))[0] == 404
    connected[0] = True  # and reconnected
    assert get(route + address("csv", RHODE_ISLAND, uploads[0]))[0] == 200
    gone = address("csv", RHODE_ISLAND, uploads.pop())
    gc.collect()  # the session let go of its list
    status, _, content = get(route + gone)
    assert status == 404 and b"session that has ended" in content


def test_a_lists_model_is_fitted_to_its_dates_and_needs_its_token(route, dataset):
    counties = dataset.counties
    listed = replace(
        dataset,
        counties=counties.assign(
            activation_date=counties["activation_date"].where(counties["state"] != "TX")
        ),
        label="no-texas.csv",
        key="upload-no-texas",
    )
    upload = Upload(Source.of(listed, data_dir()), lambda: True)
    status, headers, content = get(route + address("ring_model", RHODE_ISLAND, upload))
    assert status == 200 and headers["cache-control"] == "private, no-store"
    fitted = json.loads(content)
    assert fitted["list"]["left_out"] == (counties["state"] == "TX").sum()
    assert fitted["main"]["hr"] != dataset.ring_model.main.hr
    guessed = address("ring_model", RHODE_ISLAND).replace("?", "?upload=guess&")
    assert get(route + guessed)[0] == 404
    status, _, built_in = get(route + address("ring_model", RHODE_ISLAND))  # the build's own
    assert status == 200 and json.loads(built_in) == dataset.ring_model.raw


def test_an_uploads_own_dates_are_its_links_dates(route, dataset):
    """A list of 2019 to 2021 agreements: its view of 2020 is no bad date, unlike the
    built-in rollout's."""
    counties = dataset.counties
    dates = counties["state"].map({"RI": "2019-07-01", "MA": "2021-03-01"})
    listed = replace(
        dataset,
        counties=counties.assign(activation_date=pd.to_datetime(dates).astype("datetime64[s]")),
        label="agreements.csv",
        key="upload-later-dates",
    )
    upload = Upload(Source.of(listed, data_dir()), lambda: True)
    view = replace(RHODE_ISLAND, as_of=dt.date(2020, 6, 1))
    status, _, content = get(route + address("csv", view, upload))
    assert status == 200 and b"# as_of: 2020-06-01" in content
    assert get(route + address("csv", view))[0] == 400


def test_a_worker_killed_mid_animation_costs_that_download_only(route, dataset):
    """As the out-of-memory killer would: SIGKILL while the MP4's frames are drawn."""
    view = Selection(colour="status")  # the nation's: nothing made of it yet
    key, _ = export_job("mp4", Source.of(dataset, data_dir()), view, "")
    answers = []
    asking = threading.Thread(target=lambda: answers.append(get(route + address("mp4", view))))
    asking.start()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job = server_exports().peek(key)
        if job is not None and job.worker is not None and 0 < job.done < job.total:
            break
        time.sleep(0.01)
    print(f"killing worker {job.worker} at frame {job.done} of {job.total}")
    os.kill(job.worker, signal.SIGKILL)
    asking.join(120)
    status, _, content = answers[0]
    print(f"the download that died: {status} {content[:200]!r}")
    assert status == 503 and "could not be made" in content.decode()
    for kind in ("png", "svg", "mp4"):
        start = time.perf_counter()
        status, _, content = get(route + address(kind, view))
        print(f"then {kind}: {status}, {len(content):,} bytes, {time.perf_counter() - start:.2f} s")
        assert status == 200 and content.startswith(MAGIC[kind])
