"""The board in a real headless browser (Debian's chromium, driven by Playwright): shown, moved by keyboard,
and an export downloaded."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson
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


@contextmanager
def board_page(board: Path) -> Iterator[tuple[Page, list[bytes]]]:
    """A headless browser's page on the board, once a card has the focus; the browser and the server stop after."""
    frames: list[bytes] = []

    def watch(websocket: WebSocket) -> None:
        websocket.on("framereceived", lambda payload: frames.append(payload if isinstance(payload, bytes) else b""))

    assert Path(CHROMIUM).exists(), f"the browser tests drive Debian's chromium at {CHROMIUM}: apt-get install chromium"
    with running_server(board) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, timeout=WAIT_MS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 700}, accept_downloads=True)
            page.set_default_timeout(WAIT_MS)
            page.on("websocket", watch)
            page.goto(server.url)
            shown(page, frames, "Next stage")  # the footer offers a card's keys: keys now reach the card
            page.focus(".xterm-helper-textarea")
            yield page, frames
        finally:
            browser.close()


def test_the_board_opens_in_a_browser_and_a_card_moves_by_keyboard(board: Path) -> None:
    repo = Repository.open(board)
    campaign = repo.default_campaign()
    assert campaign is not None
    active_before = len(repo.board(campaign.id).columns[-1].cards)
    with board_page(board) as (page, frames):
        for header in ("Contacted (", "Trained (", "Active partner ("):
            shown(page, frames, header)
        page.keyboard.press("ArrowRight")  # a Trained card: moving it on asks for nothing
        page.wait_for_timeout(1000)
        page.keyboard.press("]")
        for _ in range(WAIT_MS // 100):
            if Repository.open(board).history()[0].kind == "moved":
                break
            page.wait_for_timeout(100)
    after = Repository.open(board)
    assert after.history()[0].kind == "moved"
    assert len(after.board(campaign.id).columns[-1].cards) == active_before + 1


def test_an_export_downloads_through_the_browser(board: Path) -> None:
    with board_page(board) as (page, frames):
        page.keyboard.press("s")
        shown(page, frames, "Export the board")  # on a loaded machine the dialog can take longer than a second
        page.wait_for_timeout(300)
        with page.expect_download(timeout=WAIT_MS) as download:
            page.keyboard.press("Enter")
        name = download.value.suggested_filename
        data = Path(download.value.path()).read_bytes()
    assert name.startswith("board-") and name.endswith(".json")
    assert orjson.loads(data)["format"] == "outreach-tui.board"
    assert Repository.open(board).history()[0].kind == "exported"
