"""The grading fork server's preload: import and warm up once what every worker needs.

``paratrain grade`` forks its workers from a fork server whose preload list is this module
(:data:`paratrain.cohort.grade.PRELOAD`). Importing it, in that one process:

* leaves out jsonschema's optional IRI-format plugin. jsonschema, which nbformat imports
  for every nbgrader command, looks for ``rfc3987_syntax`` to check the ``iri`` and
  ``iri-reference`` string formats, and importing that builds a parser: about 1.7 s, half
  of nbgrader's start-up. Format checks only run when a caller asks for them, and neither
  the notebook schema nor nbgrader's cell-metadata schema uses those formats. A ``None`` in
  ``sys.modules`` makes ``import rfc3987_syntax`` raise ImportError, which jsonschema
  expects; the kernel zygote takes it out again (:mod:`paratrain.grading.zygote`);
* imports nbgrader's converter and preprocessors, paratrain's grading code and what a worker
  needs to start kernels (the kernels' own modules came first, in
  :mod:`paratrain.grading.zygote_preload`, which forked their zygote before this);
* does once what each worker would otherwise do on its first submission: compile the
  notebook-format validators nbformat and nbconvert use, and set up nbgrader's ORM mappers;
* moves everything loaded so far out of the garbage collector's reach (``gc.freeze``), so
  no forked process copies those pages by collecting them.

Every worker is forked from here and starts with all of it.
"""

from __future__ import annotations

import sys

SKIPPED = "rfc3987_syntax"
sys.modules.setdefault(SKIPPED, None)  # type: ignore[arg-type]


MODULES = (
    "nbgrader.api",
    "nbgrader.converters.autograde",
    "nbgrader.preprocessors",
    "nbgrader.utils",
    "paratrain.cohort.grade_worker",
    "paratrain.cohort.lifecycle",
    "paratrain.grading.rescore",
    "paratrain.grading.cells",
    "paratrain.scenarios.files",
    # what a worker loads to start its first kernel: jupyter_client looks for kernel specs
    # in IPython's folder too and finds the python3 kernel through ipykernel's kernelspec;
    # and the gradebook's SQLite dialect
    "IPython.paths",
    "ipykernel.kernelspec",
    "sqlalchemy.dialects.sqlite",
    "difflib",
)


def warm_up() -> None:
    import gc
    import importlib

    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output
    from sqlalchemy.orm import configure_mappers

    from paratrain.grading import zygote

    for name in MODULES:
        importlib.import_module(name)
    _ = zygote.ForkingKernelManager  # built on first use: jupyter_client's manager and client
    cell = new_code_cell(
        "1", outputs=[new_output("execute_result", {"text/plain": "1"}, execution_count=1)]
    )
    nb = new_notebook(cells=[cell])
    nbformat.validate(nb)
    nbformat.validate(nb, relax_add_props=True)
    nbformat.reads(nbformat.writes(nb), as_version=4)
    configure_mappers()
    # What is loaded now is shared by every process forked from here; kept out of the
    # cyclic garbage collector, it is never touched (and so never copied) by their GC runs.
    gc.collect()
    gc.freeze()


warm_up()
