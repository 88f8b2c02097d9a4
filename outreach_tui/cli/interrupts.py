"""Ctrl-C at any moment: exit 130 when nothing was written, finish and say so when the change was saved.

Installed by ``main`` before anything else is imported, so even an interrupt while
the program loads ends with a one-line message and exit 130, never a traceback.
When SIGINT comes, each ``watch``-ed check says whether this command's change is
already in a board file (the store's atomic rename is the commit point). If it is,
the interrupt is not raised: the command finishes what it prints and exits as it
would have. If not, ``KeyboardInterrupt`` stops the command before the rename, and
the store leaves the board as it was.

Imports nothing heavy: it runs before the store and its dependencies are loaded.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from typing import Any

from .exit_codes import EXIT_INTERRUPTED, EXIT_OK

Check = Callable[[], bool]


class _Guard:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.active = False
        self.interrupted = False
        self.after_save = False
        self.checks: list[Check] = []
        self.previous: Any = None
        self.installed = False


_guard = _Guard()


def _on_sigint(signum: int, frame: object) -> None:
    if not _guard.active or _guard.interrupted:
        return  # the command is over, or one interrupt is being reported already
    if saved():
        _guard.after_save = True
        return  # the change is in the file: let the command finish and report it
    _guard.interrupted = True
    raise KeyboardInterrupt


def install() -> None:
    """Take over SIGINT for one command (only the main thread can)."""
    _guard.reset()
    try:
        _guard.previous = signal.signal(signal.SIGINT, _on_sigint)
    except ValueError:
        return  # not the main thread: no signal can interrupt this call
    _guard.installed = True
    _guard.active = True


def finish(*, program: bool) -> None:
    """The command is over. As the program, ignore later interrupts until it exits; else give SIGINT back."""
    _guard.active = False
    if _guard.installed and not program:
        signal.signal(signal.SIGINT, _guard.previous)
        _guard.installed = False


def release() -> None:
    """Give SIGINT back to Python's default for the rest of the run (the board app handles its own keys)."""
    _guard.active = False
    if _guard.installed:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def watch(check: Check) -> None:
    """Register a check that says whether this command has changed a board file."""
    _guard.checks.append(check)


def saved() -> bool:
    for check in _guard.checks:
        try:
            if check():
                return True
        except OSError:
            continue  # the file cannot be read: nothing of ours can be shown to be in it
    return False


def interrupted_after_save() -> bool:
    return _guard.after_save


def report() -> int:
    """After ``KeyboardInterrupt``: say what happened to the board file and return the exit code."""
    _guard.interrupted = True  # a second Ctrl-C while this is printed changes nothing
    if saved():
        _say(lambda _: _("interrupted after the change was saved; it is in the board file."))
        return EXIT_OK
    _say(lambda _: _("interrupted; the board file was not left half-written."))
    return EXIT_INTERRUPTED


def say_saved_anyway() -> None:
    _say(lambda _: _("interrupted after the change was saved; it is in the board file."))


def _say(message: Callable[[Callable[[str], str]], str]) -> None:
    try:
        from store.i18n import _
    except Exception:  # the interrupt came while the program was still loading
        text = message(str)
    else:
        text = message(_)
    sys.stderr.write(f"outreach-tui: {text}\n")
    sys.stderr.flush()
