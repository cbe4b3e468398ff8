"""The witness: an append-only second record of role-play moves, over real HTTP, and the
check grading makes against it — through the real nbgrader cycle."""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from paratrain.scenarios import transcript as tx
from paratrain.scenarios.loader import load_scenario, parse_scenario
from paratrain.scenarios.session import PlaySession
from paratrain.witness import client as wclient
from paratrain.witness.client import Sender
from paratrain.witness.log import WitnessConflict, WitnessLog, verify
from paratrain.witness.server import Where, make_app
from tests.conftest import BASIC_NODES, MINIREPO, scenario_yaml


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def witness(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A witness service on loopback (one-machine mode) recording into a course folder."""
    course = tmp_path / "course"
    course.mkdir()
    port = _free_port()
    loop = asyncio.new_event_loop()
    started = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        app = make_app(Where(course=course), trust_header=True)
        server = app.listen(port, address="127.0.0.1")
        started.set()
        loop.run_forever()
        server.stop()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait(10)
    yield f"http://127.0.0.1:{port}", course
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


def test_the_record_is_append_only_and_refuses_contradictions(tmp_path: Path) -> None:
    log = WitnessLog(tmp_path / "witness.sqlite")
    assert log.record("amara", "s", "aaa", 1, "aaa")
    assert not log.record("amara", "s", "aaa", 1, "aaa")  # a resend changes nothing
    assert log.record("amara", "s", "aaa", 2, "bbb")
    with pytest.raises(WitnessConflict, match="already recorded differently"):
        log.record("amara", "s", "aaa", 2, "ccc")
    with pytest.raises(WitnessConflict, match="arrived before move 3"):
        log.record("amara", "s", "aaa", 4, "ddd")
    with pytest.raises(WitnessConflict, match="names its stream"):
        log.record("amara", "s", "zzz", 1, "other")
    assert log.streams("amara", "s") == {"aaa": ["aaa", "bbb"]}
    with sqlite3.connect(log.path) as db, pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE event SET chain='x'")


def test_moves_reach_the_witness_and_edits_do_not_match(
    witness: tuple[str, Path], tmp_path: Path
) -> None:
    url, course = witness
    s = parse_scenario(scenario_yaml(BASIC_NODES, mode="assessment"))
    path = tmp_path / "s.transcript.json"
    ses = PlaySession(s, path, trainee="amara", on_saved=Sender(url, course="c", trainee="amara"))
    ses.choose("bad")
    ses.choose("fix")
    log = WitnessLog.of_course(course)
    t = tx.load(path)
    assert verify(log, t, "amara").problem is None
    assert verify(log, t, "ben").problem == "unwitnessed"
    # a transcript rebuilt for a better path, with a correct chain: not what was witnessed
    (tmp_path / "rebuilt").mkdir()
    rebuilt = tmp_path / "rebuilt" / "s.transcript.json"
    PlaySession(s, rebuilt, trainee="amara").choose("adv")
    v = verify(log, tx.load(rebuilt), "amara")
    assert v.problem == "tampered" and "rebuilt or replaced" in v.detail
    # cut short: the witness saw more moves than the transcript holds
    short = tx.Transcript(
        t.scenario_id,
        t.scenario_version,
        t.structure,
        t.mode,
        t.created_at,
        t.updated_at,
        t.events[:1],
        t.trainee,
    )
    assert verify(log, short, "amara").problem == "tampered"


def test_a_witness_that_is_down_costs_nothing_and_gets_the_moves_later(
    tmp_path: Path, witness: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, course = witness
    monkeypatch.setattr(wclient, "BACKOFF", 0.0)
    s = parse_scenario(scenario_yaml(BASIC_NODES, mode="assessment"))
    path = tmp_path / "s.transcript.json"
    down = Sender("http://127.0.0.1:9", course="c", trainee="amara")  # nothing listens
    ses = PlaySession(s, path, trainee="amara", on_saved=down)
    ses.choose("bad")
    assert down.last_error and len(tx.load(path).events) == 1  # saved all the same
    # the witness comes back: a reload sends what was saved meanwhile
    up = Sender(url, course="c", trainee="amara")
    again = PlaySession(s, path, trainee="amara", on_saved=up)
    again.choose("fix")
    assert verify(WitnessLog.of_course(course), tx.load(path), "amara").problem is None


def test_the_service_needs_to_know_who_is_calling(witness: tuple[str, Path]) -> None:
    import urllib.error
    import urllib.request

    url, _course = witness
    req = urllib.request.Request(
        url + "/events",
        method="POST",
        data=json.dumps(
            {"course": "c", "scenario": "s", "stream": "a", "events": [{"seq": 1, "chain": "a"}]}
        ).encode(),
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(req, timeout=5)
    assert info.value.code == 401
    info.value.close()


@pytest.mark.nbgrader
@pytest.mark.slow
def test_a_rebuilt_transcript_scores_0_and_an_unwitnessed_one_is_flagged(tmp_path: Path) -> None:
    """The forgery the event chain alone cannot catch, through the real nbgrader cycle."""
    from paratrain.cohort import lifecycle
    from paratrain.cohort.course import init_course
    from paratrain.supervision.flags import list_flags, raise_flags
    from paratrain.supervision.store import open_store

    a = "t01-first-contact"
    course = init_course(root=tmp_path / "course", course_id="wit", repo=MINIREPO)
    assert lifecycle.release(course, a).ok
    port = _free_port()
    loop = asyncio.new_event_loop()
    started = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        make_app(Where(course=course.root), trust_header=True).listen(port, "127.0.0.1")
        started.set()
        loop.run_forever()

    threading.Thread(target=run, daemon=True).start()
    started.wait(10)
    url = f"http://127.0.0.1:{port}"
    homes = tmp_path / "homes"
    works = {s: lifecycle.fetch_as(course, s, a, homes / s) for s in ("fay", "cy", "dee")}

    def play(student: str, choices: list[str], sender: Sender | None) -> Path:
        ses = PlaySession(
            load_scenario(works[student] / "t01-lin.scenario.yaml"),
            works[student] / "t01-lin.transcript.json",
            trainee=student,
            on_saved=sender,
        )
        for c in choices:
            ses.choose(c)
        return ses.path

    best = ["open", "ask-directly", "involve"]
    play("fay", best, Sender(url, course="wit", trainee="fay"))
    # cy plays poorly (witnessed), then rebuilds the best path with paratrain's own code
    poor = play("cy", ["advice", "avoid"], Sender(url, course="wit", trainee="cy"))
    shutil.move(poor, tmp_path / "cy-poor.json")
    play("cy", best, None)
    # dee plays well, but the witness never hears of it
    play("dee", best, None)
    for s in works:
        lifecycle.submit_as(course, s, a, homes / s)
    assert lifecycle.collect(course, a).ok
    for s in works:
        assert lifecycle.autograde(course, a, s).ok
    loop.call_soon_threadsafe(loop.stop)
    scores = {r["student"]: r["cells"]["score-t01-lin"] for r in lifecycle.scores(course)}
    assert scores == {"fay": 10.0, "cy": 0.0, "dee": 10.0}
    raise_flags(course)
    with open_store(course) as store:
        kinds = {(f.flag.student, f.flag.kind) for f in list_flags(store, course.course_id)}
    assert ("cy", "transcript-tampered") in kinds
    assert ("dee", "transcript-unwitnessed") in kinds
    assert not [k for k in kinds if k[0] == "fay"]
