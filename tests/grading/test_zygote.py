"""Kernels forked for grading talk over Unix sockets in a private folder, not TCP ports.

Over TCP a kernel's ports are chosen free and bound a moment later; another process taking
one in between killed a kernel in CI with "Address already in use". These run in a child
process because the zygote must be forked from a single-threaded parent.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

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
