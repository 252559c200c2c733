"""generator/site/parallel.py: jobs split between this process and a forked copy, in order, and made here
whenever the copy cannot make them."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from functools import partial

import pytest

from generator.site import parallel

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork here")


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork even if the test session has left a thread running (the jobs here take no lock)."""
    monkeypatch.setattr(parallel, "can_fork", lambda: True)


def square(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_results_come_back_in_order_half_made_by_the_copy(forks: None) -> None:
    jobs = [partial(square, n) for n in range(200)]
    out = parallel.run_all(jobs, workers=2)
    assert [value for value, _ in out] == [n * n for n in range(200)]
    here = os.getpid()
    assert {pid == here for _, pid in out[0::2]} == {True}
    assert {pid == here for _, pid in out[1::2]} == {False}  # every other job made on the other core


def test_a_copy_that_fails_leaves_its_jobs_to_this_process(forks: None) -> None:
    here = os.getpid()

    def job(n: int) -> int:
        if os.getpid() != here and n == 101:
            os._exit(3)  # the copy dies half-way
        return n

    assert parallel.run_all([partial(job, n) for n in range(200)], workers=2) == list(range(200))


def test_an_error_here_stops_the_copy_and_is_raised(forks: None) -> None:
    def job(n: int) -> int:
        if n == 100:
            raise ValueError("a broken template")
        return n

    before = set(_children())
    with pytest.raises(ValueError, match="broken template"):
        parallel.run_all([partial(job, n) for n in range(200)], workers=2)
    assert set(_children()) == before  # no copy left behind


def test_one_worker_few_jobs_or_a_process_with_threads_make_everything_here() -> None:
    here = os.getpid()
    jobs: list[Callable[[], tuple[int, int]]] = [partial(square, n) for n in range(200)]
    assert {pid for _, pid in parallel.run_all(jobs, workers=1)} == {here}
    assert {pid for _, pid in parallel.run_all(jobs[:10], workers=2)} == {here}
    assert parallel.can_fork() == (threading.active_count() == 1)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert {pid for _, pid in parallel.run_all(jobs, workers=2)} == {here}
    finally:
        stop.set()
        thread.join()


def _children() -> list[int]:
    path = f"/proc/{os.getpid()}/task/{os.getpid()}/children"
    try:
        with open(path) as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


@pytest.mark.parametrize(("value", "workers"), [("", os.cpu_count() or 1), ("1", 1), (" 3 ", 3)])
def test_build_workers_from_the_environment(value: str, workers: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_WORKERS", value)
    assert parallel.build_workers() == workers


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5"])
def test_build_workers_refuses_anything_but_a_whole_number_from_one(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_WORKERS", value)
    with pytest.raises(ValueError, match="BRIEFING_WORKERS is"):
        parallel.build_workers()
