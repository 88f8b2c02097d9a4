"""Model rules that hold whatever writes the record."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from store import CAMPAIGN_STATUSES, MAX_ATTENDEES, OFF_BOARD_STATES, ROLES, ValidationFailed
from store.models import Attendance


def test_the_enumerations_come_from_the_models():
    assert CAMPAIGN_STATUSES == ("planning", "active", "completed")
    assert OFF_BOARD_STATES == ("not_a_fit", "paused")
    assert ROLES == ("coordinator", "trainer", "viewer")


def test_attendees_are_bounded_by_the_model():
    assert Attendance(organization_id="org-aaaaaa", attendees=MAX_ATTENDEES).attendees == MAX_ATTENDEES
    with pytest.raises(ValidationError):
        Attendance(organization_id="org-aaaaaa", attendees=MAX_ATTENDEES + 1)


def test_names_are_trimmed_and_must_not_be_empty(repo):
    added = repo.add_organization({"name": "  Red Comunitaria  "})
    assert added.name == "Red Comunitaria"
    with pytest.raises(ValidationFailed) as refused:
        repo.add_organization({"name": "   "})
    assert refused.value.problems[0][0] == "name"


@pytest.mark.parametrize("bad", ["\x1b[31mred", "zero\u200bwidth", "line\u2028break", "private\ue000"])
def test_control_and_format_characters_are_refused_with_their_codes(repo, bad):
    with pytest.raises(ValidationFailed, match="U\\+"):
        repo.add_organization({"name": bad})


@pytest.mark.parametrize("name", ["[bold]x[/]", "[@click=app.quit]x", "R&D [EMEA]", "Colectiva 🌱 Pénjamo"])
def test_markup_looking_names_are_data_and_accepted(repo, name):
    assert repo.add_organization({"name": name}).name == name


def test_notes_may_span_lines(repo):
    assert repo.add_organization({"name": "X", "notes": "line one\nline two"}).notes == "line one\nline two"


@pytest.mark.parametrize(
    "fields",
    [
        {"name": "X", "place": {"country": 5}},
        {"name": "X", "workers_reached": {"estimate": "1"}},
        {"name": "X", "workers_reached": {"estimate": -1}},
        {"name": "X", "unknown_field": 1},
        {"name": "X" * 201},
    ],
)
def test_strict_types_and_limits(repo, fields):
    with pytest.raises(ValidationFailed):
        repo.add_organization(fields)


def test_models_refuse_naive_timestamps_and_bad_fit():
    from store.models import Visit

    base = {
        "id": "vis-aaaaaa",
        "organization_id": "org-aaaaaa",
        "campaign_id": "cmp-aaaaaa",
        "date": "2026-01-01",
        "created_at": "2026-01-01T10:00:00Z",
    }
    assert Visit.model_validate({**base, "fit": 3}).fit == 3
    with pytest.raises(ValidationError):
        Visit.model_validate({**base, "fit": 6})
    with pytest.raises(ValidationError):
        Visit.model_validate({**base, "fit": 3, "created_at": "2026-01-01T10:00:00"})
