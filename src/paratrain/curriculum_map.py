"""Which lessons and role-plays teach and assess each competency and seed topic.

Everything here is a pure function of the files in a repository checkout: the front matter of
every lesson and assignment source (``curriculum/src/*.md``, ``assignments/src/*.md``) and the
scenario and quiz files each of them uses. The result is rendered as Markdown into
``curriculum/README.md`` between two markers; ``tools/update_coverage.py`` rewrites it and a
test checks that the committed file is current.

Rules (stated again in the README so trainers can read them):

- A competency is **taught** by a lesson whose front matter lists it in ``teaches``.
- A role-play **practises** or **assesses** a competency when at least one of its choices
  carries evidence for it (practice mode: practises; assessment mode: assesses).
- A quiz cannot tag competencies itself, so it is credited with the competencies its lesson or
  assignment lists in ``assesses``.
- A seed topic is **taught** by a lesson and **assessed** by an assignment that lists it in
  ``seed_topics``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from paratrain.authoring.lessons import Lesson, parse_lesson
from paratrain.competencies.framework import COMPETENCIES
from paratrain.competencies.seed_topics import SEED_TOPICS
from paratrain.scenarios import files
from paratrain.scenarios.loader import QUIZ_SUFFIX, SCENARIO_SUFFIX, load_quiz, load_scenario
from paratrain.scenarios.model import Grade, Mode

START = "<!-- coverage:start -->"
END = "<!-- coverage:end -->"
README = Path("curriculum") / "README.md"

INTRO = """# The curriculum

Lessons are the notebooks in this folder (`NN-*.ipynb`, built from `src/NN-*.md`); each has
practice role-plays and a self-check quiz in `scenarios/`. Each module has a graded assignment
in `../assignments/source/mNN-*/` with assessment role-plays and a graded quiz.

Trainees open a lesson, press **Run All**, read, play the role-plays and take the quiz, then
do the module's assignment. Every person, place and service in the material is fictional.

## Coverage

The tables below are generated from the sources by `python tools/update_coverage.py`; do not
edit them by hand. A test fails when they are out of date, when a competency is never assessed
or when a seed topic is never taught.

"""


@dataclass(frozen=True)
class Item:
    """A role-play (scenario) or quiz used by a lesson or assignment."""

    kind: str  # "scenario" or "quiz"
    id: str
    path: Path
    mode: Mode
    evidence: frozenset[str]  # competencies any choice carries evidence for (scenarios)
    harmful: frozenset[str]  # competencies some choice marks harmful (scenarios)


@dataclass(frozen=True)
class Source:
    """One lesson or assignment source with its front matter and the items it uses."""

    id: str
    title: str
    module: int
    kind: str  # "lesson" or "assignment"
    path: Path
    notebook: Path
    teaches: tuple[str, ...]
    assesses: tuple[str, ...]
    seed_topics: tuple[str, ...]
    items: tuple[Item, ...]

    @property
    def roleplays(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.kind == "scenario")

    @property
    def quizzes(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.kind == "quiz")


@dataclass(frozen=True)
class Row:
    """One line of a coverage table."""

    key: str
    name: str
    taught_in: tuple[str, ...]  # lesson ids
    practice_roleplays: tuple[str, ...]  # practice scenario ids
    graded_roleplays: tuple[str, ...]  # assessment scenario ids
    quizzes: tuple[str, ...]  # quiz ids
    assessed_in: tuple[str, ...]  # lesson/assignment ids that list it as assessed

    @property
    def assessed(self) -> bool:
        return bool(self.practice_roleplays or self.graded_roleplays or self.quizzes)


@dataclass(frozen=True)
class Coverage:
    sources: tuple[Source, ...]
    competencies: tuple[Row, ...]
    seed_topics: tuple[Row, ...]


# --- reading ---------------------------------------------------------------------------------


def source_paths(root: str | Path) -> list[Path]:
    base = Path(root)
    return sorted(
        [*(base / "curriculum" / "src").glob("*.md"), *(base / "assignments" / "src").glob("*.md")]
    )


def _folder_for(lesson: Lesson, root: Path) -> Path:
    if lesson.front.kind == "assignment":
        return root / "assignments" / "source" / lesson.front.id
    return root / "curriculum"


def _item(kind: str, item_id: str, folder: Path) -> Item:
    path = files.find(item_id, folder, kind)
    if kind == "quiz":
        quiz = load_quiz(path)
        return Item("quiz", item_id, path, quiz.mode, frozenset(), frozenset())
    scenario = load_scenario(path)
    evidence: set[str] = set()
    harmful: set[str] = set()
    for node in scenario.nodes:
        for choice in node.choices:
            for comp, grade in choice.evidence.items():
                evidence.add(comp)
                if grade is Grade.HARMFUL:
                    harmful.add(comp)
    return Item("scenario", item_id, path, scenario.mode, frozenset(evidence), frozenset(harmful))


def read_source(path: str | Path, root: str | Path) -> Source:
    """Parse one source and load the scenarios and quizzes it uses."""
    base = Path(root)
    lesson = parse_lesson(path)
    folder = _folder_for(lesson, base)
    items = tuple(_item(kind, item_id, folder) for kind, item_id in lesson.items)
    f = lesson.front
    return Source(
        f.id,
        f.title,
        f.module,
        f.kind,
        Path(path),
        folder / f"{f.id}.ipynb",
        tuple(f.teaches),
        tuple(f.assesses),
        tuple(f.seed_topics),
        items,
    )


def read_sources(root: str | Path) -> tuple[Source, ...]:
    """Every lesson and assignment source, lessons first, each group in module order."""
    srcs = [read_source(p, root) for p in source_paths(root)]
    return tuple(sorted(srcs, key=lambda s: (s.kind != "lesson", s.module, s.id)))


# --- building ----------------------------------------------------------------------------------


def _uniq(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def competency_row(comp_id: str, name: str, sources: tuple[Source, ...]) -> Row:
    taught = [s.id for s in sources if s.kind == "lesson" and comp_id in s.teaches]
    practice: list[str] = []
    graded: list[str] = []
    quizzes: list[str] = []
    for s in sources:
        for item in s.roleplays:
            if comp_id in item.evidence:
                (graded if item.mode is Mode.ASSESSMENT else practice).append(item.id)
        if comp_id in s.assesses:
            quizzes += [q.id for q in s.quizzes]
    assessed_in = [s.id for s in sources if comp_id in s.assesses]
    return Row(
        comp_id,
        name,
        _uniq(taught),
        _uniq(practice),
        _uniq(graded),
        _uniq(quizzes),
        _uniq(assessed_in),
    )


def seed_topic_row(topic: str, description: str, sources: tuple[Source, ...]) -> Row:
    lessons = [s for s in sources if s.kind == "lesson" and topic in s.seed_topics]
    assignments = [s for s in sources if s.kind == "assignment" and topic in s.seed_topics]
    practice = [i.id for s in lessons for i in s.roleplays]
    graded = [i.id for s in assignments for i in s.roleplays]
    quizzes = [q.id for s in [*lessons, *assignments] for q in s.quizzes]
    return Row(
        topic,
        description,
        _uniq([s.id for s in lessons]),
        _uniq(practice),
        _uniq(graded),
        _uniq(quizzes),
        _uniq([s.id for s in assignments]),
    )


def build_coverage(root: str | Path) -> Coverage:
    sources = read_sources(root)
    comps = tuple(competency_row(c.id, c.name, sources) for c in COMPETENCIES)
    topics = tuple(seed_topic_row(t, d, sources) for t, d in SEED_TOPICS.items())
    return Coverage(sources, comps, topics)


# --- checks ------------------------------------------------------------------------------------


def unassessed_competencies(cov: Coverage) -> list[str]:
    """Competencies no role-play carries evidence for and no quiz is credited with."""
    return [r.key for r in cov.competencies if not r.assessed]


def untaught_competencies(cov: Coverage) -> list[str]:
    return [r.key for r in cov.competencies if not r.taught_in]


def ungraded_competencies(cov: Coverage) -> list[str]:
    """Competencies no assessment (graded) role-play carries evidence for."""
    return [r.key for r in cov.competencies if not r.graded_roleplays]


def untaught_seed_topics(cov: Coverage) -> list[str]:
    return [r.key for r in cov.seed_topics if not r.taught_in]


def unassessed_seed_topics(cov: Coverage) -> list[str]:
    return [r.key for r in cov.seed_topics if not r.assessed_in]


def unlisted_evidence(cov: Coverage) -> list[str]:
    """Competencies a file's role-plays carry evidence for but its front matter does not list
    under ``assesses`` (a front-matter omission)."""
    out = []
    for s in cov.sources:
        for item in s.roleplays:
            for comp in sorted(item.evidence - set(s.assesses)):
                out.append(
                    f"{s.id}: role-play '{item.id}' assesses '{comp}' "
                    "but the front matter does not list it"
                )
    return out


def unbacked_claims(cov: Coverage) -> list[str]:
    """Competencies a file lists under ``assesses`` with neither a role-play in the file that
    carries evidence for it nor a quiz to carry the claim."""
    out = []
    for s in cov.sources:
        shown = set().union(*(i.evidence for i in s.roleplays)) if s.roleplays else set()
        for comp in s.assesses:
            if comp not in shown and not s.quizzes:
                out.append(
                    f"{s.id}: lists '{comp}' as assessed but no role-play or quiz in it assesses it"
                )
    return out


def unused_items(root: str | Path, cov: Coverage) -> list[Path]:
    """Scenario and quiz files that no lesson or assignment uses."""
    base = Path(root)
    used = {i.path.resolve() for s in cov.sources for i in s.items}
    found = sorted(
        [
            *(base / "curriculum").rglob(f"*{SCENARIO_SUFFIX}"),
            *(base / "curriculum").rglob(f"*{QUIZ_SUFFIX}"),
            *(base / "assignments" / "source").rglob(f"*{SCENARIO_SUFFIX}"),
            *(base / "assignments" / "source").rglob(f"*{QUIZ_SUFFIX}"),
        ]
    )
    return [p for p in found if p.resolve() not in used]


# --- rendering ---------------------------------------------------------------------------------


def _link(target: Path, readme_dir: Path, text: str) -> str:
    rel = Path(os.path.relpath(target, readme_dir)).as_posix()
    return f"[{text}]({rel})"


def _cell(ids: tuple[str, ...], links: dict[str, str]) -> str:
    return ", ".join(links.get(i, f"`{i}`") for i in ids) if ids else "—"


def _links(cov: Coverage, readme_dir: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for s in cov.sources:
        out[s.id] = _link(s.notebook, readme_dir, s.id)
        for i in s.items:
            out.setdefault(i.id, _link(i.path, readme_dir, i.id))
    return out


def _missing(label: str, keys: list[str]) -> str:
    return f"- {label}: " + (", ".join(f"`{k}`" for k in keys) if keys else "none") + "\n"


def render_tables(cov: Coverage, readme_dir: Path) -> str:
    """The generated part of the README (without the markers)."""
    links = _links(cov, readme_dir)
    n_lessons = sum(s.kind == "lesson" for s in cov.sources)
    n_assign = len(cov.sources) - n_lessons
    n_play = len({i.id for s in cov.sources for i in s.roleplays})
    n_quiz = len({i.id for s in cov.sources for i in s.quizzes})
    out = [
        f"{n_lessons} lessons, {n_assign} graded assignments, {n_play} role-plays and "
        f"{n_quiz} quizzes; {len(cov.competencies)} competencies and "
        f"{len(cov.seed_topics)} seed topics.\n\n",
        "How to read the tables: *Taught in* lists the lessons whose front matter says they "
        "teach it. A role-play is listed when at least one of its choices carries evidence for "
        "the competency (practice role-plays give feedback after each choice; graded "
        "role-plays are assessments scored by nbgrader). *Assessed in* lists the lessons and "
        "assignments whose front matter says their role-plays or quiz assess it. For seed "
        "topics, lessons teach and assignments assess the topics their front matter lists.\n\n",
        "### Competencies\n\n",
        "| Competency | Taught in | Practice role-plays | Graded role-plays | Assessed in |\n",
        "|---|---|---|---|---|\n",
    ]
    for r in cov.competencies:
        out.append(
            f"| **{r.name}** (`{r.key}`) | {_cell(r.taught_in, links)} | "
            f"{_cell(r.practice_roleplays, links)} | {_cell(r.graded_roleplays, links)} "
            f"| {_cell(r.assessed_in, links)} |\n"
        )
    out += [
        "\n### Seed topics\n\n",
        "| Seed topic | Taught in | Assessed in |\n",
        "|---|---|---|\n",
    ]
    for r in cov.seed_topics:
        out.append(
            f"| {r.name} (`{r.key}`) | {_cell(r.taught_in, links)} | "
            f"{_cell(r.assessed_in, links)} |\n"
        )
    out += [
        "\n### Gaps\n\n",
        _missing("Competencies no lesson teaches", untaught_competencies(cov)),
        _missing("Competencies no role-play or quiz assesses", unassessed_competencies(cov)),
        _missing("Competencies no graded role-play assesses", ungraded_competencies(cov)),
        _missing("Seed topics no lesson teaches", untaught_seed_topics(cov)),
        _missing("Seed topics no assignment assesses", unassessed_seed_topics(cov)),
    ]
    return "".join(out)


def render_readme(root: str | Path, existing: str | None = None) -> str:
    """The full ``curriculum/README.md`` for the repository at ``root``.

    The text outside the markers is kept from the current README (``existing``, or the file
    on disk); if there is none, a short default introduction is used.
    """
    base = Path(root)
    path = base / README
    if existing is None and path.is_file():
        existing = path.read_text(encoding="utf-8")
    block = f"{START}\n{render_tables(build_coverage(base), path.parent)}{END}"
    if existing and START in existing and END in existing:
        head, rest = existing.split(START, 1)
        _, tail = rest.split(END, 1)
        return head + block + tail
    return INTRO + block + "\n"


def update_readme(root: str | Path) -> bool:
    """Rewrite ``curriculum/README.md``; True if it changed."""
    from paratrain.atomic import atomic_write_text

    path = Path(root) / README
    text = render_readme(root)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    atomic_write_text(path, text)
    return True
