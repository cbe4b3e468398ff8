"""The one error guard every paratrain widget callback goes through.

ipywidgets swallows exceptions raised in ``on_click`` and ``observe`` callbacks (it only logs
them), so a bug in a handler would silently do nothing on the trainee's screen. Wrapping the
handler with :func:`guarded` shows a plain-words message instead and logs the error at
ERROR level on the widget's logger, which the test suite's strict fixture turns into a
failure.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from paratrain.errors import ParatrainError

SORRY = "Something went wrong ({name}). Your earlier work is saved. Please tell your supervisor."


def guarded(
    fn: Callable[[], None], show: Callable[[str], None], log: logging.Logger, *, saving: str = ""
) -> Callable[..., None]:
    """A callback that runs ``fn`` and turns any error into a message passed to ``show``.

    ``ParatrainError`` shows its own words; ``OSError`` says the work could not be saved
    (``saving`` names what); anything else is a bug: logged with its traceback and shown as
    an apology. The returned callable accepts and ignores whatever ipywidgets passes (the
    button, or the change dict of an observer).
    """

    def run(*_args: Any) -> None:
        try:
            fn()
        except ParatrainError as exc:
            show(getattr(exc, "detail", None) or str(exc))
        except OSError as exc:
            what = saving or "Your change"
            show(
                f"{what} could not be saved ({exc.strerror or exc}). Nothing was changed; "
                "please try again or tell your supervisor."
            )
        except Exception as exc:
            log.exception("widget callback error")
            show(SORRY.format(name=exc.__class__.__name__))

    return run
