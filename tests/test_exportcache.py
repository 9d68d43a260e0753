"""Downloads made once each in a worker process: readers share one computation."""

import functools
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from geo.exports.worker import WORKER_NICENESS, ExportCache, WorkerLost


def slow_bytes(mark: str, result: bytes, progress) -> bytes:
    """A task for the worker: notes each run in the file `mark`, tells its progress."""
    with open(mark, "a") as runs:
        runs.write(f"{os.getpid()}\n")
    for done in range(1, 4):
        time.sleep(0.1)
        progress(done, 3)
    return result


def broken(progress) -> bytes:
    raise RuntimeError("encoder missing")


def task(tmp_path: Path, result: bytes, name: str = "runs"):
    return functools.partial(slow_bytes, str(tmp_path / name), result)


def test_readers_asking_at_once_wait_for_one_computation_in_another_process(tmp_path):
    cache, results = ExportCache(budget=10**6), []
    readers = [
        threading.Thread(target=lambda: results.append(cache.get("gif", task(tmp_path, b"G"))))
        for _ in range(5)
    ]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join(60)
    assert results == [b"G"] * 5
    runs = (tmp_path / "runs").read_text().split()
    assert len(runs) == 1 and runs[0] != str(os.getpid())  # once, and not in this process
    job = cache.peek("gif")
    assert job.seconds > 0.25 and job.cpu >= 0
    deadline = time.monotonic() + 5
    while (job.done, job.total) != (3, 3) and time.monotonic() < deadline:
        time.sleep(0.05)  # the worker's progress arrives on its own thread
    assert (job.done, job.total) == (3, 3)


def test_the_least_recently_used_downloads_go_once_past_the_budget(tmp_path):
    cache = ExportCache(budget=10)
    cache.get("a", task(tmp_path, b"aaaa"))
    cache.get("b", task(tmp_path, b"bbbb"))
    cache.get("a", task(tmp_path, b"aaaa"))  # a is used again: b is now the oldest
    cache.get("c", task(tmp_path, b"cccc"))
    assert cache.peek("b") is None and cache.peek("a") is not None
    assert cache.size == 8
    assert len((tmp_path / "runs").read_text().split()) == 3


def test_a_failed_download_is_tried_again_and_its_error_reaches_the_reader(tmp_path):
    cache = ExportCache(budget=100)
    with pytest.raises(RuntimeError, match="encoder missing"):
        cache.get("mp4", broken)
    assert cache.get("mp4", task(tmp_path, b"M")) == b"M"


WARMED: list[int] = []  # in the worker: the processes warmed


def warm_worker() -> None:
    WARMED.append(os.getpid())


def warmed_here(progress) -> bytes:
    return str([os.getpid()] == WARMED).encode()


def test_warming_readies_the_worker_that_then_makes_the_downloads():
    cache = ExportCache(budget=10**6)
    cache.warm(warm_worker).result(60)
    assert WARMED == []  # warmed there, not here
    assert cache.get("png", warmed_here) == b"True"


def niceness(progress) -> bytes:
    return str(os.nice(0)).encode()


def test_the_worker_yields_the_processor_to_the_server():
    made = int(ExportCache(budget=10**6).get("nice", niceness))
    assert made >= min(os.nice(0) + WORKER_NICENESS, 19)


def forever(progress) -> bytes:
    progress(1, 2)
    time.sleep(3600)
    return b"never"


def started(job, timeout: float = 60) -> int:
    """The worker making `job`, once it has told its first frame."""
    deadline = time.monotonic() + timeout
    while (job.worker is None or not job.done) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert job.worker is not None
    return job.worker


def test_a_killed_worker_costs_one_download_and_the_next_ones_are_made(tmp_path):
    cache = ExportCache(budget=10**6)
    dying = cache.start("mp4", forever)
    queued = cache.start("png", task(tmp_path, b"P"))  # waits behind it for the one worker
    os.kill(started(dying), signal.SIGKILL)  # as the out-of-memory killer would
    with pytest.raises(WorkerLost, match="ask again"):
        cache.wait(dying)
    assert cache.wait(queued) == b"P"  # not started when it died: made by the new worker
    assert cache.get("svg", task(tmp_path, b"S")) == b"S"
    assert cache.get("mp4", task(tmp_path, b"M")) == b"M"  # asked again: made


def test_a_download_past_its_time_fails_its_worker_killed_and_a_retry_is_made(tmp_path):
    cache = ExportCache(budget=10**6, seconds=2)
    stuck = cache.start("gif", forever)
    worker = started(stuck)
    with pytest.raises(TimeoutError):
        cache.wait(stuck)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and os.path.exists(f"/proc/{worker}"):
        time.sleep(0.05)
    assert not os.path.exists(f"/proc/{worker}")  # the stuck worker is gone
    cache.seconds = 60  # time for a new worker to start on a busy machine
    assert cache.get("gif", task(tmp_path, b"G")) == b"G"
