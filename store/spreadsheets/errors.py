"""The one error a spreadsheet that cannot be read raises."""

from __future__ import annotations

from ..errors import StoreError


class SpreadsheetError(StoreError):
    """A file that cannot be read as a table; the message names the file and what to do."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        super().__init__(message)
