"""Two cohorts on a real JupyterHub (127.0.0.1): trainees work, supervisors grade through the
course service, and the hub refuses what the access rules refuse."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
import requests

from paratrain.hub import rules
from paratrain.hub.links import PullLink, pull_api_url
from paratrain.scenarios.loader import load_scenario
from paratrain.scenarios.widget import Player
from tests.hub.builders import SUPERVISORS, TRAINEES, A, B
from tests.hub.realhub import ASSIGNMENT, Hub, Person

pytestmark = [pytest.mark.hub, pytest.mark.slow]


def test_log_in_needs_the_right_password(hub: Hub) -> None:
    assert not Person(hub, "ana", password="not-her-password").logged_in
    assert not Person(hub, "mallory", password="anything").logged_in
    assert hub.person("ana").logged_in


def test_trainee_fetches_plays_submits_and_gets_feedback(
    hub: Hub, servers: dict[str, float]
) -> None:
    ana, sue = hub.person("ana"), hub.person("sue")
    listed = ana.request("GET", "/user/ana/assignments", params={"course_id": A}).json()
    assert [a["assignment_id"] for a in listed["value"]] == [ASSIGNMENT]
    ana.nbgrader("fetch", A)
    work = hub.root / "homes" / "ana" / A / ASSIGNMENT
    # the role-play, through the engine exactly as the player's buttons do
    player = Player(
        load_scenario(work / "t01-lin.scenario.yaml"),
        work / "t01-lin.transcript.json",
        trainee="ana",
    )
    for choice in ("open", "ask-directly", "involve"):
        player.choose(choice)
    ana.nbgrader("submit", A)

    api = f"/services/{A}/formgrader/api"
    collect = sue.request("POST", f"{api}/assignment/{ASSIGNMENT}/collect").json()
    assert collect["success"], collect
    graded = sue.request("POST", f"{api}/submission/{ASSIGNMENT}/ana/autograde").json()
    assert graded["success"], graded
    subs = sue.request("GET", f"{api}/submissions/{ASSIGNMENT}").json()
    ana_sub = next(s for s in subs if s["student"] == "ana")
    assert ana_sub["code_score"] == 10.0  # role-play 10/10, quiz unanswered
    for step in ("generate_feedback", "release_feedback"):
        out = sue.request("POST", f"{api}/assignment/{ASSIGNMENT}/{step}").json()
        assert out["success"], out

    ana.nbgrader("fetch_feedback", A)
    html = next((work / "feedback").rglob(f"{ASSIGNMENT}.html")).read_text()
    assert "Are you thinking about suicide?" in html and "10 of 10 points" in html
    # nbgrader saw the hub user, not the OS account the demo servers share
    assert (hub.root / "courses" / A / "submitted" / "ana" / ASSIGNMENT).is_dir()


def test_each_trainee_sees_only_their_own_cohort(hub: Hub, servers: dict[str, float]) -> None:
    cy = hub.person("cy")
    courses = cy.request("GET", "/user/cy/courses").json()
    assert courses == {"success": True, "value": [B]}
    other = cy.request(
        "POST", "/user/cy/assignments/fetch", data={"course_id": A, "assignment_id": ASSIGNMENT}
    ).json()
    assert not (hub.root / "homes" / "cy" / A).exists(), other
    # no grading tools in a trainee's server: neither the formgrader nor the course list
    for path in ("/user/cy/formgrader/api/status", "/user/cy/formgraders"):
        assert cy.request("GET", path).status_code == 404, path


def test_the_hub_enforces_what_the_rules_predict(hub: Hub, servers: dict[str, float]) -> None:
    plan = hub.demo.folder.plan
    assert rules.check(plan) == []
    seen: dict[tuple[str, str], int] = {}
    for user in (*TRAINEES, *SUPERVISORS):
        person = hub.person(user)
        grants = rules.grants_of(plan, user)
        for owner in TRAINEES:
            status = person.request("GET", f"/user/{owner}/api/status").status_code
            allowed = rules.allows(plan, grants, "access:servers", "server", f"{owner}/")
            assert status == (200 if allowed else 403), (user, owner, status)
            seen[(user, owner)] = status
        for course in (A, B):
            status = person.request("GET", f"/services/{course}/api/status").status_code
            allowed = rules.allows(plan, grants, "access:services", "service", course)
            assert status == (200 if allowed else 403), (user, course, status)
            seen[(user, course)] = status
    # the cases, spelled out
    assert seen[("ana", A)] == 403  # a trainee on the formgrader service
    assert seen[("ana", "ben")] == 403  # on another trainee's server
    assert seen[("cy", A)] == 403 and seen[("ana", B)] == 403  # on another cohort's course
    assert seen[("sue", B)] == 403 and seen[("tom", A)] == 403  # supervisor A on cohort B
    assert seen[("sue", "ana")] == 200 and seen[("sue", "cy")] == 403
    assert (
        hub.person("ana").request("GET", f"/services/{A}/formgrader/api/status").status_code == 403
    )


def test_nbgitpuller_brings_curriculum_updates(
    hub: Hub, servers: dict[str, float], tmp_path: Path
) -> None:
    origin = tmp_path / "curriculum"
    origin.mkdir()
    (origin / "welcome.md").write_text("Welcome to the cohort.\n")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(origin)]
    for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "one"]):
        subprocess.run([*git, *args], check=True, timeout=30)
    link = PullLink(f"file://{origin}", target="curriculum")
    ana = hub.person("ana")
    local = hub.root / "homes" / "ana" / "curriculum"

    def pull() -> str:
        with requests.get(
            pull_api_url(f"{hub.url}/user/ana", link), headers=ana.headers, stream=True, timeout=60
        ) as resp:
            assert resp.status_code == 200
            text = ""
            deadline = time.monotonic() + 60
            for line in resp.iter_lines(decode_unicode=True):
                text += (line or "") + "\n"
                if '"phase": "finished"' in (line or "") or time.monotonic() > deadline:
                    break
        return text

    assert '"phase": "finished"' in pull()
    assert (local / "welcome.md").read_text() == "Welcome to the cohort.\n"
    (origin / "module-2.md").write_text("New material.\n")
    for args in (["add", "."], ["commit", "-q", "-m", "two"]):
        subprocess.run([*git, *args], check=True, timeout=30)
    (local / "welcome.md").write_text("My own notes.\n")  # the trainee's edit survives
    assert '"phase": "finished"' in pull()
    assert (local / "module-2.md").exists()
    assert (local / "welcome.md").read_text() == "My own notes.\n"


def test_a_supervisor_s_course_list_shows_only_their_course(
    hub: Hub, servers: dict[str, float]
) -> None:
    listed = hub.person("sue").request("GET", "/user/sue/formgraders").json()
    assert listed["success"], listed
    assert [(c["course_id"], c["kind"]) for c in listed["value"]] == [(A, "jupyterhub")]
    assert listed["value"][0]["url"].endswith(f"/services/{A}/lab?formgrader=true")


def _log_in(page: object, hub: Hub, name: str, next_path: str) -> None:
    page.goto(f"{hub.url}/hub/login?next={next_path}")  # type: ignore[attr-defined]
    page.fill("#username_input", name)  # type: ignore[attr-defined]
    page.fill("#password_input", hub.demo.folder.passwords[name])  # type: ignore[attr-defined]
    page.click("#login_submit")  # type: ignore[attr-defined]


@pytest.mark.browser
def test_in_a_browser_trainee_sees_assignments_supervisor_grades(
    hub: Hub, servers: dict[str, float]
) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.lab import CHROMIUM, CHROMIUM_ARGS, require_chromium, screenshot_path

    require_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # a trainee: JupyterLab with the assignment list and no grading tools
            page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            page.set_default_timeout(90_000)
            _log_in(page, hub, "ben", "/user/ben/lab")
            page.wait_for_url("**/user/ben/lab**")
            page.get_by_role("menuitem", name="Nbgrader", exact=True).click()
            items = page.locator(".lm-Menu-content .lm-Menu-itemLabel").all_inner_texts()
            assert "Assignment List" in items, items
            assert not {"Formgrader", "Course List", "Create assignment"} & set(items), items
            page.get_by_role("menuitem", name="Assignment List").click()
            page.wait_for_selector(f"text={ASSIGNMENT}")
            assert page.locator("text=Create Assignment").count() == 0
            page.screenshot(path=screenshot_path("hub-trainee-assignments.png"))

            # a supervisor: the formgrader of their course service, in its own tab ...
            page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            page.set_default_timeout(90_000)
            _log_in(page, hub, "tom", f"/services/{B}/formgrader")
            page.wait_for_url(f"**/services/{B}/formgrader**")
            page.wait_for_selector("text=Manage Assignments")
            page.wait_for_selector(f"text={ASSIGNMENT}")
            page.screenshot(path=screenshot_path("hub-supervisor-formgrader.png"))
            # ... and inside the service's JupyterLab (frame-ancestors 'self' on the service)
            page.goto(f"{hub.url}/services/{B}/lab?formgrader=true")
            frame = page.frame_locator("iframe").first
            frame.locator("text=Manage Assignments").first.wait_for()
            frame.locator(f"text={ASSIGNMENT}").first.wait_for()
            page.screenshot(path=screenshot_path("hub-supervisor-formgrader-in-lab.png"))
        finally:
            browser.close()


def test_the_course_witness_records_moves_under_the_token_s_owner(
    hub: Hub, servers: dict[str, float]
) -> None:
    """Each course service keeps a second record of role-play moves; the hub says who sent
    them (the player's own JupyterHub API token), whatever the request claims."""
    import sqlite3

    from paratrain.hub.render import witness_url
    from paratrain.scenarios.session import PlaySession
    from paratrain.witness.client import Sender
    from paratrain.witness.log import WitnessLog

    ben, sue = hub.person("ben"), hub.person("sue")
    url = witness_url(hub.demo.folder.settings)
    ben.nbgrader("fetch", A)
    work = hub.root / "homes" / "ben" / A / ASSIGNMENT
    token = ben.headers["Authorization"].removeprefix("token ")
    sender = Sender(url, course=A, token=token, trainee="sue")  # the header is ignored
    ses = PlaySession(
        load_scenario(work / "t01-lin.scenario.yaml"),
        work / "t01-lin.transcript.json",
        trainee="ben",
        on_saved=sender,
    )
    for choice in ("open", "ask-directly"):
        ses.choose(choice)
    assert not sender.last_error, sender.last_error
    record = WitnessLog.of_course(hub.root / "courses" / A)
    assert list(record.streams("ben", "t01-lin").values()) == [
        [e.chain for e in ses.transcript.events]
    ]
    assert record.streams("sue", "t01-lin") == {}
    with sqlite3.connect(record.path) as db:
        assert {r[0] for r in db.execute("SELECT trainee FROM event")} == {"ben"}
    # no token: refused; another person's token: recorded as that person, not as ben
    post = f"/services/{A}/paratrain/witness/events"
    body = {"course": A, "scenario": "t01-lin", "stream": "x", "events": [{"seq": 1, "chain": "x"}]}
    assert requests.post(hub.url + post, json=body, timeout=10).status_code == 401
    assert sue.request("POST", post, json=body).status_code == 200
    assert record.streams("sue", "t01-lin") == {"x": ["x"]}
