"""What the demo prints at the end: the grade table, late and missing work, the open flags in
the report's own terms, where things are, and commands that open JupyterLab when pasted."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paratrain.cohort.course import Course
from paratrain.cohort.lifecycle import StepResult
from paratrain.cohort.status import Row
from paratrain.demo.lab import LabCommand
from paratrain.demo.people import COURSE_ID, TRAINEES

# The report's names for flag severities (supervision.flags.SEVERITY_WORD), safety first.
FLAG_TYPES = ("safety", "integrity", "scoring", "progress")


@dataclass
class DemoSummary:
    root: Path
    course: Course | None = None
    steps: list[StepResult] = field(default_factory=list)
    scores: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    status: list[Row] = field(default_factory=list)
    # open flags: type (safety, integrity, scoring, progress) -> kind -> how many
    flags: dict[str, dict[str, int]] = field(default_factory=dict)
    report: Path | None = None
    labs: list[LabCommand] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and all(s.ok for s in self.steps)

    @property
    def open_flags(self) -> int:
        return sum(sum(kinds.values()) for kinds in self.flags.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "root": str(self.root),
            "ok": self.ok,
            "scores": self.scores,
            "report": str(self.report),
            "flags": {"open": self.open_flags, "by_type": self.flags},
            "labs": [vars(lab) for lab in self.labs],
            "problems": self.problems,
            "failed_steps": [vars(s) for s in self.steps if not s.ok],
        }

    def as_text(self) -> str:
        lines = ["", f"Demo cohort '{COURSE_ID}' in {self.root}", "", *self._grade_table()]
        late_by: dict[str, int] = {}
        for st in self.status:
            if st.late:
                late_by[st.student] = late_by.get(st.student, 0) + 1
        late = [f"{s} ({n} assignment{'s' if n > 1 else ''})" for s, n in sorted(late_by.items())]
        missing = sorted({st.student for st in self.status if st.state == "missing"})
        assignments = sorted({r["assignment"] for r in self.scores})
        lines += [
            "",
            f"late: {', '.join(late) or 'none'}",
            f"missing: {', '.join(missing) or 'none'}",
            "",
            "assignments: " + "; ".join(f"{a.split('-')[0]} = {a}" for a in assignments),
            "",
            *self._flag_lines(),
            "",
            "Written answers wait for a supervisor in the formgrader.",
            "",
            "Where things are:",
            f"  course folder : {self.root / 'course'}",
            f"  gradebook     : {self.root / 'course' / 'gradebook.db'}",
            f"  trainee homes : {self.root / 'homes'}",
            f"  feedback      : {self.root / 'course' / 'feedback'}",
            f"  report        : {self.report}",
        ]
        for lab in self.labs:
            lines += ["", f"{lab.title}:", f"    {lab.command}"]
        if self.labs:
            lines += [
                "",
                "Each command prints an address (http://localhost:8888/lab?token=...) "
                "to open in a browser; Ctrl-C stops it.",
            ]
        lines += [f"problem: {p}" for p in self.problems]
        lines += [
            f"failed: {s.step} {s.assignment} {s.student or ''}" for s in self.steps if not s.ok
        ]
        return "\n".join(lines)

    def _grade_table(self) -> list[str]:
        assignments = sorted({r["assignment"] for r in self.scores})
        by_student: dict[str, dict[str, Any]] = {}
        for row in self.scores:
            by_student.setdefault(row["student"], {})[row["assignment"]] = row
        short = {a: a.split("-")[0] for a in assignments}
        width = max((len(f"{r['score']:g}/{r['max_score']:g}") for r in self.scores), default=7)
        width = max(width, *(len(v) for v in short.values())) if short else width
        lines = ["trainee    " + "  ".join(short[a].ljust(width) for a in assignments)]
        for sid, _f, _l, _p in TRAINEES:
            cells = []
            for a in assignments:
                r: dict[str, Any] | None = by_student.get(sid, {}).get(a)
                cells.append(
                    (f"{r['score']:g}/{r['max_score']:g}" if r else "missing").ljust(width)
                )
            lines.append(f"{sid:<10} " + "  ".join(cells))
        return lines

    def _flag_lines(self) -> list[str]:
        """The open flags by type and kind, named as the report names them."""
        lines = [
            f'Open flags for supervisors: {self.open_flags} (the report\'s "Open flags" '
            "lists the same ones; every kind below is included)"
        ]
        for kind in FLAG_TYPES:
            kinds = self.flags.get(kind, {})
            detail = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
            note = '  (the report\'s "open safety flags")' if kind == "safety" else ""
            lines.append(f"  {kind:<10} {sum(kinds.values()):>4}  {detail or '-'}{note}")
        return lines
