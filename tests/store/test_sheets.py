"""Visit sheets: the sheet id's check character catches every single typo and every swap of neighbours,
a typed id is read back or refused with the reason, and a sheet holds what the board knows."""

from __future__ import annotations

from datetime import date

import pytest

from store import Repository
from store.errors import ValidationFailed
from store.sheets import (
    ALPHABET,
    check_sheet,
    combine,
    findings_with_sheet,
    is_valid,
    parse_sheet_id,
    sheet_id,
    sheets_in,
    visit_sheets,
)

SAMPLE_IDS = [
    sheet_id(org_id, day)
    for org_id in ("org-l44ldqbwzb", "org-3k735u4rs4", "org-0z0z0z0z0z", "org-zzzz", "org-000000000a")
    for day in (date(2026, 11, 24), date(2027, 1, 9), date(2030, 12, 31))
]
"""Ids of real shapes, with the characters a weaker scheme misses side by side (0 and Z)."""


def compact(text: str) -> str:
    return text.replace("-", "")


def test_the_check_scheme_is_a_quasigroup_that_catches_every_swap():
    # Each row and column of the table is a permutation: a single changed character always changes the result.
    for x in range(36):
        assert sorted(combine(x, y) for y in range(36)) == list(range(36))
        assert sorted(combine(y, x) for y in range(36)) == list(range(36))
    # Totally anti-symmetric: (c * x) * y = (c * y) * x only when x = y, so no swap of neighbours goes unseen.
    missed = [
        (c, x, y)
        for c in range(36)
        for x in range(36)
        for y in range(x + 1, 36)
        if combine(combine(c, x), y) == combine(combine(c, y), x)
    ]
    assert missed == []


@pytest.mark.parametrize("text", SAMPLE_IDS)
def test_every_single_character_change_of_a_sample_id_is_caught(text):
    typed = compact(text)
    assert is_valid(typed)
    for index, original in enumerate(typed):
        for other in ALPHABET.replace(original, ""):
            assert not is_valid(typed[:index] + other + typed[index + 1 :]), (text, index, other)


@pytest.mark.parametrize("text", SAMPLE_IDS)
def test_every_swap_of_two_neighbouring_characters_of_a_sample_id_is_caught(text):
    typed = compact(text)
    for index in range(len(typed) - 1):
        if typed[index] != typed[index + 1]:
            swapped = typed[:index] + typed[index + 1] + typed[index] + typed[index + 2 :]
            assert not is_valid(swapped), (text, index)


def test_a_sheet_id_names_the_organization_and_the_day_printed():
    assert sheet_id("org-l44ldqbwzb", date(2026, 11, 24)) == "L44LDQBWZB-261124-B"
    read = parse_sheet_id("l44l dqbw zb 2611 24b")
    assert (read.organization_part, read.printed_on) == ("L44LDQBWZB", date(2026, 11, 24))
    assert str(read) == "L44LDQBWZB-261124-B"


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("L44LDQBWZB-261124-C", "check character does not match"),
        ("L44LDQBWZB-261142-" + "X", "is not"),
        ("hello", "is not a visit sheet id: one reads like L44LDQBWZB-261124-B"),
        ("", "is not a visit sheet id"),
    ],
)
def test_a_mistyped_sheet_id_is_refused_saying_why(typed, says):
    with pytest.raises(ValidationFailed) as refused:
        parse_sheet_id(typed)
    assert says in str(refused.value)


def test_a_valid_id_with_an_impossible_date_is_refused():
    payload = "L44LDQBWZB" + "261399"
    from store.sheets import check_character

    with pytest.raises(ValidationFailed, match="not a calendar day"):
        parse_sheet_id(payload + check_character(payload))


def test_a_sheet_printed_for_another_organization_is_refused(repo: Repository):
    first, second = repo.organizations()[:2]
    printed = sheet_id(first.id, date(2026, 11, 24))
    assert check_sheet(printed, first).printed_on == date(2026, 11, 24)
    with pytest.raises(ValidationFailed, match="printed for another organization"):
        check_sheet(printed, second)


def test_findings_gain_the_sheet_once_and_every_sheet_they_name_is_checked(repo: Repository):
    org, other = repo.organizations()[:2]
    printed = sheet_id(org.id, date(2026, 11, 24))
    assert findings_with_sheet("", printed.lower(), org) == f"sheet:{printed}"
    assert findings_with_sheet("Two lawyers\n", printed, org) == f"Two lawyers\nsheet:{printed}"
    assert findings_with_sheet(f"Two lawyers sheet:{printed}", printed, org) == f"Two lawyers sheet:{printed}"
    assert sheets_in(f"a sheet: {printed}. b SHEET:x-") == [printed, "x"]
    with pytest.raises(ValidationFailed):
        findings_with_sheet(f"sheet:{sheet_id(other.id, date(2026, 11, 24))}", None, org)
    with pytest.raises(ValidationFailed):
        findings_with_sheet("Two lawyers", printed[:-1] + "0" if printed[-1] != "0" else printed[:-1] + "1", org)


def test_a_sheet_holds_the_stage_the_last_visit_and_the_open_follow_up(repo: Repository):
    campaign = repo.default_campaign()
    card = repo.board(campaign.id).columns[0].cards[0]
    org = card.organization
    repo.log_visit(
        {
            "organization_id": org.id,
            "campaign_id": campaign.id,
            "date": date(2026, 10, 1),
            "fit": 2,
            "visitors": ["ana"],
        }
    )
    repo.log_visit(
        {
            "organization_id": org.id,
            "campaign_id": campaign.id,
            "date": date(2026, 11, 2),
            "fit": 4,
            "visitors": ["ana"],
            "next_follow_up": date(2026, 12, 3),
        }
    )
    (sheet,) = visit_sheets(repo, campaign.id, [org.id], date(2026, 11, 24))
    assert sheet.sheet_id == sheet_id(org.id, date(2026, 11, 24))
    assert sheet.placement.stage == card.placement.stage
    assert sheet.last_visit is not None
    assert (sheet.last_visit.date, sheet.last_visit.fit) == (date(2026, 11, 2), 4)
    assert sheet.placement.next_follow_up == date(2026, 12, 3)
    assert sheet.code == (org.aliases[0] if org.aliases else "")


def test_every_role_may_print_a_sheet_it_holds_no_contacts():
    from store.models import ROLES
    from store.permissions import allowed

    assert [role for role in ROLES if allowed(role, "print_sheet")] == list(ROLES)
