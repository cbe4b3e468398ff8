"""Command-line defaults that live in the library, read from there (one place to change them),
and the environment's settings, read once per command.

``library_default("paratrain.hub.settings:HubSettings", "port")`` stands for the default of
the ``port`` field of that dataclass (or of the keyword-only parameter ``port`` when the
target is a function, read from ``__kwdefaults__`` as otter-grader does). The module is
imported only when the value is needed: when a command runs, or when its ``--help`` shows
``%(default)s``. So ``paratrain --help`` still imports nothing heavy.

:class:`Parser` swaps every such placeholder for its value after parsing, so handlers only
ever see plain values. :func:`settings` gives a command the :class:`~paratrain.settings.Settings`
read from the environment once (by :func:`paratrain.cli.main`).
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
from collections.abc import Sequence
from typing import Any

from paratrain.settings import Settings


class LibraryDefault:
    """A placeholder for a default defined in the library (see the module docstring)."""

    def __init__(self, target: str, name: str) -> None:
        self.target = target
        self.name = name

    def value(self) -> Any:
        module, _, attr = self.target.partition(":")
        obj: Any = importlib.import_module(module)
        for part in attr.split("."):
            obj = getattr(obj, part)
        if dataclasses.is_dataclass(obj):
            for f in dataclasses.fields(obj):
                if f.name == self.name:
                    if f.default is not dataclasses.MISSING:
                        return f.default
                    if f.default_factory is not dataclasses.MISSING:
                        return f.default_factory()
            raise LookupError(f"{self.target} has no field '{self.name}' with a default")
        kwdefaults = getattr(obj, "__kwdefaults__", None) or {}
        if self.name not in kwdefaults:
            raise LookupError(f"{self.target} has no keyword-only '{self.name}' with a default")
        return kwdefaults[self.name]

    def __str__(self) -> str:  # what ``%(default)s`` in a help string shows
        return str(self.value())

    def __repr__(self) -> str:
        return f"library_default({self.target!r}, {self.name!r})"


def library_default(target: str, name: str) -> Any:
    """A default read from the library when needed; typed ``Any`` so it fits ``default=``."""
    return LibraryDefault(target, name)


def resolve(namespace: argparse.Namespace) -> argparse.Namespace:
    """Replace every :class:`LibraryDefault` left in ``namespace`` by its value."""
    for key, val in vars(namespace).items():
        if isinstance(val, LibraryDefault):
            setattr(namespace, key, val.value())
    return namespace


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose results hold no :class:`LibraryDefault` placeholders.

    Sub-parsers made with ``add_subparsers().add_parser`` are of this class too.
    """

    def parse_known_args(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        namespace: argparse.Namespace | None = None,
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extra = super().parse_known_args(args, namespace)
        return resolve(parsed), extra


def settings(args: argparse.Namespace) -> Settings:
    """The environment's settings for this command, read once and kept on ``args``."""
    found = getattr(args, "settings", None)
    if not isinstance(found, Settings):
        found = Settings.from_env()
        args.settings = found
    return found
