"""The demo cohort, end to end (``paratrain demo``): orchestration above cohort, supervision
and reports, imported only by the CLI.

    run       the steps, in order
    people    the fictional trainees and supervisors
    summary   what the demo prints at the end
    lab       JupyterLab configuration and the commands that open it on this machine
"""

from __future__ import annotations

from paratrain.demo.people import COURSE_ID, TRAINEES
from paratrain.demo.run import STEPS, run_demo
from paratrain.demo.summary import DemoSummary

__all__ = ["COURSE_ID", "STEPS", "TRAINEES", "DemoSummary", "run_demo"]
