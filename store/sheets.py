"""Printable visit sheets: what one sheet shows about an organization, and the sheet id it carries.

A sheet is filled in by hand on a visit and typed back later with ``visit add --sheet ID``. Its id
names the organization and the day it was printed, plus one check character, so a mistyped id is
refused instead of filing a visit under the wrong organization:

    L44LDQBWZB-261124-B    the organization id's tail, the print date (YYMMDD), the check character

The check character is Damm's algorithm over a totally anti-symmetric quasigroup of order 36 (the
36 letters and digits an id is written in), so it catches every single mistyped character and
every swap of two neighbouring characters, the two errors people make copying from paper (Damm,
"Totally anti-symmetric quasigroups for all orders n ≠ 2, 6", Discrete Mathematics 307, 2007).
The quasigroup is x * y = λ·x + y over the product of the fields GF(4) and GF(9) (4 × 9 = 36),
with λ = x in GF(4) and λ = i in GF(9): since λ ≠ 0 each row and column of the table is a
permutation (a single change always changes the result), and since λ ≠ 1,
(c * x) * y = (c * y) * x only when x = y (a swap always changes it). An id is valid when folding
all its characters, the check character last, from 0 gives 0. Luhn mod 36 would miss the swap
of 0 and Z; this scheme misses none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .errors import ValidationFailed
from .i18n import _
from .models import Campaign, Organization, Placement, Visit
from .reading import BoardReading
from .text import display_safe

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
"""The characters of a sheet id, in the order of their values 0-35."""

CAPACITY_FIELDS = ("legal_capacity", "outreach_capacity", "education_program", "works_with_migrants")
"""The organization fields a network chooses partners for: each is a yes/no question on the sheet."""

FINDINGS_MARK = re.compile(r"\bsheet:\s*([0-9A-Za-z][0-9A-Za-z-]*)", re.IGNORECASE)
"""``sheet:ID`` as it stands in a visit's findings."""

# GF(4) as 0, 1, x, x+1 (x² = x + 1), multiplied by x; GF(9) as p + q·i (i² = -1) stored as p + 3q.
_TIMES_X_GF4 = (0, 2, 3, 1)


def _times_i_gf9(value: int) -> int:
    p, q = value % 3, value // 3
    return (-q) % 3 + 3 * p


def _add_gf9(a: int, b: int) -> int:
    return (a % 3 + b % 3) % 3 + 3 * ((a // 3 + b // 3) % 3)


def combine(x: int, y: int) -> int:
    """The quasigroup's x * y on values 0-35 (a value v is the pair v // 9 in GF(4), v % 9 in GF(9))."""
    high = _TIMES_X_GF4[x // 9] ^ (y // 9)
    low = _add_gf9(_times_i_gf9(x % 9), y % 9)
    return high * 9 + low


def _fold(text: str) -> int:
    interim = 0
    for char in text:
        interim = combine(interim, ALPHABET.index(char))
    return interim


def check_character(payload: str) -> str:
    """The character that makes ``payload`` (letters and digits, upper case) fold to 0."""
    interim = _fold(payload)
    return next(char for char in ALPHABET if combine(interim, ALPHABET.index(char)) == 0)


def is_valid(text: str) -> bool:
    """Whether ``text`` (payload then check character, upper case) folds to 0."""
    return bool(text) and all(char in ALPHABET for char in text) and _fold(text) == 0


def organization_part(organization_id: str) -> str:
    """The part of a sheet id that names the organization: its id's tail, upper case (``org-l44l…`` → ``L44L…``)."""
    return organization_id.split("-", 1)[-1].upper()


def sheet_id(organization_id: str, printed_on: date) -> str:
    """The id printed on ``organization_id``'s sheet of ``printed_on``."""
    payload = organization_part(organization_id) + f"{printed_on:%y%m%d}"
    return f"{organization_part(organization_id)}-{printed_on:%y%m%d}-{check_character(payload)}"


@dataclass(frozen=True)
class SheetId:
    """A sheet id read back: the organization part and the day the sheet was printed."""

    organization_part: str
    printed_on: date

    def __str__(self) -> str:
        return sheet_id(self.organization_part.lower(), self.printed_on)


def parse_sheet_id(text: str) -> SheetId:
    """Read a typed sheet id (any case; dashes and spaces anywhere), or raise ``ValidationFailed`` saying why."""
    typed = re.sub(r"[\s-]", "", text).upper()
    if not re.fullmatch(r"[0-9A-Z]{4,40}[0-9]{6}[0-9A-Z]", typed):
        example = sheet_id("org-l44ldqbwzb", date(2026, 11, 24))
        raise _refused(
            _("{id!r} is not a visit sheet id: one reads like {example}, printed at the top of the sheet.").replace(
                "{example}", example
            ),
            text,
        )
    if not is_valid(typed):
        raise _refused(
            _(
                "{id!r} is not the id of a visit sheet: its check character does not match, so a character was "
                "probably mistyped or two were swapped. Copy it again from the top of the sheet."
            ),
            text,
        )
    try:
        printed_on = date(2000 + int(typed[-7:-5]), int(typed[-5:-3]), int(typed[-3:-1]))
    except ValueError:
        raise _refused(_("{id!r} is not a visit sheet id: its date is not a calendar day."), text) from None
    return SheetId(typed[:-7], printed_on)


def _refused(message: str, text: str) -> ValidationFailed:
    said = message.format(id=display_safe(text))
    return ValidationFailed(said, [("sheet", said)])


def check_sheet(text: str, organization: Organization) -> SheetId:
    """The sheet id ``text`` when it is valid and was printed for ``organization``; ``ValidationFailed`` otherwise."""
    found = parse_sheet_id(text)
    if found.organization_part != organization_part(organization.id):
        message = _(
            "Sheet {id} was printed for another organization, not for {org}. Check the id and the organization."
        )
        said = message.format(id=found, org=display_safe(organization.name))
        raise ValidationFailed(said, [("sheet", said)])
    return found


def sheets_in(findings: str) -> list[str]:
    """The sheet ids a visit's findings name as ``sheet:ID``, as typed."""
    return [match.group(1).rstrip("-") for match in FINDINGS_MARK.finditer(findings)]


def findings_with_sheet(findings: str, sheet: str | None, organization: Organization) -> str:
    """``findings`` with ``sheet:ID`` added for ``sheet`` (unless they name it already).

    Every sheet id involved, given or already in the findings, must be valid and printed for
    ``organization``; otherwise ``ValidationFailed`` says which and why.
    """
    named = [str(check_sheet(typed, organization)) for typed in sheets_in(findings)]
    if sheet is None:
        return findings
    found = str(check_sheet(sheet, organization))
    if found in named:
        return findings
    mark = f"sheet:{found}"
    return f"{findings.rstrip()}\n{mark}" if findings.strip() else mark


@dataclass(frozen=True)
class VisitSheet:
    """What one printed sheet shows about an organization (never its staff contacts)."""

    sheet_id: str
    organization: Organization
    campaign: Campaign
    placement: Placement
    last_visit: Visit | None
    printed_on: date

    @property
    def code(self) -> str:
        """The organization's short name (its first alias), or empty."""
        return self.organization.aliases[0] if self.organization.aliases else ""


def visit_sheets(
    board: BoardReading, campaign_id: str, organization_ids: list[str], printed_on: date
) -> list[VisitSheet]:
    """The sheets of ``organization_ids`` (each with a card on the campaign's board), in that order.

    Raises ``NotFoundError`` for an organization without a card there.
    """
    campaign = board.campaign(campaign_id)
    last: dict[str, Visit] = {}
    for visit in board.visits(campaign_id=campaign_id):  # newest first
        last.setdefault(visit.organization_id, visit)
    return [
        VisitSheet(
            sheet_id=sheet_id(org_id, printed_on),
            organization=board.organization(org_id),
            campaign=campaign,
            placement=board.placement(org_id, campaign_id),
            last_visit=last.get(org_id),
            printed_on=printed_on,
        )
        for org_id in organization_ids
    ]
