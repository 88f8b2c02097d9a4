"""Loading the program with Python's cyclic garbage collector paused.

Importing the store, pydantic and Textual builds tens of thousands of objects (classes,
functions, schemas) that live as long as the program; the collector's passes over them
while they are built find nothing to free, and took about a tenth of the time to the
board's first paint. Imports nothing heavy: it runs before the store is loaded.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off for the block, then as it was before."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
