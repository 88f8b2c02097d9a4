"""Small choices each person makes in the app (the language, the campaign last opened), kept in
their own config folder, one JSON file per kind of choice.

Several people often share one server, and sometimes one OS account: every choice is
keyed by the person as the history names them (``ana via outreach``), so one person's
choice never becomes another's. A missing or damaged file only means nothing was saved;
it never stops the app.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import platformdirs

from store.errors import StoreFileError
from store.files import write_new_file
from store.identity import Actor, current_actor

from .paths import APP_NAME


def choices_file(name: str) -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / name


def person_of(actor: Actor | None) -> str:
    return (actor or current_actor()).label()


def read_choices(path: Path) -> dict[str, object]:
    """Everyone's choices in ``path`` by person; empty when the file is missing or damaged."""
    try:
        found = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {key: value for key, value in found.items() if isinstance(key, str)}


def save_choice(path: Path, person: str, value: object, problem: str) -> None:
    """Set ``person``'s choice in ``path``, keeping everyone else's.

    ``problem`` says what could not be saved, with ``{path}`` and ``{reason}``; it
    becomes the ``StoreFileError`` raised when the folder cannot be made. A failed write
    raises ``StoreFileError`` naming the file too (``write_new_file``).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise StoreFileError(str(path), problem.format(path=path, reason=error.strerror)) from error
    choices = read_choices(path)
    choices[person] = value
    write_new_file(path, orjson.dumps(choices, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS), replace=True)
