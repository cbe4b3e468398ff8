"""Where the curriculum is: the repository checkout holding ``curriculum/`` and ``assignments/``."""

from __future__ import annotations

from pathlib import Path

from paratrain.errors import CourseError


def find_repo(start: Path | None = None) -> Path:
    """The repository root holding ``assignments/source``: ``start`` when given (it must be
    one), else ``PARATRAIN_REPO`` when set, else the current folder or the nearest folder
    above it that is one.

    Never the folder paratrain happens to be installed from: run from a trainee's or a
    course's folder, that would quietly build a course from another checkout.

    Raises
    ------
    CourseError
        When ``start`` is not a repository, or no folder from here up is one.
    """
    if start is not None:
        if (Path(start) / "assignments" / "source").is_dir():
            return Path(start)
        raise CourseError(
            f"{start} is not a paratrain repository (no assignments/source)",
            hint="pass --repo the folder that holds curriculum/ and assignments/",
        )
    from paratrain.settings import Settings

    configured = Settings.from_env().repo
    if configured is not None:
        return find_repo(configured)
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "assignments" / "source").is_dir():
            return folder
    raise CourseError(
        f"cannot find the paratrain curriculum from {here} (no assignments/source here or above)",
        hint="run from a repository checkout, pass --repo, or set PARATRAIN_REPO",
    )
