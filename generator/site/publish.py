"""Putting a finished build in place of the previous one, so that a failed or interrupted build never
leaves a damaged site: the build writes into a new folder beside the site, and only a build that passed
is swapped in, with one atomic rename where the system has one (Linux's RENAME_EXCHANGE)."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

PREFIX = ".site-build-"
PREVIOUS = ".site-previous-"  # a finished build's folder (the site it replaced), being removed
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (renameat2 with RENAME_EXCHANGE); False where that is not available."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return int(renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)) == 0


# A replaced site younger than this (seconds since it was put aside) is left to the process removing it
# (`discard`): a build that follows at once would otherwise remove it itself, and wait for it.
REMOVAL_TIME = 600.0


def work_folder(site: Path) -> Path:
    """A new, empty folder beside `site` (same file system, so the swap is a rename), after removing
    what interrupted builds left there, and replaced sites whose removal was cut short."""
    site.parent.mkdir(parents=True, exist_ok=True)
    for stale in [*site.parent.glob(f"{PREFIX}*"), *site.parent.glob(f"{PREVIOUS}*")]:
        if stale.name.startswith(PREVIOUS) and _put_aside_since(stale) < REMOVAL_TIME:
            continue
        shutil.rmtree(stale, ignore_errors=True)
    folder = site.parent / f"{PREFIX}{os.getpid()}"
    folder.mkdir()
    return folder


def _put_aside_since(folder: Path) -> float:
    """Seconds since `folder` was renamed aside (a rename sets its change time)."""
    try:
        return time.time() - folder.stat().st_ctime
    except OSError:
        return REMOVAL_TIME


def put_in_place(built: Path, site: Path) -> None:
    """Make `built` the site. The previous site is replaced in one step where the system allows, and is
    left at `built` (the caller removes the work folder it is in)."""
    if not site.exists():
        os.rename(built, site)
        return
    if _exchange(built, site):  # built now holds the previous site: its folder's owner removes it
        return
    old = built.with_name(built.name + "-previous")
    os.rename(site, old)
    os.rename(built, site)
    os.rename(old, built)


def discard(folder: Path) -> None:
    """Remove a finished build's folder (it holds the site it replaced) without waiting: it is renamed
    aside, then removed by a process of its own that outlives the build, so the command returns once the
    new site is in place (deleting 30,000 pages' folders took longer than a warm build's rendering).
    What a removal cut short leaves is removed by a build that starts REMOVAL_TIME later (work_folder)."""
    aside = folder.with_name(f"{PREVIOUS}{os.getpid()}")
    try:
        os.rename(folder, aside)
        subprocess.Popen(
            [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)", str(aside)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(aside if aside.exists() else folder, ignore_errors=True)
