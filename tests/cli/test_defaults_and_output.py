"""Command-line defaults are read from the library; results go to stdout, notes to stderr,
and --json prints one JSON document and nothing else."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from paratrain.cli import build_parser, main
from paratrain.cli.defaults import LibraryDefault, Parser, library_default
from paratrain.cli.output import note, notes, out


def test_defaults_come_from_the_library_dataclasses_and_signatures() -> None:
    from paratrain.cohort.course import init_course
    from paratrain.hub.settings import HubSettings
    from paratrain.hub.z2jh import Z2JHSettings

    p = build_parser()
    z = p.parse_args(["hub", "z2jh", "--cohort", "c:r.csv", "--out", "o"])
    assert (z.image, z.tag, z.storage_class, z.frame_policy) == (
        Z2JHSettings.image,
        Z2JHSettings.tag,
        Z2JHSettings.storage_class_rwx,
        Z2JHSettings.frame_policy,
    )
    cfg = p.parse_args(["hub", "config", "--cohort", "c:r.csv", "--dir", "d"])
    hub = HubSettings(root=Path("d"))
    assert (cfg.ip, cfg.port, cfg.deployment, cfg.frame_policy) == (
        hub.ip,
        hub.port,
        hub.deployment,
        hub.frame_policy,
    )
    init = p.parse_args(["course", "init", "--id", "x"])
    assert init.timeout == (init_course.__kwdefaults__ or {})["timeout"]
    assert not any(isinstance(v, LibraryDefault) for v in vars(init).values())


def test_a_given_value_wins_and_help_shows_the_library_value(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from paratrain.hub.z2jh import Z2JHSettings

    args = build_parser().parse_args(
        ["hub", "z2jh", "--cohort", "c:r.csv", "--out", "o", "--tag", "9.9"]
    )
    assert args.tag == "9.9"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["hub", "z2jh", "--help"])
    assert f"(default: {Z2JHSettings.tag})" in capsys.readouterr().out


def test_library_default_reads_fields_factories_and_kwdefaults() -> None:
    from paratrain.hub.settings import HubSettings

    assert LibraryDefault("paratrain.hub.settings:HubSettings", "port").value() == 8000
    assert (
        LibraryDefault("paratrain.hub.settings:HubSettings", "bin_dir").value()
        == HubSettings(root=Path()).bin_dir
    )
    assert LibraryDefault("paratrain.demo:run_demo", "seed").value() == 7
    with pytest.raises(LookupError, match="no field 'nope'"):
        LibraryDefault("paratrain.hub.settings:HubSettings", "nope").value()
    with pytest.raises(LookupError, match="no keyword-only 'root'"):
        LibraryDefault("paratrain.demo:run_demo", "root").value()


def test_parser_resolves_placeholders_in_subparsers() -> None:
    p = Parser(prog="x")
    sub = p.add_subparsers(dest="cmd")
    s = sub.add_parser("go")
    s.add_argument(
        "--port", type=int, default=library_default("paratrain.hub.settings:HubSettings", "port")
    )
    assert p.parse_args(["go"]).port == 8000
    assert p.parse_args(["go", "--port", "1"]).port == 1


def test_json_is_the_only_thing_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(json=True)
    note(args, "working ...")
    assert notes(args) is None
    out(args, {"n": 1}, "one")
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {"n": 1} and captured.err == ""
    args = argparse.Namespace(json=False)
    note(args, "working ...")
    say = notes(args)
    assert say is not None
    say("still working")
    out(args, {"n": 1}, "one")
    captured = capsys.readouterr()
    assert captured.out == "one\n" and captured.err == "working ...\nstill working\n"


def test_errors_become_exit_2_with_the_message_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "--course", str(tmp_path / "none"), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("paratrain: error: ")
