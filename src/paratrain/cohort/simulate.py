"""Scripted trainees for the demo and tests: they play through the real player and files.

A profile says how a trainee tends to answer. Choices go through
:class:`paratrain.scenarios.session.PlaySession` (exactly what a click does: engine,
transcript, atomic save); quiz answers through
:class:`~paratrain.scenarios.quiz_widget.QuizView`; written answers are typed into the
notebook's answer cells.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import nbformat

from paratrain.atomic import atomic_write_text
from paratrain.scenarios import engine, scoring
from paratrain.scenarios.answers import answers_path
from paratrain.scenarios.files import find
from paratrain.scenarios.kinds import SCENARIO, graded_items
from paratrain.scenarios.loader import load_quiz, load_scenario
from paratrain.scenarios.model import Choice, Quiz, Scenario
from paratrain.scenarios.quiz_widget import QuizView
from paratrain.scenarios.release import course_secret, keyed_projection
from paratrain.scenarios.session import PlaySession
from paratrain.scenarios.transcript import transcript_path


@dataclass(frozen=True)
class Profile:
    """How a scripted trainee behaves.

    Attributes
    ----------
    skill:
        Probability of picking the best-scoring response at each decision (else random).
    harmful:
        If True, takes a potentially harmful response whenever one is offered.
    quiz_accuracy:
        Probability of answering a quiz question correctly.
    writing:
        Index into the answer bank: 0 thorough, 1 partial, 2 thin.
    submits:
        "on-time", "late" or "never".
    """

    name: str
    skill: float
    harmful: bool = False
    quiz_accuracy: float = 0.8
    writing: int = 1
    submits: str = "on-time"


WRITTEN = (
    "In this fictional case I would first check that the person is safe, then listen and "
    "reflect what I heard in their own words. I would ask directly about suicide if there "
    "were warning signs, explain honestly who else would need to know and why, involve my "
    "supervisor right away, and agree on a clear next step and follow-up with the person.",
    "I would listen to the person and try to calm things down. I would tell my supervisor "
    "and give them the number for a service that can help.",
    "I would tell them it will be ok and give advice.",
)


def _best_next(key: Scenario, state: engine.State) -> Choice:
    """The offered choice that starts a highest-scoring way to an ending."""
    path = scoring.best_path(key, state=state)
    return engine.current(key, state).choice_by_id[path[0]]


def play_scenario(
    key: Scenario,
    public: Scenario,
    folder: Path,
    profile: Profile,
    rng: random.Random,
    *,
    trainee: str | None = None,
) -> Path:
    """Play ``public`` in ``folder`` as ``trainee`` sees it (the options in their shuffled
    order, saved through a :class:`~paratrain.scenarios.session.PlaySession` exactly as the
    player's buttons do), choosing with ``key``."""
    session = PlaySession(public, transcript_path(folder, public.id), trainee=trainee)
    for _ in range(200):
        state = session.state
        if engine.is_finished(public, state):
            break
        if session.node.is_reply:
            session.reply(WRITTEN[min(profile.writing, len(WRITTEN) - 1)])
            continue
        shown = {c.id for c in session.offered()}
        offered = [c for c in engine.available_choices(key, state) if c.id in shown]
        harmful = [c for c in offered if c.is_harmful]
        if profile.harmful and harmful:
            pick = harmful[0]
        elif rng.random() < profile.skill:
            pick = _best_next(key, state)
        else:
            pick = rng.choice(offered)
        session.choose(pick.id)
    return session.path


def answer_quiz(
    key: Quiz, public: Quiz, folder: Path, profile: Profile, rng: random.Random
) -> Path:
    view = QuizView(public, answers_path(folder, public.id))
    for q in key.questions:
        if rng.random() < profile.quiz_accuracy:
            pick = tuple(sorted(q.correct_ids))
        else:
            wrong = [o.id for o in q.options if o.id not in q.correct_ids] or [q.options[0].id]
            pick = (rng.choice(wrong),)
        view.select(q.id, pick)
    return view.path


def write_answers(notebook: Path, profile: Profile) -> int:
    """Type an answer into every written-answer cell of an nbgrader notebook."""
    nb = nbformat.read(notebook, as_version=4)
    n = 0
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "markdown" and meta.get("solution") and meta.get("grade"):
            cell.source = WRITTEN[min(profile.writing, len(WRITTEN) - 1)]
            n += 1
    atomic_write_text(notebook, nbformat.writes(nb))
    return n


def do_assignment(
    folder: Path, keys: Path, profile: Profile, rng: random.Random, *, trainee: str | None = None
) -> None:
    """Complete every graded item of a fetched assignment folder as ``trainee`` (by default
    the name of the home folder it was fetched into: ``<home>/<course>/<assignment>``)."""
    who = trainee or folder.parents[1].name
    for nb_path in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        for g in graded_items(nb.cells):
            key_path = keys / g.kind.file_name(g.item_id)
            public_path = find(g.item_id, folder, g.kind.name)
            if g.kind is SCENARIO:
                public = load_scenario(public_path)
                key = load_scenario(key_path)
                secret = course_secret(keys.parent)
                if secret is not None and public.start not in key.node_by_id:
                    key = keyed_projection(key, secret)  # the release's node ids
                play_scenario(key, public, folder, profile, rng, trainee=who)
            else:
                answer_quiz(load_quiz(key_path), load_quiz(public_path), folder, profile, rng)
        write_answers(nb_path, profile)
