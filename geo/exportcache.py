"""Each download made once per server, in a process of its own: readers share the result.

A request for a download that is being made waits for that computation rather than
starting another; the results are kept, the least recently used dropped first once
they pass a byte budget. The computations run in a separate worker process, so the
drawing libraries, their memory and their processor time stay out of the server's
own process: the page keeps answering while a GIF is made, and the worker runs at a
lower priority, so a reader's view change is not kept waiting behind it when they share
a processor. The worker reports how far along it is, for the page to show.
"""

from __future__ import annotations

import functools
import itertools
import multiprocessing
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from geo.runlog import log

TASKS_PER_WORKER = 100  # a worker is replaced after this many downloads: its memory with it
WORKER_NICENESS = 10  # below the server's priority: a reader's view change goes before a GIF
SERVER_BUDGET = 256 * 1024 * 1024  # bytes of downloads a server process keeps


@dataclass
class Job:
    """A download being made, or made: its result, how far along it is, what it cost."""

    future: Future
    done: int = 0
    total: int = 0
    seconds: float = 0.0  # how long the computation took, once it is done
    cpu: float = 0.0  # the processor time it took
    number: int = field(default=0, repr=False)


class ExportCache:
    """Downloads by key, made once each by `task(progress)` in a worker process, kept
    within `budget` bytes. A task must be picklable: a module-level function or a
    functools.partial of one."""

    def __init__(self, budget: int, workers: int = 1, on_done: Callable | None = None):
        self.budget = budget
        self._workers = workers
        self._on_done = on_done  # told (key, job, bytes) of each download made
        self._jobs: OrderedDict[Hashable, Job] = OrderedDict()
        self._by_number: dict[int, Job] = {}
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)
        self._pool: ProcessPoolExecutor | None = None
        self._progress = None

    def start(self, key: Hashable, task: Callable) -> Job:
        """The job for `key`: the one already made or being made, else a new one."""
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and not _failed(job):
                self._jobs.move_to_end(key)
                return job
            job = Job(Future(), number=next(self._numbers))
            self._jobs[key] = job
            self._by_number[job.number] = job
            pool = self._started()
        submitted = pool.submit(_work, job.number, task)
        submitted.add_done_callback(lambda done: self._finish(key, job, done))
        return job

    def warm(self, task: Callable) -> Future:
        """Run `task()` in the worker now, kept nowhere: for what later downloads then find
        ready there (modules imported, data loaded), before the first reader asks."""
        with self._lock:
            pool = self._started()
        return pool.submit(task)

    def get(self, key: Hashable, task: Callable) -> bytes:
        """The bytes for `key`, waiting for them if they are being made."""
        return self.start(key, task).future.result()

    def peek(self, key: Hashable) -> Job | None:
        """The job for `key` if one was started (and not dropped), without starting one."""
        with self._lock:
            return self._jobs.get(key)

    @property
    def size(self) -> int:
        """Bytes of the downloads kept."""
        with self._lock:
            return sum(_bytes(job) for job in self._jobs.values())

    def _started(self) -> ProcessPoolExecutor:
        """The worker pool, and the thread that passes on its progress (started once)."""
        if self._pool is None:
            context = multiprocessing.get_context("spawn")  # a clean process: no server threads
            self._progress = context.SimpleQueue()
            self._pool = ProcessPoolExecutor(
                self._workers,
                mp_context=context,
                initializer=_listen,
                initargs=(self._progress, os.getpid()),
                max_tasks_per_child=TASKS_PER_WORKER,
            )
            threading.Thread(target=self._follow, daemon=True, name="export-progress").start()
        return self._pool

    def _follow(self) -> None:
        """Pass the workers' progress messages on to their jobs."""
        while True:
            number, done, total = self._progress.get()
            job = self._by_number.get(number)
            if job is not None:
                job.done, job.total = done, total

    def _finish(self, key: Hashable, job: Job, done: Future) -> None:
        error = done.exception()
        if error is not None:  # the waiting readers get the error, not a hang
            job.future.set_exception(error)
            return
        result, job.seconds, job.cpu = done.result()
        job.future.set_result(result)
        if self._on_done:
            self._on_done(key, job, len(result))
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
                    self._by_number.pop(job.number, None)


@functools.cache
def server_exports() -> ExportCache:
    """The downloads of this server process, shared by every reader; each one's making
    noted in the run log."""
    return ExportCache(SERVER_BUDGET, on_done=_logged)


def _logged(key, job: Job, size: int) -> None:
    log("export", job.seconds, cpu=job.cpu, kind=key[1], bytes=size)


_progress_queue = None  # in a worker: where its progress messages go


def _listen(queue, server: int) -> None:
    """In a new worker: yield the processor to the server's page runs, where to send
    progress; and leave when the server is gone."""
    global _progress_queue
    os.nice(WORKER_NICENESS)
    _progress_queue = queue
    threading.Thread(target=_watch, args=(server,), daemon=True).start()


def _watch(server: int) -> None:
    """End this worker once its server has ended (a stopped server leaves no orphan)."""
    while os.getppid() == server:
        time.sleep(1)
    os._exit(0)


def _work(number: int, task: Callable) -> tuple[bytes, float, float]:
    """In a worker: run the task, telling its progress; its bytes, seconds and CPU time."""
    start, cpu = time.perf_counter(), time.process_time()
    result = task(lambda done, total: _progress_queue.put((number, done, total)))
    return result, time.perf_counter() - start, time.process_time() - cpu


def _failed(job: Job) -> bool:
    return job.future.done() and job.future.exception() is not None


def _bytes(job: Job) -> int:
    if not job.future.done() or job.future.exception() is not None:
        return 0
    return len(job.future.result())
