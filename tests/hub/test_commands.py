"""`paratrain hub ...` through the parser that paratrain.cli builds (cli/hub.py)."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import pytest
import yaml

from paratrain.cli import build_parser
from paratrain.errors import ParatrainError
from tests.conftest import MINIREPO, REPO
from tests.hub.builders import COHORT_A, COHORT_B

ROSTERS = REPO / "deploy" / "z2jh" / "rosters"


def parser() -> argparse.ArgumentParser:
    return build_parser()


def run(*argv: str) -> int:
    """What cli.main does: parse, call the handler, turn a ParatrainError into exit code 2."""
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except ParatrainError as exc:
        print(f"paratrain: error: {exc}")
        return 2


def test_every_subcommand_is_there(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parser().parse_args(["hub", "--help"])
    out = capsys.readouterr().out
    for sub in ("config", "start", "demo", "z2jh", "check", "course-init", "link"):
        assert sub in out
    args = parser().parse_args(["hub", "demo", "--duration", "5", "--assignment", "a1"])
    assert (args.dir, args.port, args.duration, args.assignment) == (
        "paratrain-hub-demo",
        8000,
        5.0,
        ["a1"],
    )


def test_link(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(
            "hub",
            "link",
            "--hub-url",
            "https://hub.example.org/",
            "--repo",
            "https://git.example.org/riverbend/curriculum.git",
            "--open",
            "00-start-here.ipynb",
            "--json",
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["folder"] == "curriculum"
    assert data["url"].startswith("https://hub.example.org/hub/user-redirect/git-pull?repo=")
    assert "urlpath=lab%2Ftree%2Fcurriculum%2F00-start-here.ipynb" in data["url"]


def test_z2jh_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(
            "hub",
            "z2jh",
            "--cohort",
            f"riverbend-a:{ROSTERS / 'riverbend-a.csv'}",
            "--cohort",
            f"riverbend-b:{ROSTERS / 'riverbend-b.csv'}",
            "--out",
            str(tmp_path),
        )
        == 0
    )
    assert (tmp_path / "values.yaml").read_text() == (REPO / "deploy/z2jh/values.yaml").read_text()
    assert run("hub", "check", str(tmp_path / "values.yaml")) == 0
    assert "every access rule holds" in capsys.readouterr().out
    data = yaml.safe_load((tmp_path / "values.yaml").read_text())
    data["hub"]["loadRoles"]["everyone"] = {
        "scopes": ["admin:users"],
        "groups": ["trainees-riverbend-a"],
    }
    (tmp_path / "broken.yaml").write_text(yaml.safe_dump(data))
    assert run("hub", "check", str(tmp_path / "broken.yaml"), "--json") == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert "amara holds the unfiltered scope admin:users" in problems


@pytest.mark.parametrize(
    "argv",
    [
        ("hub", "config", "--cohort", "no-roster", "--dir", "x"),
        ("hub", "config", "--cohort", "a:/no/such/roster.csv", "--dir", "x"),
        ("hub", "check", "."),
        ("hub", "start", "--dir", "."),
    ],
)
def test_bad_input_exits_2(argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(*argv) == 2
    assert "paratrain: error:" in capsys.readouterr().out


def write_rosters(tmp_path: Path) -> list[str]:
    from paratrain.cohort.roster import to_csv

    specs = []
    for c in (COHORT_A, COHORT_B):
        path = tmp_path / f"{c.course_id}.csv"
        path.write_text(to_csv(c.people))
        specs += ["--cohort", f"{c.course_id}:{path}"]
    return specs


@pytest.mark.nbgrader
@pytest.mark.hub
@pytest.mark.slow
def test_config_writes_a_hub_folder_that_checks_and_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.browser.lab import free_port
    from tests.hub.realhub import require_hub_tools
    from tests.hub.test_deploying_doc import processes_mentioning

    require_hub_tools()
    hub_dir, port = tmp_path / "hub", free_port()
    assert (
        run(
            "hub",
            "config",
            *write_rosters(tmp_path),
            "--dir",
            str(hub_dir),
            "--repo",
            str(MINIREPO),
            "--port",
            str(port),
            "--hub-port",
            str(free_port()),
            "--proxy-api-port",
            str(free_port()),
            "--json",
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert set(data["passwords"]) == {"ana", "ben", "cy", "sue", "tom"}
    assert data["settings"]["service_ports"] == [port + 10, port + 11]
    assert (hub_dir / "courses" / "cohort-a" / "source" / "t01-first-contact").is_dir()
    assert run("hub", "check", str(hub_dir)) == 0
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{hub_dir / 'courses/cohort-b/gradebook.db'}") as gb:
        assert [s.id for s in gb.students] == ["cy"]
    capsys.readouterr()
    assert run("hub", "start", "--dir", str(hub_dir), "--duration", "1") == 0
    assert f"JupyterHub is running at http://127.0.0.1:{port}/" in capsys.readouterr().out
    assert processes_mentioning(str(hub_dir)) == []


@pytest.mark.nbgrader
@pytest.mark.slow
def test_course_init_as_a_course_pod_runs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from paratrain.cohort.roster import to_csv

    (tmp_path / "roster.csv").write_text(to_csv(COHORT_A.people))
    gradebook = tmp_path / "real-gradebook.db"
    monkeypatch.setenv("PARATRAIN_GRADEBOOK_URL", f"sqlite:///{gradebook}")
    assert (
        run(
            "hub",
            "course-init",
            "--course",
            "cohort-a",
            "--roster",
            str(tmp_path / "roster.csv"),
            "--root",
            str(tmp_path / "course"),
            "--exchange",
            str(tmp_path / "exchange"),
            "--repo",
            str(MINIREPO),
        )
        == 0
    )
    config = (tmp_path / "course" / "nbgrader_config.py").read_text()
    assert str(gradebook) not in config  # the secret stays out of the course folder
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{gradebook}") as gb:
        assert sorted(s.id for s in gb.students) == ["ana", "ben"]
    monkeypatch.delenv("PARATRAIN_GRADEBOOK_URL")
    assert (
        run(
            "hub",
            "course-init",
            "--course",
            "cohort-a",
            "--roster",
            str(tmp_path / "roster.csv"),
            "--root",
            str(tmp_path / "course"),
            "--exchange",
            str(tmp_path / "exchange"),
            "--repo",
            str(MINIREPO),
        )
        == 2
    )
    assert os.environ.get("PARATRAIN_GRADEBOOK_URL") is None
