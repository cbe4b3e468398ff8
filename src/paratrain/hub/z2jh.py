"""Render a :class:`~paratrain.hub.plan.Plan` for Zero to JupyterHub on Kubernetes.

Two files, both plain YAML:

``values.yaml`` (for ``helm upgrade --install ... jupyterhub/jupyterhub --values``)
    allowed users and groups (``hub.config``), roles (``hub.loadRoles``), one external course
    service per cohort (``hub.services``; the chart generates each service's API token into
    its ``hub`` Secret), a pre-spawn hook (``hub.extraConfig``) that gives supervisors and
    trainees different Jupyter configuration, the single-user image with paratrain, that
    configuration as ``singleuser.extraFiles``, and the shared exchange volume.
``courses.yaml`` (for ``kubectl apply -f``)
    the exchange PersistentVolumeClaim (ReadWriteMany) and, per cohort, the course service:
    a Deployment running ``jupyterhub-singleuser`` with the formgrader, its Service, a
    volume for the course folder, and its nbgrader configuration with the gradebook in
    PostgreSQL (the URL comes from the Secret ``paratrain-gradebooks``).

:func:`plan_from_values` reads a values file back into a plan, so
:func:`paratrain.hub.rules.check` holds it to the same rules as a local hub.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from paratrain.cohort.course import rescore_config
from paratrain.cohort.roster import to_csv
from paratrain.hub.plan import Cohort, Plan, Role
from paratrain.hub.render import (
    HOOK,
    load_groups,
    nbgrader_global,
    page_config,
    server_config,
    witness_url,
)
from paratrain.hub.settings import HubSettings

ROOT = Path("/srv/paratrain")
SERVICE_PORT = 8888
REPO_IN_IMAGE = "/opt/paratrain"  # deploy/z2jh/Dockerfile's course image has the curriculum here


@dataclass(frozen=True)
class Z2JHSettings:
    """What only a Kubernetes deployment needs.

    Attributes
    ----------
    image, tag:
        The single-user image (``deploy/z2jh/Dockerfile`` target ``singleuser``: JupyterLab,
        nbgrader, paratrain and the lessons; no assessment keys).
    course_image:
        The course services' image (target ``course``: the same plus ``assignments/`` with
        the keys, for ``course-init`` and grading); by default ``<image>-course``.
    storage_class_rwx:
        A StorageClass whose volumes can be mounted read-write by many pods (NFS, CephFS,
        Azure Files, EFS, Filestore): the exchange lives there.
    exchange_size, course_size:
        Sizes of the exchange volume and of each course folder's volume.
    gradebook_secret:
        Secret holding one PostgreSQL URL per course (key = course id).
    frame_policy:
        See :data:`paratrain.hub.settings.FRAME_POLICIES` (``same-origin`` is safe here only
        with ``subdomain_host``).
    """

    image: str = "ghcr.io/example/paratrain-singleuser"
    tag: str = "0.1.0"
    course_image: str = ""
    storage_class_rwx: str = "nfs-client"
    exchange_size: str = "20Gi"
    course_size: str = "10Gi"
    gradebook_secret: str = "paratrain-gradebooks"
    frame_policy: str = "own-tab"
    subdomain_host: str = ""

    @property
    def service_image(self) -> str:
        return f"{self.course_image or self.image + '-course'}:{self.tag}"

    def hub_settings(self) -> HubSettings:
        return HubSettings(
            root=ROOT,
            deployment="kubernetes",
            frame_policy=self.frame_policy,
            bin_dir=Path("/usr/local/bin"),
            subdomain_host=self.subdomain_host,
        )


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # plain YAML that people read and edit: no &anchors


def _str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, width=96, allow_unicode=True)


def _extra_files(s: HubSettings) -> dict[str, Any]:
    files: dict[str, Any] = {}
    for kind in ("trainee", "supervisor"):
        base = s.jupyter_dir(kind)
        files[f"paratrain-{kind}-nbgrader"] = {
            "mountPath": str(base / "nbgrader_config.py"),
            "stringData": nbgrader_global(s, kind),
        }
        files[f"paratrain-{kind}-server"] = {
            "mountPath": str(base / "jupyter_server_config.json"),
            "data": json.loads(server_config(s, kind)),
        }
        files[f"paratrain-{kind}-lab"] = {
            "mountPath": str(base / "labconfig" / "page_config.json"),
            "data": json.loads(page_config(kind)),
        }
    return files


def values(plan: Plan, z: Z2JHSettings) -> dict[str, Any]:
    s = z.hub_settings()
    role_config = {k: str(s.jupyter_dir(k)) for k in ("trainee", "supervisor")}
    hook = (
        HOOK.format(
            supervisor_groups=repr(sorted(plan.supervisor_groups)),
            role_config=repr(role_config),
            witness_url=witness_url(s),
        ).strip()
        + "\n"
    )
    hub_config: dict[str, Any] = {
        "JupyterHub": {
            "authenticator_class": s.strategy.authenticator,
            "load_groups": load_groups(plan),
        },
        "Authenticator": {
            "allowed_users": list(plan.users),
            "admin_users": [],
            "allow_existing_users": False,
        },
        "GenericOAuthenticator": {
            "client_id": "CHANGE-ME",
            "client_secret": "CHANGE-ME",
            "oauth_callback_url": "https://CHANGE-ME/hub/oauth_callback",
            "authorize_url": "https://CHANGE-ME/authorize",
            "token_url": "https://CHANGE-ME/token",
            "userdata_url": "https://CHANGE-ME/userinfo",
            "username_claim": "preferred_username",
        },
    }
    if z.subdomain_host:
        hub_config["JupyterHub"]["subdomain_host"] = z.subdomain_host
    return {
        "hub": {
            "config": hub_config,
            "loadRoles": {
                r.name: {k: v for k, v in r.as_dict().items() if k != "name"} for r in plan.roles
            },
            "services": {
                c: {
                    "url": f"http://course-{c}:{SERVICE_PORT}",
                    "display": True,
                    "oauth_no_confirm": True,
                    "info": {"paratrain": f"course service: formgrader for {c}"},
                }
                for c in plan.services
            },
            "extraConfig": {"paratrain-roles": hook},
        },
        "singleuser": {
            "image": {"name": z.image, "tag": z.tag},
            "defaultUrl": "/lab",
            "uid": 1000,
            "extraFiles": _extra_files(s),
            "storage": {
                "extraVolumes": [
                    {
                        "name": "nbgrader-exchange",
                        "persistentVolumeClaim": {"claimName": "nbgrader-exchange"},
                    }
                ],
                "extraVolumeMounts": [{"name": "nbgrader-exchange", "mountPath": str(s.exchange)}],
            },
        },
    }


def _course_config(s: HubSettings, course: str, z: Z2JHSettings) -> str:
    root = s.courses / course
    return "\n".join(
        [
            f"# nbgrader configuration of course {course} (course service pod).",
            "import os",
            "",
            "c = get_config()  # noqa: F821",
            f"c.CourseDirectory.course_id = {course!r}",
            f"c.CourseDirectory.root = {str(root)!r}",
            "# PostgreSQL: several supervisors grade at once (nbgrader advises against SQLite).",
            "c.CourseDirectory.db_url = os.environ['PARATRAIN_GRADEBOOK_URL']",
            f"c.Exchange.root = {str(s.exchange)!r}",
            "c.Exchange.path_includes_course = True",
            "c.ExecutePreprocessor.timeout = 60",
            "c.Execute.timeout = 60",
            "c.Execute.interrupt_on_timeout = True",
            "c.Execute.allow_errors = True",
            "",
        ]
    ) + rescore_config(root)


def _course_manifests(s: HubSettings, cohort: Cohort, z: Z2JHSettings) -> list[dict[str, Any]]:
    course = cohort.course_id
    name = f"course-{course}"
    labels = {"app.kubernetes.io/name": "paratrain-course", "paratrain/course": course}
    prefix = f"/services/{course}/"
    env = {
        "JUPYTERHUB_SERVICE_NAME": course,
        "JUPYTERHUB_SERVICE_PREFIX": prefix,
        "JUPYTERHUB_SERVICE_URL": f"http://0.0.0.0:{SERVICE_PORT}",
        "JUPYTERHUB_API_URL": "http://hub:8081/hub/api",
        "JUPYTERHUB_BASE_URL": "/",
        "JUPYTERHUB_CLIENT_ID": f"service-{course}",
        "JUPYTERHUB_OAUTH_CALLBACK_URL": f"{prefix}oauth_callback",
        "JUPYTERHUB_OAUTH_ACCESS_SCOPES": json.dumps([f"access:services!service={course}"]),
        "JUPYTER_CONFIG_PATH": str(s.jupyter_dir("course")),
    }
    env_list: list[dict[str, Any]] = [{"name": k, "value": v} for k, v in env.items()]
    env_list += [
        {
            "name": "JUPYTERHUB_API_TOKEN",
            "valueFrom": {
                "secretKeyRef": {"name": "hub", "key": f"hub.services.{course}.apiToken"}
            },
        },
        {
            "name": "PARATRAIN_GRADEBOOK_URL",
            "valueFrom": {"secretKeyRef": {"name": z.gradebook_secret, "key": course}},
        },
    ]
    config_data = {
        "nbgrader_config.py": _course_config(s, course, z),
        "global_nbgrader_config.py": nbgrader_global(s, "course"),
        "jupyter_server_config.json": server_config(s, "course"),
        "page_config.json": page_config("course"),
        "roster.csv": to_csv(cohort.people),
    }
    root = str(s.courses / course)
    cfg_dir = str(s.jupyter_dir("course"))
    return [
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": f"{name}-config", "labels": labels},
            "data": config_data,
        },
        {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": {"name": f"{name}-files", "labels": labels},
            "spec": {
                "accessModes": ["ReadWriteOnce"],
                "resources": {"requests": {"storage": z.course_size}},
            },
        },
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": name, "labels": labels},
            "spec": {
                "replicas": 1,
                "strategy": {"type": "Recreate"},
                "selector": {"matchLabels": labels},
                "template": {
                    "metadata": {
                        "labels": {**labels, "hub.jupyter.org/network-access-hub": "true"}
                    },
                    "spec": {
                        "securityContext": {"runAsUser": 1000, "fsGroup": 100},
                        # course folder from the image's curriculum, trainees into the
                        # gradebook; idempotent, and refuses to change an assignment
                        # that already has submissions
                        "initContainers": [
                            {
                                "name": "course-init",
                                "image": z.service_image,
                                "command": [
                                    "paratrain",
                                    "hub",
                                    "course-init",
                                    "--course",
                                    course,
                                    "--roster",
                                    "/etc/paratrain/init/roster.csv",
                                    "--root",
                                    root,
                                    "--exchange",
                                    str(s.exchange),
                                    "--repo",
                                    REPO_IN_IMAGE,
                                ],
                                "env": env_list[-1:],
                                "volumeMounts": [
                                    {"name": "course", "mountPath": root},
                                    {"name": "exchange", "mountPath": str(s.exchange)},
                                    {"name": "config", "mountPath": "/etc/paratrain/init"},
                                ],
                            }
                        ],
                        "containers": [
                            {
                                "name": "formgrader",
                                "image": z.service_image,
                                "command": [
                                    "jupyterhub-singleuser",
                                    f"--ServerApp.root_dir={root}",
                                    f"--port={SERVICE_PORT}",
                                    "--ip=0.0.0.0",
                                ],
                                "workingDir": root,
                                "env": env_list,
                                "ports": [{"containerPort": SERVICE_PORT}],
                                "volumeMounts": [
                                    {"name": "course", "mountPath": root},
                                    {"name": "exchange", "mountPath": str(s.exchange)},
                                    {
                                        "name": "config",
                                        "mountPath": f"{root}/nbgrader_config.py",
                                        "subPath": "nbgrader_config.py",
                                    },
                                    {
                                        "name": "config",
                                        "mountPath": f"{cfg_dir}/nbgrader_config.py",
                                        "subPath": "global_nbgrader_config.py",
                                    },
                                    {
                                        "name": "config",
                                        "mountPath": f"{cfg_dir}/jupyter_server_config.json",
                                        "subPath": "jupyter_server_config.json",
                                    },
                                    {
                                        "name": "config",
                                        "mountPath": f"{cfg_dir}/labconfig/page_config.json",
                                        "subPath": "page_config.json",
                                    },
                                ],
                            }
                        ],
                        "volumes": [
                            {
                                "name": "course",
                                "persistentVolumeClaim": {"claimName": f"{name}-files"},
                            },
                            {
                                "name": "exchange",
                                "persistentVolumeClaim": {"claimName": "nbgrader-exchange"},
                            },
                            {"name": "config", "configMap": {"name": f"{name}-config"}},
                        ],
                    },
                },
            },
        },
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": name, "labels": labels},
            "spec": {
                "selector": labels,
                "ports": [{"port": SERVICE_PORT, "targetPort": SERVICE_PORT}],
            },
        },
    ]


def courses(plan: Plan, z: Z2JHSettings) -> list[dict[str, Any]]:
    s = z.hub_settings()
    docs: list[dict[str, Any]] = [
        {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": {"name": "nbgrader-exchange"},
            "spec": {
                "accessModes": ["ReadWriteMany"],
                "storageClassName": z.storage_class_rwx,
                "resources": {"requests": {"storage": z.exchange_size}},
            },
        }
    ]
    for cohort in plan.cohorts:
        docs += _course_manifests(s, cohort, z)
    return docs


def render(plan: Plan, z: Z2JHSettings) -> dict[str, str]:
    """``{"values.yaml": ..., "courses.yaml": ...}``."""
    head = (
        f"# Zero to JupyterHub values for paratrain cohorts: {', '.join(plan.services)}.\n"
        "# Written by `paratrain hub z2jh`; regenerate it from the rosters rather than "
        "editing it.\n# See docs/deploying.md. Replace every CHANGE-ME.\n"
    )
    chead = (
        "# Kubernetes objects for paratrain's course services and shared exchange.\n"
        "# Written by `paratrain hub z2jh`; apply with: kubectl apply -f courses.yaml\n"
    )
    return {
        "values.yaml": head + _dump(values(plan, z)),
        "courses.yaml": chead + "---\n".join(_dump(d) for d in courses(plan, z)),
    }


def plan_from_values(data: dict[str, Any]) -> Plan:
    """Read users, groups, roles and services back from a values file."""
    hub = data.get("hub", {})
    cfg = hub.get("config", {})
    users = tuple(cfg.get("Authenticator", {}).get("allowed_users", []))
    groups = {
        g: tuple(v.get("users", []) if isinstance(v, dict) else v)
        for g, v in cfg.get("JupyterHub", {}).get("load_groups", {}).items()
    }
    roles = tuple(
        Role(
            name,
            tuple(r.get("scopes", [])),
            r.get("description", ""),
            tuple(r.get("users", [])),
            tuple(r.get("groups", [])),
            tuple(r.get("services", [])),
        )
        for name, r in hub.get("loadRoles", {}).items()
    )
    services = tuple(hub.get("services", {}))
    cohorts = tuple(Cohort(c, ()) for c in services)
    return Plan(cohorts, users, groups, roles, services)
