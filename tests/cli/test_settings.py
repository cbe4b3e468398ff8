"""Settings come from the environment in one place (paratrain.settings), typed and described."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from paratrain.settings import Settings
from tests.conftest import REPO

SRC = REPO / "src" / "paratrain"

# Modules that may still touch os.environ, and why.
ENVIRON_ALLOWED = {
    "settings.py": "reads the environment into Settings",
    "cli/__init__.py": "puts this interpreter's bin folder on PATH for nbgrader's helpers",
    "cli/hub.py": "--gradebook-env names a variable of the caller's choosing",
    "cli/witness.py": "the port and prefix JupyterHub hands a service it starts",
    "hub/run.py": "passes the environment on to the hub it starts",
    "grading/zygote.py": "hands each forked kernel the environment nbgrader gave it, and "
    "the shared zygote's socket path from the grading command to the fork server it starts",
    "referral/directory.py": "referral stands alone, importing only paratrain.errors "
    "(tests/referral/test_api.py); its names match Settings' (below)",
}


def environ_readers() -> set[str]:
    found = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("environ", "getenv")
                and isinstance(node.value, ast.Name)
                and node.value.id == "os"
            ):
                found.add(path.relative_to(SRC).as_posix())
    return found


def test_only_the_edges_read_the_environment() -> None:
    assert environ_readers() - set(ENVIRON_ALLOWED) == set()


def test_referral_reads_the_variables_settings_describes() -> None:
    from paratrain.referral.directory import ENV_DIRECTORY, ENV_TIMEZONE

    assert Settings.env_name("directory") == ENV_DIRECTORY
    assert Settings.env_name("directory_timezone") == ENV_TIMEZONE


def test_every_setting_names_its_variable_and_says_what_it_is_for() -> None:
    for f in fields(Settings):
        assert f.metadata["env"] and len(f.metadata["help"]) > 20, f.name
    assert Settings.env_name("store_url") == "PARATRAIN_STORE_URL"
    with pytest.raises(KeyError):
        Settings.env_name("nope")


def test_from_env_parses_each_kind(tmp_path: Path) -> None:
    env = {
        "PARATRAIN_STORE_URL": " postgresql+psycopg://h/db ",
        "PARATRAIN_COURSES": os.pathsep.join(["/c/one", "", " /c/two "]),
        "JUPYTERHUB_USER": "sup-rivera",
        "PARATRAIN_COURSE_ROOT": "~/course",
        "PARATRAIN_DIRECTORY": "",
        "XDG_CACHE_HOME": str(tmp_path),
    }
    s = Settings.from_env(env)
    assert s.store_url == "postgresql+psycopg://h/db"
    assert s.courses == (Path("/c/one"), Path("/c/two"))
    assert s.hub_user == "sup-rivera"
    assert s.course_root == Path.home() / "course"
    assert s.directory is None  # empty counts as unset
    assert s.cache_dir == tmp_path / "paratrain"
    assert Settings.from_env(
        {"PARATRAIN_CACHE": "/opt/c", "XDG_CACHE_HOME": "/x"}
    ).cache_dir == Path("/opt/c")
    assert Settings.from_env({}).cache_dir == Path.home() / ".cache" / "paratrain"
    assert Settings.from_env({}).courses == ()


def test_settings_command_lists_every_variable_and_what_is_set() -> None:
    env = {k: os.environ[k] for k in ("PATH", "HOME", "PYTHONPATH") if k in os.environ}
    env["PARATRAIN_STORE_URL"] = "sqlite:////tmp/s.db"
    proc = subprocess.run(
        [sys.executable, "-m", "paratrain.cli", "settings", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=REPO,
    )
    rows = {r["env"]: r for r in json.loads(proc.stdout)}
    assert set(rows) == {f.metadata["env"] for f in fields(Settings)}
    assert (
        rows["PARATRAIN_STORE_URL"]["set"]
        and rows["PARATRAIN_STORE_URL"]["value"] == "sqlite:////tmp/s.db"
    )
    assert not rows["JUPYTERHUB_USER"]["set"]
    text = subprocess.run(
        [sys.executable, "-m", "paratrain.cli", "settings"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert "PARATRAIN_CACHE" in text and "(not set: " in text
