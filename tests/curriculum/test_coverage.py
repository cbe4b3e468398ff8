"""The curriculum covers every competency and seed topic, and curriculum/README.md says so.

The coverage tables are generated from lesson and assignment front matter and the scenario
files (paratrain.curriculum_map); `python tools/update_coverage.py` rewrites them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from paratrain import curriculum_map as cm
from paratrain.competencies.framework import COMPETENCIES
from paratrain.competencies.seed_topics import SEED_TOPICS
from tests.conftest import REPO

FIX = "run: .venv/bin/python tools/update_coverage.py"


@pytest.fixture(scope="module")
def cov() -> cm.Coverage:
    return cm.build_coverage(REPO)


def test_committed_readme_is_current() -> None:
    path = REPO / cm.README
    assert path.is_file(), f"{path} is missing; {FIX}"
    current = path.read_text(encoding="utf-8")
    assert cm.START in current and cm.END in current
    assert current == cm.render_readme(REPO), f"curriculum/README.md is out of date; {FIX}"


def test_every_competency_is_assessed(cov: cm.Coverage) -> None:
    missing = cm.unassessed_competencies(cov)
    assert not missing, "competencies no role-play or quiz assesses: " + ", ".join(missing)


def test_every_competency_is_assessed_by_a_graded_roleplay(cov: cm.Coverage) -> None:
    missing = cm.ungraded_competencies(cov)
    assert not missing, (
        "competencies no graded (assessment) role-play carries evidence for: " + ", ".join(missing)
    )


def test_every_competency_is_taught(cov: cm.Coverage) -> None:
    missing = cm.untaught_competencies(cov)
    assert not missing, "competencies no lesson teaches: " + ", ".join(missing)


def test_every_seed_topic_is_taught(cov: cm.Coverage) -> None:
    missing = cm.untaught_seed_topics(cov)
    assert not missing, "seed topics no lesson teaches: " + ", ".join(missing)


def test_tables_list_every_competency_and_seed_topic(cov: cm.Coverage) -> None:
    assert [r.key for r in cov.competencies] == [c.id for c in COMPETENCIES]
    assert [r.key for r in cov.seed_topics] == list(SEED_TOPICS)
    readme = (REPO / cm.README).read_text(encoding="utf-8")
    for c in COMPETENCIES:
        assert f"(`{c.id}`)" in readme
    for t in SEED_TOPICS:
        assert f"(`{t}`)" in readme


def test_front_matter_lists_what_its_roleplays_assess(cov: cm.Coverage) -> None:
    problems = cm.unlisted_evidence(cov)
    assert not problems, "\n".join(problems)


def test_front_matter_claims_are_backed(cov: cm.Coverage) -> None:
    problems = cm.unbacked_claims(cov)
    assert not problems, "\n".join(problems)


def test_every_scenario_and_quiz_is_used(cov: cm.Coverage) -> None:
    unused = cm.unused_items(REPO, cov)
    assert not unused, "not used by any lesson or assignment: " + ", ".join(map(str, unused))


def test_graded_items_are_assessments_and_lesson_items_practice(cov: cm.Coverage) -> None:
    wrong = [
        f"{s.id}: {i.kind} '{i.id}' is mode {i.mode}"
        for s in cov.sources
        for i in s.items
        if (s.kind == "assignment") != (i.mode == "assessment")
    ]
    assert not wrong, "\n".join(wrong)


# --- the generator itself, on a copy -----------------------------------------------------------


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for sub in ("curriculum", "assignments"):
        shutil.copytree(REPO / sub, root / sub, ignore=shutil.ignore_patterns("*.ipynb"))
    return root


def test_missing_coverage_is_reported(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    lesson = root / "curriculum" / "src" / "08-community-integration.md"
    text = lesson.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    head = "\n".join(
        "seed_topics: []" if line.startswith("seed_topics:") else line for line in head.splitlines()
    )
    lesson.write_text(head + "\n---\n" + body, encoding="utf-8")
    cov = cm.build_coverage(root)
    assert "clubhouse-model" in cm.untaught_seed_topics(cov)
    rendered = cm.render_readme(root)
    assert "Seed topics no lesson teaches: " in rendered and "`clubhouse-model`" in rendered


def test_readme_text_outside_the_markers_is_kept(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / cm.README
    path.write_text(
        f"# Mine\n\nhand-written\n\n{cm.START}\nold table\n{cm.END}\n\nfooter\n", encoding="utf-8"
    )
    assert cm.update_readme(root)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Mine\n\nhand-written\n\n" + cm.START)
    assert text.endswith(cm.END + "\n\nfooter\n") and "old table" not in text
    assert not cm.update_readme(root)  # idempotent


# --- content standards that can be checked mechanically -----------------------------------------

CONTENT = sorted(
    [
        *(REPO / "curriculum" / "src").glob("*.md"),
        *(REPO / "assignments" / "src").glob("*.md"),
        *(REPO / "curriculum" / "scenarios").glob("*.yaml"),
        *(REPO / "assignments" / "source").glob("*/*.yaml"),
    ]
)


@pytest.mark.parametrize("path", cm.source_paths(REPO), ids=lambda p: p.stem)
def test_every_source_ends_with_references(path: Path) -> None:
    headings = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("## ")
    ]
    assert headings and headings[-1].strip() == "## References", (
        f"{path.name}: the last section must be '## References' (found {headings[-1:]})"
    )


def test_only_fictional_phone_numbers() -> None:
    """988 and 911 are the only real numbers; anything that looks like a phone number must be
    in the 555-01xx range reserved for fiction."""
    import re

    phone = re.compile(r"\b\d{3}[-. ]\d{3}[-. ]\d{4}\b|\b\d{3}-\d{4}\b|1-8[0-9]{2}")
    bad = [
        f"{p.relative_to(REPO)}: {m.group(0)}"
        for p in CONTENT
        for m in phone.finditer(p.read_text(encoding="utf-8"))
        if not re.search(r"555-01\d\d$", m.group(0))
    ]
    assert not bad, "real-looking phone numbers:\n" + "\n".join(bad)
