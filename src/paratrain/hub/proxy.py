"""configurable-http-proxy, installed from npm into a cache folder the first time it is needed.

JupyterHub's default proxy is a Node program. paratrain never installs it globally: it runs
``npm install`` with ``--prefix`` into ``<cache>/configurable-http-proxy-<version>`` and uses
the program from there. The install is bounded in time, and a half-finished install is never
used (the folder is filled under a temporary name and renamed when complete).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from paratrain.errors import HubError
from paratrain.settings import Settings

# The version measured on this project's machines (runs on node 20 with an engine warning).
CHP_VERSION = "5.3.0"
INSTALL_TIMEOUT = 300.0


def cache_root() -> Path:
    """``$PARATRAIN_CACHE`` or ``$XDG_CACHE_HOME/paratrain`` or ``~/.cache/paratrain``."""
    return Settings.from_env().cache_dir


def proxy_program(prefix: Path) -> Path:
    return prefix / "node_modules" / ".bin" / "configurable-http-proxy"


def ensure_proxy(
    *,
    cache: Path | None = None,
    version: str = CHP_VERSION,
    timeout: float = INSTALL_TIMEOUT,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Return the path of a working ``configurable-http-proxy``, installing it if needed.

    Raises
    ------
    HubError
        If node or npm is missing, or the install fails or takes longer than ``timeout``.
    """
    say = progress or (lambda _m: None)
    prefix = (cache or cache_root()) / f"configurable-http-proxy-{version}"
    program = proxy_program(prefix)
    if program.exists():
        return program
    npm = shutil.which("npm")
    if not npm or not shutil.which("node"):
        raise HubError(
            "node and npm are needed to install configurable-http-proxy",
            hint="install Node.js 20 or later (Debian: apt-get install nodejs npm)",
        )
    prefix.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".chp-", dir=prefix.parent))
    say(f"installing configurable-http-proxy {version} from npm into {prefix}")
    log = work / "npm-install.log"
    try:
        with log.open("wb") as out:
            proc = subprocess.run(
                [
                    npm,
                    "install",
                    "--prefix",
                    str(work),
                    "--no-audit",
                    "--no-fund",
                    "--no-save",
                    "--loglevel=error",
                    f"configurable-http-proxy@{version}",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                timeout=timeout,
                check=False,
            )
    except subprocess.TimeoutExpired:
        shutil.rmtree(work, ignore_errors=True)
        raise HubError(
            f"npm install configurable-http-proxy took longer than {timeout:.0f} s",
            hint="check that the npm registry can be reached, then try again",
        ) from None
    if proc.returncode != 0 or not proxy_program(work).exists():
        text = log.read_text(errors="replace")[-2000:]
        shutil.rmtree(work, ignore_errors=True)
        raise HubError(f"npm install configurable-http-proxy@{version} failed:\n{text}")
    if prefix.exists():  # another process finished first
        shutil.rmtree(work, ignore_errors=True)
    else:
        work.rename(prefix)
    return program
