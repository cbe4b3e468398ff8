"""Where scenario, quiz and key files are found, and the public projection of an assessment.

Lookup for playing (``find``): next to the notebook, then in ``scenarios/`` beside it.

Lookup for grading (``find_key``), first hit wins:
1. the file found for playing, if it still carries its key (practice material, or an
   nbgrader *source* folder);
2. ``$PARATRAIN_KEYS/<assignment>/`` then ``$PARATRAIN_KEYS/``;
3. the course's ``keys/<assignment>/`` folder, found by walking up from the notebook folder to
   the course root (the folder holding ``nbgrader_config.py`` and ``keys/``). nbgrader
   autogrades in ``<course>/autograded/<student>/<assignment>/``, so this is two levels up.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from paratrain.errors import ScenarioError
from paratrain.scenarios.loader import QUIZ_SUFFIX, SCENARIO_SUFFIX, load_quiz, load_scenario
from paratrain.scenarios.model import Mode, Quiz, Scenario

KEYS_ENV = "PARATRAIN_KEYS"
KEYS_DIR = "keys"


def suffix_for(kind: str) -> str:
    return QUIZ_SUFFIX if kind == "quiz" else SCENARIO_SUFFIX


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


def _load(path: Path, kind: str) -> Scenario | Quiz:
    return load_quiz(path) if kind == "quiz" else load_scenario(path)


def course_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding nbgrader_config.py and keys/."""
    for folder in (start, *start.parents):
        if (folder / "nbgrader_config.py").is_file() and (folder / KEYS_DIR).is_dir():
            return folder
    return None


def key_candidates(item_id: str, folder: Path, kind: str) -> list[Path]:
    name = item_id + suffix_for(kind)
    assignment = folder.name
    out = []
    env = os.environ.get(KEYS_ENV)
    if env:
        out += [Path(env) / assignment / name, Path(env) / name]
    root = course_root(folder)
    if root is not None:
        out.append(root / KEYS_DIR / assignment / name)
        out += sorted((root / KEYS_DIR).glob(f"*/{name}"))
    return out


def find_key(item_id: str, folder: str | Path, kind: str = "scenario") -> Scenario | Quiz | None:
    """The full item (with its key) for grading, or None if no key can be found."""
    base = Path(folder)
    for p in candidates(item_id, base, kind):
        if p.is_file():
            item = _load(p, kind)
            if item.has_key:
                return item
            break
    for p in key_candidates(item_id, base, kind):
        if p.is_file():
            return _load(p, kind)
    return None


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
