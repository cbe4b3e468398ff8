"""The released copy of an assessment role-play: no key, opaque node ids, a sealed graph.

A trainee receives the scenario file with the assessment. Without care it gives outcomes
away: ending ids such as ``end-good``, and the text of every later moment, so a trainee can
read ahead to the ending where the person thanks them. The released copy therefore

* has no key (feedback, evidence, points, debriefs, notes, reply notes and model answers),
  and endings are marked only as endings (``end: hidden``);
* names nodes by opaque ids, ``n`` + an HMAC of the authored id under the course's secret
  (``keys/.secret``, readable only by the grading account), so neither the file, the
  transcript on the trainee's disk nor the page says which moment is which; grading maps them
  back with the same secret;
* keeps the conversation (nodes, variables, routes) *sealed*: compressed and masked, so
  opening the file in an editor shows no lines ahead.

What this does not do: the sealing is obfuscation, not encryption — the player must be able
to read the file, so a trainee who reads paratrain's source can unseal it and see the lines
ahead (never the key: points and feedback are not in the file at all). Choice ids stay as
authored inside the sealed graph; transcripts record them only for choices actually made.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import Any

from paratrain.scenarios.model import Scenario
from paratrain.scenarios.seal import seal

SECRET_FILE = ".secret"
_KEY_FIELDS_SCENARIO = ("notes", "competencies")
_KEY_FIELDS_NODE = ("debrief",)
_KEY_FIELDS_CHOICE = ("feedback", "evidence", "points")
_KEY_FIELDS_REPLY = ("feedback", "model_answer")


# --- the course secret ----------------------------------------------------------------------


def course_secret(keys_dir: str | Path, *, create: bool = False) -> bytes | None:
    """The course's secret (``keys/.secret``); made, readable by its owner only, on request."""
    path = Path(keys_dir) / SECRET_FILE
    if path.is_file():
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    if not create:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(secrets.token_hex(32) + "\n")
    return course_secret(keys_dir)


# --- opaque ids -----------------------------------------------------------------------------


def opaque_ids(scenario: Scenario, secret: bytes) -> dict[str, str]:
    """Authored node id -> opaque id (stable for a course and scenario)."""
    out = {}
    for n in scenario.nodes:
        mac = hmac.new(secret, f"{scenario.id}\x00{n.id}".encode(), hashlib.sha256)
        out[n.id] = "n" + mac.hexdigest()[:10]
    return out


def _rename_next(nxt: Any, names: dict[str, str]) -> Any:
    if isinstance(nxt, str):
        return names.get(nxt, nxt)
    if isinstance(nxt, list):
        return [{**r, "to": names.get(r["to"], r["to"])} for r in nxt]
    return nxt


def renamed_data(scenario: Scenario, names: dict[str, str]) -> dict[str, Any]:
    """The scenario as data with node ids (and every link to them) renamed."""
    data = scenario.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["start"] = names.get(data["start"], data["start"])
    for node in data["nodes"]:
        node["id"] = names[node["id"]]
        if "next" in node:
            node["next"] = _rename_next(node["next"], names)
        for choice in node.get("choices", []):
            choice["next"] = _rename_next(choice["next"], names)
    return data


_HASHES: dict[tuple[str, str, bytes], str] = {}


def released_hash(key: Scenario, secret: bytes) -> str:
    """The structure hash the released copy has (the one its transcripts record)."""
    k = (key.id, key.structure_hash, secret)
    if k not in _HASHES:
        _HASHES[k] = Scenario.model_validate(
            public_scenario_data(key, secret=secret)
        ).structure_hash
    return _HASHES[k]


_PROJECTIONS: dict[int, tuple[Scenario, bytes, Scenario]] = {}


def keyed_projection(key: Scenario, secret: bytes) -> Scenario:
    """The key with the released copy's node ids: what grading replays a transcript on.

    Kept per key object (keys are frozen, and :func:`paratrain.scenarios.keys.load_item`
    hands out the same object until the file changes), so a cohort's transcripts of one
    scenario are replayed on one projection instead of building it for each."""
    hit = _PROJECTIONS.get(id(key))
    if hit is not None and hit[0] is key and hit[1] == secret:
        return hit[2]
    projected = Scenario.model_validate(renamed_data(key, opaque_ids(key, secret)))
    if len(_PROJECTIONS) >= 256:  # a long-lived process that loads many edited keys
        _PROJECTIONS.clear()
    _PROJECTIONS[id(key)] = (key, secret, projected)
    return projected


# --- the public copy ------------------------------------------------------------------------


def _strip_key(data: dict[str, Any]) -> dict[str, Any]:
    for f in _KEY_FIELDS_SCENARIO:
        data.pop(f, None)
    for node in data["nodes"]:
        for f in _KEY_FIELDS_NODE:
            node.pop(f, None)
        for v in node.get("variants", []):
            v.pop("debrief", None)
        if "end" in node:
            node["end"] = "hidden"
        for key in ("choices", "variants"):
            if not node.get(key):
                node.pop(key, None)
        for choice in node.get("choices", []):
            for f in _KEY_FIELDS_CHOICE:
                choice.pop(f, None)
            for f in ("set", "add"):
                if not choice.get(f):
                    choice.pop(f, None)
        reply = node.get("reply")
        if reply:
            for f in _KEY_FIELDS_REPLY:
                reply.pop(f, None)
            for criterion in reply.get("rubric", []):
                criterion.pop("note", None)
    for f in ("variables", "services"):
        if not data.get(f):
            data.pop(f, None)
    return data


def public_scenario_data(scenario: Scenario, *, secret: bytes | None = None) -> dict[str, Any]:
    """What trainees receive. Without ``secret``: the scenario without its key (authored
    ids, plain graph; for tests and tools). With the course secret: also opaque node ids and
    a sealed graph."""
    if secret is None:
        return _strip_key(scenario.model_dump(mode="json", by_alias=True, exclude_none=True))
    data = _strip_key(renamed_data(scenario, opaque_ids(scenario, secret)))
    graph = {k: data.pop(k) for k in ("nodes", "variables") if k in data}
    data["sealed"] = seal(graph)
    return data


def authored(scenario: Scenario, secret: bytes) -> dict[str, str]:
    """Opaque node id -> authored id."""
    return {v: k for k, v in opaque_ids(scenario, secret).items()}


def leaks(key: Scenario, released_text: str) -> list[str]:
    """What a released file gives away of ``key``: a plain (unsealed) graph, an authored
    start id, or an authored id that is a name rather than a word (``end-good``,
    ``asks-directly``) anywhere in its text. Plain words that are also node ids
    (``registration``) may appear in the persona card's prose."""
    import re

    import yaml

    out = []
    try:
        data = yaml.safe_load(released_text)
    except yaml.YAMLError:
        return ["the released file is not readable YAML"]
    if not isinstance(data, dict) or "nodes" in data or "sealed" not in data:
        out.append("the conversation graph is not sealed")
    ids = {n.id for n in key.nodes}
    if isinstance(data, dict) and data.get("start") in ids:
        out.append(f"the authored start id '{data['start']}'")
    for n in key.nodes:
        if "-" in n.id and re.search(rf"(?<![\w-]){re.escape(n.id)}(?![\w-])", released_text):
            out.append(f"the authored node id '{n.id}'")
    return out
