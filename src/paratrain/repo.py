"""Where the curriculum is: the repository checkout holding ``curriculum/`` and ``assignments/``."""

from __future__ import annotations

from pathlib import Path

from paratrain.errors import CourseError


def find_repo(start: Path | None = None) -> Path:
    """The repository root holding ``assignments/source``: ``start`` if given, else the current
    folder, else a folder above the installed package (an editable install or a checkout).

    Raises
    ------
    CourseError
        When none of them holds the curriculum.
    """
    here = Path(__file__).resolve()
    for folder in [*([start] if start else []), Path.cwd(), *here.parents]:
        if (folder / "assignments" / "source").is_dir():
            return folder
    raise CourseError("cannot find the paratrain curriculum (assignments/source)",
                      hint="run from a repository checkout or pass --repo")
