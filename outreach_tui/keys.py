"""The person's own age key pair, kept in their config folder (readable only by them)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from store.encryption import KeyPair, new_key_pair, public_key_of
from store.errors import StoreError
from store.files import PRIVATE_MODE, write_new_file

from .paths import APP_NAME

KEY_FILE = "age-key.txt"


def key_path() -> Path:
    """Where ``keys new`` keeps the person's secret key, and where ``import`` looks for it by default."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / KEY_FILE


def create_key_file(path: Path, created_at: str) -> KeyPair | None:
    """A new key pair written to ``path`` (mode 0600); None, writing nothing, when ``path`` exists.

    The file is an age identity file, so ``age -d -i`` reads it too.
    """
    pair = new_key_pair()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = f"# created: {created_at}\n# public key: {pair.public}\n{pair.secret}\n"
    return pair if write_new_file(path, text.encode(), mode=PRIVATE_MODE) else None


def own_public_key(path: Path) -> str | None:
    """The public key of the secret key in ``path``; None when there is none."""
    try:
        return public_key_of(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError, StoreError):
        return None
