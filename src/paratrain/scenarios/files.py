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
    raise ScenarioError(
        f"cannot find the {kind} '{item_id}'",
        path=base,
        hint=f"looked in: {looked}. Ask your trainer; the file may be missing",
    )


def find_key(item_id: str, folder: str | Path, kind: str = "scenario") -> Scenario | Quiz | None:
    """The full item (with its key) for grading in ``folder``; see
    :func:`paratrain.scenarios.keys.grading_key`."""
    return grading_key(item_id, folder, kind)


# --- public projection of assessment items (what trainees receive) ------------------------


def public_scenario_data(scenario: Scenario, *, secret: bytes | None = None) -> dict[str, Any]:
    """What trainees receive; see :func:`paratrain.scenarios.release.public_scenario_data`."""
    from paratrain.scenarios.release import public_scenario_data as public

    return public(scenario, secret=secret)


def public_quiz_data(quiz: Quiz) -> dict[str, Any]:
    """What trainees receive of a graded quiz: no correct answers, no explanations."""
    from paratrain.scenarios.kinds import QUIZ

    return QUIZ.public(quiz, None)


def needs_projection(item: Scenario | Quiz) -> bool:
    return item.mode is Mode.ASSESSMENT
