"""The files a hub is made of: jupyterhub_config.py loads as traitlets config and says what the
plan says; each kind of server gets its own extensions, nbgrader identity and frame policy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from traitlets.config.loader import PyFileConfigLoader

from paratrain.hub.plan import Plan, build_plan
from paratrain.hub.render import render_files
from paratrain.hub.settings import HubSettings
from tests.hub.builders import COHORT_A, COHORT_B, A, B


@pytest.fixture
def plan() -> Plan:
    return build_plan([COHORT_A, COHORT_B])


def written(tmp_path: Path, plan: Plan, **kw: Any) -> HubSettings:
    settings = HubSettings(
        root=tmp_path, port=9000, hub_port=9001, proxy_api_port=9002, proxy_command="/opt/chp", **kw
    )
    for path, text in render_files(plan, settings).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return settings


def load(path: Path) -> Any:
    return PyFileConfigLoader(path.name, path=str(path.parent)).load_config()


def test_jupyterhub_config_says_what_the_plan_says(tmp_path: Path, plan: Plan) -> None:
    written(tmp_path, plan)
    c = load(tmp_path / "jupyterhub_config.py")
    assert c.Authenticator.allowed_users == set(plan.users)
    assert c.Authenticator.allow_existing_users is False
    assert c.JupyterHub.load_groups[f"nbgrader-{A}"] == {"users": ["ana", "ben"]}
    assert [r["name"] for r in c.JupyterHub.load_roles] == [r.name for r in plan.roles]
    assert [s["name"] for s in c.JupyterHub.services] == [A, B]
    service = c.JupyterHub.services[0]
    assert service["url"] == "http://127.0.0.1:9010"
    assert service["cwd"] == str(tmp_path / "courses" / A)
    assert service["environment"]["JUPYTER_CONFIG_PATH"] == str(tmp_path / "jupyter/course")
    assert service["oauth_no_confirm"] is True
    assert c.JupyterHub.spawner_class.endswith("SimpleLocalProcessSpawner")
    assert c.ConfigurableHTTPProxy.command == ["/opt/chp"]
    assert (c.JupyterHub.ip, c.JupyterHub.port) == ("127.0.0.1", 9000)


class FakeSpawner:
    def __init__(self, groups: list[str]) -> None:
        self.user = type("U", (), {"groups": [type("G", (), {"name": g})() for g in groups]})()
        self.environment: dict[str, str] = {}


def test_the_pre_spawn_hook_picks_the_configuration_by_role(tmp_path: Path, plan: Plan) -> None:
    hook = load(written(tmp_path, plan).root / "jupyterhub_config.py").Spawner.pre_spawn_hook
    trainee, supervisor = FakeSpawner([f"trainees-{A}"]), FakeSpawner([f"supervisors-{B}"])
    hook(trainee)
    hook(supervisor)
    assert trainee.environment["JUPYTER_CONFIG_PATH"] == str(tmp_path / "jupyter/trainee")
    assert supervisor.environment["PARATRAIN_HUB_ROLE"] == "supervisor"


def test_extensions_per_kind_of_server(tmp_path: Path, plan: Plan) -> None:
    written(tmp_path, plan)

    def ext(kind: str) -> dict[str, bool]:
        data = json.loads((tmp_path / "jupyter" / kind / "jupyter_server_config.json").read_text())
        return {k.rsplit(".", 1)[1]: v for k, v in data["ServerApp"]["jpserver_extensions"].items()}

    def lab_off(kind: str) -> set[str]:
        data = json.loads((tmp_path / "jupyter" / kind / "labconfig/page_config.json").read_text())
        return {k.split(":")[1] for k, v in data["disabledExtensions"].items() if v}

    assert ext("trainee") == {
        "formgrader": False,
        "course_list": False,
        "assignment_list": True,
        "validate_assignment": True,
    }
    assert lab_off("trainee") == {"formgrader", "create-assignment", "course-list", "announcements"}
    assert ext("supervisor")["course_list"] and not ext("supervisor")["formgrader"]
    assert lab_off("supervisor") == {"formgrader", "create-assignment", "announcements"}
    assert ext("course")["formgrader"] and not ext("course")["assignment_list"]


def test_nbgrader_identity_and_exchange(tmp_path: Path, plan: Plan) -> None:
    written(tmp_path, plan)
    trainee = load(tmp_path / "jupyter/trainee/nbgrader_config.py")
    assert trainee.Exchange.root == str(tmp_path / "exchange")
    assert trainee.Exchange.path_includes_course is True
    assert trainee.Authenticator.plugin_class == "nbgrader.auth.JupyterHubAuthPlugin"
    text = (tmp_path / "jupyter/trainee/nbgrader_config.py").read_text()
    assert "c.CourseDirectory.student_id = os.environ['JUPYTERHUB_USER']" in text
    course = (tmp_path / "jupyter/course/nbgrader_config.py").read_text()
    assert "student_id" not in course and "JupyterHubAuthPlugin" not in course


def test_system_users_keep_nbgrader_s_own_identity(tmp_path: Path, plan: Plan) -> None:
    written(tmp_path, plan, deployment="system-users")
    assert "student_id" not in (tmp_path / "jupyter/trainee/nbgrader_config.py").read_text()
    c = load(tmp_path / "jupyterhub_config.py")
    assert c.JupyterHub.authenticator_class == "jupyterhub.auth.PAMAuthenticator"
    assert [s["user"] for s in c.JupyterHub.services] == [f"grader-{A}", f"grader-{B}"]
    server = json.loads((tmp_path / "jupyter/trainee/jupyter_server_config.json").read_text())
    assert "allow_root" not in server["ServerApp"]


@pytest.mark.parametrize(
    ("policy", "header"), [("same-origin", "frame-ancestors 'self'"), ("own-tab", None)]
)
def test_frame_policy_of_the_course_service(
    tmp_path: Path, plan: Plan, policy: str, header: str | None
) -> None:
    written(tmp_path, plan, frame_policy=policy)
    for kind in ("course", "trainee", "supervisor"):
        cfg = json.loads((tmp_path / "jupyter" / kind / "jupyter_server_config.json").read_text())[
            "ServerApp"
        ]
        got = cfg.get("tornado_settings", {}).get("headers", {}).get("Content-Security-Policy")
        assert got == (header if kind == "course" else None)
