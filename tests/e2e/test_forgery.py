"""Hostile trainees through the real cycle: release → fetch → submit → collect → autograde.

Each forgery that once gave full marks must now score what was really played (or 0) and raise
a supervisor flag: a key shipped in the submission, a code cell that redefines the grading
helper, a transcript edited to a better path, and a classmate's transcript handed in.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from paratrain.cohort import lifecycle
from paratrain.cohort.course import init_course
from paratrain.scenarios.loader import dump_yaml, load_scenario
from paratrain.scenarios.session import PlaySession
from paratrain.supervision.flags import list_flags, raise_flags
from paratrain.supervision.store import open_store
from tests.conftest import MINIREPO

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

A = "t01-first-contact"
BEST = ["open", "ask-directly", "involve"]  # 6 of 6 -> 10 points
POOR = ["advice", "avoid"]  # 0 of 6 -> 0 points


def play(work: Path, trainee: str, choices: list[str]) -> Path:
    ses = PlaySession(
        load_scenario(work / "t01-lin.scenario.yaml"),
        work / "t01-lin.transcript.json",
        trainee=trainee,
    )
    for c in choices:
        ses.choose(c)
    return ses.path


def ship_own_key(work: Path) -> None:
    """The forgery that worked before: an nbgrader_config.py and a keys/ folder with points
    on the trainee's own (poor) choices, and the released scenario replaced by that key."""
    public = load_scenario(work / "t01-lin.scenario.yaml")
    data = public.model_dump(mode="json", by_alias=True, exclude_none=True)
    for node in data["nodes"]:
        for choice in node.get("choices", []):
            choice["points"] = 5
            choice["feedback"] = "fine"
            choice["evidence"] = {"active-listening": "advanced"}
    forged = dump_yaml(data)
    (work / "nbgrader_config.py").write_text("c = get_config()\n")
    (work / "keys" / A).mkdir(parents=True)
    (work / "keys" / A / "t01-lin.scenario.yaml").write_text(forged)
    (work / "t01-lin.scenario.yaml").write_text(forged)


def redefine_the_helper(work: Path) -> None:
    """An added code cell, just before the score cell, that makes every score full."""
    nb_path = work / f"{A}.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "roleplay_points(" in c.source)
    nb.cells.insert(
        at,
        nbformat.v4.new_code_cell(
            "import paratrain.grading.cells as _c\n"
            "roleplay_points = lambda *a, **k: 10.0\n_c.roleplay_points = roleplay_points"
        ),
    )
    nbformat.write(nb, nb_path)


def edit_to_a_better_path(path: Path) -> None:
    """Change the recorded choices to the best path, by hand, keeping the JSON valid."""
    doc = json.loads(path.read_text())
    for event, choice in zip(doc["events"], BEST, strict=False):
        event["choice"] = choice
    path.write_text(json.dumps(doc, indent=1))


def test_forgeries_score_what_was_played_and_raise_flags(tmp_path: Path) -> None:
    course = init_course(root=tmp_path / "course", course_id="forge", repo=MINIREPO)
    assert lifecycle.release(course, A).ok
    homes = tmp_path / "homes"
    works = {
        s: lifecycle.fetch_as(course, s, A, homes / s)
        for s in ("fay", "ana", "ben", "cy", "eve", "gus")
    }
    fay = play(works["fay"], "fay", BEST)  # honest and strong: the transcript others copy
    play(works["ana"], "ana", POOR)
    ship_own_key(works["ana"])
    play(works["ben"], "ben", POOR)
    redefine_the_helper(works["ben"])
    edit_to_a_better_path(play(works["cy"], "cy", [*POOR[:1], "ask-directly", "secret"]))
    shutil.copy(fay, works["eve"] / "t01-lin.transcript.json")  # a classmate's, as it is
    copied = json.loads(fay.read_text())
    copied["trainee"] = "gus"  # a classmate's, with the name changed
    (works["gus"] / "t01-lin.transcript.json").write_text(json.dumps(copied))
    for s in works:
        lifecycle.submit_as(course, s, A, homes / s)
    assert lifecycle.collect(course, A).ok
    for s in works:
        assert lifecycle.autograde(course, A, s).ok, s

    scores = {r["student"]: r["cells"]["score-t01-lin"] for r in lifecycle.scores(course)}
    assert scores == {"fay": 10.0, "ana": 0.0, "ben": 0.0, "cy": 0.0, "eve": 0.0, "gus": 0.0}
    autograded = (course.root / "autograded" / "eve" / A / f"{A}.ipynb").read_text()
    assert "another trainee" in autograded

    raise_flags(course)
    with open_store(course) as store:
        flags = list_flags(store, course.course_id)
    kinds = {(f.flag.student, f.flag.kind) for f in flags}
    assert {("ana", "unexpected-file"), ("ana", "changed-file")} <= kinds
    assert ("ben", "added-code") in kinds
    assert ("cy", "transcript-tampered") in kinds
    assert ("eve", "transcript-foreign") in kinds
    assert ("gus", "transcript-tampered") in kinds  # the name change breaks the event chain
    assert {("eve", "identical-transcripts"), ("fay", "identical-transcripts")} <= kinds
    foreign = next(f for f in flags if f.flag.kind == "transcript-foreign")
    assert "'fay'" in foreign.flag.reason and "'eve'" in foreign.flag.reason
    assert not [k for k in kinds if k[0] == "fay" and k[1] != "identical-transcripts"]


def test_keys_are_for_the_grading_account_only_and_releases_are_sealed(tmp_path: Path) -> None:
    import stat

    course = init_course(root=tmp_path / "course", course_id="forge", repo=MINIREPO)
    keys = course.root / "keys"
    assert stat.S_IMODE(keys.stat().st_mode) == 0o700
    for p in keys.rglob("*"):
        assert stat.S_IMODE(p.stat().st_mode) == (0o700 if p.is_dir() else 0o600), p
    assert (keys / ".secret").is_file()
    released = (course.source / A / "t01-lin.scenario.yaml").read_text()
    assert "sealed:" in released and "nodes:" not in released
    for meaningful in ("end-linked", "end-missed", "greet", "Sometimes. Not today."):
        assert meaningful not in released
    public = load_scenario(course.source / A / "t01-lin.scenario.yaml")
    assert all(n.id.startswith("n") and len(n.id) == 11 for n in public.nodes)
    assert not public.has_key and {n.end.value for n in public.nodes if n.end} == {"hidden"}
