"""A course folder on disk: where everything of one nbgrader course lives.

Layout (made by :func:`paratrain.course.setup.init_course`)::

    <root>/paratrain.json         the manifest (:mod:`paratrain.course.manifest`)
    <root>/nbgrader_config.py     course id, exchange, gradebook URL, execution limits
    <root>/gradebook.db           nbgrader's gradebook (SQLite unless db_url says otherwise)
    <root>/roster.csv             the people of the cohort (:mod:`paratrain.course.roster`)
    <root>/exchange/              the nbgrader exchange (inbound/outbound/feedback)
    <root>/source/<assignment>/   nbgrader sources; assessment items as *public* copies
    <root>/keys/<assignment>/     full assessment scenarios, quizzes and rubrics.json
    <root>/lessons/               lesson notebooks and practice scenarios for trainees
    <root>/submitted|autograded|feedback/<student>/<assignment>/   nbgrader's stages
    <root>/paratrain-grading/<assignment>.json   the last grading run's outcome per trainee
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from paratrain.course.manifest import read_manifest

CONFIG_NAME = "nbgrader_config.py"
KEYS_DIR = "keys"  # the same folder name as paratrain.scenarios.files.KEYS_DIR (tested)
ROSTER = "roster.csv"
STAGES = ("submitted", "autograded", "feedback")


@dataclass(frozen=True)
class SubmissionFolders:
    """nbgrader's three folders for one trainee's assignment (they may not exist yet)."""

    submitted: Path
    autograded: Path
    feedback: Path

    def latest(self) -> Path | None:
        """The folder a reader should use: autograded if there, else submitted, else None."""
        for folder in (self.autograded, self.submitted):
            if folder.is_dir():
                return folder
        return None


@dataclass(frozen=True)
class Course:
    """A course folder on disk."""

    root: Path
    course_id: str
    exchange: Path
    db_url: str

    @property
    def source(self) -> Path:
        return self.root / "source"

    @property
    def keys(self) -> Path:
        return self.root / KEYS_DIR

    @property
    def roster_file(self) -> Path:
        return self.root / ROSTER

    def assignments(self) -> list[str]:
        return (
            sorted(p.name for p in self.source.iterdir() if p.is_dir())
            if self.source.is_dir()
            else []
        )

    def folders(self, student: str, assignment: str) -> SubmissionFolders:
        """Where nbgrader keeps ``student``'s ``assignment`` at each stage."""
        return SubmissionFolders(*(self.root / stage / student / assignment for stage in STAGES))

    def submitted(self, assignment: str | None = None) -> list[Path]:
        """Every collected submission folder (of one assignment, or of all)."""
        base = self.root / "submitted"
        pattern = f"*/{assignment}" if assignment else "*/*"
        return sorted(base.glob(pattern)) if base.is_dir() else []


def open_course(root: str | Path) -> Course:
    """Read a course made by ``paratrain course init``.

    Raises
    ------
    CourseError
        If the folder has no manifest, or the manifest is not valid (names the file).
    """
    base = Path(root).resolve()
    m = read_manifest(base)
    return Course(base, m.course_id, m.exchange, m.db_url)
