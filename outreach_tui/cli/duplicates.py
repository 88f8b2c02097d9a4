"""How a command refuses a likely duplicate: the store's words, then what to pass to insist."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from store import DuplicateError

from .exit_codes import Refused


@contextmanager
def refused_as_duplicate(advice: str) -> Iterator[None]:
    """A likely duplicate the store refused becomes a ``Refused`` (exit 1) whose message ends with ``advice``."""
    try:
        yield
    except DuplicateError as error:
        raise Refused(f"{error} {advice}") from None
