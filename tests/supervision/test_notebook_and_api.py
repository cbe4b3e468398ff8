"""The supervisor notebook is committed clean, and the public API is what it says."""

from __future__ import annotations

import json

import paratrain.reports
import paratrain.supervision
from tests.conftest import REPO


def test_review_notebook_is_clean_and_thin() -> None:
    nb = json.loads((REPO / "supervisor" / "review.ipynb").read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, "the notebook must call the review tools"
    for cell in code:
        assert cell["outputs"] == [] and cell["execution_count"] is None
        assert cell["metadata"]["jupyter"]["source_hidden"] is True
        lines = [
            ln
            for ln in "".join(cell["source"]).splitlines()
            if ln.strip() and not ln.startswith("#")
        ]
        assert not any(
            ln.lstrip().startswith(("def ", "class ", "for ", "if ", "with ")) for ln in lines
        ), "no logic in the notebook"
        assert len(lines) <= 2


def test_public_api() -> None:
    assert sorted(paratrain.supervision.__all__) == [
        "Flag",
        "FlagView",
        "Store",
        "list_flags",
        "open_store",
        "raise_flags",
        "resolve_flag",
    ]
    assert sorted(paratrain.reports.__all__) == [
        "write_cohort_report",
        "write_exports",
        "write_trainee_record",
    ]
    for mod in (paratrain.supervision, paratrain.reports):
        for name in mod.__all__:
            assert getattr(mod, name) is not None
