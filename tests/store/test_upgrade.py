"""Files of schemas 1 and 2 open, are upgraded in memory, and become the current schema with the next write;
older programs refuse those."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest

from store import SCHEMA_VERSION, SchemaTooNewError, peek_settings
from store.i18n import set_language
from tests.boards import on_disk, open_board

FIXTURE = Path(__file__).parent / "fixtures" / "board-schema-1.json"
"""A board written by the schema 1 program: a campaign with the default stages, and one with its own
stages (two of them default stages as schema 1 wrote them, "active" renamed "Aliadas")."""


@pytest.fixture
def old_board(tmp_path: Path) -> Path:
    path = tmp_path / "board.json"
    shutil.copyfile(FIXTURE, path)
    return path


def labels(repo, campaign_name):
    return [(stage.key, stage.label, stage.labels) for stage in repo.campaign(campaign_name).stages]


def test_a_schema_1_file_opens_with_spanish_labels_on_its_default_stages(old_board):
    repo = open_board(old_board)
    assert labels(repo, "Frontera norte") == [
        ("contacted", "Contacted", {"es": "Contactada"}),
        ("trained", "Trained", {"es": "Capacitada"}),
        ("active", "Active partner", {"es": "Aliada activa"}),
    ]
    assert labels(repo, "Capacitación Oaxaca") == [
        ("contacted", "Contacted", {"es": "Contactada"}),
        ("trained", "Trained", {"es": "Capacitada"}),
        ("active", "Aliadas", {}),
        ("follow_up", "Seguimiento", {}),
    ]
    assert repo.settings().language is None and repo.settings().time_zone is None
    assert len(repo.organizations()) == 2


def test_opening_a_schema_1_file_does_not_change_it(old_board):
    before = on_disk(old_board)
    repo = open_board(old_board)
    repo.verify()
    assert peek_settings(old_board) == repo.settings()
    assert on_disk(old_board) == before


def test_the_next_write_stores_the_current_schema_and_the_upgraded_stages(old_board):
    repo = open_board(old_board)
    repo.set_board_language("es")
    written = orjson.loads(old_board.read_bytes())
    assert written["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    oaxaca = next(c for c in written["campaigns"].values() if c["name"] == "Capacitación Oaxaca")
    assert oaxaca["stages"][0] == {"key": "contacted", "label": "Contacted", "labels": {"es": "Contactada"}}
    assert "labels" not in oaxaca["stages"][2]
    reopened = open_board(old_board)
    assert labels(reopened, "Capacitación Oaxaca") == labels(repo, "Capacitación Oaxaca")
    assert reopened.settings().language == "es"


def test_a_program_of_an_older_schema_refuses_the_written_file_and_leaves_it_as_it_is(old_board, monkeypatch):
    open_board(old_board).set_time_zone("America/Mexico_City")
    written = old_board.read_bytes()
    monkeypatch.setattr("store.parsing.SCHEMA_VERSION", 2)
    with pytest.raises(
        SchemaTooNewError, match=rf"newer outreach-tui \(file schema {SCHEMA_VERSION}, this program reads up to 2\)"
    ):
        open_board(old_board)
    assert peek_settings(old_board) is None
    assert old_board.read_bytes() == written


def test_the_history_of_a_schema_1_file_reads_in_the_current_language(old_board):
    repo = open_board(old_board)
    moved = next(event for event in repo.history() if event.kind == "moved")
    assert repo.describe(moved) == "moved Casa del Migrante Saltillo from Contacted to Trained"
    set_language("es")
    assert repo.describe(moved) == "movió Casa del Migrante Saltillo de Contactada a Capacitada"


SCHEMA_2 = Path(__file__).parent / "fixtures" / "board-schema-2.json"
"""A board written by the schema 2 program: "Frontera" with the default stages, "Oaxaca" whose last stage
follows "active", and "Istmo" without an "active" stage."""


def test_a_schema_2_file_gets_an_active_partner_stage_for_each_campaign(tmp_path):
    path = tmp_path / "board.json"
    shutil.copyfile(SCHEMA_2, path)
    before = on_disk(path)
    repo = open_board(path)
    repo.verify()
    assert [(c.name, c.active_stage, c.starts_on, c.retired_stages) for c in repo.campaigns()] == [
        ("Frontera", "active", None, []),
        ("Istmo", "allied", None, []),
        ("Oaxaca", "active", None, []),
    ]
    assert on_disk(path) == before
    repo.rename_stage(repo.campaign("Istmo").id, "allied", labels={"es": "Afiliada"})
    written = orjson.loads(path.read_bytes())
    assert written["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert {c["name"]: c["active_stage"] for c in written["campaigns"].values()} == {
        "Frontera": "active",
        "Istmo": "allied",
        "Oaxaca": "active",
    }


def test_a_file_of_the_next_schema_is_refused_and_never_overwritten(tmp_path):
    path = tmp_path / "board.json"
    document = orjson.loads(SCHEMA_2.read_bytes())
    document["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    path.write_bytes(orjson.dumps(document))
    before = on_disk(path)
    with pytest.raises(
        SchemaTooNewError, match=rf"file schema {SCHEMA_VERSION + 1}, this program reads up to {SCHEMA_VERSION}"
    ):
        open_board(path)
    assert on_disk(path) == before
