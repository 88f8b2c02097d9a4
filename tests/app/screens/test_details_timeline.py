"""The details screen's history: who made each change is shown whole, "maria via ana" included."""

from __future__ import annotations

from outreach_tui.details import HistoryEntry, OrganizationDetails
from outreach_tui.screens import DetailsScreen
from tests.app.harness import NOW, SIZE, Harness, organization, run, screen_text


def test_the_history_shows_a_shared_accounts_actor_whole():
    org = organization("Org Q")
    entries = [
        HistoryEntry(NOW, "evalcoord via evaltrain", "moved Org Q from Contacted to Trained"),
        HistoryEntry(NOW, "ana", "added Org Q"),
    ]
    details = OrganizationDetails(
        organization=org, campaign=None, card=None, stage_label="", history=entries, history_total=2
    )

    async def scenario():
        app = Harness(lambda: DetailsScreen(details))
        async with app.run_test(size=SIZE) as pilot:
            app.screen.query_one("#details-scroll").scroll_end(animate=False)
            await pilot.pause()
            shown = screen_text(app)
            assert "evalcoord via evaltrain" in shown, shown

    run(scenario())
