"""The kinds of graded item — role-play scenarios and quizzes — in one registry.

Everything that differs between the two lives here once: the file suffix, how the file is
loaded, what trainees receive of it (the public projection), the file the trainee's work is
saved in, and the grading helper a notebook calls. Code that handles "a scenario or a quiz"
looks the kind up instead of testing suffixes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paratrain.scenarios.loader import QUIZ_SUFFIX, SCENARIO_SUFFIX, load_quiz, load_scenario
from paratrain.scenarios.model import Quiz, Scenario

Item = Scenario | Quiz


def _public_scenario(item: Item, secret: bytes | None) -> dict[str, Any]:
    from paratrain.scenarios.release import public_scenario_data

    assert isinstance(item, Scenario)
    return public_scenario_data(item, secret=secret)


def _public_quiz(item: Item, _secret: bytes | None) -> dict[str, Any]:
    assert isinstance(item, Quiz)
    data = item.model_dump(mode="json", by_alias=True, exclude_none=True)
    data.pop("notes", None)
    for q in data["questions"]:
        q.pop("explanation", None)
        for o in q["options"]:
            o.pop("correct", None)
    return data


@dataclass(frozen=True)
class ItemKind:
    name: str  # "scenario" | "quiz"
    suffix: str  # of the item's file
    saved_suffix: str  # of the file the trainee's work is saved in, beside the notebook
    grade_call: str  # the nbgrader test-cell helper in paratrain.notebook
    load: Callable[[Path], Item]
    public: Callable[[Item, bytes | None], dict[str, Any]]  # what trainees receive

    def file_name(self, item_id: str) -> str:
        return item_id + self.suffix

    def saved_name(self, item_id: str) -> str:
        return item_id + self.saved_suffix


SCENARIO = ItemKind(
    "scenario",
    SCENARIO_SUFFIX,
    ".transcript.json",
    "roleplay_points",
    load_scenario,
    _public_scenario,
)
QUIZ = ItemKind("quiz", QUIZ_SUFFIX, ".answers.json", "quiz_points", load_quiz, _public_quiz)
KINDS: dict[str, ItemKind] = {k.name: k for k in (SCENARIO, QUIZ)}


def kind(name: str) -> ItemKind:
    """The kind called ``name`` ("scenario" or "quiz")."""
    return KINDS[name]


def kind_of(path: str | Path) -> ItemKind | None:
    """The kind of an item file, by its suffix (None for any other file)."""
    name = Path(path).name
    return next((k for k in KINDS.values() if name.endswith(k.suffix)), None)


def kind_of_call(call: str) -> ItemKind | None:
    """The kind a grading helper (``roleplay_points`` / ``quiz_points``) grades."""
    return next((k for k in KINDS.values() if k.grade_call == call), None)


def item_files(folder: str | Path, *, recursive: bool = False) -> Iterator[Path]:
    """Every scenario and quiz file in ``folder`` (sorted by path)."""
    base = Path(folder)
    found: list[Path] = []
    for k in KINDS.values():
        found += base.rglob(f"*{k.suffix}") if recursive else base.glob(f"*{k.suffix}")
    yield from sorted(found)


def load_item(path: str | Path) -> Item:
    """Load a scenario or quiz file by its suffix.

    Raises
    ------
    ValueError
        If the file is neither.
    """
    k = kind_of(path)
    if k is None:
        raise ValueError(f"{path} is neither a scenario nor a quiz file")
    return k.load(Path(path))


@dataclass(frozen=True)
class GradedItem:
    """A graded role-play or quiz cell of a notebook."""

    kind: ItemKind
    item_id: str
    points: float
    grade_id: str


CALL = re.compile(
    r'^\s*(roleplay_points|quiz_points)\(\s*"([a-z0-9][a-z0-9-]*)"\s*,\s*'
    r"points\s*=\s*([0-9.]+)\s*\)\s*$",
    re.M,
)


def parse_call(source: str) -> tuple[ItemKind, str, float] | None:
    """The graded item a test cell's source calls (``roleplay_points("id", points=10)``)."""
    m = CALL.search(source)
    k = kind_of_call(m.group(1)) if m else None
    return (k, m.group(2), float(m.group(3))) if m and k else None


def _source(cell: Mapping[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def graded_items(cells: Iterable[Mapping[str, Any]]) -> list[GradedItem]:
    """Every graded item of a notebook, from the cell metadata the builder writes
    (``paratrain.item``); notebooks built before it are read from the cell's call."""
    out = []
    for cell in cells:
        meta = cell.get("metadata", {})
        grade_id = str(meta.get("nbgrader", {}).get("grade_id", ""))
        item = meta.get("paratrain", {}).get("item")
        if isinstance(item, dict) and item.get("kind") in KINDS:
            out.append(
                GradedItem(
                    KINDS[item["kind"]], str(item["id"]), float(item.get("points", 0)), grade_id
                )
            )
        elif cell.get("cell_type") == "code" and (call := parse_call(_source(cell))):
            out.append(GradedItem(call[0], call[1], call[2], grade_id))
    return out


def item_metadata(k: ItemKind, item_id: str, points: float) -> dict[str, Any]:
    """What the builder puts on a graded cell (``metadata.paratrain``)."""
    return {"item": {"kind": k.name, "id": item_id, "points": points}}
