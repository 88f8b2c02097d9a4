"""Importing a spreadsheet into a board: the dry run, duplicates, all-or-nothing, one undoable batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import Actor, Repository
from store.errors import PermissionDenied, UndoBlocked, ValidationFailed
from store.spreadsheets import read_table
from store.spreadsheets.importing import ImportRequest
from store.spreadsheets.mapping import guess_mapping
from tests.boards import open_board
from tests.store.helpers import campaign_id, org

HEADER = (
    "Nombre,Siglas,Estado,Municipio,Tipo,Capacidad jurídica,Trabaja con migrantes,Personas trabajadoras (est.),Correo"
)


def sheet(tmp_path: Path, *rows: str, name: str = "aliadas.csv", header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def request(repo: Repository, path: Path, **options: object) -> tuple[ImportRequest, object]:
    table = read_table(path)
    options.setdefault("campaign_id", campaign_id(repo))
    return ImportRequest(guess_mapping(table.headers), **options), table  # type: ignore[arg-type]


NEW_ROWS = (
    'Albergue Hermanos en el Camino,AHC,Oaxaca,Ixtepec,albergue,abogados colaboradores,sí,"2,500",ahc@example.org',
    "Colectivo Obrero Tijuana,,B.C.,Tijuana,sindicato,ninguna,no,300,",
)


def test_a_dry_run_counts_new_rows_and_writes_nothing(repo, tmp_path):
    req, table = request(repo, sheet(tmp_path, *NEW_ROWS))
    before = len(repo.organizations())
    plan = repo.plan_spreadsheet(table, req)
    assert plan.counts["new"] == 2 and not plan.problems
    assert len(repo.organizations()) == before
    first = plan.rows[0].row.organization
    assert first["place"] == {"state": "Oaxaca", "municipality": "Ixtepec"}
    assert first["workers_reached"] == {"estimate": 2500}
    assert first["legal_capacity"] == "cooperating_attorneys" and first["works_with_migrants"] == "yes"
    assert plan.rows[1].row.organization["place"]["state"] == "Baja California"


def test_an_import_adds_organizations_and_cards_in_one_batch_that_one_undo_reverts(repo, tmp_path):
    req, table = request(repo, sheet(tmp_path, *NEW_ROWS))
    before = len(repo.organizations())
    _plan, outcome = repo.import_spreadsheet(table, req)
    assert (outcome.added, outcome.updated) == (2, 0)
    added = org(repo, "AHC")
    assert repo.placement(added.id, campaign_id(repo)).stage == "contacted"
    described = [repo.describe(event) for event in repo.history()]
    assert "imported aliadas.csv: 2 organizations added, 0 updated" in described
    result = repo.undo()
    assert "aliadas.csv" in result.description
    assert len(repo.organizations()) == before


def test_importing_the_same_file_again_changes_nothing(repo, tmp_path):
    path = sheet(tmp_path, *NEW_ROWS)
    req, table = request(repo, path)
    repo.import_spreadsheet(table, req)
    events = len(repo.history())
    for mode in ("skip", "fill", "update"):
        req, table = request(repo, path, on_duplicate=mode)
        plan, outcome = repo.import_spreadsheet(table, req)
        assert (outcome.added, outcome.updated) == (0, 0), mode
        assert plan.duplicates == 2
    assert len(repo.history()) == events


def test_a_board_duplicate_is_found_by_folded_name_or_alias_and_skipped_by_default(repo, tmp_path):
    path = sheet(tmp_path, "casa del migrante belen A.C.,,Coahuila,,,,,,", "Otro nombre,CAX,,,,,,,")
    req, table = request(repo, path)
    plan = repo.plan_spreadsheet(table, req)
    assert [row.action for row in plan.rows] == ["skip", "skip"]
    assert {row.match.name for row in plan.rows if row.match} == {"Casa del Migrante Belén"}


def test_the_same_name_in_another_state_is_another_organization(repo, tmp_path):
    req, table = request(repo, sheet(tmp_path, "Casa del Migrante Belén,,Sonora,,,,,,"))
    assert repo.plan_spreadsheet(table, req).rows[0].action == "new"


def test_fill_only_sets_empty_fields_and_update_sets_the_files_values(repo, tmp_path):
    row = "Casa del Migrante Belén,,Coahuila,Saltillo,albergue,área jurídica,sí,900,"
    req, table = request(repo, sheet(tmp_path, row), on_duplicate="fill")
    repo.import_spreadsheet(table, req)
    casa = org(repo, "Casa del Migrante Belén")
    assert casa.place.municipality == "Saltillo" and casa.legal_capacity == "in_house"
    assert casa.workers == 100  # already known: filling leaves it
    req, table = request(repo, sheet(tmp_path, row, name="again.csv"), on_duplicate="update")
    repo.import_spreadsheet(table, req)
    assert org(repo, "Casa del Migrante Belén").workers == 900


def test_a_row_repeated_inside_the_file_is_reported_with_the_earlier_row(repo, tmp_path):
    path = sheet(tmp_path, NEW_ROWS[0], "albergue hermanos en el camino,,oaxaca,,,,,,")
    req, table = request(repo, path)
    plan = repo.plan_spreadsheet(table, req)
    assert plan.rows[1].action == "duplicate_in_file" and plan.rows[1].same_as_row == 2


def test_bad_rows_are_listed_with_row_column_value_and_reason_and_nothing_is_written(repo, tmp_path):
    path = sheet(tmp_path, NEW_ROWS[0], "Sin números,,Chiapas,,,,quizá,aprox. 300,", ",,Chiapas,,,,,,")
    req, table = request(repo, path)
    plan = repo.plan_spreadsheet(table, req)
    problems = [(p.row, p.column, p.value) for p in plan.problems]
    assert problems == [
        (3, "Trabaja con migrantes", "quizá"),
        (3, "Personas trabajadoras (est.)", "aprox. 300"),
        (4, "Nombre", ""),
    ]
    before = len(repo.organizations())
    with pytest.raises(ValidationFailed, match="2 rows have problems, so nothing was imported"):
        repo.import_spreadsheet(table, req)
    assert len(repo.organizations()) == before
    _plan, outcome = repo.import_spreadsheet(table, req, skip_bad_rows=True)
    assert (outcome.added, outcome.left_out) == (1, 2)


def test_a_stage_column_in_either_language_places_cards_and_the_training_rule_holds(repo, tmp_path):
    header = "Nombre,Etapa"
    path = sheet(tmp_path, "Uno,Contactada", "Dos,Capacitada", "Tres,active", header=header)
    req, table = request(repo, path)
    plan = repo.plan_spreadsheet(table, req)
    assert [row.action for row in plan.rows] == ["new", "error", "error"]
    assert "through a training" in plan.problems[0].reason and plan.problems[0].column == "Etapa"
    req, table = request(repo, path, without_training_reason="trained before the board was kept")
    repo.import_spreadsheet(table, req)
    assert repo.placement(org(repo, "Dos").id, campaign_id(repo)).stage == "trained"


def test_an_unknown_stage_is_a_problem_of_its_cell(repo, tmp_path):
    req, table = request(repo, sheet(tmp_path, "Uno,Capacitadas no", header="Nombre,Etapa"))
    problem = repo.plan_spreadsheet(table, req).problems[0]
    assert problem.column == "Etapa" and "has no stage" in problem.reason


def test_text_with_markup_or_control_characters_is_data_or_refused(repo, tmp_path):
    req, table = request(repo, sheet(tmp_path, "[bold]x[/],,,,,,,,", "Nombre\x1b[31m,,,,,,,,"))
    plan = repo.plan_spreadsheet(table, req)
    assert plan.rows[0].action == "new" and plan.rows[0].row.name == "[bold]x[/]"
    assert plan.rows[1].action == "error" and "not allowed" in plan.rows[1].row.problems[0].reason


def test_only_coordinators_import(repo, tmp_path):
    repo.set_user("ana", "coordinator")
    repo.set_user("eva", "trainer")
    trainer = open_board(repo.path, Actor(login="eva"))
    req, table = request(trainer, sheet(tmp_path, *NEW_ROWS))
    with pytest.raises(PermissionDenied, match="eva is a trainer"):
        trainer.import_spreadsheet(table, req)


def test_undo_of_a_batch_is_refused_naming_a_record_changed_since(repo, tmp_path):
    repo.set_user("ana", "coordinator")
    repo.set_user("eva", "coordinator")
    req, table = request(repo, sheet(tmp_path, *NEW_ROWS))
    repo.import_spreadsheet(table, req)
    other = open_board(repo.path, Actor(login="eva"))
    other.update_organization(org(other, "AHC").id, {"notes": "visitada"})
    repo.refresh()
    with pytest.raises(UndoBlocked, match="Albergue Hermanos en el Camino was changed by eva"):
        repo.undo()


def test_a_5000_row_file_goes_in_as_one_batch_and_back_out_with_one_undo(repo, tmp_path):
    states = ("Chiapas", "Oaxaca", "Sonora")
    rows = [
        ";".join([f"Organización Comunitaria {n}", "", states[n % 3], "", "", "", "", f"{n * 10:,}", ""])
        for n in range(5000)
    ]
    path = tmp_path / "grande.csv"
    path.write_text("\n".join([HEADER.replace(",", ";"), *rows]) + "\n", encoding="cp1252")
    table = read_table(path)
    assert table.delimiter == ";" and len(table.rows) == 5000
    before = len(repo.organizations())
    _plan, outcome = repo.import_spreadsheet(
        table, ImportRequest(guess_mapping(table.headers), campaign_id=campaign_id(repo))
    )
    assert outcome.added == 5000 and len(repo.organizations()) == before + 5000
    assert org(repo, "Organización Comunitaria 4999").workers == 49990
    repo.undo()
    assert len(repo.organizations()) == before
