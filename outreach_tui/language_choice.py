"""The language each person chose in the app, kept in their own config folder (see ``person_choices``)."""

from __future__ import annotations

from pathlib import Path

from store.i18n import _, known_language
from store.identity import Actor

from .person_choices import choices_file, person_of, read_choices, save_choice

CHOICES_FILE = "language.json"


def choices_path() -> Path:
    return choices_file(CHOICES_FILE)


def saved_language(actor: Actor | None = None) -> str | None:
    """The language this person chose last, or None."""
    found = read_choices(choices_path()).get(person_of(actor))
    return known_language(found) if isinstance(found, str) else None


def save_language(code: str, actor: Actor | None = None) -> None:
    """Remember ``code`` for this person; raises ``StoreFileError`` naming the file when it cannot be written."""
    save_choice(choices_path(), person_of(actor), code, _("Cannot save your choice of language in {path}: {reason}."))
