"""Board snapshots: export names, never overwriting, stdout, the schema, and imports that are all or nothing."""

from __future__ import annotations

import contextlib
import io
import os
import pty
import re
import stat
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from outreach_tui.cli import EXIT_OK, EXIT_REFUSED, main
from outreach_tui.cli.commands import snapshots
from store import Repository
from store.snapshot import SNAPSHOT_VERSION
from tests.boards import on_disk
from tests.cli.helpers import CLI, run_cli

CARD_FIELDS = {
    "id",
    "stage",
    "off_board",
    "stage_since",
    "owner",
    "next_follow_up",
    "version",
    "updated_at",
    "updated_by",
}
# The campaign part of the name is cut at 40 characters.
DEFAULT_NAME = "board-derechos-laborales-chiapas-y-la-frontera-20261124-1630.json"


@pytest.fixture
def frozen_clock(monkeypatch):
    for module in ("outreach_tui.profile_export",):
        monkeypatch.setattr(f"{module}.utc_now", lambda: datetime(2026, 11, 24, 16, 30, 12, tzinfo=UTC))


def comparable(document: dict) -> dict:
    return {key: value for key, value in document.items() if key not in ("exported_at", "exported_by", "history_head")}


def test_export_writes_the_default_name_here_privately_and_says_where(board, frozen_clock, capsys):
    assert main(["export"]) == EXIT_OK
    written = Path.cwd() / DEFAULT_NAME
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == f"Board snapshot written to {written}\n"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    document = orjson.loads(written.read_bytes())
    assert (document["format"], document["schema_version"]) == ("outreach-tui.board", SNAPSHOT_VERSION)
    assert document["exported_at"] == "2026-11-24T16:30:12Z"
    # Written whole through a temporary file, which is gone.
    assert sorted(os.listdir(Path.cwd())) == [DEFAULT_NAME]


def test_export_never_overwrites_without_force(board, frozen_clock, capsys):
    existing = Path.cwd() / DEFAULT_NAME
    existing.write_text("a report someone is writing")
    assert main(["export"]) == EXIT_REFUSED
    assert "already exists" in capsys.readouterr().err
    assert existing.read_text() == "a report someone is writing"
    (Path.cwd() / "snap.json").write_text("keep me")
    assert main(["export", "-o", "snap.json"]) == EXIT_REFUSED
    assert "pass --force" in capsys.readouterr().err
    assert (Path.cwd() / "snap.json").read_text() == "keep me"
    assert main(["export", "-o", "snap.json", "--force"]) == EXIT_OK
    assert orjson.loads((Path.cwd() / "snap.json").read_bytes())["format"] == "outreach-tui.board"
    assert stat.S_IMODE((Path.cwd() / "snap.json").stat().st_mode) == 0o600
    assert main(["export", "--force"]) == EXIT_OK
    assert orjson.loads(existing.read_bytes())["format"] == "outreach-tui.board"


def test_export_never_replaces_a_board_even_with_force(board, frozen_clock, tmp_path, capsys):
    # The board in use, named by a relative path, the way a shell in its folder would.
    os.chdir(board.parent)
    in_use = board.read_bytes()
    assert main(["export", "-o", board.name, "--force"]) == EXIT_REFUSED
    assert "is an outreach-tui board, not a snapshot" in capsys.readouterr().err
    assert board.read_bytes() == in_use
    # Another team's board in the same folder, and one whose meta record is not at the start.
    other = tmp_path / "other.json"
    assert main(["--db", str(other), "init", "--campaign", "Oaxaca"]) == EXIT_OK
    moved = orjson.loads(other.read_bytes())
    moved = {**{key: value for key, value in moved.items() if key != "meta"}, "meta": moved["meta"]}
    padded = tmp_path / "padded.json"
    padded.write_bytes(orjson.dumps(moved).replace(b"}}", b"}}" + b" " * 100_000, 1))
    for target in (other, padded):
        before = on_disk(target)
        assert main(["export", "-o", str(target), "--force"]) == EXIT_REFUSED
        assert "is an outreach-tui board" in capsys.readouterr().err
        assert on_disk(target) == before
    # Nor a pipe or a device (root replacing /dev/null with a file would break the system). The device
    # here is a private copy of /dev/null, where the account may make one.
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    specials = [pipe]
    with contextlib.suppress(PermissionError):
        os.mknod(tmp_path / "null", stat.S_IFCHR | 0o600, os.makedev(1, 3))
        specials.append(tmp_path / "null")
    for special in specials:
        kind = stat.S_IFMT(os.lstat(special).st_mode)
        assert main(["export", "-o", str(special), "--force"]) == EXIT_REFUSED
        assert "is not a regular file" in capsys.readouterr().err
        assert stat.S_IFMT(os.lstat(special).st_mode) == kind
    # A snapshot is still replaced with --force.
    snapshot = tmp_path / "weekly.json"
    assert main(["export", "-o", str(snapshot)]) == EXIT_OK
    assert main(["export", "-o", str(snapshot), "--force"]) == EXIT_OK


def test_export_help_never_shows_a_board_being_replaced(capsys):
    assert main(["export", "--help"]) == EXIT_OK
    assert "-o board.json --force" not in capsys.readouterr().out


def test_export_into_a_folder_uses_the_default_name(board, frozen_clock, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    assert main(["export", "-o", str(reports)]) == EXIT_OK
    assert os.listdir(reports) == [DEFAULT_NAME]


def test_export_to_stdout_is_the_json_and_nothing_else(board, capsys):
    assert main(["export", "-o", "-"]) == EXIT_OK
    captured = capsys.readouterr()
    document = orjson.loads(captured.out)
    assert captured.err == "" and os.listdir(Path.cwd()) == []
    repo = Repository.open(board)
    board_view = repo.board(repo.default_campaign().id)
    assert [c["stage"] for c in document["columns"]] == ["contacted", "trained", "active"]
    assert [c["label"] for c in document["columns"]] == ["Contacted", "Trained", "Active partner"]
    assert [o["id"] for o in document["columns"][1]["organizations"]] == [c.id for c in board_view.columns[1].cards]
    organization = document["columns"][0]["organizations"][0]
    assert set(organization) == set(board_view.columns[0].cards[0].organization.model_dump()) | {"card"}
    assert set(organization["card"]) == CARD_FIELDS
    assert [o["id"] for o in document["off_board"]] == [c.id for c in board_view.off_board]
    assert document["off_board"][0]["card"]["off_board"]["reason"]
    assert set(document) == {
        "format",
        "profile",
        "schema_version",
        "exported_at",
        "exported_by",
        "campaign",
        "columns",
        "off_board",
        "archived",
        "visits",
        "trainings",
        "history",
        "history_head",
    }
    assert document["visits"] and document["trainings"] and document["history"]


def test_export_schema_describes_the_snapshot(capsysbinary):
    assert main(["export", "--schema"]) == EXIT_OK
    schema = orjson.loads(capsysbinary.readouterr().out)
    assert schema["title"] == f"outreach-tui board snapshot (schema_version {SNAPSHOT_VERSION})"
    assert "labels" in schema["$defs"]["SnapshotColumn"]["properties"]
    assert set(schema["required"]) >= {"format", "schema_version", "exported_at", "campaign", "columns"}
    assert schema["properties"]["format"]["const"] == "outreach-tui.board"
    card = schema["$defs"]["CardState"]["properties"]
    assert set(card) == CARD_FIELDS


def test_import_round_trip_into_a_new_file_gives_the_same_board(board, tmp_path, capsys):
    assert main(["export", "-o", "snap.json"]) == EXIT_OK
    copy = tmp_path / "restored" / "board.json"
    assert main(["--db", str(copy), "import", "snap.json"]) == EXIT_OK
    assert f"Imported snap.json into {copy}: " in capsys.readouterr().out
    assert main(["--db", str(copy), "export", "-o", "again.json"]) == EXIT_OK
    first = orjson.loads(Path("snap.json").read_bytes())
    again = orjson.loads(Path("again.json").read_bytes())
    assert comparable(again) == comparable(first)


def test_importing_the_same_file_twice_changes_nothing(board, tmp_path, capsys):
    assert main(["export", "-o", "snap.json"]) == EXIT_OK
    copy = tmp_path / "copy.json"
    capsys.readouterr()
    assert main(["--db", str(copy), "import", "snap.json"]) == EXIT_OK
    added = re.search(r": ([\d,]+) added, 0 updated, 0 unchanged\.$", capsys.readouterr().out.strip()).group(1)
    assert added != "0"
    written = copy.read_bytes()
    assert main(["--db", str(copy), "import", "snap.json"]) == EXIT_OK
    assert capsys.readouterr().out.endswith(f": 0 added, 0 updated, {added} unchanged.\n")
    assert copy.read_bytes() == written
    # Into the board it came from: nothing new either.
    before = on_disk(board)
    assert main(["import", "snap.json"]) == EXIT_OK
    assert f": 0 added, 0 updated, {added} unchanged." in capsys.readouterr().out
    assert on_disk(board) == before


def test_import_updates_changed_records_and_reports_them(board, tmp_path, capsys):
    assert main(["export", "-o", "snap.json"]) == EXIT_OK
    document = orjson.loads(Path("snap.json").read_bytes())
    document["columns"][0]["organizations"][0]["notes"] = "Revisado en la reunión"
    Path("changed.json").write_bytes(orjson.dumps(document))
    capsys.readouterr()
    assert main(["import", "changed.json"]) == EXIT_OK
    assert ": 0 added, 1 updated, " in capsys.readouterr().out
    org_id = document["columns"][0]["organizations"][0]["id"]
    assert Repository.open(board).organization(org_id).notes == "Revisado en la reunión"


def test_dry_run_reports_what_would_change_and_writes_nothing(board, tmp_path, capsys):
    assert main(["export", "-o", "snap.json"]) == EXIT_OK
    capsys.readouterr()
    fresh = tmp_path / "fresh.json"
    assert main(["--db", str(fresh), "import", "snap.json", "--dry-run"]) == EXIT_OK
    report = capsys.readouterr().out
    assert "would give: " in report and "0 updated, 0 unchanged. Nothing was written." in report
    assert not fresh.exists()
    before = on_disk(board)
    assert main(["import", "snap.json", "--dry-run"]) == EXIT_OK
    assert "would give: 0 added, 0 updated" in capsys.readouterr().out
    assert on_disk(board) == before


def test_import_from_standard_input(board, tmp_path):
    exported = run_cli("export", "-o", "-")
    assert exported.returncode == EXIT_OK
    copy = tmp_path / "copy.json"
    result = run_cli("--db", str(copy), "import", "-", stdin=exported.stdout)
    assert result.returncode == EXIT_OK and result.stdout.startswith(f"Imported stdin into {copy}: ")
    assert Repository.open(copy).counts().organizations == Repository.open(board).counts().organizations


def test_a_bad_row_is_reported_with_its_position_and_field_and_nothing_is_written(board, tmp_path, capsys):
    assert main(["export", "-o", "snap.json"]) == EXIT_OK
    document = orjson.loads(Path("snap.json").read_bytes())
    document["columns"][0]["organizations"][1]["name"] = "x" * 300
    document["columns"][2]["organizations"][0]["card"]["version"] = 0
    Path("bad.json").write_bytes(orjson.dumps(document))
    before = on_disk(board)
    capsys.readouterr()
    assert main(["import", "bad.json"]) == EXIT_REFUSED
    message = capsys.readouterr().err
    assert message.startswith("outreach-tui: bad.json has invalid data, so nothing was imported: ")
    assert "columns.0.organizations.1.name: String should have at most 200 characters" in message
    assert "columns.2.organizations.0.card.version: Input should be greater than or equal to 1" in message
    assert on_disk(board) == before
    fresh = tmp_path / "fresh.json"
    assert main(["--db", str(fresh), "import", "bad.json"]) == EXIT_REFUSED
    assert not fresh.exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"{not json", "is not valid JSON"),
        (b'{"format": "something else"}', "is not an outreach-tui board snapshot"),
        (b'{"format": "outreach-tui.board", "schema_version": 99}', "exported by a newer outreach-tui"),
    ],
)
def test_files_that_are_not_snapshots_are_refused(board, content, message, capsys):
    Path("file.json").write_bytes(content)
    before = on_disk(board)
    assert main(["import", "file.json"]) == EXIT_REFUSED
    assert message in capsys.readouterr().err
    assert on_disk(board) == before


def test_a_missing_import_file_is_refused(board, capsys):
    assert main(["import", "nowhere.json"]) == EXIT_REFUSED
    assert "Cannot read nowhere.json: No such file or directory" in capsys.readouterr().err


def test_an_import_from_a_device_or_of_a_huge_file_is_refused_without_reading_it(board, tmp_path, capsys, monkeypatch):
    before = on_disk(board)
    assert main(["import", "/dev/zero"]) == EXIT_REFUSED
    assert "/dev/zero is a device, not a snapshot file" in capsys.readouterr().err
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as handle:
        handle.truncate(snapshots.MAX_SNAPSHOT_BYTES + 1)  # sparse: nothing is really written or read
    assert main(["import", str(huge)]) == EXIT_REFUSED
    assert "is larger than 1,000 MB" in capsys.readouterr().err
    # A stream has no size to look at first: it is read only up to the limit.
    monkeypatch.setattr(snapshots, "MAX_SNAPSHOT_BYTES", 1_000)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b" " * 5_000)))
    assert main(["import", "-"]) == EXIT_REFUSED
    assert "stdin is larger than" in capsys.readouterr().err
    assert on_disk(board) == before


def test_large_import_is_quiet_when_piped_and_shows_progress_on_a_terminal(large_board, tmp_path):
    snapshot = tmp_path / "large-snap.json"
    assert run_cli("--db", str(large_board), "export", "-o", str(snapshot)).returncode == EXIT_OK
    assert snapshot.stat().st_size > 2_000_000
    piped = run_cli("--db", str(tmp_path / "piped.json"), "import", str(snapshot))
    assert piped.returncode == EXIT_OK and piped.stderr == ""
    assert "\x1b" not in piped.stdout and "\r" not in piped.stdout
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [CLI, "--db", str(tmp_path / "tty.json"), "import", str(snapshot)],
        stdout=subprocess.PIPE,
        stderr=slave,
        stdin=subprocess.DEVNULL,
    )
    os.close(slave)
    terminal = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        terminal += chunk
    os.close(master)
    assert process.wait(timeout=60) == EXIT_OK
    assert b"Checking " in terminal and b"Importing 1,500 organizations" in terminal
    assert Repository.open(tmp_path / "tty.json").counts() == Repository.open(tmp_path / "piped.json").counts()


def test_import_refuses_organizations_like_the_boards_own_unless_allowed(board, tmp_path, capsys):
    assert main(["export", "-o", "snap.json"]) == EXIT_OK
    first = orjson.loads(Path("snap.json").read_bytes())["columns"][0]["organizations"][0]
    other = tmp_path / "other.json"
    assert main(["--db", str(other), "init", "--campaign", "Frontera norte"]) == EXIT_OK
    assert main(["--db", str(other), "org", "add", first["name"].upper()]) == EXIT_OK
    capsys.readouterr()
    before = on_disk(other)
    for argv in (["import", "snap.json"], ["import", "snap.json", "--dry-run"]):
        assert main(["--db", str(other), *argv]) == EXIT_REFUSED
        refusal = capsys.readouterr().err
        assert "nothing was imported" in refusal and "Pass --allow-duplicate" in refusal
        assert on_disk(other) == before
    assert main(["--db", str(other), "import", "snap.json", "--allow-duplicate"]) == EXIT_OK
