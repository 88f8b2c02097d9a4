"""The board opens the campaign each person last opened, not whichever campaign is newest."""

from __future__ import annotations

import pytest

from outreach_tui.campaign_choice import save_campaign, saved_campaign
from outreach_tui.person_choices import choices_file
from store.errors import StoreFileError
from store.identity import Actor
from tests.app.harness import RecordingApp, run
from tests.boards import TODAY, open_board

ANA = Actor(login="outreach", on_behalf="ana")
LUIS = Actor(login="outreach", on_behalf="luis")


def test_the_board_reopens_the_campaign_last_opened_after_someone_creates_a_newer_one(repo):
    planned = repo.campaign("Maquiladora justice tour 2027")

    async def open_and_switch():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c")
            await pilot.pause()
            await pilot.press("down", "enter")  # the picker lists active campaigns first
            await pilot.pause()
            assert app.campaign_id == planned.id

    run(open_and_switch())
    assert saved_campaign(repo.path, repo.actor) == planned.id
    open_board(repo.path).create_campaign("Frontera sur 2027")  # newest active: everyone's default

    async def reopen():
        app = RecordingApp(open_board(repo.path), today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)):
            assert app.campaign_id == planned.id

    run(reopen())


def test_each_person_and_board_keeps_their_own_campaign(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    save_campaign(first, "cmp-ana00001", ANA)
    save_campaign(first, "cmp-luis0001", LUIS)
    save_campaign(second, "cmp-ana00002", ANA)
    assert saved_campaign(first, ANA) == "cmp-ana00001"
    assert saved_campaign(first, LUIS) == "cmp-luis0001"
    assert saved_campaign(second, ANA) == "cmp-ana00002"
    assert saved_campaign(second, LUIS) is None


@pytest.mark.parametrize("content", [b"{not json", b"[1]", b'{"ana via outreach": "cmp-x"}'])
def test_a_damaged_file_means_the_default_campaign_and_is_replaced(repo, content):
    path = choices_file("campaigns.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    app = RecordingApp(repo, today=TODAY, watch_interval=None)
    assert app.campaign_id == repo.default_campaign().id
    save_campaign(repo.path, "cmp-ana00001", ANA)
    assert saved_campaign(repo.path, ANA) == "cmp-ana00001"


def test_a_campaign_the_board_does_not_have_means_the_default_one(repo):
    save_campaign(repo.path, "cmp-gone00001", repo.actor)
    assert RecordingApp(repo, today=TODAY, watch_interval=None).campaign_id == repo.default_campaign().id


def test_a_config_folder_that_cannot_be_created_is_a_clear_error(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    with pytest.raises(StoreFileError, match=r"Cannot save the campaign you opened in .*campaigns\.json"):
        save_campaign(tmp_path / "board.json", "cmp-ana00001", ANA)
