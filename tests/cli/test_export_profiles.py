"""outreach-tui export --profile: who may write which profile, what each file holds, the history, and
partner or funder files refused by import."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import orjson
import pytest

from outreach_tui.cli import EXIT_OK, EXIT_REFUSED, main
from store import Repository
from tests.boards import on_disk


@pytest.fixture
def as_trainer(board, monkeypatch, capsys):
    me = Repository.open(board).actor.login
    assert main(["users", "add", me, "--role", "coordinator"]) == EXIT_OK
    assert main(["users", "add", "coord", "--role", "coordinator"]) == EXIT_OK
    assert main(["users", "add", me, "--role", "trainer"]) == EXIT_OK
    capsys.readouterr()
    return board


def test_a_trainer_is_refused_the_full_snapshot_with_the_reason_and_nothing_is_written(as_trainer, capsys):
    assert main(["export", "--profile", "full", "-o", "full.json"]) == EXIT_REFUSED
    error = capsys.readouterr().err
    assert "Not allowed to export a full snapshot" in error and "is a trainer" in error
    assert not Path("full.json").exists()
    assert [e.kind for e in Repository.open(as_trainer).history(limit=5)].count("exported") == 0


def test_a_trainer_exports_the_partner_profile_by_default(as_trainer, capsys):
    assert main(["export", "-o", "aliadas.json"]) == EXIT_OK
    assert "Partner profile written to" in capsys.readouterr().err
    document = orjson.loads(Path("aliadas.json").read_bytes())
    assert document["profile"] == "partner"
    organizations = [org for column in document["columns"] for org in column["organizations"]]
    assert organizations and all("contacts" not in org and "notes" not in org for org in organizations)
    event = Repository.open(as_trainer).history(limit=1)[0]
    assert (event.kind, event.reason, event.changes["profile"][1]) == ("exported", "aliadas.json", "partner")


def test_a_coordinator_still_gets_the_full_snapshot_by_default(board):
    assert main(["export", "-o", "backup.json"]) == EXIT_OK
    assert orjson.loads(Path("backup.json").read_bytes())["profile"] == "full"


def test_the_partner_list_leaves_out_the_contact_and_notes_columns(board, capsys):
    assert main(["export", "--profile", "partner", "--format", "csv", "-o", "-"]) == EXIT_OK
    headers = next(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert "Name" in headers and "Stage" in headers
    assert not {"Contact", "Contact role", "Phone", "Email", "Notes"} & set(headers)
    assert main(["export", "--format", "csv", "-o", "-"]) == EXIT_OK
    assert {"Phone", "Email"} <= set(next(csv.reader(io.StringIO(capsys.readouterr().out))))


def test_the_funder_figures_name_no_organization(board, capsys):
    assert main(["export", "--profile", "funder", "-o", "-"]) == EXIT_OK
    document = orjson.loads(capsys.readouterr().out)
    assert document["profile"] == "funder" and document["stages"]
    text = orjson.dumps(document).decode()
    names = [org.name for org in Repository.open(board).organizations(include_archived=True)]
    assert not [name for name in names if orjson.dumps(name).decode() in text]
    assert main(["export", "--profile", "funder", "--format", "csv", "-o", "-"]) == EXIT_OK
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out.removeprefix("\ufeff"))))
    assert rows[0] == ["Section", "Item", "Figure", "Value"]
    assert not [name for name in names if any(name in cell for row in rows for cell in row)]


@pytest.mark.parametrize("profile", ["partner", "funder"])
def test_import_refuses_a_partner_or_funder_export_as_a_backup(board, capsys, profile):
    assert main(["export", "--profile", profile, "-o", "export.json"]) == EXIT_OK
    capsys.readouterr()
    before = on_disk(Path(board))
    assert main(["import", "export.json"]) == EXIT_REFUSED
    assert "cannot restore a board. Import a full snapshot instead" in capsys.readouterr().err
    assert on_disk(Path(board)) == before


def test_a_report_written_to_a_file_is_recorded_and_one_printed_is_not(board, capsys):
    assert main(["report", "--profile", "funder"]) == EXIT_OK
    assert Repository.open(board).history(limit=1)[0].kind != "exported"
    assert main(["report", "--profile", "funder", "-o", "informe.html"]) == EXIT_OK
    event = Repository.open(board).history(limit=1)[0]
    assert (event.kind, event.reason, event.changes["profile"][1]) == ("exported", "informe.html", "funder")


def test_an_export_that_cannot_be_recorded_leaves_no_file_behind(board, monkeypatch, capsys):
    from store import LockTimeoutError

    def locked(*_args, **_kwargs):
        raise LockTimeoutError("the board is busy")

    monkeypatch.setattr(Repository, "record_export", locked)
    assert main(["export", "--profile", "partner", "-o", "aliadas.json"]) != EXIT_OK
    assert "the board is busy" in capsys.readouterr().err
    assert not Path("aliadas.json").exists()
