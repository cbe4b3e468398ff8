"""Cohorts on JupyterHub: configuration from rosters, a local hub, Zero to JupyterHub values.

Layers, outermost first (each module imports only those below it; ``paratrain hub ...``
lives in :mod:`paratrain.cli.hub`)::

    demo, run     the demo cohort; start / wait for / stop a hub and all it started
    folder        a hub folder: course folders, exchange, configuration files
    render, z2jh  plan -> jupyterhub_config.py + Jupyter configs / -> values.yaml, courses.yaml
    rules         who may reach what: a scope evaluator and the access rules
    plan          rosters -> users, groups, roles, course services (pure data)
    settings      where and how a hub runs: named deployments and frame policies
    proxy, links, passwords, auth (JupyterHub authenticator; imports jupyterhub)

docs/deploying.md explains the deployments and their security trade-offs.
"""

from __future__ import annotations

from paratrain.errors import HubError
from paratrain.hub.plan import Cohort, Plan, Role, build_plan
from paratrain.hub.rules import check
from paratrain.hub.settings import DEPLOYMENTS, FRAME_POLICIES, HubSettings

__all__ = [
    "DEPLOYMENTS",
    "FRAME_POLICIES",
    "Cohort",
    "HubError",
    "HubSettings",
    "Plan",
    "Role",
    "build_plan",
    "check",
]
