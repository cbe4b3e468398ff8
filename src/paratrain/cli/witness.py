"""``paratrain witness serve``: the service that keeps a second record of role-play moves."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any


def cmd_witness_serve(args: argparse.Namespace) -> int:
    import logging

    from paratrain.witness.server import Where, serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    where = Where(
        course=Path(args.course).resolve() if args.course else None,
        courses=Path(args.courses).resolve() if args.courses else None,
    )
    # As a JupyterHub service the hub names the port and prefix in the environment.
    url = os.environ.get("JUPYTERHUB_SERVICE_URL", "")
    port = args.port or (int(url.rsplit(":", 1)[1].split("/")[0]) if url.count(":") >= 2 else 8765)
    prefix = args.prefix or os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
    serve(where, port=port, ip=args.ip, trust_header=args.trust_header, prefix=prefix)
    return 0


def register(sub: Any) -> None:
    """Add ``witness`` to paratrain's subparsers."""
    w = sub.add_parser(
        "witness",
        help="the service that keeps a second record of every "
        "role-play move, so edited transcripts are caught",
    )
    ws = w.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
    p = ws.add_parser("serve", help="run the witness (as a JupyterHub service, or locally)")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--course", metavar="DIR", help="record into this one course folder")
    where.add_argument(
        "--courses", metavar="DIR", help="record into DIR/<course id> (the course the player names)"
    )
    p.add_argument(
        "--port", type=int, default=0, help="port (default: from JUPYTERHUB_SERVICE_URL, else 8765)"
    )
    p.add_argument("--ip", default="127.0.0.1", help="address to listen on")
    p.add_argument("--prefix", default="", help="URL prefix (default: the hub's)")
    p.add_argument(
        "--trust-header",
        action="store_true",
        help="one machine, no hub: believe the X-Paratrain-Trainee header "
        "(only as safe as the machine's user accounts)",
    )
    p.set_defaults(func=cmd_witness_serve)
