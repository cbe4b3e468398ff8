"""Transcript files: every choice a trainee makes, saved the moment it is made.

A transcript is a small JSON document next to the notebook (``<scenario-id>.transcript.json``)
rewritten atomically after each event, so a crash leaves the previous complete version. It
records ids, never wording, so edits to a scenario's text keep recorded work valid.

Format (schema_version 1)::

    {"schema_version": 1, "kind": "paratrain-transcript",
     "scenario": {"id": "...", "version": 1, "structure": "sha256:..."},
     "mode": "practice", "created_at": "...", "updated_at": "...",
     "events": [{"seq": 1, "at": "...", "action": "choose", "node": "opening",
                 "choice": "gentle-open"}, {"seq": 2, "action": "back", ...}, ...]}

``action`` is ``choose``, ``back`` (practice only) or ``restart`` (practice only).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from paratrain.atomic import atomic_write_text
from paratrain.errors import ScenarioError, TranscriptError
from paratrain.scenarios import engine
from paratrain.scenarios.engine import State
from paratrain.scenarios.model import Mode, Scenario

SCHEMA_VERSION = 1
KIND = "paratrain-transcript"
SUFFIX = ".transcript.json"
ACTIONS = ("choose", "back", "restart")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Event:
    seq: int
    at: str
    action: str
    node: str
    choice: str | None = None


@dataclass(frozen=True)
class Transcript:
    scenario_id: str
    scenario_version: int
    structure: str
    mode: str
    created_at: str
    updated_at: str
    events: tuple[Event, ...] = ()

    @classmethod
    def new(cls, scenario: Scenario) -> Transcript:
        t = now()
        return cls(scenario.id, scenario.version, scenario.structure_hash, scenario.mode.value,
                   t, t)

    def with_event(self, action: str, node: str, choice: str | None = None) -> Transcript:
        at = now()
        event = Event(len(self.events) + 1, at, action, node, choice)
        return replace(self, events=(*self.events, event), updated_at=at)

    def to_json(self) -> str:
        doc: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "kind": KIND,
            "scenario": {"id": self.scenario_id, "version": self.scenario_version,
                         "structure": self.structure},
            "mode": self.mode,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "events": [
                {k: v for k, v in vars(e).items() if v is not None} for e in self.events
            ],
        }
        return json.dumps(doc, indent=1) + "\n"


def transcript_path(folder: str | Path, scenario_id: str) -> Path:
    return Path(folder) / f"{scenario_id}{SUFFIX}"


def save(path: str | Path, transcript: Transcript) -> None:
    """Write the transcript atomically (temporary file, fsync, rename)."""
    atomic_write_text(path, transcript.to_json())


def parse(text: str, path: str | Path = "<transcript>") -> Transcript:
    """Parse transcript JSON. Raises TranscriptError(kind="corrupt") on any malformation."""
    def bad(msg: str) -> TranscriptError:
        return TranscriptError(msg, path=path, kind="corrupt",
                               hint="the file was damaged or edited by hand")

    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise bad(f"not readable JSON ({exc.__class__.__name__}: {exc})") from None
    if not isinstance(doc, dict) or doc.get("kind") != KIND:
        raise bad("not a paratrain transcript")
    if doc.get("schema_version") != SCHEMA_VERSION:
        raise bad(f"unknown transcript schema_version {doc.get('schema_version')!r}")
    try:
        sc = doc["scenario"]
        events = []
        for i, raw in enumerate(doc["events"], start=1):
            action = raw["action"]
            if action not in ACTIONS or raw["seq"] != i:
                raise bad(f"event {i} is malformed")
            choice = raw.get("choice")
            if not isinstance(raw["node"], str) or (choice is not None
                                                    and not isinstance(choice, str)):
                raise bad(f"event {i} is malformed")
            events.append(Event(i, str(raw["at"]), action, raw["node"], choice))
        return Transcript(str(sc["id"]), int(sc["version"]), str(sc["structure"]),
                          str(doc["mode"]), str(doc["created_at"]), str(doc["updated_at"]),
                          tuple(events))
    except (KeyError, TypeError, ValueError) as exc:
        raise bad(f"a required part is missing or has the wrong type ({exc})") from None


def load(path: str | Path) -> Transcript:
    """Read a transcript file. Raises TranscriptError (kind missing or corrupt)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TranscriptError("no transcript was found", path=p, kind="missing",
                              hint="the role-play was not played, or the file was not "
                              "submitted with the notebook") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TranscriptError(f"cannot read the transcript ({exc})", path=p,
                              kind="corrupt") from None
    return parse(text, p)


def replay(scenario: Scenario, transcript: Transcript, path: str | Path = "<transcript>"
           ) -> State:
    """Rebuild the state from the events, checking each one against the scenario.

    Raises
    ------
    TranscriptError
        ``kind="mismatch"`` if the transcript belongs to another scenario;
        ``kind="tampered"`` if an event is impossible (a choice that is not in the scenario,
        a choice at the wrong node, stepping back in an assessment, a move after the end).
    """
    if transcript.scenario_id != scenario.id:
        raise TranscriptError(
            f"this transcript is for scenario '{transcript.scenario_id}', not '{scenario.id}'",
            path=path, kind="mismatch")
    if transcript.mode != scenario.mode.value:
        raise TranscriptError(
            f"this transcript was recorded in {transcript.mode} mode but the scenario is "
            f"{scenario.mode.value}", path=path, kind="tampered")
    state = engine.start(scenario)
    for e in transcript.events:
        if e.node != state.node:
            raise TranscriptError(
                f"event {e.seq} is at node '{e.node}' but the role-play was at "
                f"'{state.node}' (impossible order)", path=path, kind="tampered")
        try:
            if e.action == "choose":
                state = engine.advance(scenario, state, e.choice or "")
            elif e.action == "back":
                state = engine.step_back(scenario, state)
            else:
                state = engine.restart(scenario, state)
        except ScenarioError as exc:
            raise TranscriptError(f"event {e.seq}: {exc.detail}", path=path,
                                  kind="tampered") from None
    return state


def is_assessment(transcript: Transcript) -> bool:
    return transcript.mode == Mode.ASSESSMENT.value
