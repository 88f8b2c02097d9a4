"""The history's chain: every kind of edit made directly to the board file is found, for the right record."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest

from outreach_tui.cli import EXIT_OK, EXIT_REFUSED, main
from store.chain import GENESIS, event_hash, raw_hash
from tests.boards import board_json, demo_board, folded, open_board
from tests.store.test_upgrade import FIXTURE


@pytest.fixture
def board(tmp_path: Path) -> Path:
    repo = demo_board(tmp_path)
    org = next(iter(repo.organizations()))
    repo.update_organization(org.id, {"notes": "Met the legal team."})
    return repo.path


def edit(path: Path, change) -> None:
    """Edit the board file as a person with a text editor would: plain json, no program (its journal folded in first)."""
    document = json.loads(folded(path).read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def events_in_file_order(document: dict) -> list[dict]:
    return [document["events"][key] for key in sorted(document["events"], key=int)]


def check(path: Path, capsys) -> tuple[int, str]:
    code = main(["--db", str(path), "check"])
    return code, capsys.readouterr().out


def test_every_event_links_to_the_one_before_it_in_the_order_written(board):
    events = events_in_file_order(board_json(board))
    assert events[0]["prev"] == GENESIS
    assert all(later["prev"] == raw_hash(earlier) for earlier, later in itertools.pairwise(events))
    last = open_board(board).history()[0]
    assert open_board(board).history_head() == event_hash(last) == raw_hash(events[-1])
    assert open_board(board).history_check().problems == []


def test_check_passes_a_whole_history_and_prints_its_head(board, capsys):
    code, out = check(board, capsys)
    assert code == EXIT_OK
    assert f"History head: {open_board(board).history_head()}" in out


def test_a_changed_event_is_found_with_its_organization(board, capsys):
    def change(document):
        moved = next(e for e in events_in_file_order(document) if e["kind"] == "moved")
        moved["actor"] = "someone-else"
        change.org = moved["organization_id"]

    edit(board, change)
    code, out = check(board, capsys)
    assert code == EXIT_REFUSED
    assert "The history is broken after the event" in out
    assert open_board(board).organization(change.org).name in out


def test_a_removed_event_is_found(board, capsys):
    def remove(document):
        keys = sorted(document["events"], key=int)
        del document["events"][keys[len(keys) // 2]]

    edit(board, remove)
    problems = open_board(board).history_check().problems
    assert [problem.kind for problem in problems] == ["break"]
    assert check(board, capsys)[0] == EXIT_REFUSED


def test_an_inserted_event_is_found_even_with_a_valid_link(board, capsys):
    def insert(document):
        events = events_in_file_order(document)
        copied = dict(events[5], id="ev-forged0001", group="grp-forged0001", reason="never happened")
        document["events"][str(max(map(int, document["events"])) + 1)] = copied
        insert.org = copied.get("organization_id")

    edit(board, insert)
    problems = open_board(board).history_check().problems
    assert [(p.kind, p.events) for p in problems] == [("fork", ("ev-forged0001",))]
    code, out = check(board, capsys)
    assert code == EXIT_REFUSED and "was inserted into the history" in out


def test_an_event_without_a_link_is_found(board):
    def insert(document):
        copied = dict(events_in_file_order(document)[3], id="ev-forged0002")
        copied.pop("prev")
        document["events"]["99999"] = copied

    edit(board, insert)
    assert [p.kind for p in open_board(board).history_check().problems] == ["unlinked"]


def test_a_record_edited_without_an_event_is_found_for_that_record(board, capsys):
    def change(document):
        org = next(iter(document["organizations"].values()))
        org["name"] = "Renamed by hand"
        org["version"] = org.get("version", 1) + 1
        change.org = org["id"]

    edit(board, change)
    problems = open_board(board).history_check().problems
    assert [(p.kind, p.records) for p in problems] == [("record", (change.org,))]
    code, out = check(board, capsys)
    assert code == EXIT_REFUSED and "Renamed by hand" in out and "edited without a history event" in out


def test_an_acknowledged_problem_stays_listed_but_check_passes(board, capsys):
    edit(board, lambda document: next(iter(document["organizations"].values())).update(version=40))
    repo = open_board(board)
    event = repo.acknowledge_history_problems()
    assert event is not None and event.kind == "history_acknowledged"
    assert repo.acknowledge_history_problems() is None
    code, out = check(board, capsys)
    assert code == EXIT_OK and "(acknowledged)" in out
    assert repo.history_check().problems and not repo.history_check().unacknowledged


def test_only_a_coordinator_acknowledges(board):
    from store import PermissionDenied
    from tests.boards import COORDINATOR

    repo = open_board(board)
    repo.set_user(COORDINATOR.login, "coordinator")
    repo.set_user("lucia", "trainer")
    from store import Actor

    trainer = open_board(board, Actor("lucia"))
    with pytest.raises(PermissionDenied):
        trainer.acknowledge_history_problems()


def test_check_head_tells_a_rewritten_history(board, capsys):
    head = open_board(board).history_head()
    assert main(["--db", str(board), "check", "--head", head]) == EXIT_OK
    capsys.readouterr()

    def rewrite(document):
        # A whole new chain, as someone who recomputes every link would leave it.
        prev = GENESIS
        for event in events_in_file_order(document):
            event["reason"] = "rewritten"
            event["prev"] = prev
            prev = raw_hash(event)

    edit(board, rewrite)
    assert open_board(board).history_check().problems == []
    assert main(["--db", str(board), "check", "--head", head]) == EXIT_REFUSED
    assert "no longer holds the head" in capsys.readouterr().out


def test_an_older_file_is_linked_on_reading_and_written_linked(tmp_path):
    path = tmp_path / "board.json"
    shutil.copyfile(FIXTURE, path)
    repo = open_board(path)
    assert repo.history_check().problems == []
    repo.set_board_language("es")
    written = json.loads(path.read_text(encoding="utf-8"))
    assert all("prev" in event for event in written["events"].values())
    assert open_board(path).history_check().problems == []


def test_the_snapshot_carries_the_head_and_an_import_links_its_events(board, tmp_path):
    from store.snapshot import export_snapshot, import_snapshot, parse_snapshot
    from tests.boards import fixed_clock

    repo = open_board(board)
    campaign = repo.default_campaign().id
    document = export_snapshot(repo, campaign, now=fixed_clock())
    assert document["history_head"] == repo.history_head()
    assert all("prev" not in event for event in document["history"])
    copy = open_board(tmp_path / "copy.json", create=True)
    data = json.dumps(document).encode()
    import_snapshot(copy, parse_snapshot(data, "snap.json"), "snap.json")
    assert copy.history_check().problems == []
    assert not import_snapshot(copy, parse_snapshot(data, "snap.json"), "snap.json").changed
