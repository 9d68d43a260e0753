"""Each download made once per process: readers asking for the same one share the result.

A request for a download that is being made waits for that computation rather than
starting another; the results are kept, the least recently used dropped first once
they pass a byte budget. Computations run on a small pool of background threads, so
a page can show their progress and stay usable meanwhile.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

Progress = Callable[[int, int], None]


@dataclass
class Job:
    """A download being made, or made: its result, and how far along it is."""

    future: Future
    done: int = 0
    total: int = 0
    seconds: float = 0.0  # how long the computation took, once it is done

    def progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total


class ExportCache:
    """Downloads by key, made once each, kept within `budget` bytes."""

    def __init__(self, budget: int, workers: int = 2, on_done: Callable | None = None):
        self.budget = budget
        self._on_done = on_done  # told (key, seconds, bytes) of each download made
        self._jobs: OrderedDict[Hashable, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="export")

    def start(self, key: Hashable, make: Callable[[Progress], bytes]) -> Job:
        """The job for `key`: the one already made or being made, else a new one."""
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and not _failed(job):
                self._jobs.move_to_end(key)
                return job
            job = Job(Future())
            self._jobs[key] = job
        self._pool.submit(self._run, key, job, make)
        return job

    def get(self, key: Hashable, make: Callable[[Progress], bytes]) -> bytes:
        """The bytes for `key`, waiting for them if they are being made."""
        return self.start(key, make).future.result()

    def peek(self, key: Hashable) -> Job | None:
        """The job for `key` if one was started (and not dropped), without starting one."""
        with self._lock:
            return self._jobs.get(key)

    @property
    def size(self) -> int:
        """Bytes of the downloads kept."""
        with self._lock:
            return sum(_bytes(job) for job in self._jobs.values())

    def _run(self, key: Hashable, job: Job, make: Callable[[Progress], bytes]) -> None:
        start = time.perf_counter()
        try:
            result = make(job.progress)
        except BaseException as error:  # the waiting readers get the error, not a hang
            job.future.set_exception(error)
            return
        job.seconds = time.perf_counter() - start
        job.future.set_result(result)
        if self._on_done:
            self._on_done(key, job.seconds, len(result))
        self._trim()

    def _trim(self) -> None:
        """Drop the least recently used finished downloads until the rest fit the budget."""
        with self._lock:
            total = sum(_bytes(job) for job in self._jobs.values())
            for key in list(self._jobs):
                if total <= self.budget:
                    break
                job = self._jobs[key]
                if job.future.done():
                    total -= _bytes(job)
                    del self._jobs[key]


def _failed(job: Job) -> bool:
    return job.future.done() and job.future.exception() is not None


def _bytes(job: Job) -> int:
    if not job.future.done() or job.future.exception() is not None:
        return 0
    return len(job.future.result())
