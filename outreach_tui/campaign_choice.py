"""The campaign each person last opened on each board file, so a new campaign someone else
creates does not become the board everyone lands on.

Kept beside the language choice (``person_choices``): per person, then per board file
(by its resolved path, as one person may keep several boards).
"""

from __future__ import annotations

from pathlib import Path

from store import Campaign, Repository, StoreError
from store.i18n import _
from store.identity import Actor

from .person_choices import choices_file, person_of, read_choices, save_choice

CHOICES_FILE = "campaigns.json"


def _boards_of(person: str, path: Path) -> dict[str, str]:
    found = read_choices(path).get(person)
    if not isinstance(found, dict):
        return {}
    return {key: value for key, value in found.items() if isinstance(key, str) and isinstance(value, str)}


def board_key(board_path: Path) -> str:
    return str(board_path.expanduser().resolve())


def saved_campaign(board_path: Path, actor: Actor | None = None) -> str | None:
    """The id of the campaign this person last opened on this board, or None."""
    return _boards_of(person_of(actor), choices_file(CHOICES_FILE)).get(board_key(board_path))


def save_campaign(board_path: Path, campaign_id: str, actor: Actor | None = None) -> None:
    """Remember ``campaign_id`` for this person and board; raises ``StoreFileError`` naming the file."""
    path = choices_file(CHOICES_FILE)
    person = person_of(actor)
    boards = _boards_of(person, path)
    if boards.get(board_key(board_path)) == campaign_id:
        return
    boards[board_key(board_path)] = campaign_id
    save_choice(path, person, boards, _("Cannot save the campaign you opened in {path}: {reason}."))


def opening_campaign(repo: Repository) -> Campaign | None:
    """The campaign a board opens on: the one this person last opened there, else the default campaign."""
    saved = saved_campaign(repo.path, repo.actor)
    if saved is not None:
        try:
            return repo.campaign(saved)
        except StoreError:
            pass  # a board file replaced by another one with the same name: its campaigns differ
    return repo.default_campaign()
