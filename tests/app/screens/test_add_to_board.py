"""Adding organizations already in the file to this campaign's board (a), several at once."""

from __future__ import annotations

from outreach_tui.bindings import HelpRow, help_rows, palette_title
from outreach_tui.screens.add_to_board import AddToBoardScreen
from tests.app.harness import RecordingApp, run
from tests.boards import TODAY, on_disk, open_board

PLANNED = "Maquiladora justice tour 2027"


def shown(app: RecordingApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, AddToBoardScreen)
    return [org.name for org in screen.shown]


def test_search_folds_accents_marks_several_and_adds_them_in_one_change(repo):
    campaign = repo.campaign(PLANNED)

    async def scenario():
        app = RecordingApp(repo, campaign.id, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, AddToBoardScreen)
            # Albergue Belén is already on this board: not offered.
            await pilot.press(*"albergue")
            assert shown(app) == ["Albergue Guadalupe"]
            await pilot.press(*["backspace"] * 8, *"juarez")
            assert shown(app) == ["Casa del Migrante San Juan Diego"]  # "Ciudad Juárez"
            await pilot.press("down", "space")
            await pilot.press(*["backspace"] * 6, *"CLINICA")
            assert shown(app) == ["Clínica Jurídica Esperanza Obrera", "Clínica Jurídica Voces del Sur"]
            await pilot.press("down", "space", "enter")
            await pilot.pause()
            assert not isinstance(app.screen, AddToBoardScreen)
            saved = open_board(repo.path)
            added = [card.organization.name for card in saved.board(campaign.id).columns[0].cards]
            assert {"Casa del Migrante San Juan Diego", "Clínica Jurídica Esperanza Obrera"} <= set(added)
            assert "Clínica Jurídica Voces del Sur" not in added
            kinds = [event.kind for event in saved.history(campaign_id=campaign.id, limit=2)]
            assert kinds == ["placed", "placed"]
            assert app.said[-1] == "Added 2 organizations to this board."

    run(scenario())


def test_enter_with_nothing_marked_adds_the_highlighted_one_and_escape_adds_none(repo):
    campaign = repo.campaign(PLANNED)

    async def scenario():
        app = RecordingApp(repo, campaign.id, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            before = on_disk(repo.path)
            await pilot.press("a", *"ocosingo")
            await pilot.press("escape")
            await pilot.pause()
            assert on_disk(repo.path) == before
            await pilot.press("a", *"ocosingo", "enter")
            await pilot.pause()
            org = open_board(repo.path).find_organization("Comité de Derechos Humanos de Ocosingo")
            assert open_board(repo.path).placement(org.id, campaign.id).stage == campaign.stages[0].key
            assert app.screen.selected_card().id == org.id

    run(scenario())


def test_the_key_has_help_text_and_a_palette_entry(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)):
            titles = [command.title for command in app.palette_commands(app.screen)]
            assert "Board: Add organizations to this board" in titles
            binding = next(b for b in app.all_bindings() if b.action == "add_to_board")
            assert palette_title(binding) == "Board: Add organizations to this board"
            assert HelpRow("a", "Add organizations to this board") in help_rows()

    run(scenario())
