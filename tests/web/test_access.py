"""Who may open a session and as whom, decided from what a request carries (no server needed)."""

from __future__ import annotations

import pytest

from outreach_tui.web.access import Refusal, allowed_origins, check_origin, gate, is_loopback, origin_of

LOOPBACK = allowed_origins("http://127.0.0.1:8765", "127.0.0.1", 8765)
BEHIND_PROXY = allowed_origins("https://board.example.org/", "127.0.0.1", 8765)


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://Board.Example.org:443/path", "https://board.example.org"),
        ("http://127.0.0.1:8765/", "http://127.0.0.1:8765"),
        ("http://[::1]:8765", "http://[::1]:8765"),
        ("http://example.org:80", "http://example.org"),
    ],
)
def test_an_origin_is_scheme_host_and_port_as_browsers_send_it(url, origin):
    assert origin_of(url) == origin


@pytest.mark.parametrize("origin", ["http://127.0.0.1:8765", "http://localhost:8765", "http://[::1]:8765"])
def test_this_machines_own_pages_may_open_a_session(origin):
    check_origin(origin, LOOPBACK)
    check_origin(origin, BEHIND_PROXY)


def test_the_public_address_may_open_a_session():
    check_origin("https://board.example.org", BEHIND_PROXY)


@pytest.mark.parametrize(
    "origin",
    [
        None,
        "",
        "null",
        "http://evil.example",
        "http://127.0.0.1:3000",  # another program's page on this machine
        "http://127.0.0.1.evil.example:8765",
        "https://127.0.0.1:8765",
        "http://board.example.org",  # the public address without TLS
    ],
)
def test_any_other_page_is_refused(origin):
    with pytest.raises(Refusal):
        check_origin(origin, BEHIND_PROXY)


def test_a_server_on_every_address_answers_this_machines_pages_too():
    assert "http://localhost:8765" in allowed_origins("https://board.example.org", "0.0.0.0", 8765)
    assert allowed_origins("https://board.example.org", "192.0.2.5", 8765) == {"https://board.example.org"}


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("127.8.0.1", True),
        ("0.0.0.0", False),
        ("192.0.2.5", False),
        ("board.example.org", False),
    ],
)
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback


def test_without_a_proxy_sessions_act_as_the_server_account_and_a_user_header_is_refused():
    no_proxy = gate([], "X-Remote-User")
    assert no_proxy.person("127.0.0.1", {}) is None
    with pytest.raises(Refusal, match="no --trusted-proxy"):
        no_proxy.person("127.0.0.1", {"X-Remote-User": "ana"})


def test_the_proxy_names_the_person():
    proxy = gate(["10.0.0.2"], "X-Remote-User")
    assert proxy.person("10.0.0.2", {"X-Remote-User": " ana "}) == "ana"
    assert proxy.person("::ffff:10.0.0.2", {"X-Remote-User": "ana@example.org"}) == "ana@example.org"


@pytest.mark.parametrize(
    ("peer", "headers", "reason"),
    [
        ("10.0.0.9", {"X-Remote-User": "ana"}, "not the trusted proxy"),
        ("10.0.0.9", {}, "not the trusted proxy"),
        (None, {"X-Remote-User": "ana"}, "not the trusted proxy"),
        ("10.0.0.2", {}, "sent no X-Remote-User"),
        ("10.0.0.2", {"X-Remote-User": ""}, "sent no X-Remote-User"),
        ("10.0.0.2", {"X-Remote-User": "ana\nforged log line"}, "not a login name"),
        ("10.0.0.2", {"X-Remote-User": "a" * 65}, "not a login name"),
    ],
)
def test_anything_but_a_named_person_through_the_proxy_is_refused(peer, headers, reason):
    with pytest.raises(Refusal, match=reason):
        gate(["10.0.0.2"], "X-Remote-User").person(peer, headers)
