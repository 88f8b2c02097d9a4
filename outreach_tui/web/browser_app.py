"""The board app as a browser page gets it: files go to the person's computer, not into the server's folders.

The person in front of the browser has no business in the server's folders: an export is
written into a folder of this session only (so the history records it like any other),
then handed to the browser as a download and removed from the server. The export dialog
shows no folder (nor completes the names of the server's), and a path typed to go
anywhere else is refused. Importing needs a file on the server, which a browser page
cannot send, so the board says how to import instead.
"""

from __future__ import annotations

import inspect
import mimetypes
import shutil
import tempfile
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any, TypeVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Static

from store import Repository, StoreFileError
from store.i18n import N_, _

from ..app import OutreachApp
from ..forms.fields import FieldRow
from ..forms.file_dialog import FileDialog

NOTICE_SECONDS = 60.0
MIME_TYPES = {
    ".json": "application/json",
    ".csv": "text/csv",
    ".html": "text/html",
    ".xlsx": mimetypes.types_map.get(".xlsx", ""),
}


D = TypeVar("D", bound=FileDialog)


def styles_of(dialog: type[FileDialog]) -> list[Path]:
    """The style files of ``dialog`` named in full: Textual reads a relative name beside the subclass's module."""
    owner = next(cls for cls in dialog.__mro__ if "CSS_PATH" in vars(cls))
    paths = owner.CSS_PATH if isinstance(owner.CSS_PATH, list) else [owner.CSS_PATH]
    return [Path(inspect.getfile(owner)).with_name(str(path)) for path in paths if path is not None]


@cache
def downloading(dialog: type[D]) -> type[D]:
    """``dialog`` as a browser page shows it: the file downloads, so no server folder is shown, typed or completed.

    One subclass per dialog (the export, any other file a board flow writes), made once.
    """

    class Downloading(dialog):  # type: ignore[valid-type, misc]
        CSS_PATH = styles_of(dialog)
        FIRST_FIELD = "name"  # the first field, the folder, is hidden
        # No folder to complete: tab moves between the fields again, as in every other form.
        BINDINGS = [Binding("tab", "app.focus_next", N_("Next field"), id="download.next", show=False, priority=True)]
        DEFAULT_CSS = """
        .-server-folder, #export-target { display: none; }
        """

        def field(self, path: str, label: str | Text, control: Widget, **options: Any) -> FieldRow:
            if path == "folder":
                options["classes"] = f"{options.get('classes', '')} -server-folder".strip()
            return super().field(path, label, control, **options)  # type: ignore[no-any-return]

    Downloading.__qualname__ = Downloading.__name__ = f"Downloading{dialog.__name__}"
    return Downloading  # type: ignore[return-value]


class BrowserDelivery:
    """A private folder for this session's exports, each handed to the browser once written.

    A board flow that writes a file for the person opens ``dialog(ItsFileDialog)`` instead of the
    dialog itself, writes through ``check``, then ``deliver``s the file.
    """

    dialog = staticmethod(downloading)

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
