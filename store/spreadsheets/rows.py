"""One spreadsheet row read as an organization and its card, with every problem named by column.

Nothing is looked up on the board here except the campaign's stages: duplicates and owners are
the plan's business. A row keeps the first problem of each cell, so a person fixing the file
sees all of them at once rather than one per attempt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from ..errors import NotFoundError
from ..i18n import _
from ..models import Campaign, Organization, Stage
from ..stages import resolve_stage
from ..validation import problems_of
from .mapping import ColumnMapping
from .table import Row, Table
from .values import LEGAL_INDEX, OUTREACH_INDEX, TYPE_INDEX, CellProblem, choice, day, mexican_state, whole_number
from .values import yes_no as yes_no_value

LIST_SEPARATORS = (";", ",", "/")
PLACE_FIELDS = ("country", "state", "municipality")
CONTACT_FIELDS = {"contact_name": "name", "contact_role": "role", "contact_phone": "phone", "contact_email": "email"}
CARD_FIELDS = ("stage", "next_follow_up", "owner")
CHECK_TIME = "2000-01-01T00:00:00Z"


@dataclass(frozen=True)
class CellIssue:
    row: int
    column: str
    """The header of the column, as the file has it ("" for a problem of the whole row)."""
    value: str
    reason: str


@dataclass
class ImportRow:
    number: int
    cells: tuple[str, ...]
    organization: dict[str, Any] = field(default_factory=dict)
    """Fields for ``Repository.add_organization``: only those the row has a value for."""
    org_id: str | None = None
    stage: Stage | None = None
    next_follow_up: date | None = None
    owner: str | None = None
    stage_column: str = ""
    """The header of the stage column, when the file has one: problems with the card are reported there."""
    stage_text: str = ""
    problems: list[CellIssue] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.organization.get("name", ""))


def read_rows(table: Table, mapping: ColumnMapping, campaign: Campaign | None) -> list[ImportRow]:
    """Every row of ``table`` read through ``mapping``; stages are those of ``campaign``."""
    return [_read_row(table.headers, row, mapping, campaign) for row in table.rows]


def _read_row(headers: tuple[str, ...], row: Row, mapping: ColumnMapping, campaign: Campaign | None) -> ImportRow:
    result = ImportRow(row.number, row.cells)
    columns = mapping.mapped()
    if "stage" in columns:
        result.stage_column, result.stage_text = headers[columns["stage"]], row.cells[columns["stage"]]
    for name, index in columns.items():
        text = row.cells[index]
        try:
            _read_cell(result, name, text, campaign)
        except CellProblem as problem:
            result.problems.append(CellIssue(row.number, headers[index], text, str(problem)))
    if "name" not in columns or not result.organization.get("name"):
        column = headers[columns["name"]] if "name" in columns else ""
        result.problems.append(CellIssue(row.number, column, "", _("an organization needs a name")))
    _name_the_contact(result.organization)
    _check_model(result, headers, columns)
    return result


def _name_the_contact(org: dict[str, Any]) -> None:
    """A contact given only by phone or email is named by it (a contact needs a name)."""
    for contact in org.get("contacts", []):
        if not contact.get("name"):
            contact["name"] = contact.get("email") or contact.get("phone") or contact.get("role") or _("Contact")


def _read_cell(result: ImportRow, name: str, text: str, campaign: Campaign | None) -> None:
    if not text:
        return
    org = result.organization
    if name == "id":
        result.org_id = text
    elif name in READERS:
        org[name] = READERS[name](text)
    elif name in PLACE_FIELDS:
        org.setdefault("place", {})[name] = mexican_state(text) if name == "state" else text
    elif name in CONTACT_FIELDS:
        contacts = org.setdefault("contacts", [{"name": ""}])
        contacts[0][CONTACT_FIELDS[name]] = text
    elif name in ("aliases", "languages", "tags"):
        org[name] = _list(text)
    elif name == "workers_reached":
        count = whole_number(text)
        if count is not None:
            org["workers_reached"] = {"estimate": count}
    elif name == "stage":
        result.stage = _stage(campaign, text)
    elif name == "next_follow_up":
        result.next_follow_up = day(text)
    elif name == "owner":
        result.owner = text
    else:
        org[name] = text


def _stage(campaign: Campaign | None, text: str) -> Stage:
    if campaign is None:
        raise CellProblem(_("a stage needs a campaign to put the card on; give --campaign"))
    try:
        return resolve_stage(campaign, text)
    except NotFoundError as error:
        raise CellProblem(str(error)) from None


def _list(text: str) -> list[str]:
    separator = next((mark for mark in LIST_SEPARATORS if mark in text), None)
    parts = text.split(separator) if separator else [text]
    return [part.strip() for part in parts if part.strip()]


def _type(text: str) -> str:
    return choice(text, TYPE_INDEX, ["albergue", "clínica jurídica", "sindicato", "derechos humanos", "…"])


def _legal(text: str) -> str:
    return choice(text, LEGAL_INDEX, ["área jurídica", "abogados colaboradores", "ninguna", "…"])


def _outreach(text: str) -> str:
    return choice(text, OUTREACH_INDEX, ["local", "regional", "nacional", "ninguna"])


READERS: dict[str, Callable[[str], str]] = {
    "type": _type,
    "legal_capacity": _legal,
    "outreach_capacity": _outreach,
    "education_program": yes_no_value,
    "works_with_migrants": yes_no_value,
}


def _check_model(result: ImportRow, headers: tuple[str, ...], columns: dict[str, int]) -> None:
    """The model's own rules (lengths, characters, contacts), reported at the column they come from."""
    if result.problems:
        return
    data = {**result.organization, "id": "org-importcheck", "created_at": CHECK_TIME, "updated_at": CHECK_TIME}
    try:
        Organization.model_validate(data)
    except ValidationError as error:
        for where, message in problems_of(error):
            column = _column_of(where, headers, columns)
            result.problems.append(CellIssue(result.number, column, _cell(result, headers, column), message))


def _column_of(where: str, headers: tuple[str, ...], columns: dict[str, int]) -> str:
    parts = where.split(".")
    name = parts[0]
    if name == "place" and len(parts) > 1:
        name = parts[1]
    elif name == "contacts" and len(parts) > 2:
        name = next((k for k, v in CONTACT_FIELDS.items() if v == parts[2]), name)
    return headers[columns[name]] if name in columns else ""


def _cell(result: ImportRow, headers: tuple[str, ...], column: str) -> str:
    return result.cells[headers.index(column)] if column in headers else ""
