"""What the commands print: results on stdout, messages on stderr, JSON, a progress line.

Every line of text passes through ``display_safe``: user text never sends an escape
sequence to the terminal. A result that cannot be written (a full disk behind ``> file``)
is reported as ``OutputFailed``, never as a crash.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import orjson

from store.i18n import _, format_number, format_percent
from store.text import display_safe

from .exit_codes import OutputFailed

PROG = "outreach-tui"


@contextmanager
def writing_results() -> Iterator[None]:
    """Report a failed write to stdout as ``OutputFailed``; a reader gone away (``| head``) stays a BrokenPipeError."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputFailed(_("Cannot write the output: {reason}.").format(reason=error.strerror or error)) from None


def out(text: str = "") -> None:
    """One result line on stdout; escape sequences in user text never reach the terminal."""
    with writing_results():
        sys.stdout.write(display_safe(text, multiline=True) + "\n")


def out_lines(lines: Iterable[str]) -> None:
    # One write: listing 20,000 organizations line by line costs more than building them.
    text = "".join(display_safe(line, multiline=True) + "\n" for line in lines)
    with writing_results():
        sys.stdout.write(text)


def flush_results() -> None:
    """Write out what stdout still buffers, so a full disk is reported before the command ends."""
    with writing_results():
        sys.stdout.flush()


def note(text: str) -> None:
    """A message for the person at the terminal (stderr), never mixed into results."""
    sys.stderr.write(display_safe(text, multiline=True) + "\n")
    sys.stderr.flush()


def err(text: str) -> None:
    note(f"{PROG}: {text}")


def dump_json(value: Any) -> None:
    # JSON is written verbatim: scripts get exactly what is stored (JSON escapes control characters).
    dump_bytes(orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE))


def dump_bytes(data: bytes) -> None:
    with writing_results():
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def interactive() -> bool:
    """Whether a person is at a terminal on both ends (the board app needs both)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


class Progress:
    """A one-line counter on stderr when stderr is a terminal; silent when piped or redirected."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty()
        self.shown = False
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        # Whole percents rounded down, so 100% is never shown before the last item is done.
        percent = format_percent(done * 100 // max(total, 1) / 100)
        self.status(f"{self.label}: {format_number(done)}/{format_number(total)} ({percent})")

    def status(self, text: str) -> None:
        if self.enabled:
            # \r and erase-line rewrite one line; only ever written to a terminal.
            sys.stderr.write("\r\x1b[K" + display_safe(text))
            sys.stderr.flush()
            self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.shown = False


def warn_unusual_dates(warnings: list[str]) -> None:
    """Point out dates that look mistyped (store.plausibility); the change was made, so the exit stays 0."""
    for warning in warnings:
        note(_("Warning: {warning} It was saved as given; correct it if it is a typo.").format(warning=warning))
