"""The board app as a browser page gets it: files go to the person's computer, not into the server's folders.

The person in front of the browser has no business in the server's folders: an export is
written into a folder of this session only (so the history records it like any other),
then handed to the browser as a download and removed from the server. A file typed to
go anywhere else is refused. Importing needs a file on the server, which a browser page
cannot send, so the board says how to import instead.
"""

from __future__ import annotations

import mimetypes
import shutil
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from store import Repository, StoreFileError
from store.i18n import N_, _

from ..app import OutreachApp

NOTICE_SECONDS = 60.0
MIME_TYPES = {".json": "application/json", ".csv": "text/csv", ".xlsx": mimetypes.types_map.get(".xlsx", "")}


class BrowserDelivery:
    """A private folder for this session's exports, each handed to the browser once written."""

    def __init__(self) -> None:
        # mkdtemp makes it readable by this account only.
        self.folder = Path(tempfile.mkdtemp(prefix="outreach-tui-web-")).resolve()

    def check(self, path: Path) -> None:
        """Refuse (``StoreFileError``, shown by the export dialog) a file outside the session's folder."""
        if path.parent.resolve() != self.folder:
            raise StoreFileError(
                str(path), _("In the browser the file downloads to your computer: change its name, not its folder.")
            )

    def deliver(self, app: App[object], path: Path) -> None:
        """Hand ``path`` to the browser as a download, and remove it from the server."""
        data = path.read_bytes()
        path.unlink(missing_ok=True)
        mime_type = MIME_TYPES.get(path.suffix.lower()) or "application/octet-stream"
        app.deliver_binary(BytesIO(data), save_filename=path.name, mime_type=mime_type)

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class BrowserApp(OutreachApp):
    """``OutreachApp`` for one browser page; ``signed_in`` tells whether the proxy named the person."""

    def __init__(self, repo: Repository, campaign_id: str | None = None, *, signed_in: bool, **options: Any) -> None:
        super().__init__(repo, campaign_id, **options)
        self.signed_in = signed_in
        self.browser_delivery = BrowserDelivery()

    def on_ready(self) -> None:
        # OutreachApp's own on_ready runs as well (Textual calls each class's handler).
        if not self.signed_in:
            self.say(
                _(
                    "Nobody is signed in: changes made here are recorded as the server's account, {login}. "
                    "Ask whoever runs the server to put a sign-in in front of it."
                ).format(login=self.repo.actor.login),
                severity="warning",
                title=_("Not signed in"),
                timeout=NOTICE_SECONDS,
            )


class ProblemApp(App[None]):
    """Says why the board could not be opened, instead of a page that stays blank."""

    BINDINGS = [Binding("q", "quit", N_("Quit"))]

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        yield Static(Text(self.problem))
        yield Static(Text(_("Ask whoever runs the server to check the board file.")))
