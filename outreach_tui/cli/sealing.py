"""Encryption on the command line: the options of ``export`` and ``import``, and the passphrase prompt."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from store import Repository
from store.encryption import (
    Sealing,
    check_export_sealing,
    checked_public_key,
    decrypt_with_key,
    decrypt_with_passphrase,
    needs_passphrase,
    secret_key_of,
    team_sealing,
)
from store.errors import EncryptionRequired
from store.i18n import _

from ..keys import key_path
from .exit_codes import Refused

PASSPHRASE_VARIABLE = "OUTREACH_TUI_PASSPHRASE"


def add_export_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--recipient",
        action="append",
        default=[],
        metavar="AGE_PUBLIC_KEY",
        help=_("encrypt to this age public key (repeatable)"),
    )
    parser.add_argument("--to-team", action="store_true", help=_("encrypt to every public key stored in the board"))
    parser.add_argument(
        "--passphrase",
        action="store_true",
        help=_("encrypt with a passphrase, asked on the terminal (or taken from {variable})").format(
            variable=PASSPHRASE_VARIABLE
        ),
    )


def add_import_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--identity",
        metavar="FILE",
        help=_("encrypted snapshots: the file holding your age secret key (default: the one keys new created)"),
    )


def export_sealing(args: argparse.Namespace, repo: Repository, profile: str) -> Sealing | None:
    """How ``export``'s options ask for the file to be encrypted; None for a plain file."""
    keys = [checked_public_key(key) for key in args.recipient]
    if args.to_team:
        keys += team_sealing(repo.settings()).public_keys
    if args.passphrase:
        if keys:
            raise Refused(_("Encrypt with a passphrase or to keys, not both (an age file holds one or the other)."))
        return Sealing(passphrase=read_passphrase(confirm=True))
    chosen = Sealing(public_keys=tuple(dict.fromkeys(keys))) if keys else None
    try:
        check_export_sealing(repo.settings(), profile, chosen)
    except EncryptionRequired as error:
        raise Refused(f"{error} " + _("Pass --to-team, --recipient AGE_PUBLIC_KEY or --passphrase.")) from None
    return chosen


def read_passphrase(*, confirm: bool) -> str:
    """The passphrase from ``OUTREACH_TUI_PASSPHRASE``, else asked on the terminal without echo."""
    if given := os.environ.get(PASSPHRASE_VARIABLE):
        return given
    if not sys.stdin.isatty():
        raise Refused(
            _("No terminal to ask the passphrase on; set {variable} to give it.").format(variable=PASSPHRASE_VARIABLE)
        )
    try:
        passphrase = getpass.getpass(_("Passphrase: "))
        if confirm and getpass.getpass(_("The same passphrase again: ")) != passphrase:
            raise Refused(_("The two passphrases differ; nothing was written."))
    except EOFError:
        raise Refused(_("No passphrase was given.")) from None
    if not passphrase:
        raise Refused(_("The passphrase is empty; nothing was done."))
    return passphrase


def decrypted(args: argparse.Namespace, data: bytes, source: str) -> bytes:
    """The plain bytes of the age file ``data``, with ``--identity``, the person's own key or the passphrase."""
    if needs_passphrase(data):
        return decrypt_with_passphrase(data, read_passphrase(confirm=False), source)
    identity_file = Path(args.identity).expanduser() if args.identity else key_path()
    try:
        text = identity_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        if args.identity is None:
            raise Refused(
                _(
                    "{source} is encrypted to age keys: pass --identity FILE with your secret key. Nothing was imported."
                ).format(source=source)
            ) from None
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise Refused(
            _("Cannot read {file}: {reason}. Nothing was imported.").format(file=identity_file, reason=reason)
        ) from None
    return decrypt_with_key(data, secret_key_of(text, str(identity_file)), source)
