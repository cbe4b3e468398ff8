"""``paratrain hub demo``: a real JupyterHub on 127.0.0.1 with one fictional cohort.

Steps, in order (each needs the one before): install configurable-http-proxy into the cache
(first run only), write the rosters and the hub folder (course folder, exchange, config,
demo passwords), release the cohort's assignments to the exchange, start the hub and wait
for it and its course service. :class:`DemoHub` says what to open and how to log in.
"""

from __future__ import annotations

import shutil
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paratrain.atomic import atomic_write_text
from paratrain.cohort import lifecycle
from paratrain.cohort.roster import Person, read_roster, to_csv
from paratrain.errors import HubError
from paratrain.hub.folder import HubFolder, write_hub
from paratrain.hub.plan import Cohort
from paratrain.hub.proxy import ensure_proxy
from paratrain.hub.run import RunningHub
from paratrain.hub.settings import HubSettings

COURSE_ID = "riverbend-demo"
PEOPLE = (
    Person("amara", "Amara", "Okafor", "amara@example.org", "trainee"),
    Person("bao", "Bao", "Nguyen", "bao@example.org", "trainee"),
    Person("carmen", "Carmen", "Ruiz", "carmen@example.org", "trainee"),
    Person("sam", "Sam", "Rivera", "sam@example.org", "supervisor"),
)


def free_port(ip: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((ip, 0))
        return int(s.getsockname()[1])


def port_is_free(port: int, ip: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        try:
            s.bind((ip, port))
        except OSError:
            return False
    return True


def demo_settings(
    root: Path, *, port: int, n_services: int, proxy: Path, frame_policy: str = "same-origin"
) -> HubSettings:
    """Settings on 127.0.0.1: ``port`` for people, free ports for everything internal."""
    if not port_is_free(port):
        raise HubError(
            f"port {port} on 127.0.0.1 is in use",
            hint="pass --port with another port, or stop what is using it",
        )
    return HubSettings(
        root=root.resolve(),
        port=port,
        hub_port=free_port(),
        proxy_api_port=free_port(),
        service_ports=tuple(free_port() for _ in range(n_services)),
        proxy_command=str(proxy),
        frame_policy=frame_policy,
    )


@dataclass
class DemoHub:
    """A prepared (and, once started, running) demo hub."""

    folder: HubFolder
    released: list[lifecycle.StepResult] = field(default_factory=list)
    hub: RunningHub | None = None

    @property
    def url(self) -> str:
        return self.folder.settings.url

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.folder.as_dict(),
            "passwords": self.folder.passwords,
            "released": [vars(r) for r in self.released],
        }

    def as_text(self) -> str:
        s = self.folder.settings
        lines = ["", f"JupyterHub is running at {self.url}/  (press Ctrl-C to stop it)", ""]
        for c in self.folder.plan.cohorts:
            lines.append(f"Cohort '{c.course_id}':")
            for p in c.people:
                lines.append(f"  {p.role:<10} {p.id:<8} password: {self.folder.passwords[p.id]}")
            lines += [
                "",
                "  Trainees: log in, then Nbgrader > Assignments to fetch work.",
                f"  Supervisors: formgrader at {self.url}/services/{c.course_id}/formgrader",
                "",
            ]
        lines += [
            f"Hub folder: {s.root}  (log: {s.root / 'jupyterhub.log'})",
            "",
            "Demo only: every server runs as this machine's account, with no isolation "
            "between people.",
            "Use made-up people only; see docs/deploying.md for real deployments.",
        ]
        return "\n".join(lines)


def write_rosters(root: Path, cohorts: list[Cohort]) -> list[Path]:
    out = []
    for c in cohorts:
        path = root / "rosters" / f"{c.course_id}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, to_csv(c.people))
        out.append(path)
    return out


def prepare_demo(
    root: Path,
    *,
    repo: Path,
    port: int = 8000,
    cohorts: list[Cohort] | None = None,
    assignments: list[str] | None = None,
    frame_policy: str = "same-origin",
    fresh: bool = True,
    progress: Callable[[str], None] | None = None,
) -> DemoHub:
    """Write the demo hub folder and release its assignments (nothing is started).

    ``cohorts`` defaults to one fictional cohort of three trainees and a supervisor. The
    rosters are written to ``<root>/rosters`` and read back, as a program's would be.
    """
    say = progress or (lambda _m: None)
    root = root.resolve()
    if fresh and root.exists():
        if not (root / "paratrain-hub.json").is_file():
            raise HubError(
                f"{root} exists and is not a paratrain hub folder", hint="choose another --dir"
            )
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    chosen = cohorts or [Cohort(COURSE_ID, PEOPLE)]
    say("[1/3] configurable-http-proxy")
    proxy = ensure_proxy(progress=say)
    rosters = write_rosters(root, chosen)
    read_back = [
        Cohort(c.course_id, tuple(read_roster(p))) for c, p in zip(chosen, rosters, strict=True)
    ]
    settings = demo_settings(
        root, port=port, n_services=len(read_back), proxy=proxy, frame_policy=frame_policy
    )
    say(f"[2/3] hub folder {root}")
    folder = write_hub(read_back, settings, repo=repo, assignments=assignments, progress=say)
    demo = DemoHub(folder)
    say("[3/3] releasing assignments")
    for course in folder.courses.values():
        for a in course.assignments():
            step = lifecycle.release(course, a)
            demo.released.append(step)
            if not step.ok:
                raise HubError(
                    f"could not release '{a}' in course '{course.course_id}':\n{step.log[-1500:]}"
                )
            say(f"      released {course.course_id}/{a}")
    return demo


def serve(hub: RunningHub, *, duration: float | None = None) -> int:
    """Wait while the hub runs: until ``duration`` seconds pass (if given) or it exits.

    Returns the hub's exit code, or 0 when the time was up.
    """
    deadline = None if duration is None else time.monotonic() + duration
    while hub.proc.poll() is None:
        if deadline is not None and time.monotonic() >= deadline:
            return 0
        time.sleep(0.5)
    return int(hub.proc.returncode or 0)
