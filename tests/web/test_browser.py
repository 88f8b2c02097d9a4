"""The board in a real headless browser (Debian's chromium, driven by Playwright): shown, and moved by keyboard."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, WebSocket, sync_playwright

from store import Repository
from tests.web.server import running_server, screen_text

CHROMIUM = "/usr/bin/chromium"
WAIT_MS = 30_000


def shown(page: Page, frames: list[bytes], text: str) -> None:
    """Wait until the page has received ``text`` from its session (Playwright reports frames while it waits)."""
    for _ in range(WAIT_MS // 100):
        if text in screen_text(b"".join(frames)):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the page never showed {text!r}")


def test_the_board_opens_in_a_browser_and_a_card_moves_by_keyboard(board: Path) -> None:
    repo = Repository.open(board)
    campaign = repo.default_campaign()
    assert campaign is not None
    active_before = len(repo.board(campaign.id).columns[-1].cards)
    frames: list[bytes] = []

    def watch(websocket: WebSocket) -> None:
        websocket.on("framereceived", lambda payload: frames.append(payload if isinstance(payload, bytes) else b""))

    with running_server(board) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, timeout=WAIT_MS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 700})
            page.set_default_timeout(WAIT_MS)
            page.on("websocket", watch)
            page.goto(server.url)
            for header in ("Contacted (", "Trained (", "Active partner ("):
                shown(page, frames, header)
            shown(page, frames, "Next stage")
            page.focus(".xterm-helper-textarea")
            page.keyboard.press("ArrowRight")  # a Trained card: moving it on asks for nothing
            page.wait_for_timeout(1000)
            page.keyboard.press("]")
            for _ in range(WAIT_MS // 100):
                if Repository.open(board).history()[0].kind == "moved":
                    break
                page.wait_for_timeout(100)
        finally:
            browser.close()
    after = Repository.open(board)
    assert after.history()[0].kind == "moved"
    assert len(after.board(campaign.id).columns[-1].cards) == active_before + 1
