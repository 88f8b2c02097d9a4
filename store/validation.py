"""Turning pydantic's errors into the store's messages, and applying a change to a record."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import ValidationFailed
from .i18n import _
from .models import MAX_INTEGER, SAFE_LINE_PATTERN, SAFE_TEXT_PATTERN
from .text import display_safe, forbidden_characters

M = TypeVar("M", bound=BaseModel)

Problem = tuple[str, str]
"""``(where, message)``: a field path such as ``columns.0.organizations.3.name`` and what is wrong there."""

SHOWN_PROBLEMS = 5
"""How many problems a one-line message lists before saying how many more there are."""


def problems_of(error: ValidationError, prefix: str = "") -> list[Problem]:
    """Each problem of ``error`` as ``(field path, message)``, in the store's own words."""
    return [_problem(item, prefix) for item in error.errors(include_url=False)]


def _problem(item: Any, prefix: str) -> Problem:
    location = ".".join(str(part) for part in item["loc"])
    message = item["msg"]
    pattern = item.get("ctx", {}).get("pattern") if item["type"] == "string_pattern_mismatch" else None
    if pattern in (SAFE_LINE_PATTERN, SAFE_TEXT_PATTERN):
        codes = forbidden_characters(str(item["input"]), multiline=pattern == SAFE_TEXT_PATTERN)
        message = _("contains characters that are not allowed: {codes}").format(
            codes=", ".join(codes) or _("control or format characters")
        )
    elif item["type"] == "string_unicode":
        message = _("contains an invalid character (a lone surrogate)")
    message = message.removeprefix("Value error, ")
    return (prefix + location if location else prefix.rstrip("."), message)


def problems_text(problems: list[Problem]) -> str:
    """The first few problems on one line, display-safe, with how many more there are."""
    shown = "; ".join(f"{display_safe(where)}: {display_safe(message)}" for where, message in problems[:SHOWN_PROBLEMS])
    more = len(problems) - SHOWN_PROBLEMS
    if more > 0:
        shown += " " + _("(and {n} more problems)").format(n=more)
    return shown


def validation_failed(error: ValidationError, what: str) -> ValidationFailed:
    """The ``ValidationFailed`` for input of kind ``what`` (a form, CLI arguments) that pydantic refused."""
    problems = problems_of(error)
    lines = "; ".join(f"{name}: {message}" if name else message for name, message in problems)
    return ValidationFailed(_("Invalid {what}: {problems}").format(what=what, problems=lines), problems)


def validate(model: type[M], data: Mapping[str, Any], what: str) -> M:
    """``data`` as a ``model``, or ``ValidationFailed`` naming each bad field."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise validation_failed(error, what) from None


def apply_changes(record: M, changes: Mapping[str, Any], now: datetime, what: str) -> tuple[M, dict[str, list[Any]]]:
    """``record`` with ``changes`` applied and validated, its version bumped, plus the JSON diff."""
    current = record.model_dump(mode="json")
    updated = validate(type(record), _merged(current, changes, what), what)
    after = updated.model_dump(mode="json")
    diff = {
        name: [current[name], after[name]]
        for name in after
        if current[name] != after[name] and name not in ("updated_at", "version")
    }
    if not diff:
        return record, {}
    bump: dict[str, Any] = {}
    if "version" in after:
        bump["version"] = _next_version(after["version"], what)
    if "updated_at" in after:
        bump["updated_at"] = now
    return (updated.model_copy(update=bump) if bump else updated), diff


def _merged(current: dict[str, Any], changes: Mapping[str, Any], what: str) -> dict[str, Any]:
    merged = dict(current)
    for name, value in changes.items():
        if name not in current:
            raise ValidationFailed(
                _("Unknown field {name!r} for {what}.").format(name=display_safe(name), what=what),
                [(name, _("unknown field"))],
            )
        merged[name] = value.model_dump(mode="json") if isinstance(value, BaseModel) else value
    return merged


def _next_version(version: int, what: str) -> int:
    if version >= MAX_INTEGER:
        raise ValidationFailed(
            _("This {what} has reached version {max}, the highest a board stores; it cannot change any more.").format(
                what=what, max=MAX_INTEGER
            ),
            [("version", _("at its highest"))],
        )
    return version + 1
