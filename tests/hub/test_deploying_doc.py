"""Every command in docs/deploying.md's bash blocks runs, in order, in a fresh folder, through
paratrain's CLI. The only change: `paratrain hub demo` gets `--duration` and a free port, so
the real hub it starts stops by itself; the test then checks that nothing it started is left
running."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from tests.browser.lab import free_port
from tests.conftest import REPO
from tests.hub import cli
from tests.hub.realhub import require_hub_tools

pytestmark = [pytest.mark.hub, pytest.mark.slow]


def commands(doc: str) -> list[str]:
    out = []
    for body in re.findall(r"```bash\n(.*?)```", doc, re.S):
        out += [line for line in body.splitlines() if line.strip() and not line.startswith("#")]
    return out


def processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if text in cmd:
                found.append(int(entry.name))
    return found


def test_deploying_guide_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    require_hub_tools()
    shutil.copytree(REPO / "deploy" / "z2jh" / "rosters", tmp_path / "deploy/z2jh/rosters")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARATRAIN_REPO", str(REPO))  # as the guide says
    ran = []
    for line in commands((REPO / "docs" / "deploying.md").read_text()):
        argv = shlex.split(line)
        assert argv[0] == "paratrain", line
        if argv[1:3] == ["hub", "demo"]:
            argv += ["--duration", "3", "--port", str(free_port())]
        assert cli.main(argv[1:]) == 0, (line, capsys.readouterr())
        ran.append(" ".join(argv[1:3]))
    assert ran == ["hub demo", "hub config", "hub check", "hub z2jh", "hub check", "hub link"]
    out = capsys.readouterr().out
    assert "JupyterHub is running at http://127.0.0.1:" in out and "hub stopped" in out
    assert "every access rule holds" in out
    assert processes_mentioning(str(tmp_path / "paratrain-hub-demo")) == []
    assert (tmp_path / "cohort-hub" / "courses" / "riverbend-b" / "gradebook.db").exists()
    assert (tmp_path / "my-z2jh" / "values.yaml").read_text() == (
        REPO / "deploy" / "z2jh" / "values.yaml"
    ).read_text()
