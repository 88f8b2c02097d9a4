"""The folder each person last exported a board snapshot into, so the next export offers it again.

Kept beside the other choices of a person (``person_choices``). Without one, or when the
folder is gone, snapshots go to the person's home folder: never to wherever the app was
started from, which may be a folder they cannot write (``/`` for a trainer on a server).
"""

from __future__ import annotations

from pathlib import Path

from store.i18n import _
from store.identity import Actor

from .person_choices import choices_file, person_of, read_choices, save_choice

CHOICES_FILE = "export-folders.json"


def saved_export_folder(actor: Actor | None = None) -> Path | None:
    """The folder this person last exported into, or None."""
    found = read_choices(choices_file(CHOICES_FILE)).get(person_of(actor))
    return Path(found) if isinstance(found, str) and found else None


def export_folder(actor: Actor | None = None) -> Path:
    """Where this person's next snapshot goes by default: the folder they last chose, while it exists, else home."""
    saved = saved_export_folder(actor)
    if saved is not None and saved.is_dir():
        return saved
    return Path.home()


def save_export_folder(folder: Path, actor: Actor | None = None) -> None:
    """Remember ``folder`` for this person; raises ``StoreFileError`` naming the file when it cannot be written."""
    if saved_export_folder(actor) == folder:
        return
    problem = _("Cannot save the folder you exported into in {path}: {reason}.")
    save_choice(choices_file(CHOICES_FILE), person_of(actor), str(folder), problem)
