"""The history reads in the reader's language, whoever wrote it and in whichever language they worked."""

from __future__ import annotations

import orjson

from store.i18n import set_language
from store.snapshot import export_snapshot, import_snapshot, parse_snapshot
from tests.boards import board_json, fixed_clock, open_board
from tests.store.helpers import WITHOUT_TRAINING, campaign_id, org


def descriptions(repo, limit: int = 3) -> list[str]:
    fresh = open_board(repo.path)
    return [fresh.describe(event) for event in fresh.history(limit=limit)]


def test_an_undo_made_in_english_reads_in_spanish_naming_what_it_reverted(repo):
    cid = campaign_id(repo)
    target = org(repo, "Clínica Jurídica Obrera")
    repo.move(target.id, "trained", campaign_id=cid, **WITHOUT_TRAINING)
    repo.undo()
    set_language("es")
    undo_line, moved_back = descriptions(repo, 2)
    assert undo_line.startswith("deshizo: movió Clínica Jurídica Obrera de Contactada a Capacitada")
    assert moved_back == "movió Clínica Jurídica Obrera de Capacitada a Contactada"


def test_the_program_stores_its_own_reasons_in_english(repo):
    cid = campaign_id(repo)
    target = org(repo, "Clínica Jurídica Obrera")
    set_language("es")
    repo.move(target.id, "trained", campaign_id=cid, **WITHOUT_TRAINING)
    repo.undo()
    stored = board_json(repo.path)["events"]
    reasons = {event.get("reason") for event in stored.values()}
    assert "undo" in reasons and "deshacer" not in reasons


def test_an_import_and_the_creation_of_the_file_read_in_the_readers_language(repo, tmp_path):
    data = orjson.dumps(export_snapshot(repo, campaign_id(repo), now=fixed_clock()))
    copy = open_board(tmp_path / "copy.json", create=True)
    import_snapshot(copy, parse_snapshot(data, "snap.json"), "snap.json")
    fresh = open_board(copy.path)
    events = fresh.history()
    set_language("es")
    assert fresh.describe(events[0]).startswith("importó snap.json: ")
    assert "registros agregados" in fresh.describe(events[0])
    assert fresh.describe(events[-1]) == "creó el archivo del tablero"
    set_language("en")
    assert fresh.describe(events[-1]) == "created the board file"
