"""Rows of text written as a spreadsheet people open in Excel, LibreOffice or Google Sheets.

CSV is written as UTF-8 with a byte-order mark: that is how Excel's "CSV UTF-8" is saved, and
without the mark Excel on Windows reads accents as cp1252 ("JosÃ©"). The file is chosen by its
name: ``.xlsx`` gives a workbook, anything else CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

SHEET_TITLE_LIMIT = 31
"""Excel refuses longer sheet names."""


def spreadsheet_bytes(path: Path, headers: Sequence[str], rows: Iterable[Sequence[str]], *, sheet: str = "") -> bytes:
    """The file ``path`` names (by its extension), holding ``headers`` and ``rows``."""
    if path.suffix.casefold() == ".xlsx":
        return workbook_bytes(headers, rows, sheet=sheet)
    return csv_bytes(headers, rows)


FORMULA_STARTS = ("=", "+", "-", "@")


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([guarded(value) for value in row] for row in rows)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def guarded(value: str) -> str:
    """``value`` with a leading apostrophe when a spreadsheet program would run it as a formula.

    A name such as ``=HYPERLINK(...)`` typed into the board must stay text in the coordinator's
    Excel; the import takes the apostrophe off again (``unguarded``).
    """
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def unguarded(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


def workbook_bytes(headers: Sequence[str], rows: Iterable[Sequence[str]], *, sheet: str = "") -> bytes:
    # Imported here: only writing a workbook needs openpyxl, and it takes a while to import.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    page = book.create_sheet(title=_sheet_title(sheet))
    page.append(list(headers))
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(page, value=value)
            # Text stays text: a value such as "=1+1" or "0012" must not become a formula or a number.
            cell.data_type = "s"
            cells.append(cell)
        page.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_title(sheet: str) -> str:
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in sheet).strip()
    return (cleaned or "Sheet1")[:SHEET_TITLE_LIMIT]
