"""``outreach-tui import`` with the spreadsheets people keep, and ``export --format csv|xlsx`` back to them."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from outreach_tui.cli import EXIT_OK, main
from outreach_tui.cli.exit_codes import EXIT_REFUSED
from store import Repository
from store.spreadsheets import read_table
from tests.boards import on_disk
from tests.cli.helpers import run_cli

HEADER = "Nombre;Siglas;Estado;Tipo;Capacidad jurídica;Trabaja con migrantes;Personas trabajadoras (est.);Notas"
ROWS = [
    "Ñu'u Ji Kandií;NJK;Oaxaca;Colectivo;Área jurídica;sí;2,500;Educación popular",
    "Albergue Sagrada Familia;;Chis;albergue;abogados colaboradores;x;300;",
]
BAD_ROW = "Red Obrera;;Jalisco;sindicato;ninguna;quizá;aprox. 300;"


def cp1252_sheet(folder: Path, *rows: str, name: str = "aliadas.csv") -> Path:
    path = folder / name
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1252"))
    return path


def names(board: Path) -> set[str]:
    return {org.name for org in Repository.open(board).organizations()}


def test_a_dry_run_reports_how_the_file_was_read_and_writes_nothing(board, tmp_path, capsys):
    before = on_disk(board)
    assert main(["import", str(cp1252_sheet(tmp_path, *ROWS)), "--dry-run"]) == EXIT_OK
    out = capsys.readouterr().out
    assert 'read as Windows-1252 (Excel\'s plain CSV), columns separated by ";"' in out
    assert "Capacidad jurídica → Legal capacity" in out
    assert "new 2, updated 0" in out and "Nothing was written: this was a dry run." in out
    assert on_disk(board) == before


def test_an_import_then_the_same_file_again_changes_nothing(board, tmp_path, capsys):
    path = cp1252_sheet(tmp_path, *ROWS)
    assert main(["import", str(path)]) == EXIT_OK
    assert {"Ñu'u Ji Kandií", "Albergue Sagrada Familia"} <= names(board)
    after_first = board.read_bytes()
    capsys.readouterr()
    assert main(["import", str(path)]) == EXIT_OK
    assert "Nothing to import: the board already has every row" in capsys.readouterr().out
    assert board.read_bytes() == after_first


def test_undo_takes_the_whole_import_back(board, tmp_path, capsys):
    before = names(board)
    assert main(["import", str(cp1252_sheet(tmp_path, *ROWS))]) == EXIT_OK
    assert main(["undo"]) == EXIT_OK
    assert "imported aliadas.csv: 2 organizations added" in capsys.readouterr().out
    assert names(board) == before


def test_a_row_with_problems_refuses_the_import_and_the_errors_file_lists_it(board, tmp_path, capsys):
    before = on_disk(board)
    errors = tmp_path / "problemas.xlsx"
    code = main(["import", str(cp1252_sheet(tmp_path, *ROWS, BAD_ROW)), "--errors", str(errors)])
    assert code == EXIT_REFUSED
    out = capsys.readouterr().out
    assert "row 4, Trabaja con migrantes 'quizá'" in out
    assert "Nothing was imported: 1 row has a problem" in out
    assert on_disk(board) == before
    table = read_table(errors)
    assert table.headers[-2:] == ("Row", "Problem")
    assert [row.cells[0] for row in table.rows] == ["Red Obrera"] and table.rows[0].cells[-2] == "4"


def test_skip_bad_rows_imports_the_others(board, tmp_path):
    assert main(["import", str(cp1252_sheet(tmp_path, *ROWS, BAD_ROW)), "--skip-bad-rows"]) == EXIT_OK
    assert "Albergue Sagrada Familia" in names(board) and "Red Obrera" not in names(board)


def test_json_summary_for_scripts(board, tmp_path, capsys):
    assert main(["import", str(cp1252_sheet(tmp_path, *ROWS, BAD_ROW)), "--dry-run", "--json"]) == EXIT_REFUSED
    summary = json.loads(capsys.readouterr().out)
    assert summary["counts"] == {"new": 2, "updated": 0, "skipped": 0, "duplicates": 0, "errors": 1}
    assert summary["encoding"] == "cp1252" and summary["delimiter"] == ";"
    assert {problem["column"] for problem in summary["problems"]} == {
        "Trabaja con migrantes",
        "Personas trabajadoras (est.)",
    }


def test_a_map_file_renames_and_skips_columns(board, tmp_path, capsys):
    path = tmp_path / "raro.csv"
    path.write_text("Org,Lugar,Basura\nCasa Tochan,CDMX,zzz\n", encoding="utf-8")
    mapping = tmp_path / "columnas.toml"
    mapping.write_text('[columns]\nOrg = "name"\nLugar = "Estado"\nBasura = ""\n', encoding="utf-8")
    assert main(["import", str(path), "--map", str(mapping)]) == EXIT_OK
    assert "Lugar → State" in capsys.readouterr().out
    casa = Repository.open(board).find_organization("Casa Tochan")
    assert casa.place.state == "Ciudad de México"


def test_the_mapping_is_remembered_for_files_with_the_same_headers(board, tmp_path, capsys):
    first = tmp_path / "enero.csv"
    first.write_text("Org,Lugar\nCasa Tochan,CDMX\n", encoding="utf-8")
    mapping = tmp_path / "columnas.toml"
    mapping.write_text('[columns]\nOrg = "name"\nLugar = "state"\n', encoding="utf-8")
    assert main(["import", str(first), "--map", str(mapping)]) == EXIT_OK
    second = tmp_path / "febrero.csv"
    second.write_text("Org,Lugar\nCasa Refugiados,CDMX\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(second)]) == EXIT_OK
    assert "as you mapped them last time" in capsys.readouterr().out
    assert "Casa Refugiados" in names(board)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--map", "nope.toml"], "Cannot read nope.toml"),
        (["--delimiter", "x"], "--delimiter takes , ; tab or |"),
        (["--encoding", "klingon"], "'klingon' is not an encoding"),
        (["--stage", "nada"], "has no stage 'nada'"),
        (["--without-training"], "--without-training needs --reason"),
    ],
)
def test_bad_options_are_refused_with_a_message_and_change_nothing(board, tmp_path, options, message):
    before = on_disk(board)
    result = run_cli("--db", str(board), "import", str(cp1252_sheet(tmp_path, *ROWS)), *options)
    assert result.returncode == EXIT_REFUSED, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert on_disk(board) == before


def test_an_excel_sheet_is_imported_by_name(board, tmp_path):
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.append(["Notas sueltas"])
    sheet = book.create_sheet("Aliadas")
    sheet.append(["Organización", "Estado", "Personas trabajadoras"])
    sheet.append(["Centro Fray Matías", "Chiapas", 1200])
    path = tmp_path / "aliadas.xlsx"
    book.save(path)
    assert main(["import", str(path), "--sheet", "Aliadas"]) == EXIT_OK
    fray = Repository.open(board).find_organization("Centro Fray Matías")
    assert fray.workers == 1200


def test_snapshot_only_and_spreadsheet_only_options_are_not_mixed(board, tmp_path, capsys):
    snapshot = tmp_path / "snap.json"
    assert main(["export", "-o", str(snapshot)]) == EXIT_OK
    capsys.readouterr()
    assert main(["import", str(snapshot), "--on-duplicate", "update"]) == EXIT_REFUSED
    assert "--on-duplicate apply to spreadsheets" in capsys.readouterr().err


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_an_exported_partner_list_imports_back_without_a_change(board, tmp_path, capsys, language, suffix):
    target = tmp_path / f"aliadas.{suffix}"
    assert main(["--lang", language, "export", "-o", str(target)]) == EXIT_OK
    assert "Partner list written to" in capsys.readouterr().err or target.exists()
    table = read_table(target)
    assert len(table.rows) == sum(len(c.cards) for c in Repository.open(board).board(_default(board)).columns)
    before = on_disk(board)
    assert main(["import", str(target), "--on-duplicate", "update"]) == EXIT_OK
    assert on_disk(board) == before


def _default(board: Path) -> str:
    campaign = Repository.open(board).default_campaign()
    assert campaign is not None
    return campaign.id


def test_a_csv_export_keeps_formulas_as_text(board, tmp_path, capsys):
    assert main(["org", "add", '=HYPERLINK("http://x")', "--allow-duplicate"]) == EXIT_OK
    target = tmp_path / "aliadas.csv"
    assert main(["export", "-o", str(target)]) == EXIT_OK
    assert b"'=HYPERLINK" in target.read_bytes()
    assert any(row.cells[1] == '=HYPERLINK("http://x")' for row in read_table(target).rows)
