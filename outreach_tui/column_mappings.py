"""Column mappings each person saved, by the signature of a file's headers, so next month's file reads the same.

Kept with the person's other choices (``person_choices``); a mapping names headers and fields
only, never a value from the file.
"""

from __future__ import annotations

from collections.abc import Mapping

from store.identity import Actor
from store.spreadsheets.fields import FIELD_BY_KEY
from store.spreadsheets.mapping import ColumnMapping

from .person_choices import choices_file, person_of, read_choices, save_choice

FILE_NAME = "column-mappings.json"


def saved_mapping(signature: str, width: int, actor: Actor | None = None) -> ColumnMapping | None:
    """The mapping this person saved for headers with ``signature``; None when there is none or it does not fit."""
    mine = read_choices(choices_file(FILE_NAME)).get(person_of(actor))
    found = mine.get(signature) if isinstance(mine, dict) else None
    if not isinstance(found, list) or len(found) != width:
        return None
    if not all(field is None or field in FIELD_BY_KEY for field in found):
        return None
    return ColumnMapping(tuple(found))


def save_mapping(signature: str, mapping: ColumnMapping, problem: str, actor: Actor | None = None) -> None:
    """Remember ``mapping`` for headers with ``signature`` (``problem``: see ``person_choices.save_choice``)."""
    path = choices_file(FILE_NAME)
    person = person_of(actor)
    mine = read_choices(path).get(person)
    kept: dict[str, object] = dict(mine) if isinstance(mine, Mapping) else {}
    kept[signature] = list(mapping.fields)
    save_choice(path, person, kept, problem)
