"""Pages made on both cores: the units of a build split between this process and a forked copy of it.

A unit's pages depend only on the index and the templates, which a forked process shares as they are (no
pickling of the index, the corpus or the template environment); the copy makes every other unit and
sends back its pages, whose HTML is compressed already (render.Page), through a pipe. Where a process
cannot be forked (no os.fork, a process with threads such as the live preview), or the copy fails in any
way, the units are made here, one after the other: the result is the same, only slower.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

MIN_JOBS = 64  # below this, forking costs more than it saves


def build_workers() -> int:
    """How many processes a build uses for its pages: $BRIEFING_WORKERS (1: this one only), else one per
    core. ValueError if the variable is set to anything but a whole number from 1."""
    value = os.environ.get("BRIEFING_WORKERS", "").strip()
    if not value:
        return os.cpu_count() or 1
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"BRIEFING_WORKERS is {value!r}; set it to a whole number from 1 (1: no other process)")
    return int(value)


def can_fork() -> bool:
    """Fork only a process with one thread: a forked copy of a thread holding a lock would wait forever."""
    return hasattr(os, "fork") and threading.active_count() == 1 and sys.platform != "win32"


def run_all(jobs: Sequence[Callable[[], T]], workers: int = 1) -> list[T]:
    """The result of each job, in order; with `workers` >= 2, every other job is run in a forked copy."""
    if workers < 2 or len(jobs) < MIN_JOBS or not can_fork():
        return [job() for job in jobs]
    theirs = range(1, len(jobs), 2)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: never returns
        _child(jobs, theirs, read_fd, write_fd)
    os.close(write_fd)
    results: list[T | None] = [None] * len(jobs)
    try:
        for i in range(0, len(jobs), 2):
            results[i] = jobs[i]()
    except BaseException:
        _stop(pid)
        os.close(read_fd)
        raise
    made: list[T] | None = _collect(pid, read_fd, len(theirs))
    for n, i in enumerate(theirs):
        results[i] = made[n] if made is not None else jobs[i]()  # the copy failed: made here
    return results  # type: ignore[return-value]  # every slot is filled


def _child(jobs: Sequence[Callable[[], T]], mine: range, read_fd: int, write_fd: int) -> None:
    code = 1
    try:
        os.close(read_fd)
        gc.disable()  # a collection would touch, and so copy, every object shared with the parent
        data = pickle.dumps([jobs[i]() for i in mine], protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_fd, "wb") as out:
            out.write(data)
        code = 0
    except BaseException:  # noqa: S110  # the parent makes these jobs itself
        pass
    finally:
        os._exit(code)


def _collect(pid: int, read_fd: int, count: int) -> list[T] | None:
    """What the copy made, or None if it failed."""
    with os.fdopen(read_fd, "rb") as f:
        data = f.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return None
    try:
        made = pickle.loads(data)  # noqa: S301  # written by our own forked process
    except Exception:
        return None
    return made if isinstance(made, list) and len(made) == count else None


def _stop(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)
