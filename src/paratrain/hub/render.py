"""Render a :class:`~paratrain.hub.plan.Plan` as files for a hub on one machine.

:func:`render_files` is pure (plan and settings in, ``{path: text}`` out):

=============================================  =============================================
file                                           what it does
=============================================  =============================================
``jupyterhub_config.py``                       users, groups, roles, course services,
                                               spawner, proxy, and a pre-spawn hook that
                                               gives trainees and supervisors their own
                                               Jupyter configuration folder
``jupyter/<kind>/nbgrader_config.py``          nbgrader's global configuration for that kind
                                               of server: exchange (path includes the
                                               course), JupyterHub auth plugin, identity
``jupyter/<kind>/jupyter_server_config.json``  which nbgrader server extensions load
``jupyter/<kind>/labconfig/page_config.json``  which nbgrader JupyterLab plugins are off
=============================================  =============================================

``<kind>`` is ``trainee``, ``supervisor`` or ``course`` (the course services). Trainees'
servers load neither the formgrader nor the create-assignment tools, nor the course list;
supervisors' own servers have the course list (links to their course services) and no
grading tools of their own; the course services run the formgrader.
"""

from __future__ import annotations

import json
import pprint
from pathlib import Path
from typing import Any

from paratrain.hub.plan import Plan
from paratrain.hub.settings import HubSettings

NBG = "nbgrader.server_extensions."
LAB = "@jupyter/nbgrader:"
# server extensions / lab plugins switched on (True) or off (False) per kind of server
SERVER_EXTENSIONS: dict[str, dict[str, bool]] = {
    "trainee": {
        "formgrader": False,
        "course_list": False,
        "assignment_list": True,
        "validate_assignment": True,
    },
    "supervisor": {
        "formgrader": False,
        "course_list": True,
        "assignment_list": True,
        "validate_assignment": True,
    },
    "course": {
        "formgrader": True,
        "course_list": False,
        "assignment_list": False,
        "validate_assignment": True,
    },
}
LAB_PLUGINS_OFF: dict[str, tuple[str, ...]] = {
    "trainee": ("formgrader", "create-assignment", "course-list"),
    "supervisor": ("formgrader", "create-assignment"),
    "course": ("assignment-list", "course-list"),
}
# JupyterLab's news: its consent pop-up covers the assignment list; nothing for trainees
ALWAYS_OFF = ("@jupyterlab/apputils-extension:announcements",)
KINDS = tuple(SERVER_EXTENSIONS)


def _py(value: Any) -> str:
    return pprint.pformat(value, width=96, sort_dicts=False)


def nbgrader_global(settings: HubSettings, kind: str) -> str:
    """nbgrader's configuration for every server of one kind."""
    lines = [
        f"# nbgrader configuration for {kind} servers, written by paratrain (hub).",
        "import os  # noqa: F401",
        "",
        "c = get_config()  # noqa: F821",
        "# One exchange for every cohort; each course has its own folder in it.",
        f"c.Exchange.root = {str(settings.exchange)!r}",
        "c.Exchange.path_includes_course = True",
    ]
    if kind == "course":
        lines += [
            "# The course service works on its own course only and holds no hub scopes:",
            "# nbgrader's default auth plugin, so it never asks the hub who is in a course.",
        ]
    else:
        lines += [
            "# Course membership comes from the hub's nbgrader-<course>/formgrade-<course>",
            "# groups, read with this server's token.",
            "c.Authenticator.plugin_class = 'nbgrader.auth.JupyterHubAuthPlugin'",
        ]
    if kind != "course" and settings.strategy.identity_from_hub:
        lines += [
            f"# Deployment '{settings.deployment}': every server runs as the same OS account,",
            "# so the trainee is the hub user this server was started for, not the OS user.",
            "if os.environ.get('JUPYTERHUB_USER'):",
            "    c.CourseDirectory.student_id = os.environ['JUPYTERHUB_USER']",
        ]
    return "\n".join(lines) + "\n"


def server_config(settings: HubSettings, kind: str) -> str:
    cfg: dict[str, Any] = {
        "ServerApp": {
            "jpserver_extensions": {NBG + name: on for name, on in SERVER_EXTENSIONS[kind].items()}
        }
    }
    if kind == "course":  # the course's witness (paratrain.witness.extension)
        cfg["ServerApp"]["jpserver_extensions"]["paratrain.witness.extension"] = True
    # no news and no update check: nothing trainees must act on, no outside fetches
    cfg["LabApp"] = {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.handlers.announcements.NeverCheckForUpdate",
    }
    if settings.strategy.identity_from_hub:
        # every server runs as the hub's OS account, which is root on a project machine
        cfg["ServerApp"]["allow_root"] = True
    if kind == "course" and settings.frame_policy == "same-origin":
        # JupyterHub >= 4.1 sends frame-ancestors 'none' unless a policy is configured;
        # the formgrader inside JupyterLab is an iframe of the same service.
        cfg["ServerApp"]["tornado_settings"] = {
            "headers": {"Content-Security-Policy": "frame-ancestors 'self'"}
        }
    return json.dumps(cfg, indent=2) + "\n"


def page_config(kind: str) -> str:
    off = [LAB + p for p in LAB_PLUGINS_OFF[kind]] + list(ALWAYS_OFF)
    return json.dumps({"disabledExtensions": dict.fromkeys(off, True)}, indent=2) + "\n"


def services(plan: Plan, settings: HubSettings) -> list[dict[str, Any]]:
    out = []
    user_tpl = settings.strategy.service_user
    for i, course in enumerate(plan.services):
        root = settings.courses / course
        entry: dict[str, Any] = {
            "name": course,
            "url": f"http://{settings.ip}:{settings.service_port(i)}",
            "command": [
                str(settings.bin_dir / "jupyterhub-singleuser"),
                f"--ServerApp.root_dir={root}",
            ],
            "cwd": str(root),
            "environment": {
                "JUPYTER_CONFIG_PATH": str(settings.jupyter_dir("course")),
                "HOME": str(settings.root / "service-homes" / course),
                "JUPYTERHUB_DEFAULT_URL": "/formgrader",
            },
            "oauth_no_confirm": True,
            "display": True,
            "info": {"paratrain": "course service: formgrader for supervisors of " + course},
        }
        if user_tpl:
            entry["user"] = user_tpl.format(course=course)
        out.append(entry)
    return out


def witness_url(settings: HubSettings) -> str:
    """Where trainees' players send moves: their course service's witness, through the
    proxy (``{course}`` is filled in by the player from the assignment's folder)."""
    return f"{settings.url}/services/{{course}}/paratrain/witness"


def load_groups(plan: Plan) -> dict[str, dict[str, list[str]]]:
    return {g: {"users": list(m)} for g, m in plan.groups.items()}


HOOK = '''
SUPERVISOR_GROUPS = set({supervisor_groups})
ROLE_CONFIG = {role_config}
WITNESS_URL = {witness_url!r}


def paratrain_role_environment(spawner):
    """Supervisors' and trainees' servers read different Jupyter configuration folders."""
    groups = {{g.name for g in spawner.user.groups}}
    kind = "supervisor" if groups & SUPERVISOR_GROUPS else "trainee"
    spawner.environment["JUPYTER_CONFIG_PATH"] = ROLE_CONFIG[kind]
    spawner.environment["PARATRAIN_HUB_ROLE"] = kind
    # role-play players send each saved move to their course's witness (paratrain.witness)
    spawner.environment["PARATRAIN_WITNESS_URL"] = WITNESS_URL


c.Spawner.pre_spawn_hook = paratrain_role_environment
'''


def jupyterhub_config(plan: Plan, settings: HubSettings) -> str:
    s = settings
    d = s.strategy
    role_config = {k: str(s.jupyter_dir(k)) for k in ("trainee", "supervisor")}
    parts = [
        f'"""JupyterHub configuration for {len(plan.cohorts)} paratrain cohort(s): '
        f"{', '.join(plan.services)}.",
        "",
        f"Written by `paratrain hub config`. Deployment '{d.name}':",
        f"{d.description}.",
        "Regenerate it rather than editing it; docs/deploying.md explains every part.",
        '"""',
        "",
        "c = get_config()  # noqa: F821",
        "",
        "# --- where the hub listens -------------------------------------------------------",
        f"c.JupyterHub.ip = {s.ip!r}",
        f"c.JupyterHub.port = {s.port}",
        f"c.JupyterHub.hub_ip = {s.ip!r}",
        f"c.JupyterHub.hub_port = {s.hub_port}",
        f"c.ConfigurableHTTPProxy.api_url = 'http://{s.ip}:{s.proxy_api_port}'",
        f"c.ConfigurableHTTPProxy.command = [{s.proxy_command!r}]",
        f"c.ConfigurableHTTPProxy.pid_file = {str(s.root / 'jupyterhub-proxy.pid')!r}",
        f"c.JupyterHub.db_url = 'sqlite:///{s.root / 'jupyterhub.sqlite'}'",
        f"c.JupyterHub.cookie_secret_file = {str(s.root / 'jupyterhub_cookie_secret')!r}",
        f"c.JupyterHub.pid_file = {str(s.root / 'jupyterhub.pid')!r}",
        "c.JupyterHub.cleanup_servers = True",
        "c.JupyterHub.cleanup_proxy = True",
    ]
    if s.subdomain_host:
        parts.append(f"c.JupyterHub.subdomain_host = {s.subdomain_host!r}")
    parts += [
        "",
        "# --- who may log in (JupyterHub >= 5 lets nobody in without an allow setting) ------",
        f"c.JupyterHub.authenticator_class = {d.authenticator!r}",
        f"c.Authenticator.allowed_users = set({_py(sorted(plan.users))})",
        "c.Authenticator.admin_users = set()",
        "# only the people above, even if other users exist in the hub's database",
        "c.Authenticator.allow_existing_users = False",
    ]
    if d.name == "local-demo":
        parts.append(
            f"c.DemoPasswordAuthenticator.passwords_file = {str(s.root / 'demo-passwords.json')!r}"
        )
    parts += [
        "",
        "# --- cohorts: groups (nbgrader reads nbgrader-<course> and formgrade-<course>) -----",
        f"c.JupyterHub.load_groups = {_py(load_groups(plan))}",
        "",
        "# --- roles: the least scopes that work (checked by paratrain.hub.rules) ------------",
        f"c.JupyterHub.load_roles = {_py([r.as_dict() for r in plan.roles])}",
        "",
        "# --- one course service per cohort, running the formgrader -------------------------",
        f"c.JupyterHub.services = {_py(services(plan, s))}",
        "",
        "# --- single-user servers -------------------------------------------------------------",
        f"c.JupyterHub.spawner_class = {d.spawner!r}",
        f"c.Spawner.cmd = [{str(s.bin_dir / 'jupyterhub-singleuser')!r}]",
        "c.Spawner.default_url = '/lab'",
        "c.Spawner.start_timeout = 60",
        "c.Spawner.http_timeout = 60",
    ]
    if d.spawner.endswith("SimpleLocalProcessSpawner"):
        parts.append(
            f"c.SimpleLocalProcessSpawner.home_dir_template = {str(s.homes / '{username}')!r}"
        )
    parts.append(
        HOOK.format(
            supervisor_groups=_py(sorted(plan.supervisor_groups)),
            role_config=_py(role_config),
            witness_url=witness_url(s),
        )
    )
    return "\n".join(parts)


def render_files(plan: Plan, settings: HubSettings) -> dict[Path, str]:
    """Every configuration file of the hub, by path (nothing is written)."""
    files = {settings.root / "jupyterhub_config.py": jupyterhub_config(plan, settings)}
    for kind in KINDS:
        base = settings.jupyter_dir(kind)
        files[base / "nbgrader_config.py"] = nbgrader_global(settings, kind)
        files[base / "jupyter_server_config.json"] = server_config(settings, kind)
        files[base / "labconfig" / "page_config.json"] = page_config(kind)
    return files
