"""The folder each person last imported a spreadsheet from, so the next import's file browser opens there.

Kept beside the person's other choices (``person_choices``), like the export folder; without one,
or when the folder is gone, the browser opens in the person's home folder.
"""

from __future__ import annotations

from pathlib import Path

from store.i18n import _
from store.identity import Actor

from .person_choices import choices_file, person_of, read_choices, save_choice

CHOICES_FILE = "import-folders.json"


def import_folder(actor: Actor | None = None) -> Path:
    """Where this person's next import starts browsing: the folder of their last import, while it exists, else home."""
    found = read_choices(choices_file(CHOICES_FILE)).get(person_of(actor))
    if isinstance(found, str) and found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def save_import_folder(folder: Path, actor: Actor | None = None) -> None:
    """Remember ``folder`` for this person; raises ``StoreFileError`` naming the file when it cannot be written."""
    problem = _("Cannot save the folder you imported from in {path}: {reason}.")
    save_choice(choices_file(CHOICES_FILE), person_of(actor), str(folder), problem)
