"""How a cohort hub is deployed: typed settings and the named deployment strategies.

A :class:`Deployment` says which spawner and authenticator the hub uses and, above all, how
nbgrader learns *who* a trainee is (its exchange writes the student id into every
submission):

``local-demo``
    Every single-user server runs as the hub's own OS account (JupyterHub's
    ``SimpleLocalProcessSpawner``; as root on the project's machines). nbgrader's own rule
    (the OS user name) would make everyone "root", so the servers' nbgrader configuration
    takes the student id from ``JUPYTERHUB_USER``, which the hub sets for each server. There
    is **no isolation** between people: any trainee's code can read and change every file
    the hub can, including other trainees' work, the gradebooks and the assessment keys.
    For trying paratrain on one machine, on 127.0.0.1, with made-up people only.
``system-users``
    One OS account per person (``LocalProcessSpawner``, PAM log-in): nbgrader's own rule
    applies (the OS user name), the exchange's folder permissions keep submissions apart,
    and each course service runs as its own ``grader-<course>`` account.

``kubernetes``
    Zero to JupyterHub (rendered by :mod:`paratrain.hub.z2jh`): one pod per person, all
    running as the image's ``jovyan`` account; for that account nbgrader itself takes the
    student id from ``JUPYTERHUB_USER``. Pods are isolated from each other, but every pod
    mounts the shared exchange with the same uid, so nbgrader's file exchange cannot tell
    trainees apart by file ownership: a determined trainee can read or forge submissions in
    the exchange. ngshare or nbexchange (exchange services that authenticate through the
    hub) close that gap.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from paratrain.errors import HubError


@dataclass(frozen=True)
class Deployment:
    """A named way to run the hub (see the module docstring)."""

    name: str
    spawner: str
    authenticator: str
    identity_from_hub: bool
    service_user: str | None
    description: str


DEPLOYMENTS: dict[str, Deployment] = {
    d.name: d
    for d in (
        Deployment(
            "local-demo",
            "jupyterhub.spawner.SimpleLocalProcessSpawner",
            "paratrain.hub.auth.DemoPasswordAuthenticator",
            identity_from_hub=True,
            service_user=None,
            description="one machine, one OS account for everyone, demo passwords; "
            "no isolation between people",
        ),
        Deployment(
            "system-users",
            "jupyterhub.spawner.LocalProcessSpawner",
            "jupyterhub.auth.PAMAuthenticator",
            identity_from_hub=False,
            service_user="grader-{course}",
            description="one OS account per person (and per course service); the hub runs as root",
        ),
        Deployment(
            "kubernetes",
            "kubespawner.KubeSpawner",
            "generic-oauth",
            identity_from_hub=False,
            service_user=None,
            description="Zero to JupyterHub: one pod per person, run as 'jovyan' "
            "(nbgrader then takes the student id from JUPYTERHUB_USER)",
        ),
    )
}

# How the formgrader may be shown inside JupyterLab (JupyterHub >= 4.1 forbids framing).
FRAME_POLICIES = {
    "own-tab": "keep JupyterHub's frame-ancestors 'none': open the formgrader in its own "
    "tab at /services/<course>/formgrader",
    "same-origin": "let the course service be framed by pages of the same origin "
    "(frame-ancestors 'self') so the Formgrader tab inside JupyterLab works; "
    "safe only with subdomains or trusted users",
}


def _bin_dir() -> Path:
    return Path(sys.executable).parent


@dataclass(frozen=True)
class HubSettings:
    """Where a hub lives and listens.

    Attributes
    ----------
    root:
        The hub folder: configuration, databases, course folders, exchange, homes.
    ip, port:
        Where people connect (the proxy). Keep 127.0.0.1 unless TLS is in front.
    hub_port, proxy_api_port:
        Internal ports of the hub and of the proxy's REST API (on ``ip``).
    service_ports:
        One port per course service, in cohort order; by default ``port + 10 + i``.
    deployment:
        A key of :data:`DEPLOYMENTS`.
    frame_policy:
        A key of :data:`FRAME_POLICIES`.
    proxy_command:
        The ``configurable-http-proxy`` program (see :func:`paratrain.hub.proxy.ensure_proxy`).
    bin_dir:
        Folder holding ``jupyterhub-singleuser`` (default: this Python's).
    subdomain_host:
        Optional ``https://hub.example.org``: serve each user and service on its own
        subdomain (the secure way to allow framing).
    """

    root: Path
    ip: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001
    service_ports: tuple[int, ...] = ()
    deployment: str = "local-demo"
    frame_policy: str = "same-origin"
    proxy_command: str = "configurable-http-proxy"
    bin_dir: Path = field(default_factory=_bin_dir)
    subdomain_host: str = ""

    def __post_init__(self) -> None:
        if self.deployment not in DEPLOYMENTS:
            raise HubError(
                f"unknown deployment '{self.deployment}'",
                hint=f"choose one of: {', '.join(DEPLOYMENTS)}",
            )
        if self.frame_policy not in FRAME_POLICIES:
            raise HubError(
                f"unknown frame policy '{self.frame_policy}'",
                hint=f"choose one of: {', '.join(FRAME_POLICIES)}",
            )

    @property
    def strategy(self) -> Deployment:
        return DEPLOYMENTS[self.deployment]

    @property
    def url(self) -> str:
        return f"http://{self.ip}:{self.port}"

    def service_port(self, index: int) -> int:
        if index < len(self.service_ports):
            return self.service_ports[index]
        return self.port + 10 + index

    @property
    def exchange(self) -> Path:
        return self.root / "exchange"

    @property
    def courses(self) -> Path:
        return self.root / "courses"

    @property
    def homes(self) -> Path:
        return self.root / "homes"

    def jupyter_dir(self, kind: str) -> Path:
        """Jupyter configuration for 'trainee', 'supervisor' or 'course' (service) servers."""
        return self.root / "jupyter" / kind
