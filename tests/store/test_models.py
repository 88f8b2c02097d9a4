"""Model rules that hold whatever writes the record."""

from __future__ import annotations

import orjson
import pytest
from pydantic import ValidationError

from store import CAMPAIGN_STATUSES, MAX_ATTENDEES, OFF_BOARD_STATES, ROLES, ValidationFailed
from store.models import MAX_INTEGER, Attendance, Event
from store.text import display_safe, forbidden_characters
from tests.boards import board_json, open_board


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


def test_goals_beyond_what_a_board_stores_are_a_clear_refusal(repo):
    with pytest.raises(
        ValidationFailed, match=r"goals\.active_partners: Input should be less than or equal to 9007199254740991"
    ) as refused:
        repo.create_campaign("Frontera 2027", goals={"active_partners": 99999999999999999999})
    assert refused.value.problems[0][0] == "goals.active_partners"
    assert repo.create_campaign("Frontera 2027", goals={"active_partners": MAX_INTEGER}).goals.active_partners


def test_a_record_at_the_highest_version_is_refused_a_change_and_the_file_stays_openable(repo):
    target = repo.find_organization("Casa del Migrante Belén")
    document = board_json(repo.path)
    for record in document["organizations"].values():
        if record["id"] == target.id:
            record["version"] = MAX_INTEGER
    repo.path.write_bytes(orjson.dumps(document))
    repo.refresh()
    with pytest.raises(ValidationFailed, match="cannot change any more"):
        repo.update_organization(target.id, {"notes": "one more"})
    assert open_board(repo.path).organization(target.id).version == MAX_INTEGER


def nested(depth: int) -> list:
    value: list = [1]
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("value", [[2**64, 0], [0, nested(300)]], ids=["huge integer", "deep nesting"])
def test_history_values_a_board_cannot_store_are_refused(value):
    event = {
        "id": "ev-aaaaaa",
        "group": "grp-aaaaaa",
        "at": "2026-01-01T10:00:00Z",
        "actor": "ana",
        "kind": "organization_edited",
        "entity": "organization",
        "changes": {"notes": value},
    }
    with pytest.raises(ValidationError, match="changes"):
        Event.model_validate(event)
    assert Event.model_validate({**event, "changes": {"notes": ["a", "b"]}}).changes


@pytest.mark.parametrize(
    "name",
    ["می\u200cخواهم یاد بگیرم", "Colectiva 👩\u200d💻 Pénjamo", "👨\u200d👩\u200d👧 Familias", "क्\u200dष"],
    ids=["persian ZWNJ", "emoji ZWJ", "family ZWJ", "devanagari ZWJ"],
)
def test_joiners_inside_words_are_ordinary_text(repo, name):
    added = repo.add_organization({"name": name, "notes": f"{name}\nsecond line"})
    assert added.name == name
    assert display_safe(added.name) == name
    assert forbidden_characters(name) == []


@pytest.mark.parametrize(
    "bad",
    [
        "\u200cleading",
        "trailing\u200d",
        "double\u200c\u200cjoiner",
        "space \u200cjoiner",
        "bidi\u202eoverride",
        "isolate\u2066x",
    ],
)
def test_joiners_outside_words_and_other_format_characters_are_still_refused(repo, bad):
    with pytest.raises(ValidationFailed, match="U\\+"):
        repo.add_organization({"name": bad})
    assert forbidden_characters(bad)
    assert display_safe(bad) != bad
