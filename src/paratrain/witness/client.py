"""The player's side of the witness: send each saved move, never hold the trainee up.

A move is saved to the transcript first; only then is it sent. If the witness cannot be
reached the move stays saved, and it is sent again with the next move (after a pause, so a
service that is down costs the trainee no waiting). Nothing here raises.
"""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from paratrain.scenarios import transcript as tx

log = logging.getLogger("paratrain.witness")
TIMEOUT = 1.0
BACKOFF = 30.0


@dataclass
class Sender:
    """Sends a transcript's new moves to ``url`` + ``/events`` (``{course}`` in the URL is
    replaced by the course id)."""

    url: str
    course: str
    token: str | None = None  # a JupyterHub API token (hub mode)
    trainee: str | None = None  # the header the local witness trusts
    sent: dict[str, int] = field(default_factory=dict)  # stream -> last seq acknowledged
    retry_at: float = 0.0
    last_error: str = ""

    def __call__(self, t: tx.Transcript) -> None:
        self.send(t)

    def send(self, t: tx.Transcript) -> bool:
        """Send every move of ``t`` the witness has not acknowledged; True if all are in."""
        if not t.events or t.schema_version < 2 or not t.events[0].chain:
            return True
        stream = t.events[0].chain
        done = self.sent.get(stream, 0)
        todo = [{"seq": e.seq, "chain": e.chain} for e in t.events if e.seq > done]
        if not todo:
            return True
        if time.monotonic() < self.retry_at:
            return False
        body = json.dumps(
            {"course": self.course, "scenario": t.scenario_id, "stream": stream, "events": todo}
        ).encode()
        base = self.url.replace("{course}", self.course).rstrip("/")
        req = urllib.request.Request(
            base + "/events", data=body, method="POST", headers={"Content-Type": "application/json"}
        )
        if self.token:
            req.add_header("Authorization", f"token {self.token}")
        if self.trainee:
            req.add_header("X-Paratrain-Trainee", self.trainee)
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
                resp.read()
        except (urllib.error.URLError, OSError, ValueError) as exc:
            if isinstance(exc, urllib.error.HTTPError):
                exc.close()
            self.last_error = str(exc)
            self.retry_at = time.monotonic() + BACKOFF
            log.warning("witness not reached (%s); the move is saved and will be sent again", exc)
            return False
        self.sent[stream] = t.events[-1].seq
        self.retry_at = 0.0
        return True
