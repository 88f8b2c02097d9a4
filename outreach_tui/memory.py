"""How a session holds a large board in memory: out of the cyclic collector's way, and no more than it uses.

A board of 20,000 organizations is hundreds of thousands of long-lived objects, built from
the board file a piece at a time. The pieces' parsed documents are let go as soon as they
are validated, but the C allocator keeps the memory they used (about 30 MB at that size)
unless asked to return it; on a shared server each open session would hold that much more.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import cache


def settle_memory() -> None:
    """Exempt the loaded board from cyclic garbage collection.

    Without this each collection walks all of a large board's objects and stalls the screen
    (measured: a third of the start-up time of a 20,000-organization board). No collection
    first: on such a board that alone takes 0.3 s.
    """
    gc.freeze()


def give_back_memory() -> None:
    """Return the allocator's free memory to the system (glibc's ``malloc_trim``; elsewhere nothing).

    A few milliseconds at 20,000 organizations; safe from any thread.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    import ctypes  # here: starting the board does not need it

    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None  # not glibc (musl, macOS): their allocators return memory on their own terms
    return trim
