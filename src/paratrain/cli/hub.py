"""``paratrain hub ...``: the command-line adapter for cohort hubs.

:func:`register` adds the ``hub`` group to paratrain's parser. Library imports happen inside
each handler, every command takes ``--json``, defaults come from :class:`HubSettings` and
:class:`Z2JHSettings`, and exit codes are 0 (success), 1 (the command ran and found
problems) and 2 (bad usage or input; :func:`paratrain.cli.main` turns a ParatrainError
into 2).

Commands::

    hub config   write a hub folder (jupyterhub_config.py, nbgrader configs, course folders)
    hub start    run a hub folder until Ctrl-C (or --duration)
    hub demo     a demo cohort on a real hub at 127.0.0.1, ready for a browser
    hub z2jh     write values.yaml and courses.yaml for Zero to JupyterHub
    hub check    check a hub folder or a values.yaml against paratrain's access rules
    hub course-init  make one course folder and gradebook (a course pod's init container)
    hub link     an nbgitpuller link that puts a curriculum repository in trainees' servers
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from paratrain.cli.defaults import library_default, settings
from paratrain.cli.output import notes, out, wants_json
from paratrain.settings import Settings

HUB = "paratrain.hub.settings:HubSettings"
DEMO = "paratrain.hub.demo:prepare_demo"
GRADEBOOK_ENV = Settings.env_name("gradebook_url")
Z2JH = "paratrain.hub.z2jh:Z2JHSettings"


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (systemd, kill) stops a running hub as cleanly as Ctrl-C does."""

    def interrupt(_sig: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _cohorts(specs: list[str]) -> list[Any]:
    from paratrain.cohort.roster import read_roster
    from paratrain.errors import HubError
    from paratrain.hub.plan import Cohort

    found = []
    for spec in specs:
        course, sep, roster = spec.partition(":")
        if not sep or not course or not roster:
            raise HubError(f"--cohort '{spec}' must look like COURSE_ID:ROSTER.csv")
        found.append(Cohort(course, tuple(read_roster(roster))))
    return found


def _repo(args: argparse.Namespace) -> Path:
    from paratrain.repo import find_repo

    return find_repo(Path(args.repo) if args.repo else None)


# --- handlers -------------------------------------------------------------------------------


def cmd_config(args: argparse.Namespace) -> int:
    from paratrain.hub.folder import write_hub
    from paratrain.hub.proxy import ensure_proxy
    from paratrain.hub.settings import HubSettings

    progress = notes(args)
    proxy = args.proxy_command or str(
        ensure_proxy(cache=settings(args).cache_dir, progress=progress)
    )
    cohorts = _cohorts(args.cohort)
    where = HubSettings(
        root=Path(args.dir).resolve(),
        ip=args.ip,
        port=args.port,
        hub_port=args.hub_port or args.port + 1,
        proxy_api_port=args.proxy_api_port or args.port + 2,
        deployment=args.deployment,
        frame_policy=args.frame_policy,
        proxy_command=proxy,
        subdomain_host=args.subdomain_host or "",
    )
    folder = write_hub(
        cohorts, where, repo=_repo(args), assignments=args.assignment, progress=progress
    )
    lines = [
        f"wrote {folder.config}",
        f"hub URL: {where.url}",
        f"start it with: paratrain hub start --dir {where.root}",
    ]
    if folder.passwords:
        lines += ["", "demo passwords (shown once):"]
        lines += [f"  {u:<12} {p}" for u, p in folder.passwords.items()]
    out(args, {**folder.as_dict(), "passwords": folder.passwords}, "\n".join(lines))
    return 0


def cmd_start(args: argparse.Namespace) -> int:
    from paratrain.hub.demo import serve
    from paratrain.hub.folder import load_settings
    from paratrain.hub.run import running_hub

    where = load_settings(Path(args.dir))
    with _sigterm_as_interrupt(), running_hub(where, progress=notes(args)) as hub:
        out(
            args,
            {"url": hub.url, "pid": hub.proc.pid},
            f"JupyterHub is running at {hub.url}/  (Ctrl-C stops it)",
        )
        sys.stdout.flush()
        code = serve(hub, duration=args.duration)
    return 0 if code == 0 else 1


def cmd_demo(args: argparse.Namespace) -> int:
    from paratrain.hub.demo import prepare_demo, serve
    from paratrain.hub.run import running_hub

    progress = notes(args)
    demo = prepare_demo(
        Path(args.dir),
        repo=_repo(args),
        port=args.port,
        assignments=args.assignment,
        frame_policy=args.frame_policy,
        progress=progress,
    )
    with _sigterm_as_interrupt(), running_hub(demo.folder.settings, progress=progress) as hub:
        demo.hub = hub
        out(args, demo.as_dict(), demo.as_text())
        sys.stdout.flush()
        code = serve(hub, duration=args.duration)
    if not wants_json(args):  # the end of the result: the demo hub is gone
        print("hub stopped")
    return 0 if code == 0 else 1


def cmd_z2jh(args: argparse.Namespace) -> int:
    from paratrain.atomic import atomic_write_text
    from paratrain.hub import rules
    from paratrain.hub.plan import build_plan
    from paratrain.hub.z2jh import Z2JHSettings, render

    plan = build_plan(_cohorts(args.cohort))
    z = Z2JHSettings(
        image=args.image,
        tag=args.tag,
        storage_class_rwx=args.storage_class,
        frame_policy=args.frame_policy,
        subdomain_host=args.subdomain_host or "",
    )
    dest = Path(args.out)
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render(plan, z).items():
        atomic_write_text(dest / name, text)
        written.append(str(dest / name))
    problems = rules.check(plan)
    out(
        args,
        {"written": written, "problems": problems},
        "\n".join([f"wrote {w}" for w in written] + problems),
    )
    return 1 if problems else 0


def cmd_check(args: argparse.Namespace) -> int:
    import yaml

    from paratrain.errors import HubError
    from paratrain.hub import rules
    from paratrain.hub.plan import Plan, Role
    from paratrain.hub.z2jh import plan_from_values

    target = Path(args.path)
    plan: Plan
    if target.is_dir():
        summary = target / "paratrain-hub.json"
        if not summary.is_file():
            raise HubError(f"{target} is not a hub folder (no paratrain-hub.json)")
        data = json.loads(summary.read_text(encoding="utf-8"))
        groups = {g: tuple(m) for g, m in data["groups"].items()}
        roles = tuple(
            Role(
                r["name"],
                tuple(r["scopes"]),
                r.get("description", ""),
                tuple(r.get("users", [])),
                tuple(r.get("groups", [])),
                tuple(r.get("services", [])),
            )
            for r in data["roles"]
        )
        users = tuple(sorted({u for m in groups.values() for u in m}))
        plan = Plan((), users, groups, roles, tuple(c["course_id"] for c in data["cohorts"]))
    else:
        try:
            plan = plan_from_values(yaml.safe_load(target.read_text(encoding="utf-8")))
        except (OSError, yaml.YAMLError, AttributeError) as exc:
            raise HubError(f"cannot read {target} as a values file ({exc})") from None
    problems = rules.check(plan)
    out(
        args,
        {"path": str(target), "ok": not problems, "problems": problems},
        "\n".join(problems)
        if problems
        else f"{target}: ok: {len(plan.users)} user(s), {len(plan.services)} course service(s); "
        "every access rule holds",
    )
    return 1 if problems else 0


def cmd_course_init(args: argparse.Namespace) -> int:
    import os

    from paratrain.errors import HubError
    from paratrain.hub.folder import prepare_course

    (cohort,) = _cohorts([f"{args.course}:{args.roster}"])
    # the usual variable comes with the settings; --gradebook-env may name another one
    url = (
        settings(args).gradebook_url
        if args.gradebook_env == GRADEBOOK_ENV
        else os.environ.get(args.gradebook_env, "").strip()
    )
    if not url:
        raise HubError(
            f"${args.gradebook_env} is not set",
            hint="the course service's Secret must give the gradebook URL",
        )
    course = prepare_course(
        cohort,
        root=Path(args.root),
        exchange=Path(args.exchange),
        repo=_repo(args),
        db_url=f"postgresql://see-${args.gradebook_env}",
        gradebook_url=url,
    )
    out(
        args,
        {"course": course.course_id, "root": str(course.root), "assignments": course.assignments()},
        f"course {course.course_id} ready in {course.root}: "
        f"{len(course.assignments())} assignment(s), {len(cohort.trainees)} trainee(s)",
    )
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    from paratrain.hub.links import PullLink, pull_link

    link = PullLink(
        args.repo, branch=args.branch, target=args.target or "", open_path=args.open or ""
    )
    url = pull_link(args.hub_url, link)
    out(args, {"url": url, "folder": link.folder}, url)
    return 0


# --- parser ---------------------------------------------------------------------------------


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _cohort_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--cohort",
        action="append",
        required=True,
        metavar="COURSE_ID:ROSTER",
        help="a cohort: its course id and roster CSV (repeat for more cohorts)",
    )


def register(subparsers: Any) -> None:
    """Add ``hub`` and its subcommands to paratrain's top-level subparsers."""
    from paratrain.hub.settings import DEPLOYMENTS, FRAME_POLICIES

    hub = subparsers.add_parser(
        "hub",
        help="run cohorts on JupyterHub: configuration, a "
        "local hub, Kubernetes values, nbgitpuller links",
    )
    sub = hub.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)

    cfg = sub.add_parser(
        "config",
        help="write a hub folder: jupyterhub_config.py, nbgrader "
        "configs and course folders, from rosters",
    )
    _cohort_arg(cfg)
    cfg.add_argument("--dir", required=True, help="the hub folder to write")
    cfg.add_argument(
        "--deployment",
        choices=sorted(set(DEPLOYMENTS) - {"kubernetes"}),
        default=library_default(HUB, "deployment"),
        help="how servers run and who people are (default: %(default)s)",
    )
    cfg.add_argument(
        "--ip",
        default=library_default(HUB, "ip"),
        help="where people connect (default: %(default)s)",
    )
    cfg.add_argument(
        "--port",
        type=int,
        default=library_default(HUB, "port"),
        help="public port (default: %(default)s)",
    )
    cfg.add_argument(
        "--hub-port", type=int, default=None, help="internal hub port (default: port+1)"
    )
    cfg.add_argument(
        "--proxy-api-port",
        type=int,
        default=None,
        help="proxy API port (default: port+2); course services use port+10 onwards",
    )
    cfg.add_argument(
        "--frame-policy",
        choices=sorted(FRAME_POLICIES),
        default=library_default(HUB, "frame_policy"),
        help="formgrader inside JupyterLab (same-origin) or in its own tab (default: %(default)s)",
    )
    cfg.add_argument(
        "--subdomain-host",
        default=None,
        metavar="URL",
        help="serve users and services on subdomains of this URL",
    )
    cfg.add_argument(
        "--proxy-command",
        default=None,
        help="configurable-http-proxy to use (default: installed from npm into ~/.cache/paratrain)",
    )
    cfg.add_argument(
        "--assignment",
        action="append",
        default=None,
        help="only these assignments (repeat; default: all)",
    )
    cfg.add_argument(
        "--repo",
        default=None,
        help="repository with curriculum/ and "
        "assignments/ (default: the current folder or the nearest one above it)",
    )
    _common(cfg)
    cfg.set_defaults(func=cmd_config)

    start = sub.add_parser("start", help="run a hub folder written by 'hub config'")
    start.add_argument("--dir", required=True, help="the hub folder")
    start.add_argument(
        "--duration",
        type=float,
        default=None,
        metavar="SECONDS",
        help="stop after this many seconds (default: until Ctrl-C)",
    )
    _common(start)
    start.set_defaults(func=cmd_start)

    demo = sub.add_parser("demo", help="a demo cohort on a real JupyterHub at 127.0.0.1")
    demo.add_argument(
        "--dir",
        default="paratrain-hub-demo",
        help="where to build it (replaced if it is an earlier demo)",
    )
    demo.add_argument(
        "--port",
        type=int,
        default=library_default(DEMO, "port"),
        help="port on 127.0.0.1 (default: %(default)s)",
    )
    demo.add_argument(
        "--assignment",
        action="append",
        default=None,
        help="release only these assignments (repeat; default: all)",
    )
    demo.add_argument(
        "--frame-policy",
        choices=sorted(FRAME_POLICIES),
        default=library_default(DEMO, "frame_policy"),
        help="formgrader inside JupyterLab (same-origin) or in its own tab (default: %(default)s)",
    )
    demo.add_argument(
        "--duration",
        type=float,
        default=None,
        metavar="SECONDS",
        help="stop after this many seconds (default: until Ctrl-C)",
    )
    demo.add_argument(
        "--repo",
        default=None,
        help="repository with curriculum/ and "
        "assignments/ (default: the current folder or the nearest one above it)",
    )
    _common(demo)
    demo.set_defaults(func=cmd_demo)

    z = sub.add_parser(
        "z2jh", help="write values.yaml and courses.yaml for Zero to JupyterHub on Kubernetes"
    )
    _cohort_arg(z)
    z.add_argument("--out", required=True, help="folder for values.yaml and courses.yaml")
    z.add_argument(
        "--image",
        default=library_default(Z2JH, "image"),
        help="single-user image, built from deploy/z2jh/Dockerfile (default: %(default)s)",
    )
    z.add_argument(
        "--tag", default=library_default(Z2JH, "tag"), help="image tag (default: %(default)s)"
    )
    z.add_argument(
        "--storage-class",
        default=library_default(Z2JH, "storage_class_rwx"),
        help="a ReadWriteMany StorageClass for the shared exchange (default: %(default)s)",
    )
    z.add_argument(
        "--frame-policy",
        choices=sorted(FRAME_POLICIES),
        default=library_default(Z2JH, "frame_policy"),
        help="own-tab unless --subdomain-host is set (default: %(default)s)",
    )
    z.add_argument(
        "--subdomain-host",
        default=None,
        metavar="URL",
        help="https://hub.example.org: users and services on subdomains",
    )
    _common(z)
    z.set_defaults(func=cmd_z2jh)

    chk = sub.add_parser(
        "check",
        help="check a hub folder or a Zero to JupyterHub "
        "values.yaml against paratrain's access rules",
    )
    chk.add_argument("path", help="hub folder or values.yaml")
    _common(chk)
    chk.set_defaults(func=cmd_check)

    ci = sub.add_parser(
        "course-init",
        help="make or update one course folder and its "
        "gradebook (the course service's init container on Kubernetes)",
    )
    ci.add_argument("--course", required=True, help="course id")
    ci.add_argument("--roster", required=True, help="the cohort's roster CSV")
    ci.add_argument("--root", required=True, help="the course folder")
    ci.add_argument("--exchange", required=True, help="the shared exchange folder")
    ci.add_argument(
        "--gradebook-env",
        default=GRADEBOOK_ENV,
        help="environment variable holding the gradebook's database URL",
    )
    ci.add_argument(
        "--repo",
        default=None,
        help="repository with curriculum/ and "
        "assignments/ (default: the current folder or the nearest one above it)",
    )
    _common(ci)
    ci.set_defaults(func=cmd_course_init)

    link = sub.add_parser(
        "link",
        help="an nbgitpuller link that puts a curriculum repository into each trainee's server",
    )
    link.add_argument("--hub-url", required=True, help="e.g. https://hub.example.org")
    link.add_argument("--repo", required=True, help="git URL of the curriculum repository")
    link.add_argument("--branch", default="main", help="branch (default: main)")
    link.add_argument(
        "--target", default=None, help="folder in the trainee's home (default: the repository name)"
    )
    link.add_argument(
        "--open",
        default=None,
        metavar="PATH",
        help="notebook or folder to open afterwards, inside the repository",
    )
    _common(link)
    link.set_defaults(func=cmd_link)
