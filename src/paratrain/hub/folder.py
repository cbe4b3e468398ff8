"""Make a hub folder for cohorts: course folders, shared exchange, configuration files.

Layout made by :func:`write_hub`::

    <root>/jupyterhub_config.py        the hub (see paratrain.hub.render)
    <root>/jupyter/<kind>/...          Jupyter + nbgrader config per kind of server
    <root>/courses/<course>/           one nbgrader course folder per cohort (course service cwd)
    <root>/exchange/<course>/          the shared nbgrader exchange (path includes the course)
    <root>/homes/<user>/               trainees' and supervisors' home folders (local-demo)
    <root>/service-homes/<course>/     HOME of each course service
    <root>/paratrain-hub.json          what was written: cohorts, users, groups, roles, URL
    <root>/demo-passwords.json         password hashes (local-demo only)

Steps, in order: check the cohorts (plan), make or update each course folder from the
repository (needs the exchange path), put each cohort's trainees in its gradebook, then write
the configuration that points at all of these.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paratrain.atomic import atomic_write_text
from paratrain.cohort.course import Course, init_course
from paratrain.errors import HubError
from paratrain.hub import rules
from paratrain.hub.passwords import write_passwords
from paratrain.hub.plan import Cohort, Plan, build_plan
from paratrain.hub.render import render_files
from paratrain.hub.settings import HubSettings

SUMMARY = "paratrain-hub.json"


@dataclass
class HubFolder:
    """What :func:`write_hub` made."""

    settings: HubSettings
    plan: Plan
    courses: dict[str, Course]
    files: list[Path]
    passwords: dict[str, str] = field(default_factory=dict)

    @property
    def config(self) -> Path:
        return self.settings.root / "jupyterhub_config.py"

    def as_dict(self) -> dict[str, Any]:
        return {
            "root": str(self.settings.root),
            "url": self.settings.url,
            "deployment": self.settings.deployment,
            "config": str(self.config),
            "cohorts": [
                {
                    "course_id": c.course_id,
                    "trainees": c.trainees,
                    "supervisors": c.supervisors,
                    "course_folder": str(self.settings.courses / c.course_id),
                    "formgrader": f"{self.settings.url}/services/{c.course_id}/formgrader",
                }
                for c in self.plan.cohorts
            ],
            "settings": settings_dict(self.settings, len(self.plan.services)),
            "groups": {g: list(m) for g, m in self.plan.groups.items()},
            "roles": [r.as_dict() for r in self.plan.roles],
            "files": [str(p) for p in self.files],
        }


def settings_dict(s: HubSettings, n_services: int) -> dict[str, Any]:
    return {
        "ip": s.ip,
        "port": s.port,
        "hub_port": s.hub_port,
        "proxy_api_port": s.proxy_api_port,
        "service_ports": [s.service_port(i) for i in range(n_services)],
        "deployment": s.deployment,
        "frame_policy": s.frame_policy,
        "proxy_command": s.proxy_command,
        "bin_dir": str(s.bin_dir),
        "subdomain_host": s.subdomain_host,
    }


def load_settings(root: Path) -> HubSettings:
    """The settings a hub folder was written with (from its paratrain-hub.json)."""
    summary = root.resolve() / SUMMARY
    if not summary.is_file():
        raise HubError(
            f"{root} is not a hub folder (no {SUMMARY})",
            hint="write one with 'paratrain hub config'",
        )
    data = json.loads(summary.read_text(encoding="utf-8"))["settings"]
    return HubSettings(
        root=root.resolve(),
        ip=data["ip"],
        port=data["port"],
        hub_port=data["hub_port"],
        proxy_api_port=data["proxy_api_port"],
        service_ports=tuple(data["service_ports"]),
        deployment=data["deployment"],
        frame_policy=data["frame_policy"],
        proxy_command=data["proxy_command"],
        bin_dir=Path(data["bin_dir"]),
        subdomain_host=data["subdomain_host"],
    )


def add_trainees(course: Course, cohort: Cohort) -> None:
    """Put the cohort's trainees in the course gradebook (the formgrader lists them)."""
    from paratrain.course import gradebook

    gradebook.add_students(course, [p for p in cohort.people if p.role == "trainee"])


def prepare_course(
    cohort: Cohort,
    *,
    root: Path,
    exchange: Path,
    repo: Path,
    assignments: list[str] | None = None,
    db_url: str | None = None,
    gradebook_url: str | None = None,
) -> Course:
    """Make or update one cohort's course folder and put its trainees in the gradebook.

    Used for every cohort of a hub folder, and by a course service's pod on Kubernetes
    (``paratrain hub course-init``). There the folder's ``nbgrader_config.py`` is replaced
    by one from a ConfigMap, so ``db_url`` (written into the folder) can be a placeholder
    while ``gradebook_url`` (the real PostgreSQL URL, from a Secret) is used only here.
    """
    course = init_course(
        root=root,
        course_id=cohort.course_id,
        repo=repo,
        assignments=assignments,
        exchange=exchange,
        db_url=db_url,
    )
    add_trainees(dataclasses.replace(course, db_url=gradebook_url or course.db_url), cohort)
    return course


def write_hub(
    cohorts: Sequence[Cohort],
    settings: HubSettings,
    *,
    repo: Path,
    assignments: list[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> HubFolder:
    """Create or update the hub folder ``settings.root`` for ``cohorts``.

    Idempotent; course folders are updated with :func:`paratrain.cohort.course.init_course`
    (which refuses to change an assignment that already has submissions). On the
    ``local-demo`` deployment every person gets a new demo password (returned, never stored
    in clear).

    Raises
    ------
    HubError
        If the cohorts do not make a sound hub (see :mod:`paratrain.hub.rules`).
    CourseError
        If a course folder cannot be made from ``repo``.
    """
    say = progress or (lambda _m: None)
    plan = build_plan(cohorts)
    problems = rules.check(plan)
    if problems:  # a bug in the plan builder, never the user's input
        raise HubError(
            "the generated roles break paratrain's access rules:\n  " + "\n  ".join(problems)
        )
    root = settings.root
    root.mkdir(parents=True, exist_ok=True)
    courses: dict[str, Course] = {}
    for c in plan.cohorts:
        say(
            f"course folder for cohort '{c.course_id}' ({len(c.trainees)} trainee(s), "
            f"{len(c.supervisors)} supervisor(s))"
        )
        courses[c.course_id] = prepare_course(
            c,
            root=settings.courses / c.course_id,
            exchange=settings.exchange,
            repo=repo,
            assignments=assignments,
        )
        (root / "service-homes" / c.course_id).mkdir(parents=True, exist_ok=True)
    settings.homes.mkdir(parents=True, exist_ok=True)
    files = render_files(plan, settings)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, text)
    say(
        f"wrote {settings.root / 'jupyterhub_config.py'} and {len(files) - 1} Jupyter "
        "configuration file(s)"
    )
    folder = HubFolder(settings, plan, courses, sorted(files))
    if settings.deployment == "local-demo":
        folder.passwords = write_passwords(root / "demo-passwords.json", plan.users)
    atomic_write_text(root / SUMMARY, json.dumps(folder.as_dict(), indent=2) + "\n")
    return folder
