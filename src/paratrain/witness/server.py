"""The witness service: ``POST /events`` appends moves to a course's record.

Run it as a JupyterHub service (``paratrain witness serve --courses DIR``, started by the hub;
the caller's JupyterHub API token says who they are) or on one machine
(``paratrain witness serve --course DIR --trust-header``: the ``X-Paratrain-Trainee`` header
says who, which only a machine's own user accounts can back up).

Request body: ``{"course": "...", "scenario": "...", "stream": "...",
"events": [{"seq": 1, "chain": "..."}, ...]}``. Answers ``{"recorded": n, "seen": m}``, or
an error with ``{"error": "..."}`` (401 unknown caller, 404 unknown course, 409 a move that
contradicts the record, 400 anything malformed).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tornado import web

from paratrain.witness.log import WitnessConflict, WitnessLog

log = logging.getLogger("paratrain.witness")
MAX_BODY = 256 * 1024


@dataclass(frozen=True)
class Where:
    """Which course folders the service writes to: one (``course``) or any under ``courses``."""

    course: Path | None = None
    courses: Path | None = None

    def log_for(self, course_id: str) -> WitnessLog | None:
        if self.course is not None:
            return WitnessLog.of_course(self.course)
        if self.courses is None or not course_id or "/" in course_id or course_id.startswith("."):
            return None
        root = self.courses / course_id
        return WitnessLog.of_course(root) if (root / "paratrain.json").is_file() else None


class Identity:
    """Who is calling: from a JupyterHub API token, or (local mode) a header."""

    def __init__(self, *, trust_header: bool) -> None:
        self.trust_header = trust_header
        self.hub: Any = None
        if not trust_header:
            from jupyterhub.services.auth import HubAuth

            self.hub = HubAuth()  # JUPYTERHUB_API_TOKEN / _URL of the service

    def who(self, handler: web.RequestHandler) -> str | None:
        if self.trust_header:
            name = handler.request.headers.get("X-Paratrain-Trainee", "").strip()
            return name or None
        auth = handler.request.headers.get("Authorization", "")
        token = auth.removeprefix("token ").removeprefix("Bearer ").strip()
        if not token:
            return None
        model = self.hub.user_for_token(token, sync=True)
        return str(model["name"]) if model and model.get("kind", "user") == "user" else None


class EventsHandler(web.RequestHandler):
    def initialize(self, where: Where, identity: Identity) -> None:
        self.where = where
        self.identity = identity

    def check_xsrf_cookie(self) -> None:  # an API called with tokens, not cookies
        return

    def fail(self, status: int, message: str) -> None:
        self.set_status(status)
        self.finish({"error": message})

    def post(self) -> None:
        trainee = self.identity.who(self)
        if trainee is None:
            return self.fail(401, "who is calling? (a JupyterHub API token is needed)")
        if len(self.request.body) > MAX_BODY:
            return self.fail(400, "the request is too large")
        try:
            body = json.loads(self.request.body)
            course, scenario, stream = (
                str(body["course"]),
                str(body["scenario"]),
                str(body["stream"]),
            )
            events = [(int(e["seq"]), str(e["chain"])) for e in body["events"]]
        except (ValueError, KeyError, TypeError):
            return self.fail(
                400, "the body must be JSON with course, scenario, stream and events [{seq, chain}]"
            )
        record = self.where.log_for(course)
        if record is None:
            return self.fail(404, f"no course '{course}' here")
        recorded = 0
        try:
            for seq, chain in sorted(events):
                recorded += record.record(trainee, scenario, stream, seq, chain)
        except WitnessConflict as exc:
            log.warning("witness: %s / %s / %s: %s", course, trainee, scenario, exc.detail)
            return self.fail(409, exc.detail)
        self.finish({"recorded": recorded, "seen": len(events)})
        return None


def make_app(where: Where, *, trust_header: bool = False, prefix: str = "/") -> web.Application:
    base = prefix.rstrip("/")
    return web.Application(
        [
            (
                f"{base}/events",
                EventsHandler,
                {"where": where, "identity": Identity(trust_header=trust_header)},
            )
        ]
    )


def serve(
    where: Where, *, port: int, ip: str = "127.0.0.1", trust_header: bool = False, prefix: str = "/"
) -> None:  # pragma: no cover - runs until stopped
    from tornado.ioloop import IOLoop

    make_app(where, trust_header=trust_header, prefix=prefix).listen(port, address=ip)
    log.info("witness listening on http://%s:%d%s", ip, port, prefix)
    IOLoop.current().start()
