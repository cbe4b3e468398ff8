"""Run a hub from a hub folder: start it, wait until it answers, stop it and everything it
started.

Every wait is bounded. Stopping sends SIGTERM to the hub (which stops the servers, course
services and proxy it started), waits, and then ends, by process id, any process the hub
had started that is still running: the hub's descendants are listed from ``/proc`` just
before it is asked to stop, and each is checked to be the same process (same start time)
before it is signalled.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from paratrain.errors import HubError
from paratrain.hub.settings import HubSettings

START_TIMEOUT = 90.0
STOP_TIMEOUT = 20.0


@dataclass
class RunningHub:
    settings: HubSettings
    proc: subprocess.Popen[bytes]
    log: Path
    # every process seen below the hub, with its start time (kept in case the hub dies)
    known: dict[int, str] = field(default_factory=dict)

    def remember(self) -> None:
        self.known.update(descendants(self.proc.pid))

    @property
    def url(self) -> str:
        return self.settings.url


def _status(url: str, timeout: float = 2.0) -> int | None:
    """HTTP status of a GET (no redirects followed), or None if nothing answers."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except OSError:
        return None


def wait_for(
    url: str,
    ok: Callable[[int | None], bool],
    *,
    timeout: float,
    proc: subprocess.Popen[bytes] | None = None,
    what: str = "",
    log: Path | None = None,
    poll: Callable[[], None] | None = None,
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if poll:
            poll()
        if ok(_status(url)):
            return
        if proc is not None and proc.poll() is not None:
            raise HubError(
                f"{what or 'the hub'} stopped while starting (exit code {proc.returncode})",
                log=str(log) if log else None,
            )
        time.sleep(0.25)
    raise HubError(
        f"{what or url} did not answer within {timeout:.0f} s", log=str(log) if log else None
    )


def start_hub(
    settings: HubSettings,
    *,
    timeout: float = START_TIMEOUT,
    progress: Callable[[str], None] | None = None,
) -> RunningHub:
    """Start ``jupyterhub`` on the hub folder and wait for the hub and every course service.

    Raises
    ------
    HubError
        If the hub or a course service does not answer within ``timeout`` seconds.
    """
    say = progress or (lambda _m: None)
    root = settings.root
    config = root / "jupyterhub_config.py"
    if not config.is_file():
        raise HubError(f"no hub configuration in {root}", hint="run 'paratrain hub config'")
    log = root / "jupyterhub.log"
    env = {**os.environ, "PATH": f"{settings.bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("JUPYTERHUB_API_TOKEN", None)
    say(f"starting JupyterHub at {settings.url}")
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [str(settings.bin_dir / "jupyterhub"), "-f", str(config)],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    hub = RunningHub(settings, proc, log)
    try:
        wait_for(
            f"{settings.url}/hub/api/",
            lambda s: s == 200,
            timeout=timeout,
            proc=proc,
            log=log,
            what="the hub",
            poll=hub.remember,
        )
        summary = root / "paratrain-hub.json"
        courses = _courses(summary)
        for course in courses:
            # a running service answers an anonymous request with 302 or 403; the proxy
            # answers 503 until then
            wait_for(
                f"{settings.url}/services/{course}/api/status",
                lambda s: s in (200, 302, 401, 403),
                timeout=timeout,
                proc=proc,
                log=log,
                what=f"course service '{course}'",
                poll=hub.remember,
            )
        say(f"hub ready with {len(courses)} course service(s)")
    except BaseException:
        stop_hub(hub)
        raise
    return hub


def _courses(summary: Path) -> list[str]:
    import json

    if not summary.is_file():
        return []
    return [c["course_id"] for c in json.loads(summary.read_text())["cohorts"]]


def _proc_stat(pid: int) -> tuple[int, str] | None:
    """(parent pid, start time) of a process, from /proc."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[1]), fields[19]


def descendants(pid: int) -> dict[int, str]:
    """Every process below ``pid``, with its start time (Linux /proc)."""
    children: dict[int, list[int]] = {}
    starts: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _proc_stat(int(entry.name))
            if stat:
                children.setdefault(stat[0], []).append(int(entry.name))
                starts[int(entry.name)] = stat[1]
    out: dict[int, str] = {}
    todo = list(children.get(pid, []))
    while todo:
        p = todo.pop()
        out[p] = starts.get(p, "")
        todo += children.get(p, [])
    return out


def _proxy(settings: HubSettings) -> dict[int, str]:
    """The proxy from the hub's pid file, if it is still our proxy (it outlives a crashed
    hub)."""
    try:
        pid = int((settings.root / "jupyterhub-proxy.pid").read_text().strip())
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except (OSError, ValueError):
        return {}
    stat = _proc_stat(pid)
    ours = any(b"configurable-http-proxy" in c for c in cmd) and str(settings.port).encode() in cmd
    return {pid: stat[1]} if stat and ours else {}


def _end(pids: dict[int, str], sig: int) -> list[int]:
    alive = []
    for pid, start in pids.items():
        stat = _proc_stat(pid)
        if stat and stat[1] == start:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, sig)
            alive.append(pid)
    return alive


def stop_hub(hub: RunningHub, *, timeout: float = STOP_TIMEOUT, grace: float = 10.0) -> list[int]:
    """Stop the hub and everything it started. Returns the pids that had to be ended.

    The hub gets ``timeout`` seconds to stop (and stop its servers); anything it started that
    is still running then gets SIGTERM, and SIGKILL after ``grace`` seconds.
    """
    hub.remember()
    started = {**hub.known, **_proxy(hub.settings)}
    if hub.proc.poll() is None:
        hub.proc.send_signal(signal.SIGTERM)
        try:
            hub.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            hub.proc.kill()
            hub.proc.wait(timeout=10)
    leftovers = _end(started, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while leftovers and time.monotonic() < deadline:
        time.sleep(0.2)
        leftovers = [p for p in leftovers if _alive(p, started[p])]
    _end({p: started[p] for p in leftovers}, signal.SIGKILL)
    return leftovers


def _alive(pid: int, start: str) -> bool:
    stat = _proc_stat(pid)
    if not stat or stat[1] != start:
        return False
    with contextlib.suppress(OSError):
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    return False


@contextlib.contextmanager
def running_hub(
    settings: HubSettings,
    *,
    timeout: float = START_TIMEOUT,
    progress: Callable[[str], None] | None = None,
) -> Iterator[RunningHub]:
    """Start the hub, yield it, and always stop it (and everything it started)."""
    hub = start_hub(settings, timeout=timeout, progress=progress)
    try:
        yield hub
    finally:
        stop_hub(hub)
