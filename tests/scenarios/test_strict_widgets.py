"""The strict widget fixture must turn exceptions that ipywidgets swallows into failures."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]


def test_swallowed_callback_exception_fails_the_test(pytester: pytest.Pytester) -> None:
    from pathlib import Path

    from tests import conftest

    pytester.makeconftest(Path(conftest.__file__).read_text(encoding="utf-8"))
    pytester.makepyfile(
        test_inner="""
import ipywidgets as w

def test_click_raises():
    b = w.Button(description="x")
    b.on_click(lambda _b: 1 / 0)
    b.click()   # ipywidgets catches ZeroDivisionError and only logs it
"""
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*widget callback error(s)*Exception in callback*"])
