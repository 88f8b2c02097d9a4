"""The stages editor, by keyboard from the campaign picker: every change checked in the file and on the board."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from outreach_tui.confirm import ConfirmDialog
from outreach_tui.screens.stage_target import StageTargetDialog
from outreach_tui.screens.stages_editor import StagesEditor
from store import Actor
from tests.app.harness import RecordingApp, board_of, form_of, run, set_field, wait_for
from tests.boards import TODAY, open_board, wide_board


def editor_of(app: RecordingApp) -> StagesEditor:
    screen = app.screen
    assert isinstance(screen, StagesEditor), type(screen)
    return screen


def notice(app: RecordingApp) -> str:
    return str(editor_of(app).query_one("#stages-notice", Static).render())


def rows(app: RecordingApp) -> list[str]:
    options = editor_of(app).query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def open_editor(pilot, stage: int = 0) -> None:
    await pilot.press("c", "s")
    await pilot.pause()
    editor_of(pilot.app)
    await pilot.press(*["down"] * stage)


def keys(repo, campaign_id: str) -> list[str]:
    return [stage.key for stage in open_board(repo.path).campaign(campaign_id).stages]


def test_the_editor_lists_each_stage_with_its_labels_what_it_is_for_and_its_cards(tmp_path):
    repo = wide_board(tmp_path, stages=5)
    counts = repo.stage_cards(repo.default_campaign().id)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_editor(pilot)
            shown = rows(app)
            assert len(shown) == 5
            assert shown[0].startswith(" 1  Identified / Identificada")
            assert shown[0].rstrip().endswith(str(counts["identified"]))
            assert "training" in shown[3] and "Trained / Capacitada" in shown[3]
            assert "active partners" in shown[4]
            assert "training" not in shown[0] and "active partners" not in shown[0]

    run(scenario())


def test_add_a_stage_after_the_highlighted_one_and_the_board_gets_its_column(tmp_path):
    repo = wide_board(tmp_path, stages=5)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_editor(pilot, stage=2)
            await pilot.press("a")
            await pilot.pause()
            set_field(app, "label", "Agreement signed")
            set_field(app, "labels.es", "Convenio firmado")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert keys(repo, app.campaign_id) == [
                "identified",
                "contacted",
                "visited",
                "agreement_signed",
                "trained",
                "active",
            ]
            stage = open_board(repo.path).campaign(app.campaign_id).stage("agreement_signed")
            assert stage is not None and stage.labels == {"es": "Convenio firmado"}
            assert "Stage Agreement signed added." in notice(app)
            assert editor_of(app).highlighted() == stage
            await pilot.press("escape", "escape")
            board = board_of(app)
            assert await wait_for(pilot, lambda: len(board.stage_columns) == 6)
            assert board.stage_columns[3].stage.key == "agreement_signed"

    run(scenario())


def test_a_refused_key_shows_beside_its_field_and_nothing_is_added(tmp_path):
    repo = wide_board(tmp_path, stages=5)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_editor(pilot)
            await pilot.press("a")
            set_field(app, "label", "Visited again")
            set_field(app, "key", "visited")
            await pilot.press("ctrl+s")
            await pilot.pause()
            form = form_of(app)
            assert form.row_for("key").has_class("-problem")
            assert len(open_board(repo.path).campaign(app.campaign_id).stages) == 5

    run(scenario())


def test_rename_a_stage_in_both_languages(tmp_path):
    repo = wide_board(tmp_path, stages=5)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_editor(pilot, stage=2)
            await pilot.press("r")
            await pilot.pause()
            set_field(app, "label", "Visited twice")
            set_field(app, "labels.es", "Visitada dos veces")
            await pilot.press("ctrl+s")
            await pilot.pause()
            stage = open_board(repo.path).campaign(app.campaign_id).stage("visited")
            assert stage is not None and stage.label == "Visited twice"
            assert stage.labels == {"es": "Visitada dos veces"}
            assert "Visited twice / Visitada dos veces" in rows(app)[2]
            assert "Stage Visited twice renamed." in notice(app)
            await pilot.press("escape", "escape")
            assert await wait_for(pilot, lambda: board_of(app).stage_columns[2].stage.label == "Visited twice")

    run(scenario())


def test_move_a_stage_later_and_earlier_with_the_brackets(tmp_path):
    repo = wide_board(tmp_path, stages=5)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_editor(pilot)
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert keys(repo, app.campaign_id)[:3] == ["contacted", "identified", "visited"]
            assert editor_of(app).highlighted().key == "identified"
            await pilot.press("shift+up")
            await pilot.pause()
            assert keys(repo, app.campaign_id)[:3] == ["identified", "contacted", "visited"]
            await pilot.press("shift+up")
            await pilot.pause()
            assert "already the first stage" in notice(app)

    run(scenario())


def test_removing_a_stage_with_cards_offers_where_they_go_and_escape_removes_nothing(tmp_path):
    repo = wide_board(tmp_path, stages=5)
    held = repo.stage_cards(repo.default_campaign().id)["visited"]

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_editor(pilot, stage=2)
            await pilot.press("x")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, StageTargetDialog)
            # Only the stages before the training stage can take them without a training.
            assert [stage.key for stage in dialog.targets] == ["identified", "contacted"]
            await pilot.press("escape")
            await pilot.pause()
            assert f"Visited holds {held} cards" in notice(app)
            assert "Nothing was removed." in notice(app)
            assert "visited" in keys(repo, app.campaign_id)

    run(scenario())


def test_remove_a_stage_moving_its_cards_to_another_after_confirming(tmp_path):
    repo = wide_board(tmp_path, stages=5)
    campaign_id = repo.default_campaign().id
    before = repo.stage_cards(campaign_id)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_editor(pilot, stage=2)
            await pilot.press("x")
            await pilot.pause()
            await pilot.press("down", "enter")  # the second target: Contacted
            await pilot.pause()
            confirm = app.screen
            assert isinstance(confirm, ConfirmDialog)
            assert confirm.message == f"Remove stage Visited and move its {before['visited']} cards to Contacted?"
            await pilot.press("y")
            await pilot.pause()
            after = open_board(repo.path).stage_cards(campaign_id)
            assert "visited" not in keys(repo, campaign_id)
            assert after["contacted"] == before["contacted"] + before["visited"]
            assert "Stage Visited removed." in notice(app)
            assert len(rows(app)) == 4
            await pilot.press("escape", "escape")
            assert await wait_for(pilot, lambda: len(board_of(app).stage_columns) == 4)

    run(scenario())


def test_an_empty_stage_is_removed_after_confirming(tmp_path):
    repo = wide_board(tmp_path, stages=5)
    campaign = repo.default_campaign()
    repo.add_stage(campaign.id, "assessed", "Assessed", position=3, expected_version=campaign.version)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_editor(pilot, stage=3)
            await pilot.press("x")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            assert app.screen.message == "Remove stage Assessed? It holds no cards."
            await pilot.press("y")
            await pilot.pause()
            assert "assessed" not in keys(repo, campaign.id)

    run(scenario())


def test_choose_the_training_stage_and_the_active_partner_stage(tmp_path):
    repo = wide_board(tmp_path, stages=5)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            # Visited holds untrained cards: as the training stage they would count as trained.
            await open_editor(pilot, stage=2)
            await pilot.press("t")
            await pilot.pause()
            assert open_board(repo.path).campaign(app.campaign_id).training_stage == "trained"
            assert "no training" in notice(app), notice(app)
            assert editor_of(app).query_one("#stages-notice").has_class("-error")
            await pilot.press("down", "down", "t")
            await pilot.pause()
            campaign = open_board(repo.path).campaign(app.campaign_id)
            assert campaign.training_stage == "active"
            assert "Active partner is now the training stage." in notice(app)
            assert "training" in rows(app)[4] and "training" not in rows(app)[3]
            await pilot.press("up", "p")
            await pilot.pause()
            assert open_board(repo.path).campaign(app.campaign_id).active_stage == "trained"
            assert "active partners" in rows(app)[3] and "active partners" not in rows(app)[4]

    run(scenario())


def test_the_training_stage_cannot_be_removed_and_the_editor_says_why(tmp_path):
    repo = wide_board(tmp_path, stages=5)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_editor(pilot, stage=3)
            await pilot.press("x")
            await pilot.pause()
            assert app.screen is editor_of(app)
            assert notice(app) == "Trained is the training stage; choose another training stage first."
            assert editor_of(app).query_one("#stages-notice").has_class("-error")
            assert "trained" in keys(repo, app.campaign_id)

    run(scenario())


def test_a_change_made_meanwhile_in_another_session_is_refused_and_the_list_shows_it(tmp_path):
    repo = wide_board(tmp_path, stages=5)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_editor(pilot)
            other = open_board(repo.path, Actor(login="luis"))
            campaign = other.campaign(app.campaign_id)
            other.rename_stage(campaign.id, "contacted", label="Reached", expected_version=campaign.version)
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert keys(repo, app.campaign_id)[:2] == ["identified", "contacted"]
            assert "luis" in notice(app) and "The list now shows the current stages." in notice(app)
            assert "Reached" in rows(app)[1]
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert keys(repo, app.campaign_id)[:2] == ["contacted", "identified"]

    run(scenario())


def test_a_trainer_sees_the_stages_read_only_with_the_reason(tmp_path):
    repo = wide_board(tmp_path, stages=5)
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    trainer = open_board(repo.path, Actor(login="lucia"))

    async def scenario():
        app = RecordingApp(trainer, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_editor(pilot)
            editor = editor_of(app)
            assert editor.has_class("-read-only")
            reason = str(editor.query_one("#stages-reason", Static).render())
            assert "lucia" in reason and "trainer" in reason, reason
            for action in ("add_stage", "rename_stage", "move_stage", "remove_stage", "training_stage"):
                assert editor.check_action(action, ()) is None
            await pilot.press("a", "t", "right_square_bracket", "x")
            await pilot.pause()
            assert app.screen is editor
            assert keys(repo, app.campaign_id) == ["identified", "contacted", "visited", "trained", "active"]
            assert open_board(repo.path).campaign(app.campaign_id).training_stage == "trained"

    run(scenario())


def test_the_board_opens_the_editor_with_shift_s_and_the_palette_lists_its_keys(tmp_path):
    repo = wide_board(tmp_path, stages=5)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            titles = [command.title for command in app.palette_commands(app.screen)]
            assert "Board: Campaign stages" in titles
            await pilot.press("S")
            await pilot.pause()
            editor = editor_of(app)
            titles = [command.title for command in app.palette_commands(editor)]
            assert {"Stages: Add", "Stages: Rename", "Stages: Remove", "Stages: Training"} <= set(titles)
            command = next(c for c in app.palette_commands(editor) if c.title == "Stages: Later")
            await command.run()
            await pilot.pause()
            assert keys(repo, app.campaign_id)[:2] == ["contacted", "identified"]

    run(scenario())
