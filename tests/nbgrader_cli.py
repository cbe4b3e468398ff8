"""Run the real ``nbgrader`` command from tests.

``nbgrader`` starts its kernels over TCP on 127.0.0.1: jupyter_client picks five free ports
by binding and releasing them, and the kernel binds them again a moment later. When tests
run in parallel, another process can take one of them in between, and the kernel dies with
"Address already in use" before it runs a cell (jupyter/jupyter_client#487). That is this
machine's port race, not a result of the command, so such a run is tried again (at most
twice more); any other failure is returned as it is. paratrain's own grading kernels use
Unix sockets in a private folder and cannot hit it (``paratrain.grading.zygote``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent
PORT_RACE = "Address already in use"


def run_nbgrader(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    full_env.update(env or {})
    for _attempt in range(3):
        proc = subprocess.run(
            [str(BIN / "nbgrader"), *args],
            cwd=cwd,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if PORT_RACE not in proc.stdout + proc.stderr:
            break
    return proc
