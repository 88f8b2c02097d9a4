"""The ``outreach-tui`` command: the board, and scriptable commands over the same board file.

Each command opens the board file, does one thing through ``store.Repository`` and
exits; nothing is kept between commands, so any number of shells and scripts can run
them at once beside open boards (the store locks every write). Exit codes are listed
in ``exit_codes``.

This module stays light: ``main`` takes over Ctrl-C before the store, pydantic and
the parser are imported, so an interrupt at any moment ends cleanly.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import interrupts
from .collector import collector_paused
from .exit_codes import EXIT_FILE, EXIT_INTERRUPTED, EXIT_OK, EXIT_OUTPUT, EXIT_REFUSED, EXIT_USAGE

__all__ = ["EXIT_FILE", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_OUTPUT", "EXIT_REFUSED", "EXIT_USAGE", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code; never raises and never shows a traceback.

    Without ``argv`` this is the program itself (the console script, ``python -m``):
    once the command is over, a late Ctrl-C can no longer change its outcome and is ignored.
    """
    interrupts.install()
    try:
        try:
            with collector_paused():
                from .program import run

            code = run(argv)
        except BaseException as error:
            # Python wraps an interrupt in some places (a class being created): it is still the interrupt.
            if isinstance(error, KeyboardInterrupt) or interrupts.was_raised():
                return interrupts.report()
            raise
        return interrupts.outcome(code)
    finally:
        interrupts.finish(program=argv is None)
