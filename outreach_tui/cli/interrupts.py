"""Ctrl-C at any moment: exit 130 when nothing was written, finish and say so when the change was saved.

``main`` installs this before anything else is imported, so even an interrupt while
the program loads ends with a one-line message, never a traceback. When SIGINT
comes, each ``watch``-ed check says whether this command's change is already in a
board file (the store's atomic rename is the commit point). If it is, the interrupt
is not raised: the command finishes what it prints and says the change was saved.
If not, ``KeyboardInterrupt`` stops the command before the rename, and the store
leaves the board as it was.

An interrupt raised inside a library can be swallowed there and surface as some
other failure (a validation that "failed" because its regular expression was
interrupted). So once an interrupt was raised, any failure is reported as the
interrupt, and the library's "exception ignored" traceback is not printed.

Imports nothing heavy: it runs before the store and its dependencies are loaded.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable

from .exit_codes import EXIT_INTERRUPTED, EXIT_OK

# Not ``typing.TYPE_CHECKING``: importing typing takes longer than everything else this
# module loads, and a Ctrl-C in that time would still end in a traceback.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


Check = Callable[[], bool]


class _Guard:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.active = False
        self.raised = False
        self.after_save = False
        self.checks: list[Check] = []
        self.previous: Any = None
        self.previous_hook: Any = None
        self.installed = False


_guard = _Guard()


def _on_sigint(signum: int, frame: object) -> None:
    if not _guard.active or _guard.raised:
        return  # the command is over, or one interrupt is on its way already
    if saved():
        _guard.after_save = True
        return  # the change is in the file: let the command finish and report it
    _guard.raised = True
    raise KeyboardInterrupt


def _unraisable(info: Any) -> None:
    if _guard.raised and issubclass(info.exc_type, KeyboardInterrupt):
        return  # our own interrupt, swallowed by a library: reported once, by main
    _guard.previous_hook(info)


def install() -> None:
    """Take over SIGINT for one command (only the main thread can)."""
    _guard.reset()
    try:
        _guard.previous = signal.signal(signal.SIGINT, _on_sigint)
    except ValueError:
        return  # not the main thread: no signal can interrupt this call
    _guard.previous_hook, sys.unraisablehook = sys.unraisablehook, _unraisable
    _guard.installed = True
    _guard.active = True


def finish(*, program: bool) -> None:
    """The command is over. As the program, ignore later interrupts until it exits; else give SIGINT back."""
    _guard.active = False
    if not _guard.installed:
        return
    # SIG_IGN, not a Python handler: Python resets its own handlers to the default (death by
    # SIGINT, exit -2) while it shuts down, but leaves an ignored signal ignored.
    signal.signal(signal.SIGINT, signal.SIG_IGN if program else _guard.previous)
    if not program:
        sys.unraisablehook = _guard.previous_hook
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


def was_raised() -> bool:
    return _guard.raised


def reraise() -> None:
    """Called before reporting a failure: if an interrupt was raised, it is what happened."""
    if _guard.raised:
        raise KeyboardInterrupt


def outcome(code: int) -> int:
    """The exit code of a command that returned ``code``, told about the interrupts it saw."""
    if _guard.raised:
        return report()
    if _guard.after_save:
        _say(lambda _: _("interrupted after the change was saved; it is in the board file."))
    return code


def report() -> int:
    """After ``KeyboardInterrupt``: say what happened to the board file and return the exit code."""
    _guard.raised = True  # a second Ctrl-C while this is printed changes nothing
    if saved():
        _say(lambda _: _("interrupted after the change was saved; it is in the board file."))
        return EXIT_OK
    _say(lambda _: _("interrupted; the board file was not left half-written."))
    return EXIT_INTERRUPTED


def _say(message: Callable[[Callable[[str], str]], str]) -> None:
    try:
        from store.i18n import _
    except Exception:  # the interrupt came while the program was still loading
        text = message(str)
    else:
        text = message(_)
    sys.stderr.write(f"outreach-tui: {text}\n")
    sys.stderr.flush()
