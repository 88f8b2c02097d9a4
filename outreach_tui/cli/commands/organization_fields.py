"""The organization field options of ``org add`` and ``org edit``, and the model fields they give."""

from __future__ import annotations

import argparse
from typing import Any

from store import Organization
from store.i18n import _, today

from ...display import LEGAL_CAPACITIES, ORGANIZATION_TYPES, OUTREACH_CAPACITIES, TRISTATES
from ..exit_codes import Refused
from ..option_types import choice_key, non_negative

# (option, model field) of the repeatable options and of the plain ones.
LIST_FIELDS = (("alias", "aliases"), ("language", "languages"), ("tag", "tags"))
PLAIN_FIELDS = (
    ("type", "type"),
    ("legal", "legal_capacity"),
    ("outreach", "outreach_capacity"),
    ("education", "education_program"),
    ("education_note", "education_note"),
    ("migrants", "works_with_migrants"),
    ("notes", "notes"),
)
PLACE_FIELDS = ("country", "state", "municipality")


def add_field_options(parser: argparse.ArgumentParser) -> None:
    fields = parser.add_argument_group(_("organization fields"))
    add_identity_options(fields)
    add_capacity_options(fields)
    add_reach_options(fields)


def add_identity_options(fields: Any) -> None:
    fields.add_argument("--alias", action="append", metavar="A", help=_("acronym or short name (repeat for more)"))
    fields.add_argument(
        "--type",
        type=choice_key,
        choices=ORGANIZATION_TYPES,
        metavar="T",
        help=_("one of: {choices}").format(choices=", ".join(ORGANIZATION_TYPES)),
    )
    fields.add_argument("--country", metavar="X", help=_("country, e.g. México"))
    fields.add_argument("--state", metavar="X", help=_("state or department, e.g. Chiapas"))
    fields.add_argument("--municipality", metavar="X", help=_("municipality or city"))


def add_capacity_options(fields: Any) -> None:
    fields.add_argument(
        "--legal",
        type=choice_key,
        choices=LEGAL_CAPACITIES,
        metavar="L",
        help=_("legal capacity, one of: {choices}").format(choices=", ".join(LEGAL_CAPACITIES)),
    )
    fields.add_argument(
        "--outreach",
        type=choice_key,
        choices=OUTREACH_CAPACITIES,
        metavar="O",
        help=_("outreach capacity, one of: {choices}").format(choices=", ".join(OUTREACH_CAPACITIES)),
    )
    fields.add_argument(
        "--education",
        type=choice_key,
        choices=TRISTATES,
        metavar="yes|no|unknown",
        help=_("runs a grassroots human-rights education program"),
    )
    fields.add_argument("--education-note", metavar="TEXT", help=_("a word on that program"))
    fields.add_argument(
        "--migrants", type=choice_key, choices=TRISTATES, metavar="yes|no|unknown", help=_("works with migrants")
    )


def add_reach_options(fields: Any) -> None:
    fields.add_argument("--language", action="append", metavar="L", help=_("language served (repeat for more)"))
    fields.add_argument("--workers", type=non_negative, metavar="N", help=_("estimated workers reached"))
    fields.add_argument("--workers-basis", metavar="TEXT", help=_("where that estimate comes from"))
    fields.add_argument("--tag", action="append", metavar="T", help=_("tag (repeat for more)"))
    fields.add_argument("--notes", metavar="TEXT", help=_("free notes (may span lines)"))
    fields.add_argument(
        "--contact",
        action="append",
        metavar="'NAME;ROLE;PHONE;EMAIL'",
        help=_("a staff contact (never a worker); ROLE, PHONE and EMAIL may be left out (repeat for more)"),
    )


def given_list(values: list[str] | None) -> list[str] | None:
    # An empty value (--tag "") clears the list on edit.
    return None if values is None else [value for value in values if value.strip()]


def org_fields(args: argparse.Namespace, current: Organization | None = None) -> dict[str, Any]:
    """Model-shaped fields from the options given (only those given, for an edit)."""
    fields = given_fields(args)
    place = {key: getattr(args, key) for key in PLACE_FIELDS if getattr(args, key) is not None}
    if place:
        fields["place"] = {**(current.place.model_dump() if current else {}), **place}
    workers = workers_fields(args, current)
    if workers is not None:
        fields["workers_reached"] = workers
    contacts = given_list(args.contact)
    if contacts is not None:
        fields["contacts"] = [contact_fields(text) for text in contacts]
    return fields


def given_fields(args: argparse.Namespace) -> dict[str, Any]:
    """The name, the lists and the single values given on the command line."""
    fields: dict[str, Any] = {} if args.name is None else {"name": args.name}
    for option, name in LIST_FIELDS:
        values = given_list(getattr(args, option))
        if values is not None:
            fields[name] = values
    for option, name in PLAIN_FIELDS:
        value = getattr(args, option)
        if value is not None:
            fields[name] = value
    return fields


def workers_fields(args: argparse.Namespace, current: Organization | None) -> dict[str, Any] | None:
    if args.workers is None and args.workers_basis is None:
        return None
    workers = current.workers_reached.model_dump(mode="json") if current and current.workers_reached else {}
    if args.workers is not None:
        workers.update(estimate=args.workers, as_of=today().isoformat())
    if args.workers_basis is not None:
        workers["basis"] = args.workers_basis
    if "estimate" not in workers:
        raise Refused(_("--workers-basis needs --workers: there is no estimate yet."))
    return workers


def contact_fields(text: str) -> dict[str, str]:
    parts = [part.strip() for part in text.split(";")]
    if len(parts) > 4:
        raise Refused(_("--contact takes at most NAME;ROLE;PHONE;EMAIL, not {text!r}.").format(text=text))
    return dict(zip(("name", "role", "phone", "email"), parts, strict=False))
