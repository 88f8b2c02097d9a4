"""Acknowledging problems found in the history: a coordinator says they saw them, as an event of its own."""

from __future__ import annotations

from ..chain import ACKNOWLEDGED, check_history
from ..models import Event
from ..transaction import Transaction


def acknowledge(tx: Transaction) -> Event | None:
    """Record that the actor saw every problem the history check finds now; None when there is none to see."""
    tx.require("acknowledge_history")
    tx.doc.finish_loading()
    keys = [problem.key for problem in check_history(tx.doc).unacknowledged]
    if not keys:
        return None
    return tx.event(ACKNOWLEDGED, "file", "", changes={"problems": [None, keys]})
