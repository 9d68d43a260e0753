"""Each download made once per server, in a process of its own: readers share the result.

A request for a download that is being made waits for that computation rather than
starting another; the results are kept, the least recently used dropped first once
they pass a byte budget. The computations run in a separate worker process, so the
drawing libraries, their memory and their processor time stay out of the server's
own process: the page keeps answering while a GIF is made, and the worker runs at a
lower priority, so a reader's view change is not kept waiting behind it when they share
a processor. The worker reports how far along it is, for the page to show.

A fault costs one download: a worker that dies (killed by the out-of-memory killer, say)
is replaced by a new one, the download it was making fails with an error its readers
see, and asking again makes it again; downloads queued behind it go to the new worker.
A download not made within its time is failed the same way, its worker killed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from geo.exports.runlog import log

TASKS_PER_WORKER = 100  # a worker is replaced after this many downloads: its memory with it
WORKER_NICENESS = 10  # below the server's priority: a reader's view change goes before a GIF
SERVER_BUDGET = 256 * 1024 * 1024  # bytes of downloads a server process keeps
EXPORT_SECONDS = 300.0  # a download not made within this (from its request) has failed


class WorkerLost(RuntimeError):
    """The worker making a download died (killed, out of memory): asking again makes it anew."""


@dataclass
class Job:
    """A download being made, or made: its result, how far along it is, what it cost."""

    future: Future
    done: int = 0
    total: int = 0
    seconds: float = 0.0  # how long the computation took, once it is done
    cpu: float = 0.0  # the processor time it took
    tag: str = ""  # a digest of the bytes, once made (an HTTP ETag)
    worker: int | None = None  # the process making it, once it has started
    deadline: float = 0.0  # time.monotonic() by which it must be made
    number: int = field(default=0, repr=False)
    task: Callable | None = field(default=None, repr=False)
    resent: bool = field(default=False, repr=False)  # sent to a new worker once already


class ExportCache:
    """Downloads by key, made once each by `task(progress)` in a worker process, kept
    within `budget` bytes. A task must be picklable: a module-level function or a
    functools.partial of one."""

    def __init__(
        self,
        budget: int,
        workers: int = 1,
        on_done: Callable | None = None,
        seconds: float = EXPORT_SECONDS,
    ):
        self.budget = budget
        self.seconds = seconds  # the time a download has to be made
        self._workers = workers
        self._on_done = on_done  # told (key, job, bytes) of each download made
        self._jobs: OrderedDict[Hashable, Job] = OrderedDict()
        self._by_number: dict[int, Job] = {}
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)
        self._pool: ProcessPoolExecutor | None = None

    def start(self, key: Hashable, task: Callable) -> Job:
        """The job for `key`: the one already made or being made, else a new one."""
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and not _failed(job):
                self._jobs.move_to_end(key)
                return job
            job = Job(Future(), number=next(self._numbers), task=task)
            job.deadline = time.monotonic() + self.seconds
            self._jobs[key] = job
            self._by_number[job.number] = job
        self._send(key, job)
        return job

    def _send(self, key: Hashable, job: Job) -> None:
        """Have a worker make `job`; a pool found broken is replaced, and the job sent again."""
        for _attempt in range(2):
            with self._lock:
                pool = self._started()
            try:
                submitted = pool.submit(_work, job.number, job.task)
            except BrokenProcessPool:  # its worker died since: a new pool
                self._replace(pool)
                continue
            submitted.add_done_callback(functools.partial(self._finish, key, job, pool))
            return
        self._settle(job, error=WorkerLost("no export worker could be started"))

    def warm(self, task: Callable) -> Future:
        """Run `task()` in the worker now, kept nowhere: for what later downloads then find
        ready there (modules imported, data loaded), before the first reader asks."""
        with self._lock:
            pool = self._started()
        return pool.submit(task)

    def get(self, key: Hashable, task: Callable) -> bytes:
        """The bytes for `key`, waiting for them if they are being made (see `wait`)."""
        return self.wait(self.start(key, task))

    def wait(self, job: Job) -> bytes:
        """The job's bytes, waiting until its deadline at most: past it, the job fails with
        TimeoutError and its worker is killed (then replaced), so a retry starts afresh."""
        try:
            return job.future.result(self.remaining(job))
        except TimeoutError:
            self.expire(job)
            return job.future.result(0)  # its error, or the bytes made just in time

    def remaining(self, job: Job) -> float:
        """Seconds until `job`'s deadline (0 once past it)."""
        return max(0.0, job.deadline - time.monotonic())

    def expire(self, job: Job) -> None:
        """Fail `job` if it is past its deadline and not made, killing the worker making it."""
        if job.future.done() or time.monotonic() < job.deadline:
            return
        late = TimeoutError(f"not made within {self.seconds:.0f} s; ask again to start over")
        if self._settle(job, error=late) and job.worker is not None:
            with contextlib.suppress(ProcessLookupError):  # it has ended already
                os.kill(job.worker, signal.SIGKILL)

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
        """The worker pool, and the thread that passes on its progress (with the lock held)."""
        if self._pool is None:
            context = multiprocessing.get_context("spawn")  # a clean process: no server threads
            progress = context.Queue()  # a pool's own: a killed worker may leave one locked
            self._pool = ProcessPoolExecutor(
                self._workers,
                mp_context=context,
                initializer=_listen,
                initargs=(progress, os.getpid()),
                max_tasks_per_child=TASKS_PER_WORKER,
            )
            follow = threading.Thread(target=self._follow, args=(progress, self._pool), daemon=True)
            follow.start()
        return self._pool

    def _replace(self, pool: ProcessPoolExecutor) -> None:
        """Drop `pool` (broken: a worker died) so that the next download starts a new one."""
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    def _follow(self, progress, pool: ProcessPoolExecutor) -> None:
        """Pass the progress messages of `pool`'s workers on to their jobs, while it serves."""
        while self._pool is pool or not progress.empty():
            try:
                number, worker, done, total = progress.get(timeout=1)
            except queue.Empty:
                continue
            job = self._by_number.get(number)
            if job is not None:
                job.worker, job.done, job.total = worker, done, total

    def _finish(self, key: Hashable, job: Job, pool: ProcessPoolExecutor, done: Future) -> None:
        error = done.exception()
        if isinstance(error, BrokenProcessPool):  # a worker died: a new pool for what follows
            self._replace(pool)
            if job.worker is None and not job.resent and not job.future.done():
                job.resent = True  # it had not started: the fault was another download's
                self._send(key, job)
                return
            error = WorkerLost("the process making it stopped (out of memory?); ask again")
        if error is not None:  # the waiting readers get the error, not a hang
            self._settle(job, error=error)
            return
        result, seconds, cpu = done.result()
        if self._settle(job, result, seconds=seconds, cpu=cpu) and self._on_done:
            self._on_done(key, job, len(result))
        self._trim()

    def _settle(self, job: Job, result: bytes | None = None, error=None, **cost) -> bool:
        """Give `job` its bytes (and what they cost) or its error, unless it has one already
        (failed past its deadline); whether it was given."""
        with self._lock:
            if job.future.done():
                return False
            if error is not None:
                job.future.set_exception(error)
                return True
            job.tag = hashlib.sha256(result).hexdigest()[:32]
            job.seconds, job.cpu = cost["seconds"], cost["cpu"]
            job.future.set_result(result)
            return True

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
    log("export", job.seconds, cpu=job.cpu, kind=key[0], bytes=size)


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
    """In a worker: say it has started, run the task, telling its progress; its bytes,
    seconds and CPU time."""
    start, cpu, worker = time.perf_counter(), time.process_time(), os.getpid()
    _progress_queue.put((number, worker, 0, 0))
    result = task(lambda done, total: _progress_queue.put((number, worker, done, total)))
    return result, time.perf_counter() - start, time.process_time() - cpu


def _failed(job: Job) -> bool:
    return job.future.done() and job.future.exception() is not None


def _bytes(job: Job) -> int:
    if not job.future.done() or job.future.exception() is not None:
        return 0
    return len(job.future.result())
