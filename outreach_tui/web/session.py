"""One browser page's app process: the board, run as the person the server names.

The server starts ``python -m outreach_tui.web.session --db PATH`` for every page with
``OUTREACH_TUI_WEB_USER`` set to the login its reverse proxy signed in, or unset. Only
the server sets it: it removes the variable (and ``OUTREACH_TUI_USER``, which names a
person on the server's own account) from what it passes on, and a browser can send a
session nothing but keys and a window size. Someone who can run this module directly can
already write the board file as the server's account, so believing the variable gives
them nothing the file does not.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence

from store import Repository, StoreError, current_actor, peek_settings
from store.i18n import DEFAULT_LANGUAGE, known_language, set_language, set_time_zone
from store.identity import Actor

from ..language_choice import saved_language

USER_VARIABLE = "OUTREACH_TUI_WEB_USER"
"""The login the reverse proxy signed in; set by the server only."""
LANGUAGE_VARIABLE = "OUTREACH_TUI_WEB_LANG"
"""The catalog language the browser asks for first (from Accept-Language), when the person saved no choice."""
SERVER_ONLY_VARIABLES = (USER_VARIABLE, LANGUAGE_VARIABLE, "OUTREACH_TUI_USER")
"""Never passed on from the server's own environment: each session gets its own, or none."""


def session_actor(environ: Mapping[str, str]) -> tuple[Actor, bool]:
    """Who this session acts as, and whether that is a person signed in (else the server's account)."""
    login = environ.get(USER_VARIABLE, "").strip()
    if login:
        return Actor(login=login), True
    return Actor(login=current_actor().login), False


def session_language(actor: Actor, board_default: str | None, environ: Mapping[str, str]) -> str:
    """The person's saved choice, else their browser's language, else the board's default, else English.

    The server's own locale says nothing about the person in front of the browser, so it is not read.
    """
    for candidate in (saved_language(actor), environ.get(LANGUAGE_VARIABLE), board_default):
        if found := known_language(candidate):
            return found
    return DEFAULT_LANGUAGE


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="outreach-tui-web-session", add_help=False)
    parser.add_argument("--db", required=True)
    parser.add_argument("--campaign", default=None)
    return parser.parse_args(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    actor, signed_in = session_actor(os.environ)
    settings = peek_settings(args.db)
    set_language(session_language(actor, settings.language if settings else None, os.environ))
    # Imported after the language is set: nothing here is translated at import time, but Textual is slow to load.
    from .browser_app import BrowserApp, ProblemApp

    try:
        repo = Repository.open(args.db, actor=actor)
        set_time_zone(repo.settings().time_zone)
        campaign_id = repo.campaign(args.campaign).id if args.campaign else None
    except StoreError as error:
        ProblemApp(str(error)).run()
        return 1
    app = BrowserApp(repo, campaign_id, signed_in=signed_in)
    try:
        app.run()
    finally:
        app.browser_delivery.remove()
        repo.close()  # the app closed it when it ran; closing again does nothing
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main())
