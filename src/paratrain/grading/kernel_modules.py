"""Importing this module imports what every grading kernel needs (a fork server's preload).

``paratrain grade`` names it in the fork server's preload list, so the modules a kernel loads
(its shell, debugger, widgets, our notebook helpers) are imported once, and every worker,
kernel zygote and kernel forked from there starts with them
(:data:`paratrain.grading.zygote.KERNEL_MODULES`).
"""

from paratrain.grading.zygote import warm_kernel_modules

warm_kernel_modules()
