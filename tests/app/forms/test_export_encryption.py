"""Exporting from the board (s) with encryption: the dialog offers the team's keys when the board stores
some, and says why it cannot write when the board requires encryption and stores none."""

from __future__ import annotations

from textual.widgets import Input, Static

from outreach_tui.forms import ExportForm
from store.encryption import AGE_HEADER, new_key_pair
from tests.app.forms.test_export import NAME, export, open_export
from tests.app.harness import RecordingApp, form_of, run
from tests.boards import TODAY


def test_with_team_keys_the_dialog_encrypts_to_them_by_default(repo, home):
    repo.set_team_key("ana", new_key_pair().public)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_export(pilot)
            assert form_of(app).query_one("#name", Input).value == NAME + ".age"
            await export(pilot)
            assert not isinstance(app.screen, ExportForm)

    run(scenario())
    assert (home / (NAME + ".age")).read_bytes().startswith(AGE_HEADER)
    assert repo.history(limit=1)[0].changes["encrypted"] == [None, "keys"]


def test_required_encryption_without_team_keys_writes_nothing_and_says_why(repo, home):
    repo.require_encrypted_exports(True)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            form = await open_export(pilot)
            assert "stores no team keys" in str(form.query_one("#export-blocked", Static).render())
            await export(pilot)
            assert isinstance(app.screen, ExportForm)

    run(scenario())
    assert list(home.iterdir()) == []
