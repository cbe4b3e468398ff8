"""A JupyterHub authenticator for the local demo: one generated password per person.

JupyterHub's ``DummyAuthenticator`` has one shared password for everyone, which would let any
demo trainee log in as the supervisor. This one checks a per-user PBKDF2 hash from a file
written by :func:`paratrain.hub.passwords.write_passwords`. It is for demos on 127.0.0.1
only; real deployments use PAM, OAuth or LTI.

Importing this module imports JupyterHub (the ``hub`` extra).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jupyterhub.auth import Authenticator
from traitlets import Unicode

from paratrain.hub.passwords import read_hashes, verify


class DemoPasswordAuthenticator(Authenticator):  # type: ignore[misc]  # untyped base
    """Log in with the demo password generated for each person."""

    passwords_file = Unicode(
        "",
        help="JSON file mapping each user name to a 'pbkdf2_sha256$...' password hash "
        "(written by `paratrain hub demo`).",
    ).tag(config=True)

    async def authenticate(self, handler: Any, data: dict[str, str]) -> str | None:
        name = (data.get("username") or "").strip()
        password = data.get("password") or ""
        try:
            hashes = read_hashes(Path(self.passwords_file))
        except (OSError, ValueError):
            self.log.error("cannot read demo passwords from %r", self.passwords_file)
            return None
        encoded = hashes.get(name)
        if encoded and verify(password, encoded):
            return name
        self.log.warning("failed demo log-in for %r", name)
        return None
