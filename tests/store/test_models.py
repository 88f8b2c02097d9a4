"""Model rules that hold whatever writes the record."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from store import CAMPAIGN_STATUSES, MAX_ATTENDEES, OFF_BOARD_STATES, ROLES
from store.models import Attendance


def test_the_enumerations_come_from_the_models():
    assert CAMPAIGN_STATUSES == ("planning", "active", "completed")
    assert OFF_BOARD_STATES == ("not_a_fit", "paused")
    assert ROLES == ("coordinator", "trainer", "viewer")


def test_attendees_are_bounded_by_the_model():
    assert Attendance(organization_id="org-aaaaaa", attendees=MAX_ATTENDEES).attendees == MAX_ATTENDEES
    with pytest.raises(ValidationError):
        Attendance(organization_id="org-aaaaaa", attendees=MAX_ATTENDEES + 1)
