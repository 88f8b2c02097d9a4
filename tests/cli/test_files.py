"""Board files: init, demo, check, backup and compact."""

from __future__ import annotations

import json
import os
import pty
import re
import stat
import subprocess
from pathlib import Path

import orjson

from outreach_tui.cli import (
    EXIT_FILE,
    EXIT_OK,
    EXIT_REFUSED,
    main,
)
from outreach_tui.paths import default_board_path, demo_board_path
from store import Repository
from store.files import journal_path
from tests.boards import board_json, on_disk
from tests.cli.helpers import CLI, contacted_cards, run_cli


def test_init_creates_a_private_board_with_a_first_campaign(tmp_path, capsys):
    path = tmp_path / "team" / "board.json"
    assert main(["--db", str(path), "init", "--campaign", "Derechos laborales 2027"]) == EXIT_OK
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    repo = Repository.open(path)
    assert [c.name for c in repo.campaigns()] == ["Derechos laborales 2027"]
    assert f"Created the board file {path} (mode 0600)" in capsys.readouterr().err


def test_init_shared_makes_a_group_board(tmp_path):
    path = tmp_path / "board.json"
    assert main(["init", "--db", str(path), "--shared"]) == EXIT_OK
    assert stat.S_IMODE(path.stat().st_mode) == 0o660


def test_init_says_the_mode_the_file_really_has(tmp_path, capsys):
    # A setgid folder is how a team shares boards: the new file follows it and is group-writable.
    team = tmp_path / "team"
    team.mkdir()
    os.chmod(team, 0o2770)
    path = team / "board.json"
    assert main(["--db", str(path), "init"]) == EXIT_OK
    assert stat.S_IMODE(path.stat().st_mode) == 0o660
    assert f"Created the board file {path} (mode 0660)." in capsys.readouterr().err
    shared = tmp_path / "shared.json"
    assert main(["--db", str(shared), "init", "--shared"]) == EXIT_OK
    assert "(mode 0660)." in capsys.readouterr().err


def test_init_never_touches_an_existing_file(board, capsys):
    before = on_disk(board)
    assert main(["init", "--campaign", "Another"]) == EXIT_REFUSED
    assert "already exists; nothing was changed" in capsys.readouterr().err
    assert on_disk(board) == before


def test_a_refused_init_leaves_no_file(tmp_path, capsys):
    folder = tmp_path / "boards"
    folder.mkdir()
    assert main(["--db", str(folder / "board.json"), "init", "--campaign", "x" * 201]) == EXIT_REFUSED
    assert "at most 200 characters" in capsys.readouterr().err
    assert os.listdir(folder) == []


def test_demo_writes_a_realistic_board_to_db(tmp_path, capsys):
    path = tmp_path / "demo.json"
    assert main(["demo", "--db", str(path), "--orgs", "120", "--seed", "3"]) == EXIT_OK
    repo = Repository.open(path)
    counts = repo.counts()
    assert counts.organizations == 120 and counts.visits > 0 and counts.trainings > 0 and counts.events > 120
    assert len(repo.campaigns()) == 2
    assert f"Wrote a demo board with 120 organizations to {path}" in capsys.readouterr().err
    # The same seed gives the same organizations.
    again = tmp_path / "again.json"
    assert main(["demo", "--db", str(again), "--orgs", "120", "--seed", "3"]) == EXIT_OK
    assert [o.name for o in Repository.open(again).organizations()] == [o.name for o in repo.organizations()]


def test_demo_never_writes_over_an_existing_board(board, capsys):
    before = on_disk(board)
    assert main(["demo", "--orgs", "5"]) == EXIT_REFUSED
    assert "already exists; the demo never writes over a board file" in capsys.readouterr().err
    assert on_disk(board) == before


def test_demo_without_a_board_path_goes_to_the_demo_board_not_the_real_one(capsys):
    assert main(["demo", "--orgs", "3"]) == EXIT_OK
    assert demo_board_path().exists() and not default_board_path().exists()


def test_demo_progress_stays_quiet_when_piped(tmp_path):
    result = run_cli("demo", "--orgs", "3000", "--db", str(tmp_path / "d.json"))
    assert result.returncode == EXIT_OK
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        (
            f"Wrote a demo board with 3,000 organizations to {tmp_path / 'd.json'} "
            "(campaign: Derechos laborales: Chiapas y la frontera 2026)."
        )
    ]


def read_terminal(master: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO once the other side is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def test_demo_shows_progress_on_a_terminal(tmp_path):
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [CLI, "demo", "--orgs", "3000", "--db", str(tmp_path / "d.json")],
        stdout=subprocess.PIPE,
        stderr=slave,
        stdin=subprocess.DEVNULL,
    )
    os.close(slave)
    terminal = read_terminal(master)
    os.close(master)
    assert process.wait(timeout=60) == EXIT_OK
    assert re.search(rb"Building the demo board: [\d,]+/3,000 \(\d+%\)", terminal)
    # The progress line is erased before the summary.
    assert terminal.rstrip().endswith(b"(campaign: Derechos laborales: Chiapas y la frontera 2026).")


def test_check_validates_the_history_too(board, capsys):
    document = board_json(board)
    doc_id = next(iter(document["events"]))
    document["events"][doc_id]["kind"] = "teleported"
    board.write_bytes(orjson.dumps(document))
    # Opening for the board defers the history; check must still find the bad record.
    assert main(["check"]) == EXIT_FILE
    assert f"record events/{doc_id}, field kind" in capsys.readouterr().err


def test_check_prints_the_counts(board, capsys):
    assert main(["check"]) == EXIT_OK
    text = capsys.readouterr().out
    counts = Repository.open(board).counts()
    assert f"{board} is a valid outreach-tui board." in text
    assert f"  organizations: {counts.organizations}\n" in text
    assert f"  history events: {counts.events}\n" in text
    assert f"  cards: {counts.placements}\n" in text


def test_check_reports_the_journal_and_validates_its_records(board, capsys):
    org_id = contacted_cards(board, 1)[0]
    assert main(["org", "edit", org_id, "--notes", "llamar en enero"]) == EXIT_OK
    capsys.readouterr()
    assert main(["check"]) == EXIT_OK
    assert Repository.open(board).journal_length()[0] == 1
    assert "  journal: 1 change since the last checkpoint (" in capsys.readouterr().out
    journal = journal_path(board)
    journal.write_bytes(journal.read_bytes().replace(b"llamar en enero", b"llamar en enerO"))
    assert main(["check"]) == EXIT_FILE
    assert f"{journal}, the journal of {board}, cannot be read" in capsys.readouterr().err


def test_backup_writes_one_complete_board_and_never_over_a_file(board, tmp_path, capsys):
    org_id = contacted_cards(board, 1)[0]
    assert main(["org", "edit", org_id, "--notes", "respaldo"]) == EXIT_OK
    target = tmp_path / "backups" / "board-2026-12-01.json"
    target.parent.mkdir()
    assert main(["backup", str(target)]) == EXIT_OK
    assert f"Wrote a complete copy of {board} to {target}." in capsys.readouterr().err
    assert not journal_path(target).exists()
    assert Repository.open(target).organization(org_id).notes == "respaldo"
    before = on_disk(target)
    assert main(["backup", str(target)]) == EXIT_REFUSED
    assert "already exists; a backup never writes over a file" in capsys.readouterr().err
    assert on_disk(target) == before


def test_compact_leaves_a_board_file_that_alone_holds_every_change(board, tmp_path, capsys):
    org_id = contacted_cards(board, 1)[0]
    assert main(["org", "edit", org_id, "--notes", "integrado"]) == EXIT_OK
    capsys.readouterr()
    assert main(["compact"]) == EXIT_OK
    assert "from the journal into" in capsys.readouterr().err
    alone = tmp_path / "copy.json"
    alone.write_bytes(board.read_bytes())
    assert Repository.open(alone).organization(org_id).notes == "integrado"
    assert Repository.open(board).journal_length()[0] == 0


def test_check_fails_on_a_board_whose_snapshot_could_not_be_imported(board, tmp_path, capsys):
    """What an import of its own backup would refuse, check refuses too (exit 3), and says what."""
    document = orjson.loads(board.read_bytes())
    visit = next(iter(document["visits"].values()))
    visit["organization_id"] = "org-nowhere000"
    orphan = tmp_path / "orphan-visit.json"
    orphan.write_bytes(orjson.dumps(document))

    document = orjson.loads(board.read_bytes())
    cards = list(document["placements"].items())
    doc_id, card = cards[0]
    twin = next(other for _key, other in cards[1:] if other["campaign_id"] == card["campaign_id"])
    document["placements"][str(10_000 + int(doc_id))] = {
        **twin,
        "id": "card-twin000000",
        "organization_id": card["organization_id"],
    }
    two_cards = tmp_path / "two-cards.json"
    two_cards.write_bytes(orjson.dumps(document))

    for path in (orphan, two_cards):
        before = on_disk(path)
        assert main(["--db", str(path), "check"]) == EXIT_FILE, path
        captured = capsys.readouterr()
        assert str(path) in captured.err and "valid outreach-tui board" not in captured.out
        assert main(["--db", str(path), "export", "-o", "-"]) == EXIT_FILE
        capsys.readouterr()
        assert on_disk(path) == before


def bad_boards(board: Path, folder: Path) -> list[Path]:
    """Boards that open for reading but that no write may produce: 300-deep nesting, a 2**64-1 version, a key '²'."""
    deep: list = [1]
    for _ in range(300):
        deep = [deep]

    def nested(document: dict) -> None:
        next(iter(document["events"].values()))["changes"] = {"notes": [deep, "x"]}

    def huge_version(document: dict) -> None:
        next(iter(document["organizations"].values()))["version"] = 2**64 - 1

    def odd_key(document: dict) -> None:
        key = next(iter(document["visits"]))
        document["visits"]["²"] = document["visits"].pop(key)

    paths = []
    for change in (nested, huge_version, odd_key):
        document = orjson.loads(board.read_bytes())
        change(document)
        path = folder / f"{change.__name__}.json"
        # The standard library: orjson refuses to write 2**64-1 or 300 levels at all.
        path.write_text(json.dumps(document))
        paths.append(path)
    return paths


def test_check_fails_exactly_when_a_write_would(board, tmp_path, capsys):
    for path in [board, *bad_boards(board, tmp_path)]:
        before = on_disk(path)
        checked = main(["--db", str(path), "check"])
        check_err = capsys.readouterr().err
        written = main(["--db", str(path), "campaign", "add", "Verificación"])
        write_err = capsys.readouterr().err
        assert (checked == EXIT_OK) == (written == EXIT_OK), (path.name, check_err, write_err)
        if path != board:
            assert checked == EXIT_FILE and str(path) in check_err, path.name
            assert on_disk(path) == before
