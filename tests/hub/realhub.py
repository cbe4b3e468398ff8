"""People who use a real JupyterHub over HTTP, as a browser would (the hub itself is the
``hub`` fixture in conftest.py). Every request is bounded in time."""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from paratrain.hub.demo import DemoHub
from paratrain.hub.run import RunningHub

ASSIGNMENT = "t01-first-contact"
HTTP_TIMEOUT = 120.0


def require(tool: str, why: str) -> None:
    if shutil.which(tool) is None:
        message = f"{tool} is needed for {why}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (test.sh installs it)")
        pytest.skip(message)


def require_hub_tools() -> None:
    require("node", "configurable-http-proxy")
    require("npm", "installing configurable-http-proxy")
    require("git", "nbgitpuller")
    try:
        import jupyterhub  # noqa: F401
        import nbgitpuller  # noqa: F401
    except ImportError:
        message = "the 'hub' extra is not installed (pip install -e '.[dev,hub]')"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@dataclass
class Hub:
    demo: DemoHub
    running: RunningHub
    people: dict[str, Person] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.running.url

    @property
    def root(self) -> Path:
        return self.demo.folder.settings.root

    def person(self, name: str) -> Person:
        if name not in self.people:
            self.people[name] = Person(self, name)
        return self.people[name]


class Person:
    """Someone who logged in through the hub's log-in form and made an API token there."""

    def __init__(self, hub: Hub, name: str, password: str | None = None) -> None:
        self.hub, self.name = hub, name
        self.session = requests.Session()
        url = hub.url
        self.session.get(f"{url}/hub/login", timeout=HTTP_TIMEOUT)
        xsrf = self.session.cookies.get("_xsrf")
        resp = self.session.post(
            f"{url}/hub/login",
            allow_redirects=False,
            timeout=HTTP_TIMEOUT,
            data={
                "username": name,
                "password": password or hub.demo.folder.passwords[name],
                "_xsrf": xsrf,
            },
        )
        self.logged_in = resp.status_code == 302 and "login" not in resp.headers["location"]
        if not self.logged_in:
            return
        resp = self.session.post(
            f"{url}/hub/api/users/{name}/tokens",
            json={"note": "test"},
            headers={"X-XSRFToken": self.session.cookies.get("_xsrf", path="/hub/")},
            timeout=HTTP_TIMEOUT,
        )
        resp.raise_for_status()
        self.headers = {"Authorization": f"token {resp.json()['token']}"}

    def request(self, method: str, path: str, **kw: Any) -> requests.Response:
        kw.setdefault("timeout", HTTP_TIMEOUT)
        kw.setdefault("allow_redirects", False)
        return requests.request(method, self.hub.url + path, headers=self.headers, **kw)

    def ask_for_server(self) -> None:
        resp = self.request("POST", f"/hub/api/users/{self.name}/server")
        assert resp.status_code in (201, 202, 400), resp.text  # 400: already running

    def wait_for_server(self, timeout: float = 90.0) -> float:
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            model = self.request("GET", f"/hub/api/users/{self.name}").json()
            if model["servers"].get("", {}).get("ready"):
                return time.monotonic() - start
            time.sleep(0.5)
        raise AssertionError(f"{self.name}'s server was not ready within {timeout} s")

    def nbgrader(self, action: str, course: str) -> dict[str, Any]:
        """What the trainee's Fetch / Submit / Fetch Feedback buttons do."""
        resp = self.request(
            "POST",
            f"/user/{self.name}/assignments/{action}",
            data={"course_id": course, "assignment_id": ASSIGNMENT},
        )
        assert resp.status_code == 200, resp.text
        data: dict[str, Any] = resp.json()
        assert data["success"], data
        return data
