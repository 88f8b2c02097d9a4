"""Exit codes scripts can trust, and the refusal the commands raise themselves.

0   success
1   the operation was refused (not found, ambiguous, invalid, conflict, not allowed, nothing to undo),
    or check found history problems nobody acknowledged
2   bad command line
3   the board file cannot be used (missing, invalid, newer schema, locked too long, write failed)
4   the output could not be written (an export file or standard output: a folder you may not write to, a full disk)
130 interrupted before anything was written
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_FILE = 3
EXIT_OUTPUT = 4
EXIT_INTERRUPTED = 130


class Refused(Exception):
    """A request the command itself turns down (exit 1); the message says why."""


class OutputFailed(Exception):
    """The command's output (an export file, standard output) could not be written (exit 4).

    Kept apart from exit 3: the board file itself is fine, and a change the command saved stays saved.
    """
