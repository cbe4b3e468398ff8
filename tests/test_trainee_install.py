"""What a trainee installs holds no assessment keys and no reference transcripts."""

from __future__ import annotations

import re
from pathlib import Path

from paratrain.scenarios.loader import load_scenario
from paratrain.scenarios.model import Mode

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "paratrain"
DOCKERFILE = REPO / "deploy" / "z2jh" / "Dockerfile"


def test_the_package_holds_no_assessment_keys_or_reference_files() -> None:
    scenarios = sorted(PACKAGE.rglob("*.scenario.yaml"))
    assert not [p for p in scenarios if load_scenario(p).mode is Mode.ASSESSMENT]
    assert not sorted(PACKAGE.rglob("*.transcript.json"))
    assert not sorted(PACKAGE.rglob("*.answers.json"))


def _stage(name: str) -> str:
    text = DOCKERFILE.read_text()
    m = re.search(rf"^FROM \S+ AS {name}\n(.*?)(?=^FROM |\Z)", text, re.M | re.S)
    assert m, f"no stage '{name}'"
    return m.group(1)


def test_the_trainee_image_copies_no_assignments() -> None:
    single = _stage("singleuser")
    copies = [ln for ln in single.splitlines() if ln.startswith("COPY")]
    assert copies and all(
        "assignments" not in ln and not ln.startswith("COPY . ") for ln in copies
    ), copies
    assert "pip install" in single and ".whl" in single  # a wheel: no checkout to walk up to
    assert "assignments" in _stage("course")


def test_dockerignore_keeps_keys_and_references_out_of_every_build() -> None:
    ignored = (REPO / ".dockerignore").read_text().splitlines()
    for pattern in (".git", ".venv", "**/*.transcript.json", "**/*.answers.json", "**/keys"):
        assert pattern in ignored
