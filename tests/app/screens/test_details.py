"""The details screen: every field, the card, visits and history; hostile text shown literally."""

from __future__ import annotations

from outreach_tui.details import OrganizationDetails, load_details
from outreach_tui.screens import (
    DetailsScreen,
)
from store import Repository
from tests.app.harness import (
    SIZE,
    Harness,
    campaign,
    organization,
    placement,
    run,
    screen_text,
)

HOSTILE = "[bold]x[/] [@click=app.quit]y[/]"


def hostile_details() -> OrganizationDetails:
    org = organization(
        HOSTILE,
        aliases=["[red]AKA[/red]"],
        notes="[link=https://example.org]notes[/link]\nsecond line",
        contacts=[{"name": "[i]Rosa[/i]", "email": "rosa@example.org"}],
    )
    return OrganizationDetails(
        organization=org,
        campaign=campaign("[b]Chiapas[/b]"),
        card=placement(org, owner="[u]ana", off_board={"state": "paused", "reason": "[blink]later[/blink]"}),
        stage_label="Contacted",
    )


def test_details_show_hostile_text_literally_and_clicking_it_does_nothing():
    async def scenario():
        app = Harness(lambda: DetailsScreen(hostile_details()))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shown = screen_text(app)
            for literal in (HOSTILE, "[red]AKA[/red]", "[link=https://example.org]notes[/link]", "[i]Rosa[/i]"):
                assert literal in shown, literal
            await pilot.click("#details-title")
            await pilot.click("#organization-body", offset=(25, 0))
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, DetailsScreen)
            app.screen.query_one("#details-scroll").scroll_end(animate=False)
            await pilot.pause()
            shown = screen_text(app)
            assert "[b]Chiapas[/b]" in shown and "[blink]later[/blink]" in shown and "[u]ana" in shown

    run(scenario())


def test_details_from_the_repository_show_fields_card_visits_and_history(repo: Repository):
    chosen = repo.default_campaign()
    visited = next(v.organization_id for v in repo.visits(campaign_id=chosen.id))
    details = load_details(repo, visited, chosen.id)
    assert details.card is not None and details.visits and details.history
    assert details.history_total == len(repo.history(organization_id=visited))

    async def scenario():
        app = Harness(lambda: DetailsScreen(details))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.focused is app.screen.query_one("#details-scroll")
            top = screen_text(app)
            assert "Legal capacity" in top and "Outreach capacity" in top
            await pilot.press("end")
            await pilot.pause()
            bottom = screen_text(app)
            assert "History, newest first, times in UTC" in bottom
            oldest = details.history[-1].at
            assert f"{oldest:%b} {oldest.day}, {oldest.year}, {oldest:%H:%M} UTC" in bottom
            assert details.history[-1].description.split()[0] in bottom

    run(scenario())


def test_details_without_a_campaign_still_list_every_campaign_card(repo: Repository):
    chosen = repo.default_campaign()
    shared = next(org.id for org in repo.organizations() if len(repo.placements_of(org.id)) > 1)
    details = load_details(repo, shared, None)
    assert details.campaign is None and details.card is None
    assert {item.placement.campaign_id for item in details.placements} >= {chosen.id}
    assert all(item.stage_label for item in details.placements)

    async def scenario():
        app = Harness(lambda: DetailsScreen(details))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.screen.query_one("#details-scroll").scroll_to(y=20, animate=False)
            await pilot.pause()
            assert chosen.name in screen_text(app)

    run(scenario())


def test_details_update_in_place_and_close_with_escape_enter_or_q():
    first = hostile_details()
    renamed = OrganizationDetails(
        organization=organization("Colectivo Semilla"), campaign=None, card=None, stage_label=""
    )

    for key in ("escape", "enter", "q"):

        async def scenario(key: str = key):
            app = Harness(lambda: DetailsScreen(first))
            async with app.run_test(size=SIZE) as pilot:
                screen = app.screen
                assert isinstance(screen, DetailsScreen)
                screen.update_details(renamed)
                await pilot.pause()
                assert "Colectivo Semilla" in screen_text(app)
                assert HOSTILE not in screen_text(app)
                assert screen.details is renamed
                await pilot.press(key)
                await pilot.pause()
            assert app.result is None

        run(scenario())


CONTROLS = "Casa\x1b[2J\u202eRoja\x07"
"""Escape sequence, bidi override and bell: what another tool could have stored."""


def test_details_never_send_control_or_format_characters_to_the_terminal():
    async def scenario():
        # model_copy(update=...) skips validation, as a record written by another program would.
        org = organization().model_copy(update={"name": CONTROLS, "aliases": [CONTROLS]})
        details = OrganizationDetails(organization=org, campaign=campaign(), card=None, stage_label="Contacted")
        app = Harness(lambda: DetailsScreen(details))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shown = screen_text(app)
            assert shown.count("Casa[2JRoja") >= 2, shown
            assert not any(char in shown for char in "\x1b\x07\u202e"), repr(shown)

    run(scenario())
