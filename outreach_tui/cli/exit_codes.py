"""Exit codes scripts can trust, and the refusal the commands raise themselves.

0   success
1   the operation was refused (not found, ambiguous, invalid, conflict, not allowed, nothing to undo)
2   bad command line
3   the board file cannot be used (missing, invalid, newer schema, locked too long, write failed)
130 interrupted before anything was written
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_FILE = 3
EXIT_INTERRUPTED = 130


class Refused(Exception):
    """A request the command itself turns down (exit 1); the message says why."""
