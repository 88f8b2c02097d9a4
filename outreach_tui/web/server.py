"""The web server: textual-serve's, with the checks it lacks.

textual-serve starts one app process per websocket with a copy of the server's
environment, checks neither who connects nor from which page, and lists its static
folder. Here every websocket is checked first (``access``), the number of app
processes is capped, each process gets an environment that names its person and
nothing else, stops when its page closes, and is killed if it does not. The log says
who used the board and when, never what they saw.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve import download_manager
from textual_serve.app_service import AppService
from textual_serve.server import Server

from store.i18n import _, known_language, ngettext

from .access import Gate, Refusal, allowed_origins, check_origin
from .session import LANGUAGE_VARIABLE, SERVER_ONLY_VARIABLES, USER_VARIABLE

# textual-serve gives a session 4 s to answer each chunk of a download, then ends the download
# cut short; a session still writing a large export on a busy server takes longer than that.
download_manager.DOWNLOAD_TIMEOUT = 60

log = logging.getLogger("outreach_tui.web")
STOP_SECONDS = 10.0
"""How long an app process has to quit after its page closed before it is killed."""
MIN_CELLS, MAX_CELLS = 10, 500
"""The smallest and largest terminal width or height a page may ask for."""
TRY_AGAIN_LATER = 1013
"""The websocket close code for "the server is busy"."""


@dataclass(frozen=True)
class WebSettings:
    board: Path
    host: str
    port: int
    public_url: str
    max_sessions: int
    gate: Gate
    campaign: str | None = None


class BoardSession(AppService):
    """One page's app process, started with the session's own environment and no shell."""

    def __init__(self, arguments: list[str], person: str | None, language: str | None, **kwargs: Any) -> None:
        super().__init__(" ".join(arguments), **kwargs)
        self.arguments = arguments
        self.person = person
        self.language = language
        self.started = time.monotonic()

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = {
            name: value
            for name, value in super()._build_environment(width, height).items()
            if name not in SERVER_ONLY_VARIABLES
        }
        if self.person:
            environment[USER_VARIABLE] = self.person
        if self.language:
            environment[LANGUAGE_VARIABLE] = self.language
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        self._process = process = await asyncio.create_subprocess_exec(
            *self.arguments,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width, height),
            start_new_session=True,  # Ctrl-C on the server's terminal reaches the server, which stops them
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def set_terminal_size(self, width: int, height: int) -> None:
        # The browser says how big the page is: a forged size must not make the app paint millions of cells.
        await super().set_terminal_size(bounded_size(width, 80), bounded_size(height, 24))

    async def stop_within(self, seconds: float) -> int | None:
        """Ask the app to quit; kill it if it has not within ``seconds``. Returns its exit code."""
        try:
            await asyncio.wait_for(self.stop(), seconds)
        except Exception:  # a timeout, or a pipe already gone
            self.kill()
        process = self._process
        if process is None:
            return None
        try:
            return await asyncio.wait_for(process.wait(), seconds)
        except TimeoutError:
            self.kill()
            return await process.wait()

    def kill(self) -> None:
        if self._process is not None and self._process.returncode is None:
            self._process.kill()


def browser_language(accept_language: str) -> str | None:
    """The first catalog language in an ``Accept-Language`` header (``es-MX,es;q=0.9`` gives ``es``)."""
    for entry in accept_language.split(","):
        if found := known_language(entry.split(";")[0].strip()):
            return found
    return None


@web.middleware
async def page_headers(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    response = await handler(request)
    # Another site may not frame the page: keys typed into a framed board would reach a live session.
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"  # a download is never run as a page of this site
    return response


class BoardServer(Server):
    """Serves one board file; see the module docstring for what it adds to textual-serve."""

    def __init__(self, settings: WebSettings) -> None:
        super().__init__("outreach-tui", settings.host, settings.port, "outreach-tui", settings.public_url)
        self.settings = settings
        self.origins = allowed_origins(self.public_url, settings.host, settings.port)
        self.sessions: set[BoardSession] = set()
        self.reserved = 0
        """Sessions running or starting: counted before the first await, so two pages cannot both take the last."""

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr, force=True)
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)  # request lines would name every download

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[page_headers])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        print(
            ngettext(
                "Serving {board} on {url} to at most {n} page at once. Ctrl-C stops it.",
                "Serving {board} on {url} to at most {n} pages at once. Ctrl-C stops it.",
                self.settings.max_sessions,
            ).format(board=self.settings.board, url=self.public_url, n=self.settings.max_sessions),
            flush=True,
        )

    async def on_shutdown(self, app: web.Application) -> None:
        await asyncio.gather(*(session.stop_within(STOP_SECONDS) for session in list(self.sessions)))

    def person_of(self, request: web.Request) -> str | None:
        """The login the request is from (None: the server's account); raises ``HTTPForbidden`` when refused."""
        try:
            return self.settings.gate.person(request.remote, request.headers)
        except Refusal as refusal:
            log.warning(_("refused a connection from %s: %s"), request.remote, refusal)
            raise web.HTTPForbidden(text=_("Not allowed.") + "\n") from None

    def app_arguments(self) -> list[str]:
        arguments = [sys.executable, "-m", "outreach_tui.web.session", "--db", str(self.settings.board)]
        if self.settings.campaign:
            arguments += ["--campaign", self.settings.campaign]
        return arguments

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        try:
            check_origin(request.headers.get("Origin"), self.origins)
        except Refusal as refusal:
            log.warning(_("refused a connection from %s: %s"), request.remote, refusal)
            raise web.HTTPForbidden(text=_("Not allowed.") + "\n") from None
        person = self.person_of(request)
        if self.reserved >= self.settings.max_sessions:
            return await self.turn_away(request, person)
        self.reserved += 1
        try:
            return await self.run_session(request, person)
        finally:
            self.reserved -= 1

    async def turn_away(self, request: web.Request, person: str | None) -> web.WebSocketResponse:
        """Say on the page that the server is full, then close: a page that stays blank explains nothing."""
        log.warning(_("turned away %s: the limit of sessions (%d) is reached"), who(person), self.settings.max_sessions)
        websocket = web.WebSocketResponse()
        await websocket.prepare(request)
        message = _("The board is open in as many browsers as this server allows. Try again later.")
        await websocket.send_bytes(f"\r\n  {message}\r\n".encode())
        await websocket.close(code=TRY_AGAIN_LATER)
        return websocket

    async def run_session(self, request: web.Request, person: str | None) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        session = BoardSession(
            self.app_arguments(),
            person,
            browser_language(request.headers.get("Accept-Language", "")),
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        self.sessions.add(session)
        log.info(_("session %s started for %s from %s"), session.app_service_id[:8], who(person), request.remote)
        code: int | None = None
        try:
            await session.start(to_size(request, "width", 80), to_size(request, "height", 24))
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            pass
        except Exception as error:
            log.warning(_("session %s failed: %s"), session.app_service_id[:8], type(error).__name__)
        finally:
            code = await session.stop_within(STOP_SECONDS)
            self.sessions.discard(session)
            seconds = round(time.monotonic() - session.started)
            log.info(
                _("session %s ended for %s after %d s (exit %s)"),
                session.app_service_id[:8],
                who(person),
                seconds,
                code,
            )
            if not websocket.closed:
                await websocket.close()
        return websocket

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """A download is for the person whose session made it, and only through the checks a session passes."""
        person = self.person_of(request)
        try:
            meta = await self.download_manager.get_download_metadata(request.match_info["key"])
        except KeyError:
            raise web.HTTPNotFound() from None
        owner = meta.app_service
        if not isinstance(owner, BoardSession) or owner.person != person:
            raise web.HTTPNotFound()
        return await super().handle_download(request)

    def serve(self, debug: bool = False) -> None:
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.settings.host,
            port=self.settings.port,
            handle_signals=False,
            loop=loop,
            print=lambda *args: None,
            access_log=None,
        )


def who(person: str | None) -> str:
    return person or _("the server's account ({login})").format(login=server_login())


def server_login() -> str:
    from store import current_actor

    return current_actor().login


def to_size(request: web.Request, name: str, default: int) -> int:
    return bounded_size(request.query.get(name, default), default)


def bounded_size(value: object, default: int) -> int:
    """A terminal width or height from the browser, within what a screen can show."""
    try:
        return max(MIN_CELLS, min(MAX_CELLS, int(value)))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default
