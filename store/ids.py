"""Record ids such as ``org-k3j9x0q2mz``: random, so records of two files never collide on import."""

from __future__ import annotations

import secrets
import string
from random import Random

_ALPHABET = string.ascii_lowercase + string.digits


class IdFactory:
    """Makes record ids; with a seeded ``Random`` the ids repeat run after run (tests, demo boards)."""

    def __init__(self, rng: Random | None = None) -> None:
        self._rng = rng

    def new(self, prefix: str) -> str:
        if self._rng is None:
            tail = "".join(secrets.choice(_ALPHABET) for _ in range(10))
        else:
            tail = "".join(self._rng.choice(_ALPHABET) for _ in range(10))
        return f"{prefix}-{tail}"
