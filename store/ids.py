"""Record ids such as ``org-k3j9x0q2mz``: random, so records of two files never collide on import."""

from __future__ import annotations

import secrets
import string
from random import Random

_ALPHABET = string.ascii_lowercase + string.digits
_TAILS = 36**10


class IdFactory:
    """Makes record ids; with a seeded ``Random`` the ids repeat run after run (tests, demo boards)."""

    def __init__(self, rng: Random | None = None) -> None:
        self._rng = rng

    def new(self, prefix: str) -> str:
        if self._rng is None:
            # One call to the system's random source per id, not one per character: an import
            # of thousands of rows makes four ids a row.
            number = secrets.randbelow(_TAILS)
            letters = []
            for _ in range(10):
                number, digit = divmod(number, 36)
                letters.append(_ALPHABET[digit])
            tail = "".join(letters)
        else:
            tail = "".join(self._rng.choice(_ALPHABET) for _ in range(10))
        return f"{prefix}-{tail}"
