"""A package's re-exported names, each imported the first time it is used (PEP 562).

Starting the board imports only what its first screen needs: a package ``__init__`` that
imported every module it re-exports made each ``from package.module import x`` pay for all
of them. The package names its exports here, and imports them again under ``TYPE_CHECKING``
so type checkers and editors still see them.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose name ``N`` comes from its module ``exports[N]``.

    ``exports`` maps each name to the module that defines it, relative to ``package`` (``".models"``).
    A name is imported once, then kept in the package like an ordinary attribute.
    """

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(exports))

    return __getattr__, __dir__


def exports_of(modules: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """``{".models": ("Campaign", "Stage")}`` turned around: each name with the module that defines it."""
    return {name: module for module, names in modules.items() for name in names}
