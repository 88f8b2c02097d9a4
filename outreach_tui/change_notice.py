"""What a refresh tells people: who changed what in other sessions, briefly.

A script that moves hundreds of cards must not bury the board under notices, so a
person's changes are listed one by one only while there are few, and counted
otherwise ("luis made 240 changes"); the whole notice stays a few lines long.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from store import Event
from store.i18n import _, format_number, ngettext

LISTED_PER_PERSON = 3
"""Up to this many changes of one person are described; more are counted."""

LINES = 4
"""The notice never grows past this many lines."""


def change_notice(events: Sequence[Event], describe: Callable[[Event], str]) -> str:
    """A few lines saying who changed what, in the current language; empty when there is nothing."""
    by_person: dict[str, list[Event]] = {}
    for event in events:
        by_person.setdefault(event.actor_label(), []).append(event)
    lines: list[str] = []
    for who, theirs in by_person.items():
        if len(theirs) <= LISTED_PER_PERSON:
            lines.extend(_("{who} {what}").format(who=who, what=describe(event)) for event in theirs)
        else:
            changes = len({event.group for event in theirs})
            lines.append(
                ngettext("{who} made {n} change", "{who} made {n} changes", changes).format(
                    who=who, n=format_number(changes)
                )
            )
    if len(lines) > LINES:
        rest = len(lines) - (LINES - 1)
        lines = lines[: LINES - 1]
        lines.append(ngettext("…and {n} more", "…and {n} more", rest).format(n=format_number(rest)))
    return "\n".join(lines)
