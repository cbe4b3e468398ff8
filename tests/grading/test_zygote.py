"""Kernels forked for grading talk over Unix sockets in a private folder, not TCP ports.

Over TCP a kernel's ports are chosen free and bound a moment later; another process taking
one in between killed a kernel in CI with "Address already in use". These run in a child
process because the zygote must be forked from a single-threaded parent.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

CHILD = textwrap.dedent(
    """
    import json, os, socket, stat, sys
    from paratrain.grading import zygote
    zygote.Zygote.start()
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
    client = NotebookClient(
        nb, kernel_name="python3", startup_timeout=30,
        kernel_manager_class=zygote.ForkingKernelManager,
    )
    seen = {}
    with client.setup_kernel():
        folder = zygote.ipc_folder()
        seen["transport"] = client.km.transport
        seen["ip"] = client.km.ip
        seen["mode"] = stat.S_IMODE(os.stat(folder).st_mode)
        seen["sockets"] = sorted(
            p for p in os.listdir(folder) if stat.S_ISSOCK(os.stat(folder / p).st_mode)
        )
        client.execute_cell(nb.cells[0], 0)
    seen["after"] = os.listdir(folder)
    seen["folder"] = str(folder)
    seen["output"] = nb.cells[0].outputs[0]["text"]
    print(json.dumps(seen))
    """
)


def test_grading_kernel_uses_private_unix_sockets_and_cleans_up(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["output"] == "42\n"
    assert seen["transport"] == "ipc"
    assert seen["ip"].startswith(seen["folder"] + "/")
    assert seen["mode"] == 0o700  # no other user can put a socket there
    assert len(seen["sockets"]) == 5  # shell, iopub, stdin, control, heartbeat
    assert all(len(str(Path(seen["folder"]) / s)) < 100 for s in seen["sockets"])
    assert seen["after"] == []  # the kernel's sockets are removed when it stops
    assert not Path(seen["folder"]).exists()  # and the folder when the process ends


JOB = textwrap.dedent(
    """
    import os, sys


    def kernel_facts(path):
        from paratrain.grading import zygote
        import nbformat
        from nbclient import NotebookClient

        zygote.Zygote.connect(path)
        code = (
            "import os, sys\\n"
            "print(os.getppid(), 'nbgrader' in sys.modules, 'sqlalchemy' in sys.modules)"
        )
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
        NotebookClient(
            nb, kernel_name="python3", startup_timeout=30,
            kernel_manager_class=zygote.ForkingKernelManager,
        ).execute()
        ppid, nbgrader, sqlalchemy = nb.cells[0].outputs[0]["text"].split()
        return {
            "worker": os.getpid(), "fork_server": os.getppid(), "zygote": int(ppid),
            "nbgrader_in_kernel": nbgrader == "True",
            "sqlalchemy_in_kernel": sqlalchemy == "True",
            "nbgrader_in_worker": "nbgrader" in sys.modules,
        }
    """
)

SHARED = textwrap.dedent(
    """
    import json, psutil
    from paratrain.cohort.grade import shared_zygote_path, start_fork_server
    import zyjob

    ctx = start_fork_server()
    with ctx.Pool(2) as pool:
        facts = pool.map(zyjob.kernel_facts, [shared_zygote_path()] * 2)
    for f in facts:
        f["zygote_parent"] = psutil.Process(f["zygote"]).ppid()
    print(json.dumps(facts))
    """
)


def test_grading_workers_share_one_zygote_forked_before_nbgrader_is_imported(
    tmp_path: Path,
) -> None:
    """``paratrain grade``'s workers fork no zygote of their own: the fork server forks one
    from its preload, before it imports nbgrader, and every worker's kernels come from it.
    The zygote goes when the fork server does."""
    (tmp_path / "zyjob.py").write_text(JOB)
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", SHARED],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    facts = json.loads(proc.stdout.strip().splitlines()[-1])
    assert len({f["worker"] for f in facts}) == 2  # two workers ...
    assert len({f["zygote"] for f in facts}) == 1  # ... one zygote
    for f in facts:
        assert f["nbgrader_in_worker"]  # the workers have the preload's imports
        assert not f["nbgrader_in_kernel"] and not f["sqlalchemy_in_kernel"]  # kernels not
        assert f["zygote"] != f["worker"]
        assert f["zygote_parent"] == f["fork_server"]  # forked by the fork server itself
    zygote = facts[0]["zygote"]
    gone = False
    for _ in range(60):
        if not psutil.pid_exists(zygote) or psutil.Process(zygote).status() == "zombie":
            gone = True
            break
        time.sleep(0.1)
    assert gone, "the shared zygote outlived its fork server"


def test_connecting_to_a_missing_zygote_fails_fast_with_its_path(tmp_path: Path) -> None:
    from paratrain.grading import zygote

    missing = tmp_path / "no-zygote-here"
    with pytest.raises(RuntimeError, match="no-zygote-here"):
        zygote.Zygote.connect(str(missing), timeout=0.2)
    assert zygote.Zygote._instance is None  # nothing half-connected is left behind
