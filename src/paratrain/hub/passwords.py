"""Demo passwords: generated, shown once, stored only as salted PBKDF2 hashes.

Used by the ``local-demo`` deployment (:class:`paratrain.hub.auth.DemoPasswordAuthenticator`).
Real deployments log people in through PAM, an OAuth provider or LTI instead.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable
from pathlib import Path

from paratrain.atomic import atomic_write_text

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 200_000
# short, unambiguous words so a demo password can be read aloud and typed
WORDS = (
    "amber",
    "birch",
    "cedar",
    "delta",
    "ember",
    "fjord",
    "grove",
    "harbor",
    "iris",
    "juniper",
    "kelp",
    "lumen",
    "maple",
    "north",
    "olive",
    "pine",
    "quartz",
    "river",
    "sage",
    "tide",
    "umber",
    "violet",
    "willow",
    "yarrow",
    "zephyr",
)


def new_password() -> str:
    return "-".join(secrets.choice(WORDS) for _ in range(3)) + f"-{secrets.randbelow(100):02d}"


def hash_password(password: str, *, salt: str | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations)
    return f"{ALGORITHM}${iterations}${salt}${digest.hex()}"


def verify(password: str, encoded: str) -> bool:
    try:
        algorithm, iterations, salt, digest = encoded.split("$")
        rounds = int(iterations)
    except ValueError:
        return False
    if algorithm != ALGORITHM:
        return False
    other = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), rounds).hex()
    return hmac.compare_digest(other, digest)


def write_passwords(path: Path, users: Iterable[str]) -> dict[str, str]:
    """Give each user a new password; store the hashes in ``path``; return the passwords."""
    plain = {u: new_password() for u in sorted(users)}
    atomic_write_text(
        path, json.dumps({u: hash_password(p) for u, p in plain.items()}, indent=2) + "\n"
    )
    path.chmod(0o600)
    return plain


def read_hashes(path: Path) -> dict[str, str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}
