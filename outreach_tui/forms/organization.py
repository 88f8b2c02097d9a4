"""The organization form: add a potential partner, or edit one.

Organization-level data only: one staff contact, never lists of workers. An edit
sends only the fields the coordinator changed, so two people editing different
fields of one organization do not overwrite each other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from store.i18n import _
from store.models import Organization

from ..display import (
    LEGAL_CAPACITIES,
    ORGANIZATION_TYPES,
    OUTREACH_CAPACITIES,
    TRISTATES,
    legal_capacity_label,
    organization_type_label,
    outreach_capacity_label,
    safe_text,
    tristate_label,
)
from .base import FormScreen
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
    """New organization (``organization`` is None) or edit of an existing one."""

    CSS_PATH = ["form.tcss", "organization.tcss"]

    def __init__(self, organization: Organization | None, save: Callable[..., Organization]) -> None:
        """``save(fields, allow_duplicate=...)`` adds or changes the organization."""
        super().__init__()
        self.organization = organization
        self.save = save
        self._loaded = typed_values(organization)

    def heading(self) -> Text:
        if self.organization is None:
            return Text(_("New organization"))
        return Text(_("Edit organization") + ": ").append_text(safe_text(self.organization.name))

    def compose_fields(self) -> ComposeResult:
        yield from self._identity_fields()
        yield from self._capacity_fields()
        yield from self._reach_fields()
        yield self.section(_("More"))
        yield self.field("tags", _("Tags"), self._line("tags", _("comma-separated")))
        yield self.field("notes", _("Notes"), TextArea(self._loaded["notes"], compact=True, id="notes"))
        yield self.section(_("Staff contact (organization staff only, never workers)"))
        yield self.field("contacts.0.name", _("Contact name"), self._line("contacts.0.name"))
        yield self.field("contacts.0.role", _("Contact role"), self._line("contacts.0.role"))
        yield self.field("contacts.0.phone", _("Contact phone"), self._line("contacts.0.phone"))
        yield self.field("contacts.0.email", _("Contact email"), self._line("contacts.0.email"))

    def _line(self, path: str, placeholder: str = "") -> Input:
        return Input(self._loaded[path], placeholder=placeholder, compact=True, id=path.replace(".", "-"))

    def _choice(self, path: str, values: tuple[str, ...], label: Callable[[str], str]) -> Select[str]:
        options = _choices(values, label)
        return Select(options, value=self._loaded[path], allow_blank=False, compact=True, id=path.replace(".", "-"))

    def _identity_fields(self) -> ComposeResult:
        line = self._line
        yield self.field("name", _("Name"), line("name"))
        yield self.field("aliases", _("Also known as"), line("aliases", _("acronyms, short names; comma-separated")))
        yield self.field("type", _("Type"), self._choice("type", ORGANIZATION_TYPES, organization_type_label))
        yield self.section(_("Where"))
        yield self.field("place.country", _("Country"), line("place.country"))
        yield self.field("place.state", _("State"), line("place.state"))
        yield self.field("place.municipality", _("Municipality"), line("place.municipality"))

    def _capacity_fields(self) -> ComposeResult:
        choice = self._choice
        yield self.section(_("Capacity"))
        legal = choice("legal_capacity", LEGAL_CAPACITIES, legal_capacity_label)
        yield self.field("legal_capacity", _("Legal capacity"), legal)
        outreach = choice("outreach_capacity", OUTREACH_CAPACITIES, outreach_capacity_label)
        yield self.field("outreach_capacity", _("Outreach capacity"), outreach)
        yield self.field(
            "education_program",
            _("Education program"),
            choice("education_program", TRISTATES, tristate_label),
            hint=_("Runs a grassroots human-rights education program"),
        )
        yield self.field("education_note", _("Education note"), self._line("education_note"))
        migrants = choice("works_with_migrants", TRISTATES, tristate_label)
        yield self.field("works_with_migrants", _("Works with migrants"), migrants)
        yield self.field("languages", _("Languages"), self._line("languages", _("comma-separated")))

    def _reach_fields(self) -> ComposeResult:
        line = self._line
        yield self.section(_("Workers reached"))
        yield self.field("workers_reached.estimate", _("Estimate"), line("workers_reached.estimate", _("whole number")))
        basis = line("workers_reached.basis", _("where the estimate comes from"))
        yield self.field("workers_reached.basis", _("Basis"), basis)
        yield self.field("workers_reached.as_of", _("As of"), line("workers_reached.as_of", date_placeholder()))

    def submit(self) -> Organization | None:
        fields = organization_fields(self.values(), self.organization)
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
