"""The witness inside each course service: a Jupyter server extension.

A course service (the formgrader's server, running as the grading account in the course
folder) also answers ``POST <service>/paratrain/witness/events`` and records into its own
``witness.sqlite``. The handler does not use the Jupyter server's login (trainees may not
open course services); it asks the hub who owns the caller's API token
(:class:`paratrain.witness.server.Identity`). Enabled for course services by
``paratrain hub config`` (``jpserver_extensions``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

PATH = "paratrain/witness/events"


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "paratrain.witness.extension"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    from jupyter_server.utils import url_path_join

    from paratrain.witness.server import EventsHandler, Identity, Where

    route = url_path_join(serverapp.web_app.settings["base_url"], PATH)
    serverapp.web_app.add_handlers(
        ".*$",
        [
            (
                route,
                EventsHandler,
                {
                    "where": Where(course=Path(serverapp.root_dir)),
                    "identity": Identity(trust_header=False),
                },
            )
        ],
    )
    serverapp.log.info("paratrain witness at %s", route)
