"""The problems the history check finds, in sentences that name the events and records concerned."""

from __future__ import annotations

from .chain import HistoryProblem
from .document import BoardDocument
from .history import campaign_label, describe_event, org_label
from .i18n import _, format_datetime
from .text import display_safe


def event_text(doc: BoardDocument, event_id: str) -> str:
    """An event as the history shows it: when, who, what."""
    event = doc.events.get(event_id)
    if event is None:
        return event_id
    return _("{when}, {who}: {what}").format(
        when=format_datetime(event.at), who=display_safe(event.actor_label()), what=describe_event(event, doc)
    )


def record_label(doc: BoardDocument, record_id: str) -> str:
    if doc.organizations.get(record_id) is not None or record_id.startswith("org-"):
        return org_label(doc, record_id)
    if doc.campaigns.get(record_id) is not None:
        return campaign_label(doc, record_id)
    if (card := doc.placements.get(record_id)) is not None:
        return _("the card of {org}").format(org=org_label(doc, card.organization_id))
    return display_safe(record_id)


def records_text(doc: BoardDocument, problem: HistoryProblem) -> str:
    return ", ".join(dict.fromkeys(record_label(doc, record) for record in problem.records)) or _("no record")


def problem_text(doc: BoardDocument, problem: HistoryProblem) -> str:
    """One sentence saying what is wrong, then the records it concerns."""
    events = [event_text(doc, event_id) for event_id in problem.events]
    if problem.kind == "break" and len(events) == 2:
        what = _(
            "The history is broken after the event ({before}): it was changed after it was written, or events "
            "after it were removed; the next event ({after}) follows one that is not there."
        ).format(before=events[0], after=events[1])
    elif problem.kind == "break":
        what = _(
            "The event ({event}) follows an event that is not in the history: one before it was changed or removed."
        ).format(event=events[0])
    elif problem.kind == "fork":
        what = _(
            "The event ({event}) was inserted into the history: it follows an event another one already follows."
        ).format(event="; ".join(events))
    elif problem.kind == "unlinked":
        what = _("The event ({event}) is not linked into the history: it was added to the file by hand.").format(
            event=events[0]
        )
    else:
        return _(
            "{record} is at version {found}, but its history ends at version {expected} ({event}): it was "
            "edited without a history event."
        ).format(record=records_text(doc, problem), found=problem.found, expected=problem.expected, event=events[0])
    return _("{what} Records concerned: {records}.").format(what=what, records=records_text(doc, problem))
