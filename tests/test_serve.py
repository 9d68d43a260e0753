"""The server's start-up: what it warms, what the page leaves for exports to import, and
the downloads made on click it keeps until their readers fetch them."""

import subprocess
import sys

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.media_file_storage import MediaFileStorageError
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from geo.common import PROJECT_ROOT
from serve import keep_made_downloads, page_modules

DRAWING = ("matplotlib", "PIL", "imageio_ffmpeg", "geopandas", "shapely", "pyproj")


def test_the_warm_up_imports_the_pages_own_modules_but_not_streamlits():
    modules = page_modules()
    assert {"geo.compose", "geo.leaflet", "geo.load", "geo.downloads"} <= set(modules)
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


def made_then_swept(sweeps: int) -> bool:
    """Whether a download made on click is still there after `sweeps` other runs end, in
    Streamlit's own media manager."""
    storage = MemoryMediaFileStorage("/media")
    manager = MediaFileManager(storage)
    placeholder = manager.add_deferred(lambda: b"%PDF-1.4 a map", "application/pdf", "button")
    url = manager.execute_deferred(placeholder)  # a reader clicked: the file is made
    for _ in range(sweeps):
        manager.remove_orphaned_files()  # another reader's run ends
    try:
        storage.get_file(url.rsplit("/", 1)[-1].split(".")[0])
    except MediaFileStorageError:
        return False
    return True


@pytest.fixture
def restored(monkeypatch):
    """keep_made_downloads patches Streamlit's media manager: undone after the test."""
    for name in ("execute_deferred", "_get_inactive_file_ids"):
        monkeypatch.setattr(MediaFileManager, name, getattr(MediaFileManager, name))


def test_a_download_made_on_click_waits_for_its_reader(restored):
    assert made_then_swept(1)
    assert not made_then_swept(2)  # Streamlit alone: gone once two other runs end
    keep_made_downloads(seconds=120)
    assert made_then_swept(5)


def test_a_download_made_on_click_is_swept_after_its_wait(restored):
    keep_made_downloads(seconds=0)
    assert not made_then_swept(2)
