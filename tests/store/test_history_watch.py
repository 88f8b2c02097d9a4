"""Checking the history again after a refresh: the same findings as a whole check, at the cost of the change."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from store import history_watch
from store.chain import check_history
from tests.boards import demo_board, folded, open_board


@pytest.fixture
def whole_checks(monkeypatch) -> list[int]:
    """Counts the whole checks the watch makes (each one walks the entire chain)."""
    calls: list[int] = []
    real = history_watch.chain_problems

    def counted(doc):
        calls.append(1)
        return real(doc)

    monkeypatch.setattr(history_watch, "chain_problems", counted)
    return calls


def same_as_a_whole_check(repo) -> None:
    found = repo.history_check()
    whole = check_history(repo._doc)
    assert found.head == whole.head
    assert found.problems == whole.problems
    assert found.acknowledged == whole.acknowledged


def first_card(repo):
    campaign = repo.default_campaign()
    return campaign, next(card for column in repo.board(campaign.id).columns for card in column.cards)


def test_another_sessions_changes_are_checked_without_walking_the_whole_chain(tmp_path, whole_checks):
    writer = demo_board(tmp_path)
    watcher = open_board(writer.path)
    assert watcher.history_check().problems == []
    assert len(whole_checks) == 1
    campaign, card = first_card(writer)
    writer.move(card.id, "trained", campaign_id=campaign.id, without_training=True, reason="test")
    assert watcher.refresh()  # with a checkpoint after each change, one at a time is what the watcher takes over
    writer.update_organization(card.placement.organization_id, {"notes": "Second visit set."})
    assert watcher.refresh()
    same_as_a_whole_check(watcher)
    assert len(whole_checks) == 1  # the first check only (the comparison's own whole check is not counted)
    assert watcher.history_check().head == writer.history_head()


def test_a_record_changed_without_an_event_is_found_and_then_cleared(tmp_path, whole_checks):
    repo = demo_board(tmp_path)
    repo.history_check()
    _campaign, card = first_card(repo)
    org = repo.organization(card.placement.organization_id)
    repo._doc.organizations.put(org.model_copy(update={"version": org.version + 5}))
    found = repo.history_check()
    assert [(p.kind, p.records, p.found) for p in found.problems] == [("record", (org.id,), org.version + 5)]
    same_as_a_whole_check(repo)
    repo._doc.organizations.put(org)
    assert repo.history_check().problems == []
    assert len(whole_checks) == 1


def test_an_acknowledgement_made_elsewhere_is_taken_in(tmp_path):
    path = demo_board(tmp_path).path
    document = json.loads(folded(path).read_text(encoding="utf-8"))
    org = next(iter(document["organizations"].values()))
    org["version"] = org.get("version", 1) + 3
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    watcher = open_board(path)
    assert [p.kind for p in watcher.history_check().unacknowledged] == ["record"]
    open_board(path).acknowledge_history_problems()
    assert watcher.refresh()
    found = watcher.history_check()
    assert found.problems and found.unacknowledged == []
    same_as_a_whole_check(watcher)


def test_a_broken_chain_is_always_checked_whole(tmp_path, whole_checks):
    path = demo_board(tmp_path).path
    document = json.loads(folded(path).read_text(encoding="utf-8"))
    keys = sorted(document["events"], key=int)
    del document["events"][keys[len(keys) // 2]]
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    watcher, writer = open_board(path), open_board(path)
    assert [p.kind for p in watcher.history_check().problems] == ["break"]
    campaign, card = first_card(writer)
    writer.move(card.id, "trained", campaign_id=campaign.id, without_training=True, reason="test")
    watcher.refresh()
    assert [p.kind for p in watcher.history_check().problems] == ["break"]
    assert len(whole_checks) == 2


def test_an_event_changed_in_place_is_checked_whole(tmp_path, whole_checks):
    repo = demo_board(tmp_path)
    repo.history_check()
    event = next(iter(repo._doc.events.values()))
    repo._doc.events.put(event.model_copy(update={"actor": "someone-else"}))
    assert [p.kind for p in repo.history_check().problems] == ["break"]
    assert len(whole_checks) == 2
    same_as_a_whole_check(repo)


def test_a_board_read_whole_again_is_checked_whole(tmp_path, whole_checks):
    path = demo_board(tmp_path).path
    watcher = open_board(path)
    watcher.history_check()
    document = json.loads(folded(path).read_text(encoding="utf-8"))
    org = next(iter(document["organizations"].values()))
    org["notes"] = "Edited by hand, without an event."
    org["version"] = org.get("version", 1) + 1
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert watcher.refresh()
    assert [p.kind for p in watcher.history_check().problems] == ["record"]
    assert len(whole_checks) == 2


def test_many_changes_between_checks_give_what_a_whole_check_gives(tmp_path):
    writer = demo_board(tmp_path, organizations=24)
    watcher = open_board(writer.path)
    watcher.history_check()
    rng = random.Random(7)
    campaign = writer.default_campaign()
    for round_ in range(12):
        for _ in range(rng.randint(1, 4)):
            card = rng.choice([c for column in writer.board(campaign.id).columns for c in column.cards])
            if rng.random() < 0.6:
                stage = rng.choice(["contacted", "trained", "active"])
                if stage != card.placement.stage:
                    writer.move(card.id, stage, campaign_id=campaign.id, without_training=True, reason="test")
            else:
                writer.update_organization(card.placement.organization_id, {"notes": f"Round {round_}."})
        if round_ == 5:
            org = watcher.organizations()[0]
            watcher._doc.organizations.put(org.model_copy(update={"version": org.version + 1}))
        watcher.refresh()
        same_as_a_whole_check(watcher)


def test_a_change_log_that_started_again_means_a_whole_check(tmp_path, whole_checks, monkeypatch):
    writer = demo_board(tmp_path)
    watcher = open_board(writer.path)
    watcher.history_check()
    monkeypatch.setattr("store.table.LOG_LIMIT", 1)
    campaign, card = first_card(writer)
    writer.move(card.id, "trained", campaign_id=campaign.id, without_training=True, reason="test")
    writer.update_organization(card.placement.organization_id, {"notes": "Again."})
    watcher.refresh()
    same_as_a_whole_check(watcher)
    assert len(whole_checks) == 2


def test_the_watch_is_one_per_open_board(tmp_path: Path):
    repo = demo_board(tmp_path)
    assert repo._history_watch is repo._history_watch
    assert open_board(repo.path)._history_watch is not repo._history_watch
