"""Fixtures for the referral tests: strict widget callbacks, directories, broken copies.

Why the callback fixture: ipywidgets 8.1.9 ``CallbackDispatcher.__call__``
(ipywidgets/widgets/widget.py) wraps every ``on_click``/``on_submit`` callback in
``try/except Exception``. Outside IPython (``get_ipython()`` is None, as under pytest) it only
calls ``self.log.warning("Exception in callback %s: %s", callback, e, exc_info=True)`` on the
dispatcher's traitlets logger; inside IPython it calls ``ip.showtraceback()``. Either way the
exception never reaches the test, so ``button.click()`` "passes" even when the callback
crashed. Observers registered with ``.observe`` are not wrapped and raise normally.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from traitlets.log import get_logger

from paratrain.referral import Directory, load_directory
from paratrain.referral.spec import OFFICIAL_EXAMPLE, RIVERBEND


class _RaiseOnCallbackError(logging.Handler):
    """Turns the dispatcher's "Exception in callback" record into a test failure at once."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.failures: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.getMessage().startswith("Exception in callback"):
            return
        self.failures.append(record)
        detail = self.format(record) if record.exc_info else record.getMessage()
        # pytest's Failed is a BaseException: neither the dispatcher's ``except Exception`` nor
        # logging catches it, so the test fails at the very .click() that crashed.
        pytest.fail(f"a widget callback raised:\n{detail}", pytrace=False)


@pytest.fixture(autouse=True)
def widget_callbacks_raise(monkeypatch: pytest.MonkeyPatch) -> Iterator[_RaiseOnCallbackError]:
    """Fail the test where an ipywidgets callback raises, instead of letting it be logged."""
    import ipywidgets.widgets.widget as widget_module

    # Always take the logging branch, even if some test started an IPython shell.
    monkeypatch.setattr(widget_module, "get_ipython", lambda: None)
    logger = get_logger()
    base = logger.logger if isinstance(logger, logging.LoggerAdapter) else logger
    handler = _RaiseOnCallbackError()
    handler.setFormatter(logging.Formatter("%(message)s"))  # + the traceback from exc_info
    base.handlers.insert(0, handler)  # first, so it fails before other handlers swallow it
    try:
        yield handler
    finally:
        base.removeHandler(handler)


@pytest.fixture(scope="session")
def riverbend() -> Directory:
    """The bundled fictional directory (loaded without re-checking; see test_validation)."""
    return load_directory()


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A writable copy of the official HSDS 3.0 example, without its datapackage.json."""
    target = tmp_path / "export"
    shutil.copytree(OFFICIAL_EXAMPLE, target)
    (target / "datapackage.json").unlink()
    return target


@pytest.fixture
def riverbend_copy(tmp_path: Path) -> Path:
    """A writable copy of the Riverbend directory."""
    target = tmp_path / "riverbend"
    shutil.copytree(RIVERBEND, target)
    return target


Editor = Callable[[Path, str, int, str, str], None]


@pytest.fixture
def set_cell() -> Editor:
    """``set_cell(folder, file, data_row, field, value)``: change one CSV cell (data_row 0 is
    the first row under the header, which a spreadsheet calls row 2)."""
    import csv

    def edit(folder: Path, file: str, data_row: int, field: str, value: str) -> None:
        with open(folder / file, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        header = list(rows[0])
        rows[data_row][field] = value
        with open(folder / file, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, header)
            writer.writeheader()
            writer.writerows(rows)

    return edit
