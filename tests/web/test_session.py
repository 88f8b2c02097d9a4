"""What an app process started for a page acts as, and the environment the server gives it."""

from __future__ import annotations

import os
import pwd

from textual_serve.download_manager import DownloadManager

from outreach_tui.language_choice import save_language
from outreach_tui.web.server import BoardSession, bounded_size, browser_language
from outreach_tui.web.session import session_actor, session_language
from store import Actor, Repository

SERVER_LOGIN = pwd.getpwuid(os.getuid()).pw_name


async def nothing(*args: object) -> None:
    return None


def board_session(person: str | None, language: str | None = None) -> BoardSession:
    return BoardSession(
        ["true"],
        person,
        language,
        write_bytes=nothing,
        write_str=nothing,
        close=nothing,
        download_manager=DownloadManager(),
    )


def test_the_server_passes_on_only_the_person_it_names(monkeypatch):
    monkeypatch.setenv("OUTREACH_TUI_WEB_USER", "boss")
    monkeypatch.setenv("OUTREACH_TUI_USER", "boss")
    monkeypatch.setenv("OUTREACH_TUI_WEB_LANG", "es")
    environment = board_session("teresa")._build_environment()
    assert environment["OUTREACH_TUI_WEB_USER"] == "teresa"
    assert "OUTREACH_TUI_USER" not in environment
    assert "OUTREACH_TUI_WEB_LANG" not in environment
    anonymous = board_session(None, "es")._build_environment()
    assert "OUTREACH_TUI_WEB_USER" not in anonymous
    assert anonymous["OUTREACH_TUI_WEB_LANG"] == "es"


def test_a_session_acts_as_the_person_named_else_as_the_server_account_alone():
    assert session_actor({"OUTREACH_TUI_WEB_USER": "teresa"}) == (Actor(login="teresa"), True)
    # A person named on the server's own account is the server's, not the page's.
    assert session_actor({"OUTREACH_TUI_USER": "luis"}) == (Actor(login=SERVER_LOGIN), False)


def test_the_persons_role_applies(tmp_path):
    repo = Repository.open(tmp_path / "board.json", create=True, actor=Actor(login="ana"))
    repo.set_user("ana", "coordinator")
    repo.set_user("vic", "viewer")
    actor, _ = session_actor({"OUTREACH_TUI_WEB_USER": "vic"})
    as_vic = Repository.open(repo.path, actor=actor)
    assert as_vic.role() == "viewer"
    assert not as_vic.can("move")


def test_the_persons_own_language_choice_comes_first_then_the_browsers_then_the_boards():
    teresa = Actor(login="teresa")
    assert session_language(teresa, None, {}) == "en"
    assert session_language(teresa, "es", {}) == "es"
    assert session_language(teresa, "en", {"OUTREACH_TUI_WEB_LANG": "es"}) == "es"
    save_language("en", teresa)
    assert session_language(teresa, "es", {"OUTREACH_TUI_WEB_LANG": "es"}) == "en"
    # The server's own locale says nothing about the person at the browser.
    assert session_language(Actor(login="luis"), None, {"LANG": "es_MX.UTF-8"}) == "en"


def test_the_browsers_language_is_its_first_one_with_a_catalog():
    assert browser_language("es-MX,es;q=0.9,en;q=0.8") == "es"
    assert browser_language("fr-FR,fr;q=0.9,en;q=0.5") == "en"
    assert browser_language("fr, de") is None
    assert browser_language("") is None


def test_a_page_cannot_ask_for_a_screen_bigger_than_a_screen():
    assert bounded_size(100, 80) == 100
    assert bounded_size(10**9, 80) == 500
    assert bounded_size(-5, 24) == 10
    assert bounded_size("wide", 80) == 80
    assert bounded_size(None, 24) == 24
