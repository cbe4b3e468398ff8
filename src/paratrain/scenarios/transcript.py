"""Transcript files: every move a trainee makes, saved the moment it is made.

A transcript is a small JSON document next to the notebook (``<scenario-id>.transcript.json``)
rewritten atomically after each event, so a crash leaves the previous complete version. It
records ids, never wording, so edits to a scenario's text keep recorded work valid.

Format (schema_version 2)::

    {"schema_version": 2, "kind": "paratrain-transcript",
     "scenario": {"id": "...", "version": 1, "structure": "sha256:..."},
     "trainee": "amara", "mode": "assessment", "created_at": "...", "updated_at": "...",
     "events": [
       {"seq": 1, "at": "...", "action": "choose", "node": "opening", "choice": "gentle-open",
        "shown": ["cheer-up", "gentle-open", "wait"], "chain": "…"},
       {"seq": 2, "at": "...", "action": "reply", "node": "own-words", "text": "…",
        "chain": "…"},
       {"seq": 3, "action": "back", ...}, {"seq": 4, "action": "restart", ...}]}

* ``trainee`` is who the transcript was made for (nbgrader student id or Jupyter user); the
  choice order shown to them is derived from it and recorded in ``shown``, so grading can
  check the order it replays is the order the trainee saw.
* ``action`` is ``choose``, ``reply`` (a free-text turn), ``back`` or ``restart`` (practice).
* ``chain`` links each event to the one before (a SHA-256 over the previous link and the
  event), so an edit in the middle of the file, or a dropped event, shows. The chain is not a
  secret; see :mod:`paratrain.scenarios.integrity` for what it does and does not protect.

Schema 1 files (no trainee, no ``shown``, no chain) are read and upgraded in memory:
:attr:`Transcript.schema_version` stays 1 so grading can say so.
"""

from __future__ import annotations

import hashlib
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

SCHEMA_VERSION = 2
READABLE = (1, 2)
KIND = "paratrain-transcript"
SUFFIX = ".transcript.json"
ACTIONS = ("choose", "reply", "back", "restart")
MAX_EVENTS = 5000
GENESIS = "0" * 64


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Event:
    seq: int
    at: str
    action: str
    node: str
    choice: str | None = None
    shown: tuple[str, ...] | None = None
    text: str | None = None
    chain: str | None = None

    def body(self) -> dict[str, Any]:
        """The event's fields as written (without the chain link)."""
        out: dict[str, Any] = {
            "seq": self.seq,
            "at": self.at,
            "action": self.action,
            "node": self.node,
        }
        if self.choice is not None:
            out["choice"] = self.choice
        if self.shown is not None:
            out["shown"] = list(self.shown)
        if self.text is not None:
            out["text"] = self.text
        return out


def link(previous: str, head: dict[str, Any], event: Event) -> str:
    """The chain link of ``event``: SHA-256 over the previous link, the transcript's head
    (scenario, trainee, mode) and the event's fields."""
    blob = json.dumps(
        [previous, head, event.body()], sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(blob.encode()).hexdigest()


@dataclass(frozen=True)
class Transcript:
    scenario_id: str
    scenario_version: int
    structure: str
    mode: str
    created_at: str
    updated_at: str
    events: tuple[Event, ...] = ()
    trainee: str | None = None
    schema_version: int = SCHEMA_VERSION

    @classmethod
    def new(cls, scenario: Scenario, trainee: str | None = None) -> Transcript:
        t = now()
        return cls(
            scenario.id,
            scenario.version,
            scenario.structure_hash,
            scenario.mode.value,
            t,
            t,
            trainee=trainee,
        )

    @property
    def head(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario_id,
            "version": self.scenario_version,
            "structure": self.structure,
            "trainee": self.trainee,
            "mode": self.mode,
        }

    def with_event(
        self,
        action: str,
        node: str,
        choice: str | None = None,
        *,
        shown: tuple[str, ...] | None = None,
        text: str | None = None,
        at: str | None = None,
    ) -> Transcript:
        at = at or now()
        event = Event(len(self.events) + 1, at, action, node, choice, shown, text)
        prev = self.events[-1].chain if self.events and self.events[-1].chain else GENESIS
        event = replace(event, chain=link(prev, self.head, event))
        return replace(
            self, events=(*self.events, event), updated_at=at, schema_version=SCHEMA_VERSION
        )

    def broken_link(self) -> int | None:
        """The seq of the first event whose chain link does not match, or None.

        Schema 1 transcripts have no chain and always give None.
        """
        if self.schema_version < 2:
            return None
        prev = GENESIS
        for e in self.events:
            if e.chain != link(prev, self.head, e):
                return e.seq
            prev = e.chain
        return None

    def to_json(self) -> str:
        doc: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "kind": KIND,
            "scenario": {
                "id": self.scenario_id,
                "version": self.scenario_version,
                "structure": self.structure,
            },
            "trainee": self.trainee,
            "mode": self.mode,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "events": [
                {**e.body(), **({"chain": e.chain} if e.chain else {})} for e in self.events
            ],
        }
        return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def transcript_path(folder: str | Path, scenario_id: str) -> Path:
    return Path(folder) / f"{scenario_id}{SUFFIX}"


def save(path: str | Path, transcript: Transcript) -> None:
    """Write the transcript atomically (temporary file, fsync, rename)."""
    atomic_write_text(path, transcript.to_json())


def _str_or_none(raw: dict[str, Any], name: str) -> str | None:
    value = raw.get(name)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"'{name}' must be text")
    return value


def _event(raw: Any, i: int, version: int) -> Event:
    if not isinstance(raw, dict):
        raise ValueError(f"event {i} is not an object")
    action = raw["action"]
    if action not in ACTIONS or raw["seq"] != i or not isinstance(raw["node"], str):
        raise ValueError(f"event {i} is malformed")
    if version == 1 and action == "reply":
        raise ValueError(f"event {i}: schema 1 has no replies")
    shown = raw.get("shown")
    if shown is not None and (
        not isinstance(shown, list) or not all(isinstance(x, str) for x in shown)
    ):
        raise ValueError(f"event {i}: 'shown' must be a list of choice ids")
    choice, text, chain = (
        _str_or_none(raw, "choice"),
        _str_or_none(raw, "text"),
        _str_or_none(raw, "chain"),
    )
    if action == "choose" and choice is None:
        raise ValueError(f"event {i}: a 'choose' event needs 'choice'")
    if action == "reply" and text is None:
        raise ValueError(f"event {i}: a 'reply' event needs 'text'")
    return Event(
        i,
        str(raw["at"]),
        action,
        raw["node"],
        choice,
        tuple(shown) if shown is not None else None,
        text,
        chain,
    )


def parse(text: str, path: str | Path = "<transcript>") -> Transcript:
    """Parse and validate transcript JSON (schema 1 or 2).

    Raises TranscriptError(kind="corrupt") on any malformation, naming what is wrong.
    """

    def bad(msg: str) -> TranscriptError:
        return TranscriptError(
            msg, path=path, kind="corrupt", hint="the file was damaged or edited by hand"
        )

    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise bad(f"not readable JSON ({exc.__class__.__name__}: {exc})") from None
    if not isinstance(doc, dict) or doc.get("kind") != KIND:
        raise bad("not a paratrain transcript")
    version = doc.get("schema_version")
    if version not in READABLE:
        raise bad(
            f"unknown transcript schema_version {version!r} (this paratrain reads "
            f"{', '.join(map(str, READABLE))})"
        )
    try:
        sc = doc["scenario"]
        raw_events = doc["events"]
        if not isinstance(raw_events, list):
            raise ValueError("'events' must be a list")
        if len(raw_events) > MAX_EVENTS:
            raise ValueError(f"more than {MAX_EVENTS} events")
        events = tuple(_event(raw, i, version) for i, raw in enumerate(raw_events, start=1))
        trainee = doc.get("trainee") if version >= 2 else None
        if trainee is not None and not isinstance(trainee, str):
            raise ValueError("'trainee' must be text")
        return Transcript(
            str(sc["id"]),
            int(sc["version"]),
            str(sc["structure"]),
            str(doc["mode"]),
            str(doc["created_at"]),
            str(doc["updated_at"]),
            events,
            trainee,
            int(version),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise bad(f"a required part is missing or has the wrong type ({exc})") from None


def load(path: str | Path) -> Transcript:
    """Read a transcript file. Raises TranscriptError (kind missing or corrupt)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TranscriptError(
            "no transcript was found",
            path=p,
            kind="missing",
            hint="the role-play was not played, or the file was not submitted with the notebook",
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TranscriptError(
            f"cannot read the transcript ({exc})", path=p, kind="corrupt"
        ) from None
    return parse(text, p)


def replay(
    scenario: Scenario,
    transcript: Transcript,
    path: str | Path = "<transcript>",
    *,
    trainee: str | None = None,
) -> State:
    """Rebuild the state from the events, checking each one against the scenario.

    ``trainee`` is who the grader expects the transcript to belong to; when given (and the
    transcript is schema 2), the order of the choices each event says was shown must be the
    order :func:`~paratrain.scenarios.engine.display_order` gives that trainee.

    Raises
    ------
    TranscriptError
        ``kind="mismatch"`` if the transcript belongs to another scenario;
        ``kind="foreign"`` if it was made by or for another trainee;
        ``kind="tampered"`` if an event is impossible (a choice that is not in the scenario,
        a choice at the wrong node, an order that was never shown, stepping back in an
        assessment, a move after the end) or the event chain is broken.
    """
    if transcript.scenario_id != scenario.id:
        raise TranscriptError(
            f"this transcript is for scenario '{transcript.scenario_id}', not '{scenario.id}'",
            path=path,
            kind="mismatch",
        )
    if transcript.mode != scenario.mode.value:
        raise TranscriptError(
            f"this transcript was recorded in {transcript.mode} mode but the scenario is "
            f"{scenario.mode.value}",
            path=path,
            kind="tampered",
        )
    if trainee is not None and transcript.trainee is not None and transcript.trainee != trainee:
        raise TranscriptError(
            f"this transcript was made for trainee '{transcript.trainee}', but it was "
            f"submitted by '{trainee}'",
            path=path,
            kind="foreign",
        )
    who = transcript.trainee if transcript.schema_version >= 2 else None
    chained = transcript.schema_version >= 2
    state = engine.start(scenario)
    prev = GENESIS
    for e in transcript.events:
        if e.node != state.node:
            raise TranscriptError(
                f"event {e.seq} is at node '{e.node}' but the role-play was at "
                f"'{state.node}' (impossible order)",
                path=path,
                kind="tampered",
            )
        if chained:
            if e.chain != link(prev, transcript.head, e):
                raise TranscriptError(
                    f"event {e.seq} does not follow from the events before it (the file was "
                    "edited after it was written)",
                    path=path,
                    kind="tampered",
                )
            prev = e.chain
        try:
            if e.action == "choose":
                if e.shown is not None or who is not None:
                    expected = tuple(c.id for c in engine.display_order(scenario, state, who))
                    if e.shown != expected:
                        raise TranscriptError(
                            f"event {e.seq}: the choices it says were shown are not the ones "
                            f"this trainee was shown at '{e.node}'",
                            path=path,
                            kind="tampered",
                        )
                state = engine.advance(scenario, state, e.choice or "")
            elif e.action == "reply":
                state = engine.reply(scenario, state, e.text or "")
            elif e.action == "back":
                state = engine.step_back(scenario, state)
            else:
                state = engine.restart(scenario, state)
        except ScenarioError as exc:
            raise TranscriptError(
                f"event {e.seq}: {exc.detail}", path=path, kind="tampered"
            ) from None
    return state


def is_assessment(transcript: Transcript) -> bool:
    return transcript.mode == Mode.ASSESSMENT.value
