"""The real hub for tests/hub: two cohorts on 127.0.0.1, one per test module that asks for it.

Every wait is bounded; the hub and everything it started are stopped in the fixture's
teardown, whatever happened.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from paratrain.hub.demo import prepare_demo
from paratrain.hub.run import running_hub
from tests.conftest import MINIREPO
from tests.hub.builders import COHORT_A, COHORT_B
from tests.hub.realhub import Hub, require_hub_tools


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    require_hub_tools()
    from tests.browser.lab import free_port

    root = tmp_path_factory.mktemp("hub") / "hub"
    demo = prepare_demo(
        root,
        repo=MINIREPO,
        port=free_port(),
        cohorts=[COHORT_A, COHORT_B],
        frame_policy="same-origin",
    )
    with running_hub(demo.folder.settings, timeout=150) as running:
        yield Hub(demo, running)


@pytest.fixture(scope="module")
def servers(hub: Hub) -> dict[str, float]:
    """Three trainees' and one supervisor's servers, started together; seconds until each
    was ready."""
    names = ("ana", "ben", "cy", "sue")
    for n in names:
        hub.person(n).ask_for_server()
    return {n: hub.person(n).wait_for_server() for n in names}
