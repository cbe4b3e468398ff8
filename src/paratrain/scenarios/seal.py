"""Sealing a released scenario's graph: compressed and masked so an editor shows no lines.

Obfuscation, not encryption (the player must read it): see
:mod:`paratrain.scenarios.release` for what that does and does not protect.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import zlib
from typing import Any

SEAL_VERSION = 1


# --- sealing --------------------------------------------------------------------------------


def _mask(data: bytes, salt: bytes) -> bytes:
    stream = bytearray()
    counter = 0
    while len(stream) < len(data):
        stream += hashlib.sha256(salt + counter.to_bytes(8, "big")).digest()
        counter += 1
    return bytes(a ^ b for a, b in zip(data, stream, strict=False))


def seal(value: Any) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    raw = zlib.compress(json.dumps(value, ensure_ascii=False).encode(), 9)
    return {
        "v": SEAL_VERSION,
        "salt": base64.b64encode(salt).decode(),
        "data": base64.b64encode(_mask(raw, salt)).decode(),
    }


def unseal(sealed: Any) -> Any:
    """The value :func:`seal` sealed. Raises ValueError on anything else."""
    if not isinstance(sealed, dict) or sealed.get("v") != SEAL_VERSION:
        raise ValueError(f"'sealed' must be a sealed graph of version {SEAL_VERSION}")
    try:
        salt = base64.b64decode(sealed["salt"], validate=True)
        data = base64.b64decode(sealed["data"], validate=True)
        return json.loads(zlib.decompress(_mask(data, salt)))
    except (KeyError, TypeError, ValueError, zlib.error) as exc:
        raise ValueError(f"the sealed graph is damaged ({exc.__class__.__name__})") from None


def open_sealed(data: Any) -> Any:
    """Loader hook: a released copy's sealed graph back into ``nodes`` (and ``variables``)."""
    if not isinstance(data, dict) or "sealed" not in data or "nodes" in data:
        return data
    graph = unseal(data["sealed"])
    if not isinstance(graph, dict):
        raise ValueError("the sealed graph is damaged")
    return {**{k: v for k, v in data.items() if k != "sealed"}, **graph}
