"""``keys new``, ``keys add``, ``keys list`` and ``keys remove``: the age keys encrypted snapshots are sent to."""

from __future__ import annotations

import argparse

from store.encryption import fingerprint
from store.i18n import _
from store.models import utc_now

from ...keys import create_key_file, key_path, own_public_key
from ..boards import open_repo
from ..exit_codes import EXIT_OK, Refused
from ..options import Commands
from ..output import note, out, out_lines


def register(commands: Commands) -> None:
    group = commands.group(
        "keys",
        _("age keys for encrypted snapshots: your own, and the team's stored in the board"),
        _(
            "A snapshot holds the staff contacts of organizations exposed to retaliation. Encrypted to the "
            "team's public keys (export --to-team) it can travel by email or USB stick: only the holders of "
            "the matching secret keys can open it. Each person creates a key pair once with keys new and "
            "gives the public key to a coordinator, who stores it with keys add; compare the fingerprint "
            "by phone so nobody slips in a key of their own."
        ),
        ["outreach-tui keys new", "outreach-tui keys add ana age1…", "outreach-tui keys list"],
    )
    group.add("new", run_new, _("create your key pair and print its public key"), examples=["outreach-tui keys new"])
    p = group.add(
        "add",
        run_add,
        _("store a person's public key in the board (coordinators only)"),
        examples=["outreach-tui keys add ana age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"],
    )
    p.add_argument("name", metavar="NAME", help=_("whose key it is"))
    p.add_argument("public_key", metavar="PUBKEY", help=_("their age public key (age1…)"))
    group.add(
        "list", run_list, _("list the team's public keys and their fingerprints"), examples=["outreach-tui keys list"]
    )
    p = group.add(
        "remove",
        run_remove,
        _("remove a person's public key (coordinators only)"),
        examples=["outreach-tui keys remove ana"],
    )
    p.add_argument("name", metavar="NAME", help=_("whose key to remove"))


def run_new(args: argparse.Namespace) -> int:
    path = key_path()
    pair = create_key_file(path, utc_now().isoformat())
    if pair is None:
        raise Refused(
            _("{path} already holds your key; it is never replaced (snapshots encrypted to it would be lost).").format(
                path=path
            )
        )
    note(_("Your secret key is in {path} (readable only by you). Keep a copy somewhere safe.").format(path=path))
    out(pair.public)
    note(_("Fingerprint to compare by phone: {fingerprint}").format(fingerprint=fingerprint(pair.public)))
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    settings = open_repo(args).set_team_key(args.name, args.public_key)
    key = settings.team_keys[args.name.strip()]
    note(
        _("Stored the key of {name}: fingerprint {fingerprint}.").format(
            name=args.name.strip(), fingerprint=fingerprint(key)
        )
    )
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    keys = open_repo(args).settings().team_keys
    if not keys:
        note(_("The board stores no team keys; a coordinator adds them with keys add NAME PUBKEY."))
    out_lines(f"{name}  {key}  {fingerprint(key)}" for name, key in sorted(keys.items()))
    own = own_public_key(key_path())
    if own is not None:
        note(_("Your own key: {key} ({fingerprint}).").format(key=own, fingerprint=fingerprint(own)))
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    open_repo(args).remove_team_key(args.name)
    note(_("Removed the key of {name}.").format(name=args.name.strip()))
    return EXIT_OK
