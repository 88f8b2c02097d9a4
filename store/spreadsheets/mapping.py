"""Which column of a spreadsheet fills which field, guessed from the headers and changed by the person.

A mapping is saved under the signature of the headers it was made for, so the next file with
the same columns (next month's export of the same sheet) is read the same way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ..i18n import _
from ..text import display_safe
from .fields import FIELD_BY_KEY, FIELDS, header_names
from .values import key


class MappingProblem(ValueError):
    """A mapping a person gave that cannot be used; ``str()`` says why."""


@dataclass(frozen=True)
class ColumnMapping:
    fields: tuple[str | None, ...]
    """For each column, the key of the field it fills, or None when the column is skipped."""

    def column_of(self, field: str) -> int | None:
        return self.fields.index(field) if field in self.fields else None

    def mapped(self) -> dict[str, int]:
        """Field key -> column index, for the columns that are read."""
        return {field: index for index, field in enumerate(self.fields) if field is not None}


@cache
def _header_index() -> dict[str, str]:
    return {key(name): field.key for field in FIELDS for name in header_names(field)}


def field_for_header(header: str) -> str | None:
    """The field a header names, if any."""
    return _header_index().get(key(header))


def guess_mapping(headers: Sequence[str]) -> ColumnMapping:
    """Each column matched to the field its header names; a field already taken by an earlier column is not repeated."""
    taken: set[str] = set()
    fields: list[str | None] = []
    for header in headers:
        field = field_for_header(header)
        if field is not None and field in taken:
            field = None
        if field is not None:
            taken.add(field)
        fields.append(field)
    return ColumnMapping(tuple(fields))


def mapping_from(headers: Sequence[str], chosen: Mapping[str, str | None]) -> ColumnMapping:
    """The guessed mapping with the person's choices applied: header -> field key, or None/"" to skip.

    Raises ``MappingProblem`` for a header the file lacks, a field that does not exist, or a
    field given to two columns.
    """
    fields = list(guess_mapping(headers).fields)
    folded = [key(header) for header in headers]
    for header, field in chosen.items():
        if key(header) not in folded:
            raise MappingProblem(
                _("the file has no column {header!r}; its columns are: {columns}").format(
                    header=display_safe(header), columns=", ".join(display_safe(h) for h in headers)
                )
            )
        wanted = _field_key(field) if field else None
        fields[folded.index(key(header))] = wanted
    return _checked(headers, ColumnMapping(tuple(fields)))


def _field_key(name: str) -> str:
    if name in FIELD_BY_KEY:
        return name
    found = field_for_header(name)
    if found is None:
        raise MappingProblem(
            _("{field!r} is not a field an import can fill; the fields are: {fields}").format(
                field=display_safe(name), fields=", ".join(field.key for field in FIELDS)
            )
        )
    return found


def _checked(headers: Sequence[str], mapping: ColumnMapping) -> ColumnMapping:
    seen: dict[str, int] = {}
    for index, field in enumerate(mapping.fields):
        if field is None:
            continue
        if field in seen:
            raise MappingProblem(
                _("columns {first!r} and {second!r} both fill {field}; skip one of them").format(
                    first=display_safe(headers[seen[field]]),
                    second=display_safe(headers[index]),
                    field=_(FIELD_BY_KEY[field].label),
                )
            )
        seen[field] = index
    return mapping


def header_signature(headers: Sequence[str]) -> str:
    """A short fingerprint of the headers, the same for files with the same columns in the same order."""
    joined = "\x1f".join(key(header) for header in headers)
    return hashlib.sha256(joined.encode()).hexdigest()[:16]
