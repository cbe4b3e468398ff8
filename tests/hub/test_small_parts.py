"""Passwords and the demo authenticator, nbgitpuller links, the proxy installer, and stopping
everything a hub started."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from paratrain.errors import HubError
from paratrain.hub import passwords, proxy
from paratrain.hub.links import PullLink, pull_api_url, pull_link
from paratrain.hub.run import RunningHub, _proc_stat, descendants, stop_hub
from paratrain.hub.settings import HubSettings


def test_password_hashes_verify_and_stay_private(tmp_path: Path) -> None:
    encoded = passwords.hash_password("amber-birch-cedar-07", iterations=1000)
    assert passwords.verify("amber-birch-cedar-07", encoded)
    assert not passwords.verify("amber-birch-cedar-08", encoded)
    assert not passwords.verify("x", "not-a-hash")
    plain = passwords.write_passwords(tmp_path / "pw.json", ["ana", "sue"])
    stored = (tmp_path / "pw.json").read_text()
    assert set(plain) == {"ana", "sue"} and plain["ana"] not in stored
    assert (tmp_path / "pw.json").stat().st_mode & 0o777 == 0o600
    assert len(set(plain.values())) == 2


def test_demo_authenticator_checks_each_person_s_password(tmp_path: Path) -> None:
    pytest.importorskip("jupyterhub")
    from paratrain.hub.auth import DemoPasswordAuthenticator

    plain = passwords.write_passwords(tmp_path / "pw.json", ["ana", "sue"])
    auth = DemoPasswordAuthenticator(passwords_file=str(tmp_path / "pw.json"))

    def login(user: str, pw: str) -> str | None:
        return asyncio.run(auth.authenticate(None, {"username": user, "password": pw}))

    assert login("ana", plain["ana"]) == "ana"
    assert login("ana", plain["sue"]) is None  # no shared password
    assert login("bob", plain["ana"]) is None
    missing = DemoPasswordAuthenticator(passwords_file=str(tmp_path / "none.json"))
    assert asyncio.run(missing.authenticate(None, {"username": "ana", "password": "x"})) is None


def test_pull_links() -> None:
    link = PullLink(
        "https://git.example.org/org/curriculum.git", branch="spring", open_path="modules/01.ipynb"
    )
    assert link.folder == "curriculum"
    url = pull_link("https://hub.example.org", link)
    assert url.startswith("https://hub.example.org/hub/user-redirect/git-pull?")
    assert "branch=spring" in url and "targetpath=curriculum" in url
    assert "urlpath=lab%2Ftree%2Fcurriculum%2Fmodules%2F01.ipynb" in url
    assert pull_api_url("http://h/user/ana/", PullLink("file:///x/y", target="z")).startswith(
        "http://h/user/ana/git-pull/api?repo=file%3A%2F%2F%2Fx%2Fy"
    )


def test_proxy_install_needs_node_and_npm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(proxy.shutil, "which", lambda _name: None)
    with pytest.raises(HubError, match="node and npm"):
        proxy.ensure_proxy(cache=tmp_path)


def test_an_installed_proxy_is_reused(tmp_path: Path) -> None:
    program = proxy.proxy_program(tmp_path / f"configurable-http-proxy-{proxy.CHP_VERSION}")
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\n")
    assert proxy.ensure_proxy(cache=tmp_path) == program


def test_stop_ends_what_the_hub_left_behind(tmp_path: Path) -> None:
    """A 'hub' that ignores SIGTERM and leaves a child in its own session that ignores it
    too (inherited): both end, by SIGKILL in the end."""
    code = (
        "import signal, subprocess, sys, time\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)'],"
        " start_new_session=True)\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    try:
        assert proc.stdout is not None
        child = int(proc.stdout.readline())
        assert child in descendants(proc.pid)
        hub = RunningHub(HubSettings(root=tmp_path), proc, tmp_path / "log")  # type: ignore[arg-type]
        hub.remember()
        start = time.monotonic()
        stop_hub(hub, timeout=2, grace=1)
        assert time.monotonic() - start < 20
        assert proc.poll() is not None
        deadline = time.monotonic() + 5
        while _proc_stat(child) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _proc_stat(child):  # ended, and not yet reaped by init
            assert Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        assert proc.stdout is not None
        proc.stdout.close()


def test_demo_text_shows_logins_and_warns(tmp_path: Path) -> None:
    from paratrain.hub.demo import COURSE_ID, PEOPLE, DemoHub
    from paratrain.hub.folder import HubFolder
    from paratrain.hub.plan import Cohort, build_plan

    plan = build_plan([Cohort(COURSE_ID, PEOPLE)])
    folder = HubFolder(
        HubSettings(root=tmp_path, port=8123),
        plan,
        {},
        [],
        passwords={p.id: f"pw-{p.id}" for p in PEOPLE},
    )
    text = DemoHub(folder).as_text()
    assert "http://127.0.0.1:8123/" in text and "pw-sam" in text
    assert f"/services/{COURSE_ID}/formgrader" in text and "no isolation" in text
    assert json.loads(json.dumps(DemoHub(folder).as_dict(), default=str))["passwords"]


def test_public_api_and_light_imports() -> None:
    """`paratrain --help` stays fast with the hub group registered (cli/hub.py)."""
    from tests.test_cli_startup import HEAVY

    code = (
        "import argparse, sys, paratrain.hub as h\n"
        "from paratrain.cli.hub import register\n"
        "assert all(hasattr(h, n) for n in h.__all__)\n"
        "p = argparse.ArgumentParser(); register(p.add_subparsers()); p.format_help()\n"
        f"heavy = {(*HEAVY, 'jupyterhub', 'yaml', 'requests')!r}\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert out.strip() == "[]"
