"""Files under every writer: atomic writes and forked writer workers.

Each file is written to a temporary file beside it and renamed, so an
interrupted run leaves the earlier file whole. Writers that draw many files
fork workers that share the parent's memory, so nothing of the run is pickled;
a worker whose parent is gone (killed, or interrupted before it could stop
its pool) leaves by itself instead of waiting forever for work.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

__all__ = ["TEMPORARY", "atomic_path", "can_fork", "end_stray_workers", "forked_workers", "started_whole", "watch_parent", "write_atomic"]

TEMPORARY = r"^\..+\.tmp(\.[A-Za-z0-9]+)?$"  # the names atomic_path makes


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A free temporary path beside ``path`` (same suffix, for GDAL), renamed onto it when the block succeeds.

    On any failure or interruption the temporary file is removed and ``path``
    keeps its earlier contents.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)  # GDAL wants to create the file itself
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes files private; outputs are meant to be shared
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def can_fork() -> bool:
    """Whether worker processes can be forked here (they share the parent's memory, nothing is pickled)."""
    return "fork" in multiprocessing.get_all_start_methods()


@contextlib.contextmanager
def forked_workers(count: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``count`` processes forked from this one, for jobs that read what it holds.

    The objects made so far are kept from the collector meanwhile (``gc.freeze``),
    so a worker's collections do not write to, and so copy, every page it shares
    with this process. The pool is started whole before the block runs (see
    :func:`started_whole`). On leaving, jobs not started are dropped and running
    ones finish (their files are written whole).
    """
    with contextlib.ExitStack() as leaving:  # a signal held until the pool is whole lands in here
        with started_whole():
            if not gc.get_freeze_count():  # a caller who froze the heap keeps it frozen
                gc.freeze()
                leaving.callback(gc.unfreeze)
            pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork"),
                                       initializer=watch_parent, initargs=(os.getpid(),))
            leaving.callback(pool.shutdown, wait=True, cancel_futures=True)
            pool.submit(int)  # forks every worker and starts the thread that feeds and stops them
        yield pool


def end_stray_workers() -> None:
    """End the worker processes still alive after every pool was left, so the exit does not wait on them.

    None should be left, each pool stopping its own: this is the last line for
    an interruption that lands where a pool cannot stop its workers.
    """
    children = multiprocessing.active_children()
    for child in children:
        child.terminate()  # a worker unwinds its job (see watch_parent) and leaves
    for child in children:
        child.join(GRACE)
        if child.is_alive():
            child.kill()


INTERRUPTS = {signal.SIGINT, signal.SIGTERM}  # Ctrl-C and a polite kill


@contextlib.contextmanager
def started_whole() -> Iterator[None]:
    """Hold Ctrl-C and a polite kill until the block ends; they take effect right after it.

    For starting a pool: interrupted after its workers exist but before the
    thread that stops them does, a pool can never be shut down, and the
    interpreter waits forever at exit for workers that wait forever for work.
    Workers started meanwhile take the signals again in :func:`watch_parent`.
    """
    if not hasattr(signal, "pthread_sigmask"):  # no signal masks here (Windows)
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


ORPHANED = getattr(signal, "SIGHUP", None)  # what a worker is sent when its parent is gone
PR_SET_PDEATHSIG = 1  # prctl(2) option, Linux
GRACE = 2.0  # seconds an orphaned worker has to unwind its job before it is ended


def watch_parent(parent: int) -> None:
    """Make this worker leave when ``parent``, the process that started it, is gone.

    A pool's initializer, for workers that are children of ``parent`` (forked or
    spawned). On Linux the kernel signals the worker the moment its parent dies
    (``PR_SET_PDEATHSIG``); everywhere a thread also looks every half second.
    The orphaned worker unwinds its job (an atomic write removes its temporary
    file) and exits; at the latest :data:`GRACE` seconds later it is ended.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # ended while it starts, it has nothing to unwind
    if hasattr(signal, "pthread_sigmask"):  # a worker started by started_whole() takes the signals again
        signal.pthread_sigmask(signal.SIG_UNBLOCK, INTERRUPTS)
    if ORPHANED is not None:
        unwound = []

        def orphaned(signum, frame):
            if os.getppid() != parent and not unwound:  # not a thread of a living parent ending
                unwound.append(signum)
                raise SystemExit(1)

        signal.signal(ORPHANED, orphaned)
        if sys.platform.startswith("linux"):
            with contextlib.suppress(OSError, AttributeError):
                ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(ORPHANED), 0, 0, 0)
    if os.getppid() != parent:  # gone before the worker could watch it
        os._exit(1)
    threading.Thread(target=_look_for, args=(parent, threading.main_thread().ident), daemon=True,
                     name="watch-parent").start()
    signal.signal(signal.SIGTERM, _leave)  # ended by its parent (end_stray_workers) it unwinds its job, quietly


def _leave(signum, frame):
    raise SystemExit(1)


def _look_for(parent: int, main: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    if ORPHANED is not None:
        signal.pthread_kill(main, ORPHANED)
    time.sleep(GRACE)
    os._exit(1)


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8 with ``\\n`` line ends) to ``path`` through :func:`atomic_path`."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)
