"""Who may open a session, and as whom: the websocket's Origin and the trusted user header.

Pure functions over what a request carries, so every rule is tested without a server.
A browser always sends ``Origin`` on a websocket and cannot forge it; a page on another
site (or a DNS name rebound to this machine) therefore never gets a session. The user
header is believed only from the reverse proxy's own address: anyone else who sends it
is refused outright rather than quietly served as the server's account, since a forged or
misrouted header is always a mistake worth seeing in the log.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from store.i18n import _

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
DEFAULT_PORTS = {"http": 80, "https": 443}
LOGIN_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}")
"""A login from the proxy: what account names and e-mail addresses use, nothing that could hide in a log line."""

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class Refusal(Exception):
    """A websocket or download turned away (403); the message is for the server's log."""


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url`` as a browser sends it in ``Origin`` (lower case, default port left out)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    if port is None or port == DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) is this machine only."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serves_loopback(host: str) -> bool:
    """Whether a server bound to ``host`` answers on the loopback address (loopback itself, or every address)."""
    if is_loopback(host):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def allowed_origins(public_url: str, host: str, port: int) -> frozenset[str]:
    """The pages that may open a session: the public URL's, and this machine's own when the server answers there."""
    origins = {origin_of(public_url)}
    if serves_loopback(host):
        origins.update(origin_of(f"http://{name}:{port}") for name in LOOPBACK_NAMES)
    return frozenset(origins)


def check_origin(origin: str | None, allowed: frozenset[str]) -> None:
    if not origin:
        raise Refusal(_("no Origin header"))
    if origin_of(origin) not in allowed:
        raise Refusal(_("Origin {origin} is not the address this server serves").format(origin=origin[:200]))


def parse_address(text: str) -> Address:
    """An IP address as ``--trusted-proxy`` takes it; an IPv4 address seen over IPv6 counts as itself."""
    address = ipaddress.ip_address(text.strip().strip("[]"))
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


@dataclass(frozen=True)
class Gate:
    """What the server was told to trust: the reverse proxies' addresses and the header naming the person."""

    proxies: frozenset[Address]
    header: str

    def person(self, peer: str | None, headers: Mapping[str, str]) -> str | None:
        """The login the session runs as, or None for the server's own account; raises ``Refusal``.

        With a proxy configured every session must come through it and name someone: a
        direct connection would skip the proxy's sign-in.
        """
        named = headers.get(self.header)
        from_proxy = self._from_proxy(peer)
        if not self.proxies:
            if named is not None:
                raise Refusal(_("{header} sent, but no --trusted-proxy is configured").format(header=self.header))
            return None
        if not from_proxy:
            raise Refusal(_("{peer} is not the trusted proxy").format(peer=peer or "?"))
        login = (named or "").strip()
        if not login:
            raise Refusal(_("the proxy sent no {header}").format(header=self.header))
        if not LOGIN_PATTERN.fullmatch(login):
            raise Refusal(_("{header} is not a login name").format(header=self.header))
        return login

    def _from_proxy(self, peer: str | None) -> bool:
        if not peer:
            return False
        try:
            return parse_address(peer) in self.proxies
        except ValueError:
            return False  # a Unix socket peer has no address


def gate(proxies: Iterable[str], header: str) -> Gate:
    return Gate(frozenset(parse_address(proxy) for proxy in proxies), header)
