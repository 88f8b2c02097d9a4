"""The server on a loopback port, through real websockets: who gets a session, as whom, and how many."""

from __future__ import annotations

import asyncio
import os
import pwd
from collections.abc import Awaitable
from pathlib import Path
from typing import TypeVar

import aiohttp
import pytest

from store import Repository
from tests.boards import on_disk
from tests.web.server import RunningServer, running_server, screen_text, wait_for_change, wait_for_no_processes

T = TypeVar("T")
TEST_SECONDS = 90.0
RIGHT = "\x1b[C"
KEY_PAUSE = 1.0
SERVER_LOGIN = pwd.getpwuid(os.getuid()).pw_name


def bounded(work: Awaitable[T]) -> T:
    """Run ``work``, failing the test instead of hanging when it takes too long."""
    return asyncio.run(asyncio.wait_for(work, TEST_SECONDS))  # type: ignore[arg-type]


def origin(server: RunningServer) -> dict[str, str]:
    return {"Origin": server.url}


async def handshake_status(server: RunningServer, headers: dict[str, str]) -> int:
    """The HTTP status the websocket's opening gets (101 when a session starts)."""
    async with aiohttp.ClientSession() as client:
        try:
            async with client.ws_connect(server.ws_url, headers=headers) as websocket:
                await websocket.close()
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


async def until_shown(websocket: aiohttp.ClientWebSocketResponse, text: str) -> str:
    received = b""
    async for message in websocket:
        if message.type == aiohttp.WSMsgType.BINARY:
            received += message.data
            if text in screen_text(received):
                return screen_text(received)
    raise AssertionError(f"the session closed before showing {text!r}")


async def move_first_card(server: RunningServer, board: Path, headers: dict[str, str]) -> None:
    """Open a session, wait for the board, move a Trained card on (→ then ]) and wait for the file to change.

    A card moved into Trained would ask for its training first.
    """
    before = on_disk(board)
    async with aiohttp.ClientSession() as client, client.ws_connect(server.ws_url, headers=headers) as websocket:
        # The footer offers the card's keys once a card has the focus: keys sent before would be lost.
        await until_shown(websocket, "Next stage")
        # Keep reading the screen: an unread websocket stalls the app's output, and with it the app.
        reading = asyncio.ensure_future(until_shown(websocket, "never shown"))
        try:
            for key in (RIGHT, "]"):
                await asyncio.sleep(KEY_PAUSE)  # the focus moves to the next column after a refresh
                await websocket.send_json(["stdin", key])
            await asyncio.to_thread(wait_for_change, board, before)
        finally:
            reading.cancel()


def last_move_by(board: Path) -> str:
    event = next(event for event in Repository.open(board).history() if event.kind == "moved")
    return event.actor_label()


def test_a_page_of_this_server_gets_a_session_as_the_server_account(board: Path) -> None:
    # The server's own environment naming someone must not reach the sessions.
    with running_server(board, env={"OUTREACH_TUI_WEB_USER": "boss", "OUTREACH_TUI_USER": "boss"}) as server:
        bounded(move_first_card(server, board, origin(server)))
    assert last_move_by(board) == SERVER_LOGIN
    assert f"started for the server's account ({SERVER_LOGIN}) from 127.0.0.1" in server.log
    assert "ended for the server's account" in server.log


def test_the_app_process_ends_when_its_page_closes(board: Path) -> None:
    async def open_and_close(server: RunningServer) -> None:
        async with aiohttp.ClientSession() as client, client.ws_connect(server.ws_url, headers=origin(server)) as ws:
            await until_shown(ws, "Contacted (")
        assert await asyncio.to_thread(wait_for_no_processes, str(board)) == []

    with running_server(board) as server:
        bounded(open_and_close(server))
    assert "ended for" in server.log


def test_the_last_page_closing_folds_the_journal_into_the_board_file(board: Path) -> None:
    assert Repository.open(board).journal_length()[0] > 0

    async def open_and_close(server: RunningServer) -> None:
        async with aiohttp.ClientSession() as client, client.ws_connect(server.ws_url, headers=origin(server)) as ws:
            await until_shown(ws, "Contacted (")
        assert await asyncio.to_thread(wait_for_no_processes, str(board)) == []

    with running_server(board) as server:
        bounded(open_and_close(server))
    assert Repository.open(board).journal_length()[0] == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "http://127.0.0.1.evil.example"},
        {},
    ],
    ids=["another site", "a look-alike name", "no origin"],
)
def test_a_page_of_another_site_is_refused(board: Path, headers: dict[str, str]) -> None:
    with running_server(board) as server:
        assert bounded(handshake_status(server, headers)) == 403
    assert "refused a connection from 127.0.0.1" in server.log
    assert "started for" not in server.log


def test_a_user_header_without_a_trusted_proxy_is_refused(board: Path) -> None:
    with running_server(board) as server:
        assert bounded(handshake_status(server, {**origin(server), "X-Remote-User": "ana"})) == 403
    assert "X-Remote-User sent, but no --trusted-proxy is configured" in server.log


def test_a_user_header_from_an_address_other_than_the_proxy_is_refused(board: Path) -> None:
    with running_server(board, "--trusted-proxy", "192.0.2.7") as server:
        assert bounded(handshake_status(server, {**origin(server), "X-Remote-User": "ana"})) == 403
        # Nor may anyone skip the proxy without the header.
        assert bounded(handshake_status(server, origin(server))) == 403
    assert "127.0.0.1 is not the trusted proxy" in server.log


def test_the_person_the_proxy_names_is_the_one_the_history_records(board: Path) -> None:
    headers = {**{"Origin": "https://board.example.org"}, "X-Auth-User": "teresa"}
    options = (
        "--trusted-proxy",
        "127.0.0.1",
        "--user-header",
        "X-Auth-User",
        "--public-url",
        "https://board.example.org",
    )
    with running_server(board, *options) as server:
        assert bounded(handshake_status(server, {"Origin": "https://board.example.org"})) == 403  # no header
        bounded(move_first_card(server, board, headers))
    assert last_move_by(board) == "teresa"
    assert "started for teresa from 127.0.0.1" in server.log


def test_sessions_beyond_the_cap_are_told_to_try_later(board: Path) -> None:
    async def over_the_cap(server: RunningServer) -> None:
        async with aiohttp.ClientSession() as client:
            async with client.ws_connect(server.ws_url, headers=origin(server)) as first:
                await until_shown(first, "Contacted (")
                async with client.ws_connect(server.ws_url, headers=origin(server)) as second:
                    message = await second.receive()
                    assert "as many browsers as this server allows" in message.data.decode()
                    assert (await second.receive()).type == aiohttp.WSMsgType.CLOSE
                    assert second.close_code == 1013
            # The first page closed: once its app process has ended, its place is free again.
            assert await asyncio.to_thread(wait_for_no_processes, str(board)) == []
            async with client.ws_connect(server.ws_url, headers=origin(server)) as third:
                await until_shown(third, "Contacted (")

    with running_server(board, "--max-sessions", "1") as server:
        bounded(over_the_cap(server))
    assert "turned away" in server.log


def test_the_log_names_people_and_times_never_board_data(board: Path) -> None:
    names = [org.name for org in Repository.open(board).organizations()]
    with running_server(board) as server:
        bounded(move_first_card(server, board, origin(server)))
    assert "started for" in server.log
    assert not [name for name in names if name in server.log]


def test_no_folder_is_listed_and_no_other_site_may_frame_the_page(board: Path) -> None:
    async def fetch(server: RunningServer) -> None:
        async with aiohttp.ClientSession() as client:
            async with client.get(f"{server.url}/static/") as listing:
                assert listing.status in (403, 404)
            async with client.get(f"{server.url}/static/js/") as listing:
                assert listing.status in (403, 404)
            async with client.get(server.url) as page:
                assert page.status == 200
                assert page.headers["X-Frame-Options"] == "DENY"
            async with client.get(f"{server.url}/download/nothing") as download:
                assert download.status == 404

    with running_server(board) as server:
        bounded(fetch(server))


def test_a_page_opens_in_the_browsers_language_when_the_person_chose_none(board: Path) -> None:
    async def in_spanish(server: RunningServer) -> None:
        headers = {**origin(server), "Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}
        async with aiohttp.ClientSession() as client, client.ws_connect(server.ws_url, headers=headers) as websocket:
            await until_shown(websocket, "Contactada (")

    with running_server(board) as server:
        bounded(in_spanish(server))
