"""The organization form: add a potential partner, or edit one.

Organization-level data only: one staff contact, never lists of workers. An edit
sends only the fields the coordinator changed, so two people editing different
fields of one organization do not overwrite each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TextArea

from store.i18n import _
from store.models import Organization, Role
from store.permissions import organization_fields_for

from ..display import (
    LEGAL_CAPACITIES,
    ORGANIZATION_TYPES,
    OUTREACH_CAPACITIES,
    TRISTATES,
    legal_capacity_label,
    organization_type_label,
    outreach_capacity_label,
    role_label,
    safe_text,
    tristate_label,
)
from .base import FormScreen
from .fields import FieldRow
from .parsing import Problems, date_placeholder, join_list, split_list

# The form edits the first staff contact; any others are kept as they are.
CONTACT_FIELDS = ("name", "role", "phone", "email")


def _choices(values: tuple[str, ...], label: Callable[[str], str]) -> list[tuple[Text, str]]:
    return [(Text(label(value)), value) for value in values]


def typed_values(organization: Organization | None) -> dict[str, Any]:
    """The organization as the form's fields show it (what a coordinator would type)."""
    if organization is None:
        organization_fields: dict[str, Any] = {
            "type": "other",
            "legal_capacity": "unknown",
            "outreach_capacity": "unknown",
            "education_program": "unknown",
            "works_with_migrants": "unknown",
        }
        return {path: organization_fields.get(path, "") for path in FIELD_PATHS}
    org = organization
    reached = org.workers_reached
    contact = org.contacts[0] if org.contacts else None
    return {
        "name": org.name,
        "aliases": join_list(org.aliases),
        "type": org.type,
        "place.country": org.place.country,
        "place.state": org.place.state,
        "place.municipality": org.place.municipality,
        "legal_capacity": org.legal_capacity,
        "outreach_capacity": org.outreach_capacity,
        "education_program": org.education_program,
        "education_note": org.education_note,
        "works_with_migrants": org.works_with_migrants,
        "languages": join_list(org.languages),
        "workers_reached.estimate": str(reached.estimate) if reached else "",
        "workers_reached.basis": reached.basis if reached else "",
        "workers_reached.as_of": reached.as_of.isoformat() if reached and reached.as_of else "",
        "tags": join_list(org.tags),
        "notes": org.notes,
        **{f"contacts.0.{name}": getattr(contact, name) if contact else "" for name in CONTACT_FIELDS},
    }


FIELD_PATHS = (
    "name",
    "aliases",
    "type",
    "place.country",
    "place.state",
    "place.municipality",
    "legal_capacity",
    "outreach_capacity",
    "education_program",
    "education_note",
    "works_with_migrants",
    "languages",
    "workers_reached.estimate",
    "workers_reached.basis",
    "workers_reached.as_of",
    "tags",
    "notes",
    *(f"contacts.0.{name}" for name in CONTACT_FIELDS),
)

MODEL_FIELDS = frozenset(path.split(".")[0] for path in FIELD_PATHS)
"""The organization's fields the form edits ("place" for its country, state and municipality)."""


def organization_fields(typed: dict[str, Any], organization: Organization | None) -> dict[str, Any]:
    """Model-shaped fields from what was typed; raises ValidationFailed on obviously bad input."""
    problems = Problems()
    name = problems.required("name", typed["name"])
    estimate = problems.count("workers_reached.estimate", typed["workers_reached.estimate"])
    as_of = problems.day("workers_reached.as_of", typed["workers_reached.as_of"])
    basis = typed["workers_reached.basis"].strip()
    if estimate is None and not typed["workers_reached.estimate"].strip() and (basis or as_of):
        problems.add("workers_reached.estimate", _("type the estimate, or clear its basis and date"))
    contact = {name: typed[f"contacts.0.{name}"].strip() for name in CONTACT_FIELDS}
    if any(contact.values()) and not contact["name"]:
        problems.add("contacts.0.name", _("a contact needs a name"))
    problems.check()
    others = [c.model_dump() for c in organization.contacts[1:]] if organization else []
    return {
        "name": name,
        "aliases": split_list(typed["aliases"]),
        "type": typed["type"],
        "place": {key: typed[f"place.{key}"].strip() for key in ("country", "state", "municipality")},
        "legal_capacity": typed["legal_capacity"],
        "outreach_capacity": typed["outreach_capacity"],
        "education_program": typed["education_program"],
        "education_note": typed["education_note"].strip(),
        "works_with_migrants": typed["works_with_migrants"],
        "languages": split_list(typed["languages"]),
        "workers_reached": None if estimate is None else {"estimate": estimate, "basis": basis, "as_of": as_of},
        "tags": split_list(typed["tags"]),
        "notes": typed["notes"].strip(),
        "contacts": ([contact] if any(contact.values()) else []) + others,
    }


class OrganizationForm(FormScreen[Organization]):
    """New organization (``organization`` is None) or edit of an existing one.

    It offers only the fields ``role`` may change, as the store's permission table says
    (a trainer: the notes); the others are left out and a line above the fields says so.
    """

    CSS_PATH = ["form.tcss", "organization.tcss"]

    def __init__(
        self, organization: Organization | None, save: Callable[..., Organization], *, role: Role = "coordinator"
    ) -> None:
        """``save(fields, allow_duplicate=...)`` adds or changes the organization."""
        super().__init__()
        self.organization = organization
        self.save = save
        self.role = role
        self.editable = organization_fields_for(role, MODEL_FIELDS)
        """The model fields offered; the form's field paths start with one of these."""
        self.set_class(self.editable != MODEL_FIELDS, "-partial")
        self._loaded = typed_values(organization)

    def heading(self) -> Text:
        if self.organization is None:
            return Text(_("New organization"))
        return Text(_("Edit organization") + ": ").append_text(safe_text(self.organization.name))

    def offers(self, path: str) -> bool:
        return path.split(".")[0] in self.editable

    def compose_fields(self) -> ComposeResult:
        if self.has_class("-partial"):
            scope = _("Your role ({role}) lets you change only what is shown here; a coordinator can change the rest.")
            yield Static(Text(scope.format(role=role_label(self.role))), id="form-scope")
        groups = [
            ("", self._identity_fields()),
            (_("Where"), self._place_fields()),
            (_("Capacity"), self._capacity_fields()),
            (_("Workers reached"), self._reach_fields()),
            (_("More"), self._more_fields()),
            (_("Staff contact (organization staff only, never workers)"), self._contact_fields()),
        ]
        shown = [(title, list(rows)) for title, rows in groups]
        shown = [(title, rows) for title, rows in shown if rows]
        for title, rows in shown:
            # One group alone (a trainer's notes) needs no heading.
            if title and len(shown) > 1:
                yield self.section(title)
            yield from rows

    def _row(
        self, path: str, label: str, control: Callable[[str], Widget], hint: str | None = None
    ) -> Iterator[FieldRow]:
        """The field at ``path``, if the role may change it (its control is built only then)."""
        if self.offers(path):
            yield self.field(path, label, control(path), hint=hint)

    def _line(self, path: str, placeholder: str = "") -> Input:
        return Input(self._loaded[path], placeholder=placeholder, compact=True, id=path.replace(".", "-"))

    def _listed(self, placeholder: str) -> Callable[[str], Input]:
        return partial(self._line, placeholder=placeholder)

    def _choice(self, values: tuple[str, ...], label: Callable[[str], str]) -> Callable[[str], Select[str]]:
        def build(path: str) -> Select[str]:
            options = _choices(values, label)
            return Select(options, value=self._loaded[path], allow_blank=False, compact=True, id=path.replace(".", "-"))

        return build

    def _identity_fields(self) -> Iterator[FieldRow]:
        yield from self._row("name", _("Name"), self._line)
        aliases = self._listed(_("acronyms, short names; comma-separated"))
        yield from self._row("aliases", _("Also known as"), aliases)
        yield from self._row("type", _("Type"), self._choice(ORGANIZATION_TYPES, organization_type_label))

    def _place_fields(self) -> Iterator[FieldRow]:
        yield from self._row("place.country", _("Country"), self._line)
        yield from self._row("place.state", _("State"), self._line)
        yield from self._row("place.municipality", _("Municipality"), self._line)

    def _capacity_fields(self) -> Iterator[FieldRow]:
        row, choice = self._row, self._choice
        yield from row("legal_capacity", _("Legal capacity"), choice(LEGAL_CAPACITIES, legal_capacity_label))
        yield from row(
            "outreach_capacity", _("Outreach capacity"), choice(OUTREACH_CAPACITIES, outreach_capacity_label)
        )
        education = choice(TRISTATES, tristate_label)
        hint = _("Runs a grassroots human-rights education program")
        yield from row("education_program", _("Education program"), education, hint=hint)
        yield from row("education_note", _("Education note"), self._line)
        yield from row("works_with_migrants", _("Works with migrants"), choice(TRISTATES, tristate_label))
        yield from row("languages", _("Languages"), self._listed(_("comma-separated")))

    def _reach_fields(self) -> Iterator[FieldRow]:
        row = self._row
        yield from row("workers_reached.estimate", _("Estimate"), self._listed(_("whole number")))
        yield from row("workers_reached.basis", _("Basis"), self._listed(_("where the estimate comes from")))
        yield from row("workers_reached.as_of", _("As of"), self._listed(date_placeholder()))

    def _more_fields(self) -> Iterator[FieldRow]:
        yield from self._row("tags", _("Tags"), self._listed(_("comma-separated")))
        yield from self._row("notes", _("Notes"), lambda path: TextArea(self._loaded[path], compact=True, id=path))

    def _contact_fields(self) -> Iterator[FieldRow]:
        yield from self._row("contacts.0.name", _("Contact name"), self._line)
        yield from self._row("contacts.0.role", _("Contact role"), self._line)
        yield from self._row("contacts.0.phone", _("Contact phone"), self._line)
        yield from self._row("contacts.0.email", _("Contact email"), self._line)

    def typed(self) -> dict[str, Any]:
        """What each field holds, the fields left out as they were loaded."""
        return {**self._loaded, **self.values()}

    def submit(self) -> Organization | None:
        fields = organization_fields(self.typed(), self.organization)
        if self.organization is None:
            return self.save(fields, allow_duplicate=self.allow_duplicate)
        # Compare with the loaded values read the same way, so text that does not
        # round-trip exactly (an alias holding a comma) is not sent as a change.
        loaded = organization_fields(self._loaded, self.organization)
        changes = {name: value for name, value in fields.items() if value != loaded[name]}
        if not changes:
            return None
        return self.save(changes, allow_duplicate=self.allow_duplicate)

    def unchanged_result(self) -> Organization | None:
        return self.organization
