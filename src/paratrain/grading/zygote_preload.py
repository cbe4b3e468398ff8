"""First in the grading fork server's preload: fork the shared kernel zygote.

``paratrain grade`` starts its fork server with this module first in the preload list
(:data:`paratrain.cohort.grade.PRELOAD`) and the zygote's socket path in
:data:`paratrain.grading.zygote.SOCKET_ENV`. Importing it, in the fork server, imports what
a grading kernel needs (:data:`paratrain.grading.zygote.WARM_MODULES` and
:data:`~paratrain.grading.zygote.KERNEL_MODULES`) and forks the zygote that every worker's
kernels come from (:func:`paratrain.grading.zygote.fork_shared`), before the rest of the
preload imports nbgrader, SQLAlchemy and nbconvert, which kernels never use. Without the
variable it does nothing, and each worker forks a zygote of its own.
"""

from __future__ import annotations

import importlib
import sys

from paratrain.grading.zygote import (
    WARM_MODULES,
    fork_shared,
    socket_from_environment,
    warm_kernel_modules,
)

_path = socket_from_environment()
if _path:
    # as in the grading preload: jsonschema's optional IRI-format plugin is left out while
    # warming up (it builds a parser for 1.7 s); the zygote puts it back for its kernels
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    for _name in WARM_MODULES:
        importlib.import_module(_name)
    warm_kernel_modules()
    fork_shared(_path)
