"""deploy/z2jh: regenerated from its example rosters it is unchanged, it obeys the same access
rules as a local hub, and its Kubernetes objects fit together.

Set PARATRAIN_REGENERATE=1 to rewrite deploy/z2jh/values.yaml and courses.yaml."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from paratrain.cohort.roster import read_roster
from paratrain.hub import rules
from paratrain.hub.plan import Cohort, build_plan
from paratrain.hub.z2jh import Z2JHSettings, plan_from_values, render
from tests.conftest import REPO

DEPLOY = REPO / "deploy" / "z2jh"


def rendered() -> dict[str, str]:
    cohorts = [
        Cohort(p.stem, tuple(read_roster(p))) for p in sorted((DEPLOY / "rosters").glob("*.csv"))
    ]
    return render(build_plan(cohorts), Z2JHSettings())


def test_committed_files_match_the_generator() -> None:
    files = rendered()
    if os.environ.get("PARATRAIN_REGENERATE") == "1":
        for name, text in files.items():
            (DEPLOY / name).write_text(text)
    for name, text in files.items():
        assert (DEPLOY / name).read_text() == text, (
            f"{name} is stale: PARATRAIN_REGENERATE=1 pytest {Path(__file__).name}"
        )


@pytest.fixture(scope="module")
def values() -> dict[str, Any]:
    return dict(yaml.safe_load((DEPLOY / "values.yaml").read_text()))


@pytest.fixture(scope="module")
def objects() -> list[dict[str, Any]]:
    return list(yaml.safe_load_all((DEPLOY / "courses.yaml").read_text()))


def test_values_obey_the_same_rules_as_a_local_hub(values: dict[str, Any]) -> None:
    plan = plan_from_values(values)
    assert plan.services == ("riverbend-a", "riverbend-b")
    assert len(plan.users) == 7
    assert rules.check(plan) == []
    # the check would catch a hand edit that opens a course to everyone
    values["hub"]["loadRoles"]["supervisor-riverbend-a"]["scopes"].append("access:services")
    assert "sam can reach course service riverbend-b" in rules.check(plan_from_values(values))


def test_singleuser_servers_mount_the_exchange_and_role_config(values: dict[str, Any]) -> None:
    su = values["singleuser"]
    assert (
        su["storage"]["extraVolumes"][0]["persistentVolumeClaim"]["claimName"]
        == "nbgrader-exchange"
    )
    assert su["storage"]["extraVolumeMounts"][0]["mountPath"] == "/srv/paratrain/exchange"
    files = su["extraFiles"]
    lab = files["paratrain-trainee-lab"]["data"]["disabledExtensions"]
    assert lab["@jupyter/nbgrader:formgrader"] and lab["@jupyter/nbgrader:create-assignment"]
    assert "JupyterHubAuthPlugin" in files["paratrain-trainee-nbgrader"]["stringData"]
    # pods run as jovyan: nbgrader's own rule gives the student id, no override
    assert "student_id" not in files["paratrain-trainee-nbgrader"]["stringData"]
    hook = values["hub"]["extraConfig"]["paratrain-roles"]
    compile(hook, "extraConfig", "exec")
    assert "/srv/paratrain/jupyter/supervisor" in hook


def test_each_course_service_has_its_pod_volume_and_gradebook(
    values: dict[str, Any], objects: list[dict[str, Any]]
) -> None:
    by_kind: dict[str, dict[str, dict[str, Any]]] = {}
    for o in objects:
        by_kind.setdefault(o["kind"], {})[o["metadata"]["name"]] = o
    assert by_kind["PersistentVolumeClaim"]["nbgrader-exchange"]["spec"]["accessModes"] == [
        "ReadWriteMany"
    ]
    for course, service in values["hub"]["services"].items():
        name = f"course-{course}"
        assert service["url"] == f"http://{name}:8888"
        assert name in by_kind["Service"]
        pod = by_kind["Deployment"][name]["spec"]["template"]["spec"]
        env = {e["name"]: e for e in pod["containers"][0]["env"]}
        assert env["JUPYTERHUB_SERVICE_PREFIX"]["value"] == f"/services/{course}/"
        assert json.loads(env["JUPYTERHUB_OAUTH_ACCESS_SCOPES"]["value"]) == [
            f"access:services!service={course}"
        ]
        assert env["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"] == {
            "name": "hub",
            "key": f"hub.services.{course}.apiToken",
        }
        assert env["PARATRAIN_GRADEBOOK_URL"]["valueFrom"]["secretKeyRef"]["key"] == course
        config = by_kind["ConfigMap"][f"{name}-config"]["data"]
        assert "os.environ['PARATRAIN_GRADEBOOK_URL']" in config["nbgrader_config.py"]
        assert [p.id for p in read_roster_text(config["roster.csv"])] == [
            p.id for p in read_roster(DEPLOY / "rosters" / f"{course}.csv")
        ]
        assert pod["initContainers"][0]["command"][:3] == ["paratrain", "hub", "course-init"]


def read_roster_text(text: str) -> list[Any]:
    from paratrain.cohort.roster import parse_roster

    return parse_roster(text)


def test_the_image_has_what_every_pod_runs() -> None:
    docker = (DEPLOY / "Dockerfile").read_text()
    assert "[hub,postgres]" in docker and "/opt/paratrain" in docker
    assert "USER ${NB_UID}" in docker and "jupyterhub-singleuser" in docker
