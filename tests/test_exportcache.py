"""Downloads made once each: readers share one computation, within a byte budget."""

import threading

import pytest

from geo.exportcache import ExportCache


def maker(calls: list, result: bytes, gate: threading.Event | None = None):
    def make(progress):
        calls.append(result)
        for done in range(1, 4):
            if gate:
                gate.wait(5)
            progress(done, 3)
        return result

    return make


def test_readers_asking_at_once_wait_for_one_computation():
    cache, calls, gate = ExportCache(budget=10**6), [], threading.Event()
    results = []
    readers = [
        threading.Thread(target=lambda: results.append(cache.get("gif", maker(calls, b"G", gate))))
        for _ in range(5)
    ]
    for reader in readers:
        reader.start()
    gate.set()
    for reader in readers:
        reader.join(5)
    assert results == [b"G"] * 5
    assert calls == [b"G"]  # made once
    job = cache.peek("gif")
    assert (job.done, job.total) == (3, 3) and job.seconds > 0


def test_the_least_recently_used_downloads_go_once_past_the_budget():
    cache, calls = ExportCache(budget=10), []
    cache.get("a", maker(calls, b"aaaa"))
    cache.get("b", maker(calls, b"bbbb"))
    cache.get("a", maker(calls, b"aaaa"))  # a is used again: b is now the oldest
    cache.get("c", maker(calls, b"cccc"))
    assert cache.peek("b") is None and cache.peek("a") is not None
    assert cache.size == 8
    assert calls == [b"aaaa", b"bbbb", b"cccc"]


def test_a_failed_download_is_tried_again_and_its_error_reaches_the_reader():
    cache, attempts = ExportCache(budget=100), []

    def broken(progress):
        attempts.append(1)
        raise RuntimeError("encoder missing")

    with pytest.raises(RuntimeError, match="encoder missing"):
        cache.get("mp4", broken)
    assert cache.get("mp4", maker([], b"M")) == b"M"
    assert attempts == [1]
