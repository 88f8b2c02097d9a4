"""A spreadsheet file as a header and numbered rows of text, whatever program saved it.

Row numbers are the ones the person sees in their spreadsheet program (the header is row 1
unless told otherwise), so every problem reported later can be found in the file.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import stat
import zipfile
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from ..i18n import _
from ..text import display_safe
from .decoding import Decoded, EncodingProblem, decode
from .delimiters import choose_delimiter
from .errors import SpreadsheetError
from .writing import unguarded

Kind = Literal["json", "xlsx", "text", "binary"]
XLSX_MAGIC = b"PK\x03\x04"
MAX_BYTES = 64 * 1024 * 1024
"""Larger than any partner list; a bigger file is almost surely not one."""


@dataclass(frozen=True)
class Row:
    number: int
    """The row number the spreadsheet program shows."""
    cells: tuple[str, ...]
    """One text per header column: missing cells are empty, cells beyond the header are dropped."""


@dataclass(frozen=True)
class Table:
    path: Path
    kind: Kind
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    encoding: Decoded | None = None
    """How a text file was decoded (None for Excel)."""
    delimiter: str | None = None
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    """Every sheet of an Excel workbook, so a person can pick another."""
    extra_cells: int = 0
    """How many rows had more cells than the header has columns (the extra cells are not read)."""
    sha256: str = ""
    """Of the file's bytes: the history names an import batch by it."""


def sniff_kind(head: bytes) -> Kind:
    """What a file is by its first bytes: an Excel workbook, a JSON snapshot, text, or other binary data."""
    if head.startswith(XLSX_MAGIC):
        return "xlsx"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "text"
    if b"\x00" in head:
        return "binary"
    stripped = head.removeprefix(codecs.BOM_UTF8).lstrip()
    return "json" if stripped.startswith(b"{") else "text"


def read_table(
    path: Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    header_row: int = 1,
) -> Table:
    """Read ``path`` (CSV/TSV text or an Excel workbook) into a ``Table``; raises ``SpreadsheetError``."""
    data = _read_bytes(path)
    if sniff_kind(data[:16]) == "xlsx":
        table = _read_workbook(path, data, sheet=sheet, header_row=header_row)
    else:
        table = _read_text(path, data, encoding=encoding, delimiter=delimiter, header_row=header_row)
    return replace(table, sha256=hashlib.sha256(data).hexdigest())


def _read_bytes(path: Path) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise SpreadsheetError(str(path), _("{path} is not a file").format(path=path))
        size = info.st_size
        if size > MAX_BYTES:
            raise SpreadsheetError(
                str(path),
                _("{path} is {size} MB; a spreadsheet to import can be at most {limit} MB").format(
                    path=path, size=size // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024)
                ),
            )
        return path.read_bytes()
    except OSError as error:
        raise SpreadsheetError(
            str(path), _("{path} cannot be read: {reason}").format(path=path, reason=error.strerror or error)
        ) from None


def _read_text(path: Path, data: bytes, *, encoding: str | None, delimiter: str | None, header_row: int) -> Table:
    try:
        decoded = decode(data, encoding)
    except EncodingProblem as problem:
        raise SpreadsheetError(str(path), f"{path}: {problem}") from None
    text = decoded.text
    chosen = delimiter if delimiter is not None else choose_delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=chosen))
    except csv.Error as error:
        raise SpreadsheetError(
            str(path), _("{path} cannot be read as a table: {reason}").format(path=path, reason=error)
        ) from None
    records = [[unguarded(cell) for cell in record] for record in records]
    headers, rows, extra = _header_and_rows(path, records, header_row)
    return Table(path, "text", headers, rows, encoding=decoded, delimiter=chosen, extra_cells=extra)


def _read_workbook(path: Path, data: bytes, *, sheet: str | None, header_row: int) -> Table:
    # Imported here: opening a board never needs openpyxl, and it takes a while to import.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise SpreadsheetError(
            str(path), _("{path} looks like an Excel file but cannot be opened as one").format(path=path)
        ) from None
    try:
        names = tuple(workbook.sheetnames)
        chosen = sheet if sheet is not None else names[0]
        if chosen not in names:
            raise SpreadsheetError(
                str(path),
                _("{path} has no sheet {sheet!r}; its sheets are: {sheets}").format(
                    path=path, sheet=display_safe(chosen), sheets=", ".join(display_safe(n) for n in names)
                ),
            )
        records = [[_cell_text(value) for value in row] for row in workbook[chosen].iter_rows(values_only=True)]
    finally:
        workbook.close()
    headers, rows, extra = _header_and_rows(path, records, header_row)
    return Table(path, "xlsx", headers, rows, sheet=chosen, sheets=names, extra_cells=extra)


def _cell_text(value: Any) -> str:
    """An Excel cell as the text a person would have typed: 2500 not 2500.0, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _header_and_rows(
    path: Path, records: list[list[str]], header_row: int
) -> tuple[tuple[str, ...], tuple[Row, ...], int]:
    if header_row < 1:
        raise SpreadsheetError(str(path), _("the header row is counted from 1"))
    if len(records) < header_row or not any(cell.strip() for cell in records[header_row - 1]):
        raise SpreadsheetError(str(path), _("{path} has no header in row {row}").format(path=path, row=header_row))
    headers = tuple(cell.strip() for cell in _trim_end(records[header_row - 1]))
    width = len(headers)
    rows: list[Row] = []
    extra = 0
    for number, record in enumerate(records[header_row:], start=header_row + 1):
        cells = [cell.strip() for cell in record]
        if not any(cells):
            continue
        if len(_trim_end(cells)) > width:
            extra += 1
        rows.append(Row(number, tuple((cells + [""] * width)[:width])))
    return headers, tuple(rows), extra


def _trim_end(cells: list[str]) -> list[str]:
    """``cells`` without the empty cells at the end (spreadsheet programs pad rows with them)."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]
