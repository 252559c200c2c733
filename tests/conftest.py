from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.sites import ROOT, build_ok, make_project, with_earlier_briefing, with_second_briefing

# Property tests measure what they assert, not the machine: no per-example deadline or "too slow"
# health check (a busy CI machine tripped both). In CI the examples are derived from each test's name,
# so a run is repeatable; elsewhere Hypothesis explores anew each time.
settings.register_profile("briefing", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("briefing-ci", parent=settings.get_profile("briefing"), derandomize=True, database=None)
settings.load_profile("briefing-ci" if os.environ.get("CI") else "briefing")


@pytest.fixture(scope="session", autouse=True)
def build_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`briefing build` keeps its state in a cache folder: the suite's own, never the user's ~/.cache."""
    folder = tmp_path_factory.mktemp("briefing-cache")
    os.environ["BRIEFING_CACHE_DIR"] = str(folder)
    return folder


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    """A fresh project of one's own in tmp_path: the seed fixture's content (tests/fixtures/seed), or
    none with with_content=False, around the repository's templates, docs and mkdocs.yml."""

    def make(with_content: bool = True, fixture: str = "seed") -> Path:
        return make_project(tmp_path / "site-project", fixture if with_content else None)

    return make


@pytest.fixture(scope="session")
def seed_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed fixture as a project, shared by the session: never change it (use `project`)."""
    return make_project(tmp_path_factory.mktemp("seed") / "project")


@pytest.fixture(scope="session")
def seed_site(seed_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed fixture's site, built once per session with a strict MkDocs build."""
    return build_ok(seed_project, tmp_path_factory.mktemp("seed-site") / "site")


@pytest.fixture(scope="session")
def pair_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed fixture with a second briefing (tests.sites.SECOND_BRIEFING), built once per session: a pair
    two briefings cover."""
    project = with_second_briefing(make_project(tmp_path_factory.mktemp("pair") / "project"))
    return build_ok(project, tmp_path_factory.mktemp("pair-site") / "site")


@pytest.fixture(scope="session")
def tracker_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed fixture with an earlier briefing (tests.sites.EARLIER_BRIEFING), built once per session: the
    stance tracker then has a change, Iran-Russia deteriorated in February 2026."""
    project = with_earlier_briefing(make_project(tmp_path_factory.mktemp("tracker") / "project"))
    return build_ok(project, tmp_path_factory.mktemp("tracker-site") / "site")


@pytest.fixture(scope="session")
def seed_site_again(seed_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second build of the seed fixture, for the tests that two builds agree byte for byte."""
    return build_ok(seed_project, tmp_path_factory.mktemp("seed-site-again") / "site")


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, built once per session: tested by invariants only."""
    return build_ok(ROOT, tmp_path_factory.mktemp("repo-site") / "site")
