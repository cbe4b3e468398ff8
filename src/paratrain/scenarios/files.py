"""Where scenario and quiz files are found, and the public projection of an assessment.

Lookup for playing (``find``): next to the notebook, then in ``scenarios/`` beside it.
Lookup for grading: :mod:`paratrain.scenarios.keys` (keys come only from the configured
course, never from a submission).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from paratrain.errors import ScenarioError
from paratrain.scenarios.keys import grading_key, suffix_for
from paratrain.scenarios.model import Mode, Quiz, Scenario

KEYS_DIR = "keys"


def candidates(item_id: str, folder: Path, kind: str) -> list[Path]:
    name = item_id + suffix_for(kind)
    return [folder / name, folder / "scenarios" / name]


def find(item_id: str, folder: str | Path, kind: str = "scenario") -> Path:
    """The file to play, or ScenarioError naming where it looked."""
    base = Path(folder)
    for p in candidates(item_id, base, kind):
        if p.is_file():
            return p
    looked = ", ".join(str(p) for p in candidates(item_id, base, kind))
    raise ScenarioError(f"cannot find the {kind} '{item_id}'", path=base,
                        hint=f"looked in: {looked}. Ask your trainer; the file may be missing")


def find_key(item_id: str, folder: str | Path, kind: str = "scenario") -> Scenario | Quiz | None:
    """The full item (with its key) for grading in ``folder``; see
    :func:`paratrain.scenarios.keys.grading_key`."""
    return grading_key(item_id, folder, kind)


# --- public projection of assessment items (what trainees receive) ------------------------

_SCENARIO_KEY_FIELDS = ("notes",)
_NODE_KEY_FIELDS = ("debrief",)
_CHOICE_KEY_FIELDS = ("feedback", "evidence", "points")
_REPLY_KEY_FIELDS = ("feedback", "model_answer")


def public_scenario_data(scenario: Scenario) -> dict[str, Any]:
    """The scenario without its key: no feedback, evidence, points, debriefs or notes, and
    endings marked only as endings (``end: hidden``) so outcomes are not given away."""
    data = scenario.model_dump(mode="json", by_alias=True, exclude_none=True)
    for f in _SCENARIO_KEY_FIELDS:
        data.pop(f, None)
    data.pop("competencies", None)
    for node in data["nodes"]:
        for f in _NODE_KEY_FIELDS:
            node.pop(f, None)
        if "end" in node:
            node["end"] = "hidden"
        if not node.get("choices"):
            node.pop("choices", None)
        for choice in node.get("choices", []):
            for f in _CHOICE_KEY_FIELDS:
                choice.pop(f, None)
            for f in ("set", "add"):
                if not choice.get(f):
                    choice.pop(f, None)
        if not node.get("variants"):
            node.pop("variants", None)
        reply = node.get("reply")
        if reply:
            for f in _REPLY_KEY_FIELDS:
                reply.pop(f, None)
            for criterion in reply.get("rubric", []):
                criterion.pop("note", None)
    if not data.get("variables"):
        data.pop("variables", None)
    if not data.get("services"):
        data.pop("services", None)
    return data


def public_quiz_data(quiz: Quiz) -> dict[str, Any]:
    data = quiz.model_dump(mode="json", by_alias=True, exclude_none=True)
    data.pop("notes", None)
    for q in data["questions"]:
        q.pop("explanation", None)
        for o in q["options"]:
            o.pop("correct", None)
    return data


def needs_projection(item: Scenario | Quiz) -> bool:
    return item.mode is Mode.ASSESSMENT
