"""find_repo looks at an explicit --repo, else the current folder and those above it, and never
at the folder paratrain is installed from."""

from __future__ import annotations

from pathlib import Path

import pytest

from paratrain.errors import CourseError
from paratrain.repo import find_repo
from tests.conftest import MINIREPO


def test_an_explicit_repo_must_be_one(tmp_path: Path) -> None:
    assert find_repo(MINIREPO) == MINIREPO
    with pytest.raises(CourseError, match="not a paratrain repository"):
        find_repo(tmp_path)


def test_found_from_the_current_folder_or_above(monkeypatch: pytest.MonkeyPatch) -> None:
    deep = MINIREPO / "assignments" / "source"
    monkeypatch.chdir(deep)
    assert find_repo() == MINIREPO.resolve()


def test_never_from_the_installed_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a trainee's folder, far from any checkout
    with pytest.raises(CourseError, match="cannot find the paratrain curriculum"):
        find_repo()
