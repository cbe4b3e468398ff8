"""Every setting paratrain takes from the environment, in one typed object.

The edges (the ``paratrain`` command, the notebook entry points) read the environment once
with :meth:`Settings.from_env` and hand the values on as plain arguments. A library function
whose documented default is "from the environment" (``open_store(course)``,
``load_directory()``) asks :meth:`Settings.from_env` too, so the variable names, how each is
parsed and what it means are written here only.

``paratrain settings`` lists them with their current values.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any


def _env(name: str, help: str) -> dict[str, str]:
    """Field metadata: read from the environment variable ``name``; ``help`` says what for."""
    return {"env": name, "help": help}


@dataclass(frozen=True)
class Settings:
    """paratrain's environment settings (each field: its variable and what it is for).

    Empty variables count as unset. Paths have ``~`` expanded.
    """

    store_url: str | None = field(
        default=None,
        metadata=_env(
            "PARATRAIN_STORE_URL",
            "SQLAlchemy URL of the supervision store (flags, ratings, sign-offs); default: SQLite "
            "beside the course's gradebook",
        ),
    )
    gradebook_url: str | None = field(
        default=None,
        metadata=_env(
            "PARATRAIN_GRADEBOOK_URL",
            "the nbgrader gradebook URL a course service uses on Kubernetes (set by its Secret)",
        ),
    )
    courses: tuple[Path, ...] = field(
        default=(),
        metadata=_env(
            "PARATRAIN_COURSES",
            "course folders the supervisor review notebook offers, separated by "
            f"'{os.pathsep}'; default: course folders found near the notebook",
        ),
    )
    hub_user: str | None = field(
        default=None,
        metadata=_env(
            "JUPYTERHUB_USER",
            "the logged-in JupyterHub user (set by JupyterHub); recorded as who acted when no "
            "--by is given",
        ),
    )
    trainee: str | None = field(
        default=None,
        metadata=_env(
            "PARATRAIN_TRAINEE",
            "who is playing a role-play; default: the JupyterHub user, else the login name",
        ),
    )
    course_root: Path | None = field(
        default=None,
        metadata=_env(
            "PARATRAIN_COURSE_ROOT",
            "the course whose keys grading kernels use; default: the course nbgrader is "
            "autograding in (<course>/autograded/<student>/<assignment>)",
        ),
    )
    nbgrader_execution: str | None = field(
        default=None,
        metadata=_env(
            "NBGRADER_EXECUTION",
            "set by nbgrader while it runs a notebook ('autograde', 'validate'); grading cells "
            "then score",
        ),
    )
    repo: Path | None = field(
        default=None,
        metadata=_env(
            "PARATRAIN_REPO",
            "the paratrain checkout whose curriculum 'course init' and the demo use, when they "
            "are not run from inside it and no --repo is given",
        ),
    )
    witness_url: str | None = field(
        default=None,
        metadata=_env(
            "PARATRAIN_WITNESS_URL",
            "the course's witness service, which keeps a second record of every role-play move "
            "(set for trainees by the hub; see docs/integrity.md)",
        ),
    )
    hub_api_token: str | None = field(
        default=None,
        repr=False,
        metadata=_env(
            "JUPYTERHUB_API_TOKEN",
            "the user's JupyterHub API token (set by JupyterHub); proves to the witness service "
            "who is playing",
        ),
    )
    directory: Path | None = field(
        default=None,
        metadata=_env(
            "PARATRAIN_DIRECTORY",
            "an HSDS 3.0 resource directory export for the referral exercises; default: the "
            "bundled fictional Riverbend directory",
        ),
    )
    directory_timezone: str | None = field(
        default=None,
        metadata=_env(
            "PARATRAIN_DIRECTORY_TIMEZONE",
            "IANA time zone of the directory's opening hours; default: America/Chicago",
        ),
    )
    cache_dir: Path = field(
        default=Path("~/.cache/paratrain"),
        metadata=_env(
            "PARATRAIN_CACHE",
            "where paratrain installs helper programs (configurable-http-proxy); "
            "default: $XDG_CACHE_HOME/paratrain, else ~/.cache/paratrain",
        ),
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read every setting from ``environ`` (default: this process's environment)."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = get(f.metadata["env"])
            if raw is None:
                continue
            if f.name == "courses":
                values[f.name] = tuple(
                    Path(p.strip()).expanduser() for p in raw.split(os.pathsep) if p.strip()
                )
            elif f.name in ("course_root", "directory", "cache_dir", "repo"):
                values[f.name] = Path(raw).expanduser()
            else:
                values[f.name] = raw
        if "cache_dir" not in values:
            xdg = get("XDG_CACHE_HOME")
            values["cache_dir"] = (Path(xdg) if xdg else Path.home() / ".cache") / "paratrain"
        return cls(**values)

    @staticmethod
    def env_name(name: str) -> str:
        """The environment variable behind field ``name``."""
        for f in fields(Settings):
            if f.name == name:
                return str(f.metadata["env"])
        raise KeyError(name)

    def describe(self, environ: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
        """One row per setting: field, variable, whether ``environ`` sets it, the value in
        use and what it is for."""
        env = os.environ if environ is None else environ
        rows = []
        for f in fields(self):
            value = getattr(self, f.name)
            shown = (
                os.pathsep.join(map(str, value))
                if isinstance(value, tuple)
                else ""
                if value is None
                else str(value)
            )
            rows.append(
                {
                    "field": f.name,
                    "env": f.metadata["env"],
                    "value": shown,
                    "set": bool(env.get(f.metadata["env"], "").strip()),
                    "help": f.metadata["help"],
                }
            )
        return rows
