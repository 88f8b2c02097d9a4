"""``web``: the board in a browser, for people without a terminal (the ``web`` extra, textual-serve).

Safe by default: it listens on this machine only; any other address needs ``--allow-remote``
and, in practice, a reverse proxy that signs people in (see the README).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from store.i18n import _

from ..boards import campaign_of, open_repo
from ..exit_codes import EXIT_OK, EXIT_REFUSED, EXIT_USAGE
from ..option_types import positive
from ..options import Commands, campaign_option, example
from ..output import err, note

if TYPE_CHECKING:
    from ...web.server import WebSettings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_MAX_SESSIONS = 10
DEFAULT_USER_HEADER = "X-Remote-User"


def register(commands: Commands) -> None:
    p = commands.add(
        "web",
        run_web,
        _("open the board in a browser"),
        _(
            "Serve the board to web browsers: each page gets its own board session. It listens on this "
            "machine only; to reach it from elsewhere, put a reverse proxy that signs people in in front of it "
            "and name the proxy with --trusted-proxy: each session then acts as the person the proxy names in "
            "--user-header. Without one, every session acts as the account that runs the server."
        ),
        [
            example("outreach-tui web", _("open http://127.0.0.1:8765 in a browser on this machine")),
            "outreach-tui web --db /srv/red/board.json --public-url https://tablero.example.org "
            "--trusted-proxy 127.0.0.1",
        ],
    )
    campaign_option(p, _("campaign the pages open on (default: each person's last one)"))
    p.add_argument("--host", default=DEFAULT_HOST, help=_("address to listen on (default: %(default)s)"))
    p.add_argument("--port", type=port_number, default=DEFAULT_PORT, help=_("port to listen on (default: %(default)s)"))
    p.add_argument("--public-url", metavar="URL", help=_("the address people open, when a proxy serves it"))
    p.add_argument(
        "--max-sessions",
        type=positive,
        default=DEFAULT_MAX_SESSIONS,
        metavar="N",
        help=_("at most this many browser pages at once (default: %(default)s)"),
    )
    p.add_argument("--allow-remote", action="store_true", help=_("listen on an address other machines can reach"))
    p.add_argument(
        "--trusted-proxy",
        metavar="ADDR",
        action="append",
        default=[],
        help=_("IP address of the reverse proxy whose user header is believed (may be repeated)"),
    )
    p.add_argument(
        "--user-header",
        metavar="NAME",
        default=DEFAULT_USER_HEADER,
        help=_("the header in which the proxy names the person signed in (default: %(default)s)"),
    )


def port_number(value: str) -> int:
    port = positive(value)
    if port > 65535:
        raise argparse.ArgumentTypeError(_("{value!r} is not a port number (1 to 65535)").format(value=value))
    return port


def usage_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the command line, in one sentence, or None."""
    from ...web.access import is_loopback, parse_address

    if not is_loopback(args.host) and not args.allow_remote:
        return _(
            "{host} can be reached from other machines, and the board has no sign-in of its own. Put a reverse "
            "proxy that signs people in in front of it (see the README), then add --allow-remote."
        ).format(host=args.host)
    for proxy in args.trusted_proxy:
        try:
            parse_address(proxy)
        except ValueError:
            return _("--trusted-proxy needs an IP address, not {value!r}").format(value=proxy)
    if args.public_url and urlsplit(args.public_url).scheme not in ("http", "https"):
        return _("--public-url needs an address starting with https:// or http://")
    if not args.user_header.strip() or ":" in args.user_header:
        return _("--user-header needs the name of a header, such as {example}").format(example=DEFAULT_USER_HEADER)
    return None


def run_web(args: argparse.Namespace) -> int:
    if problem := usage_problem(args):
        err(problem)
        return EXIT_USAGE
    try:
        from ...web.server import BoardServer
    except ModuleNotFoundError as error:
        if error.name not in ("textual_serve", "aiohttp", "aiohttp_jinja2", "jinja2"):
            raise
        err(_("the web server is not part of this installation; install it with: pip install 'outreach-tui[web]'"))
        return EXIT_REFUSED
    server = BoardServer(settings(args))
    if args.allow_remote and not args.trusted_proxy:
        note(
            _(
                "Warning: nobody signs in; every page acts as this account. Name your sign-in proxy with --trusted-proxy."
            )
        )
    try:
        server.serve()
    except OSError as error:
        err(
            _("cannot listen on {host} port {port}: {reason}").format(
                host=args.host, port=args.port, reason=error.strerror or error
            )
        )
        return EXIT_REFUSED
    return EXIT_OK


def settings(args: argparse.Namespace) -> WebSettings:
    from ...web.access import gate
    from ...web.server import WebSettings

    repo = open_repo(args)  # a missing or invalid board is reported now, not on every page
    campaign = campaign_of(repo, args.campaign).id if args.campaign else None
    host = f"[{args.host}]" if ":" in args.host else args.host
    return WebSettings(
        board=repo.path.resolve(),
        host=args.host,
        port=args.port,
        public_url=(args.public_url or f"http://{host}:{args.port}").rstrip("/"),
        max_sessions=args.max_sessions,
        gate=gate(args.trusted_proxy, args.user_header.strip()),
        campaign=campaign,
    )
