"""Reading the files people export from Excel, LibreOffice and Google Sheets (see the measured cases)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from store.spreadsheets import SpreadsheetError, choose_delimiter, decode, read_table, sniff_kind

HEADER = ["Nombre", "Estado", "Programa", "Personas trabajadoras (est.)"]
ROWS = [
    ["Ñu'u Ji Kandií", "Querétaro", 'Educación popular, "promotores"', "2,500"],
    ["Albergue Belén", "Chiapas", "Talleres", "300"],
]


def write_text(tmp_path: Path, name: str, encoding: str, delimiter: str, rows: list[list[str]] | None = None) -> Path:
    lines = []
    for row in [HEADER, *(rows or ROWS)]:
        cells = ['"' + c.replace('"', '""') + '"' if (delimiter in c or '"' in c or "," in c) else c for c in row]
        lines.append(delimiter.join(cells))
    path = tmp_path / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "delimiter", "codec"),
    [
        ("utf-8-sig", ",", "utf-8"),
        ("utf-8", ",", "utf-8"),
        ("cp1252", ",", "cp1252"),
        ("cp1252", ";", "cp1252"),
        ("utf-16", "\t", "utf-16-le"),
    ],
)
def test_each_excel_text_format_reads_back_the_same_rows(tmp_path, encoding, delimiter, codec):
    table = read_table(write_text(tmp_path, "orgs.csv", encoding, delimiter))
    assert table.headers == tuple(HEADER)
    assert [row.cells for row in table.rows] == [tuple(r) for r in ROWS]
    assert table.delimiter == delimiter
    assert table.encoding is not None and table.encoding.encoding == codec


def test_a_two_line_cp1252_file_keeps_its_enye(tmp_path):
    path = tmp_path / "dos.csv"
    path.write_bytes("Nombre,Estado\r\nÑu'u Ji Kandií,Oaxaca\r\n".encode("cp1252"))
    table = read_table(path)
    assert table.rows[0].cells == ("Ñu'u Ji Kandií", "Oaxaca")


def test_the_person_can_override_the_encoding_and_the_delimiter(tmp_path):
    path = write_text(tmp_path, "orgs.csv", "cp1252", ";")
    table = read_table(path, encoding="latin-1", delimiter=";")
    assert table.encoding is not None and table.encoding.encoding == "iso8859-1"
    assert table.rows[0].cells[0] == "Ñu'u Ji Kandií"


def test_bytes_that_are_not_the_named_encoding_are_refused_with_the_line(tmp_path):
    path = write_text(tmp_path, "orgs.csv", "cp1252", ",")
    with pytest.raises(SpreadsheetError, match=r"orgs\.csv.*not utf-8 text: line 2"):
        read_table(path, encoding="utf-8")


def test_an_unknown_encoding_name_is_refused(tmp_path):
    path = write_text(tmp_path, "orgs.csv", "utf-8", ",")
    with pytest.raises(SpreadsheetError, match="'klingon' is not an encoding"):
        read_table(path, encoding="klingon")


def test_decoding_order_is_bom_then_utf8_then_cp1252_then_latin1():
    assert decode(b"\xef\xbb\xbfa").encoding == "utf-8"
    assert decode("ñ".encode()).encoding == "utf-8"
    assert decode("ñ".encode("cp1252")).encoding == "cp1252"
    # 0x81 is not a cp1252 character: only Latin-1 takes it.
    assert decode(b"\x81").encoding == "latin-1"


def test_the_semicolon_is_found_where_commas_sit_inside_numbers():
    text = "Nombre;Personas\nA;2,500\nB;1,200\nC;300\n"
    assert choose_delimiter(text) == ";"
    assert choose_delimiter("Nombre\nA\nB\n") == ","


def test_row_numbers_are_the_spreadsheet_rows_and_blank_rows_are_skipped(tmp_path):
    path = tmp_path / "huecos.csv"
    path.write_text('Nombre,Notas\nA,uno\n,\nB,"dos\nlíneas"\nC\n', encoding="utf-8")
    table = read_table(path)
    assert [(row.number, row.cells) for row in table.rows] == [
        (2, ("A", "uno")),
        (4, ("B", "dos\nlíneas")),
        (5, ("C", "")),
    ]


def test_cells_beyond_the_header_are_counted_not_read(tmp_path):
    path = tmp_path / "anchas.csv"
    path.write_text("Nombre,Estado\nA,Chiapas,sobra\nB,Oaxaca\n", encoding="utf-8")
    table = read_table(path)
    assert table.rows[0].cells == ("A", "Chiapas")
    assert table.extra_cells == 1


def test_the_header_row_can_be_another_row(tmp_path):
    path = tmp_path / "titulo.csv"
    path.write_text("Directorio 2026,\nNombre,Estado\nA,Chiapas\n", encoding="utf-8")
    table = read_table(path, header_row=2)
    assert table.headers == ("Nombre", "Estado")
    assert [row.number for row in table.rows] == [3]


def test_a_file_without_a_header_is_refused_naming_it(tmp_path):
    path = tmp_path / "vacio.csv"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(SpreadsheetError, match=r"vacio\.csv has no header in row 1"):
        read_table(path)


def test_a_missing_file_is_refused_naming_it(tmp_path):
    with pytest.raises(SpreadsheetError, match=r"nada\.csv cannot be read"):
        read_table(tmp_path / "nada.csv")


def workbook(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Resumen"
    sheet.append(["nada que importar"])
    orgs = book.create_sheet("Organizaciones")
    orgs.append(["Nombre", "Personas", "Visita", "Notas"])
    orgs.append(["Ñu'u Ji Kandií", 2500.0, datetime(2026, 11, 3), None])
    orgs.append([None, None, None, None])
    orgs.append(["Casa Belén", 300, date(2026, 1, 15), "[bold]x[/]"])
    path = tmp_path / "aliadas.xlsx"
    book.save(path)
    return path


def test_an_excel_sheet_reads_as_the_text_a_person_typed(tmp_path):
    table = read_table(workbook(tmp_path), sheet="Organizaciones")
    assert table.kind == "xlsx"
    assert table.sheets == ("Resumen", "Organizaciones")
    assert [(row.number, row.cells) for row in table.rows] == [
        (2, ("Ñu'u Ji Kandií", "2500", "2026-11-03", "")),
        (4, ("Casa Belén", "300", "2026-01-15", "[bold]x[/]")),
    ]


def test_an_excel_file_reads_its_first_sheet_by_default_and_refuses_an_unknown_one(tmp_path):
    path = workbook(tmp_path)
    assert read_table(path).sheet == "Resumen"
    with pytest.raises(SpreadsheetError, match="has no sheet 'Hoja1'; its sheets are: Resumen, Organizaciones"):
        read_table(path, sheet="Hoja1")


def test_a_damaged_excel_file_is_refused_naming_it(tmp_path):
    path = tmp_path / "roto.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(SpreadsheetError, match=r"roto\.xlsx looks like an Excel file"):
        read_table(path)


def test_what_a_file_is_comes_from_its_content():
    assert sniff_kind(b"PK\x03\x04rest") == "xlsx"
    assert sniff_kind(b'\xef\xbb\xbf  {"format"') == "json"
    assert sniff_kind(b"Nombre,Estado") == "text"
    assert sniff_kind("\ufeffNombre\tEstado".encode("utf-16-le")) == "text"
    assert sniff_kind(b"\x00" * 16) == "binary"
