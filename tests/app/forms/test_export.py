"""Exporting from the board (s): the dialog offers the folder last chosen, else home (never the
folder the app started in), writes where the person says, remembers it, refuses a folder it
cannot write into, and asks before replacing a file."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson
import pytest
from textual.widgets import Input

from outreach_tui.confirm import ConfirmDialog
from outreach_tui.forms import ExportForm
from store import Actor
from tests.app.harness import RecordingApp, form_of, notice, run, set_field
from tests.boards import TODAY, on_disk, open_board

NAME = "board-derechos-laborales-chiapas-y-la-frontera-20261124-1630.json"
"""The default file name of the demo campaign's snapshot at the tests' clock."""


def folder_field(app: RecordingApp) -> str:
    return form_of(app).query_one("#folder", Input).value


async def open_export(pilot) -> ExportForm:
    await pilot.press("s")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ExportForm), type(form)
    return form


async def export(pilot) -> None:
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def campaign_in(path: Path) -> str:
    document = orjson.loads(path.read_bytes())
    assert document["format"] == "outreach-tui.board"
    return document["campaign"]["name"]


def test_the_dialog_offers_the_home_folder_and_writes_the_snapshot_there(repo, home, tmp_path):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_export(pilot)
            assert folder_field(app) == f"{home}/"
            assert form_of(app).query_one("#name", Input).value == NAME
            await export(pilot)
            assert not isinstance(app.screen, ExportForm)
            written = home / NAME
            assert app.said == [f"Board snapshot written to {written}"]
        assert campaign_in(written) == repo.default_campaign().name
        assert stat.S_IMODE(os.stat(written).st_mode) == 0o600
        assert list((tmp_path / "started-in").iterdir()) == []

    run(scenario())


def test_the_folder_chosen_is_offered_again_in_the_next_run_to_that_person_only(repo, home, tmp_path):
    reports = home / "reports"
    reports.mkdir()

    async def first_run():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_export(pilot)
            set_field(app, "folder", "~/reports")
            await export(pilot)
            assert app.said == [f"Board snapshot written to {reports / NAME}"]

    async def next_run(actor: Actor) -> str:
        app = RecordingApp(open_board(repo.path, actor), today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_export(pilot)
            return folder_field(app)

    run(first_run())
    assert run(next_run(Actor(login="ana"))) == f"{reports}/"
    assert run(next_run(Actor(login="sam"))) == f"{home}/"


def test_a_remembered_folder_that_is_gone_gives_way_to_home(repo, home):
    reports = home / "reports"
    reports.mkdir()

    async def exporting_to(folder: str) -> str:
        app = RecordingApp(open_board(repo.path), today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_export(pilot)
            offered = folder_field(app)
            set_field(app, "folder", folder)
            await export(pilot)
            return offered

    run(exporting_to(str(reports)))
    (reports / NAME).unlink()
    reports.rmdir()
    assert run(exporting_to(str(home))) == f"{home}/"


def test_a_folder_that_does_not_exist_is_named_and_nothing_is_written(repo, home, tmp_path):
    missing = tmp_path / "no-such-folder"

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_export(pilot)
            set_field(app, "folder", str(missing))
            await export(pilot)
            assert isinstance(app.screen, ExportForm)
            assert notice(app) == (f"The folder {missing} does not exist. Nothing was written; choose another folder.")
            assert folder_field(app) == str(missing)
            assert app.said == []

    run(scenario())
    assert not missing.exists()
    assert list(tmp_path.rglob("board-*.json")) == []


@contextmanager
def as_someone_else() -> Iterator[None]:
    """Root may write anywhere: a test run as root acts as the account nobody while the app checks the folder."""
    if os.geteuid() != 0:
        yield
        return
    # What the dialog's worker thread imports on first use, imported while root may still read it.
    import concurrent.futures.thread  # noqa: F401

    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture
def locked() -> Iterator[Path]:
    """A folder anyone may open but nobody (root aside) may write in, under /tmp so the account nobody reaches it."""
    above = Path(tempfile.mkdtemp(dir="/tmp"))
    os.chmod(above, 0o755)
    folder = above / "locked"
    folder.mkdir(mode=0o555)
    yield folder
    shutil.rmtree(above)


def test_a_folder_the_person_may_not_write_in_is_refused_and_nothing_is_written(repo, home, locked):

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_export(pilot)
            set_field(app, "folder", str(locked))
            with as_someone_else():
                await export(pilot)
            assert isinstance(app.screen, ExportForm)
            assert notice(app) == (
                f"You may not write in the folder {locked}: permission denied. Nothing was written; "
                "choose another folder, such as your home folder."
            )
            assert app.said == []

    run(scenario())
    assert list(locked.iterdir()) == []


def test_a_folder_that_is_a_file_is_refused(repo, home):
    (home / "notes.txt").write_text("mine")

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_export(pilot)
            set_field(app, "folder", "~/notes.txt")
            await export(pilot)
            assert notice(app) == f"{home / 'notes.txt'} is not a folder. Nothing was written; choose a folder."

    run(scenario())
    assert (home / "notes.txt").read_text() == "mine"


def test_an_existing_file_is_replaced_only_after_the_person_says_yes(repo, home):
    existing = home / "report.json"
    existing.write_text("last week's report")

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_export(pilot)
            set_field(app, "name", "report.json")
            await export(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            await pilot.pause()
            assert existing.read_text() == "last week's report"
            assert notice(app) == f"Nothing was written: {existing} is kept. Choose another name."
            assert app.focused is form_of(app).control("name")
            await export(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.said == [f"Board snapshot written to {existing}"]

    run(scenario())
    assert campaign_in(existing) == repo.default_campaign().name
    assert [path.name for path in home.iterdir()] == ["report.json"]


def test_the_board_file_itself_is_never_replaced(repo, home):
    repo.compact()  # an empty journal: quitting folds nothing, so any write would be the export's
    before = on_disk(repo.path)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_export(pilot)
            set_field(app, "folder", str(repo.path.parent))
            set_field(app, "name", repo.path.name)
            await export(pilot)
            await pilot.press("y")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "a snapshot never replaces a board" in notice(app)

    run(scenario())
    assert on_disk(repo.path) == before


def test_tab_completes_a_folder_name_then_moves_on(repo, home):
    (home / "Documents" / "reports").mkdir(parents=True)
    (home / "Downloads").mkdir()
    (home / ".cache").mkdir()

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            form = await open_export(pilot)
            folder = form.query_one("#folder", Input)
            assert app.focused is folder
            folder.value = "~/Do"
            await pilot.press("tab")
            assert folder.value == "~/Documents/"
            await pilot.press("r", "tab")
            assert folder.value == "~/Documents/reports/"
            assert app.focused is folder
            await pilot.press("tab")
            assert app.focused is form.control("name")
            assert form.target() == home / "Documents" / "reports" / NAME

    run(scenario())


def test_an_empty_file_name_is_asked_for(repo, home):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_export(pilot)
            set_field(app, "name", "  ")
            await export(pilot)
            assert isinstance(app.screen, ExportForm)
            assert "File name" in notice(app)

    run(scenario())
    assert list(home.iterdir()) == []


def test_folder_completion_follows_what_a_shell_does(tmp_path):
    from outreach_tui.forms.export import complete_folder

    home = tmp_path / "home"
    for name in ("Documents", "Downloads", ".cache", "reports"):
        (home / name).mkdir(parents=True)
    (home / "Doc-notes.txt").write_text("a file, never offered")
    assert complete_folder("~/Do", home) == "~/Documents/"
    assert complete_folder("~/Dow", home) == "~/Downloads/"
    assert complete_folder("rep", home) == "reports/"  # a relative folder is taken inside home
    assert complete_folder("~/.c", home) == "~/.cache/"
    assert complete_folder("~/c", home) is None  # hidden folders only when a dot is typed
    assert complete_folder("~/", home) is None  # nothing typed to complete: tab moves on
    assert complete_folder("~/nowhere/x", home) is None


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_partner_list_is_written_as_a_spreadsheet_that_reads_back(repo, home, file_format):
    from textual.widgets import Select

    from store.spreadsheets import read_table

    async def scenario() -> None:
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            form = await open_export(pilot)
            form.query_one("#format", Select).value = file_format
            await pilot.pause()
            name = form.query_one("#name", Input).value
            assert name == f"partners-derechos-laborales-chiapas-y-la-frontera-20261124-1630.{file_format}"
            form.query_one("#name", Input).focus()
            await export(pilot)
            written = home / name
            assert app.said[-1] == f"Partner list written to {written}"
            table = read_table(written)
            board = repo.board(repo.default_campaign().id)
            assert len(table.rows) == sum(len(column.cards) for column in board.columns)

    run(scenario())


async def offered(pilot, field: str) -> list[str]:
    """What the dropdown of ``field`` lists when the person opens it (then closed again)."""
    from textual.widgets import Select
    from textual.widgets._select import SelectOverlay

    select = pilot.app.screen.query_one(f"#{field}", Select)
    select.focus()
    await pilot.press("enter")
    await pilot.pause()
    overlay = select.query_one(SelectOverlay)
    prompts = [str(overlay.get_option_at_index(i).prompt) for i in range(overlay.option_count)]
    await pilot.press("escape")
    await pilot.pause()
    return prompts


def contents_line(app: RecordingApp) -> str:
    from textual.widgets import Static

    return str(form_of(app).query_one("#export-contents", Static).render())


def test_a_coordinator_is_offered_every_profile_the_full_snapshot_first(repo, home):
    async def scenario() -> None:
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_export(pilot)
            assert await offered(pilot, "profile") == [
                "Full snapshot (with contacts)",
                "Partner list (no contacts)",
                "Funder figures (no names)",
            ]
            assert "staff contacts and notes" in contents_line(app)
            assert await offered(pilot, "format") == [
                "Board snapshot (JSON)",
                "Partner list (CSV)",
                "Partner list (Excel)",
            ]

    run(scenario())


@pytest.fixture
def trainer_board(repo):
    repo.set_user("ana", "coordinator")
    repo.set_user("lucia", "trainer")
    return open_board(repo.path, Actor(login="lucia"))


def test_a_trainer_is_offered_the_partner_and_funder_profiles_only(trainer_board, home):
    async def scenario() -> None:
        app = RecordingApp(trainer_board, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            form = await open_export(pilot)
            assert await offered(pilot, "profile") == ["Partner list (no contacts)", "Funder figures (no names)"]
            assert form.query_one("#name", Input).value == NAME.replace("board-", "partner-")
            assert "without staff contacts" in contents_line(app)

    run(scenario())


def test_the_profile_chosen_is_the_one_written_with_its_own_name_and_wording(trainer_board, home):
    from textual.widgets import Select

    async def scenario() -> Path:
        app = RecordingApp(trainer_board, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            form = await open_export(pilot)
            form.query_one("#profile", Select).value = "funder"
            await pilot.pause()
            assert await offered(pilot, "format") == [
                "Funder figures (JSON)",
                "Funder figures (CSV)",
                "Funder figures (Excel)",
            ]
            assert "no organization named" in contents_line(app)
            name = form.query_one("#name", Input).value
            assert name == NAME.replace("board-", "funder-")
            form.query_one("#name", Input).focus()
            await export(pilot)
            written = home / name
            assert app.said == [f"Funder figures written to {written}"]
            return written

    written = run(scenario())
    document = orjson.loads(written.read_bytes())
    assert document["profile"] == "funder"
    names = {org.name for org in trainer_board.organizations()}
    assert not any(name in written.read_text() for name in names)
    events = [event for event in open_board(trainer_board.path).history() if event.kind == "exported"]
    assert [event.changes["profile"][1] for event in events] == ["funder"]


def test_a_name_typed_by_the_person_keeps_it_when_the_profile_changes(repo, home):
    from textual.widgets import Select

    async def scenario() -> None:
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            form = await open_export(pilot)
            set_field(app, "name", "for-the-network.csv")
            form.query_one("#format", Select).value = "csv"
            await pilot.pause()
            form.query_one("#profile", Select).value = "partner"
            await pilot.pause()
            assert form.query_one("#name", Input).value == "for-the-network.csv"
            assert form.query_one("#format", Select).value == "csv"
            assert "no staff contacts" in contents_line(app)

    run(scenario())


def test_required_encryption_without_keys_still_lets_the_funder_figures_out(repo, home):
    from textual.widgets import Select, Static

    repo.require_encrypted_exports(True)

    async def scenario() -> None:
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            form = await open_export(pilot)
            assert form.query_one("#export-blocked", Static).display
            form.query_one("#profile", Select).value = "funder"
            await pilot.pause()
            assert not form.query_one("#export-blocked", Static).display
            form.query_one("#name", Input).focus()
            await export(pilot)
            assert app.said == [f"Funder figures written to {home / NAME.replace('board-', 'funder-')}"]

    run(scenario())
