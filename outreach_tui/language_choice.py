"""The language each person chose in the app, kept in their own config folder.

Several people often share one server, and sometimes one OS account: the choice is
keyed by the person as the history names them (``ana via outreach``), so one
person's Spanish never becomes another's. A missing or damaged file only means no
choice was saved; it never stops the app.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import platformdirs

from store.errors import StoreFileError
from store.files import write_new_file
from store.i18n import _, known_language
from store.identity import Actor, current_actor

from .paths import APP_NAME

CHOICES_FILE = "language.json"


def choices_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / CHOICES_FILE


def _choices(path: Path) -> dict[str, str]:
    try:
        found = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {key: value for key, value in found.items() if isinstance(key, str) and known_language(value)}


def saved_language(actor: Actor | None = None) -> str | None:
    """The language this person chose last, or None."""
    person = (actor or current_actor()).label()
    return known_language(_choices(choices_path()).get(person))


def save_language(code: str, actor: Actor | None = None) -> None:
    """Remember ``code`` for this person; raises ``StoreFileError`` naming the file when it cannot be written."""
    path = choices_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise StoreFileError(
            str(path),
            _("Cannot save your choice of language in {path}: {reason}.").format(path=path, reason=error.strerror),
        ) from error
    choices = _choices(path)
    choices[(actor or current_actor()).label()] = code
    write_new_file(path, orjson.dumps(choices, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS), replace=True)
