"""Encrypted snapshots: age files (https://age-encryption.org) written to public keys or with a passphrase.

A snapshot holds the staff contacts of organizations exposed to retaliation, and it travels by
email and USB stick; encrypted, a lost stick or a forwarded mail shows nothing. age was chosen
because its files are read by the ``age`` and ``rage`` programs everywhere, so a person without
this program can still open a backup, and its format authenticates every chunk: a truncated or
altered file is refused instead of imported wrong. Keys are age X25519 keys
(``age1…`` public, ``AGE-SECRET-KEY-1…`` secret).
"""

from __future__ import annotations

import hashlib
import io
import signal
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyrage import x25519

from .errors import EncryptionRequired, ValidationFailed
from .files import WRITE_BUFFER, Output
from .i18n import _
from .models import BoardSettings
from .text import display_safe

AGE_HEADER = b"age-encryption.org/v1\n"
"""How every (binary) age file starts."""
AGE_ARMOR_HEADER = b"-----BEGIN AGE ENCRYPTED FILE-----"
"""How an age file in ASCII armor starts."""
_PASSPHRASE_STANZA = b"\n-> scrypt "


@cache
def _age() -> ModuleType:
    """pyrage, loaded on first use with Ctrl-C held back until it is.

    Its Rust module runs Python code while it loads, and an interrupt there panics and prints a
    traceback; held back, the interrupt arrives a moment later as a plain one. Loaded lazily, most
    commands never pay for it.
    """
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        import pyrage
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    return pyrage


def is_encrypted(data: bytes) -> bool:
    """Whether ``data`` is an age file (told by its header, whatever the file is named)."""
    return data.startswith(AGE_HEADER) or data.lstrip().startswith(AGE_ARMOR_HEADER)


def needs_passphrase(data: bytes) -> bool:
    """Whether the age file ``data`` was encrypted with a passphrase rather than to keys."""
    header_end = data.find(b"\n---")
    return _PASSPHRASE_STANZA in data[: header_end if header_end >= 0 else len(data)]


def checked_public_key(text: str) -> str:
    """``text`` as an age public key (``age1…``), or ``ValidationFailed`` saying what one looks like."""
    key = text.strip()
    try:
        _age().x25519.Recipient.from_str(key)
    except _age().RecipientError:
        raise ValidationFailed(
            _("{key!r} is not an age public key: one starts with age1 and is 62 characters long.").format(
                key=display_safe(key[:80])
            ),
            [("public_key", _("not an age public key"))],
        ) from None
    return key


def fingerprint(public_key: str) -> str:
    """A short form of ``public_key`` to read aloud by phone: 4 groups of 4 letters and digits."""
    digest = hashlib.sha256(public_key.strip().encode()).hexdigest()[:16]
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class KeyPair:
    secret: str
    """The ``AGE-SECRET-KEY-1…`` line: never leaves its owner's config folder."""
    public: str


def new_key_pair() -> KeyPair:
    identity = _age().x25519.Identity.generate()
    return KeyPair(secret=str(identity), public=str(identity.to_public()))


def secret_key_of(text: str, source: str) -> x25519.Identity:
    """The age secret key in ``text`` (an identity file: comment lines start with ``#``)."""
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            try:
                identity: x25519.Identity = _age().x25519.Identity.from_str(line)
                return identity
            except _age().IdentityError:
                break
    raise ValidationFailed(
        _("{source} holds no age secret key (a line starting with AGE-SECRET-KEY-1). Nothing was imported.").format(
            source=source
        )
    )


def public_key_of(text: str, source: str) -> str:
    return str(secret_key_of(text, source).to_public())


def encrypt_to_keys(data: bytes, public_keys: Sequence[str]) -> bytes:
    """``data`` encrypted so that the secret key of any of ``public_keys`` opens it."""
    sealed: bytes = _age().encrypt(data, _recipients(public_keys))
    return sealed


def _recipients(public_keys: Sequence[str]) -> list[x25519.Recipient]:
    if not public_keys:
        raise ValidationFailed(_("No public key to encrypt to."))
    return [_age().x25519.Recipient.from_str(checked_public_key(key)) for key in public_keys]


class _Source(io.RawIOBase):
    """``chunks`` as a file age reads from; keeps an error the chunks raised (age would hide it)."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._pending = memoryview(b"")
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            while not self._pending:
                chunk = next(self._chunks, None)
                if chunk is None:
                    return 0
                self._pending = memoryview(chunk)
        except BaseException as error:
            self.error = error
            raise
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


class _Sink:
    """The file age writes into; keeps an ``OSError`` (a full disk) that age would report as its own error."""

    def __init__(self, out: Output) -> None:
        self._out = out
        self.error: OSError | None = None

    def write(self, data: bytes) -> int:
        try:
            return self._out.write(data)
        except OSError as error:
            self.error = error
            raise

    def flush(self) -> None:
        self._out.flush()


def encrypt_with_passphrase(data: bytes, passphrase: str) -> bytes:
    if not passphrase:
        raise ValidationFailed(_("An empty passphrase protects nothing; choose one."))
    sealed: bytes = _age().passphrase.encrypt(data, passphrase)
    return sealed


def decrypt_with_key(data: bytes, identity: x25519.Identity, source: str) -> bytes:
    """The plain bytes of the age file ``data``; ``ValidationFailed`` naming ``source`` when they cannot be had."""
    try:
        plain: bytes = _age().decrypt(data, [identity])
        return plain
    except _age().DecryptError as error:
        if "no matching keys" in str(error).casefold():
            raise ValidationFailed(
                _(
                    "{source} was not encrypted to your key (or its header was altered): it cannot be opened with "
                    "it. Nothing was imported."
                ).format(source=source)
            ) from None
        raise _damaged(source) from None


def decrypt_with_passphrase(data: bytes, passphrase: str, source: str) -> bytes:
    try:
        plain: bytes = _age().passphrase.decrypt(data, passphrase)
        return plain
    except _age().DecryptError as error:
        if "decryption failed" in str(error).casefold():
            raise ValidationFailed(
                _("Wrong passphrase for {source} (or its header was altered). Nothing was imported.").format(
                    source=source
                )
            ) from None
        raise _damaged(source) from None


def _damaged(source: str) -> ValidationFailed:
    return ValidationFailed(
        _("{source} is damaged: it was cut short or altered after it was encrypted. Nothing was imported.").format(
            source=source
        )
    )


ENCRYPTED_PROFILES = frozenset({"full", "partner"})
"""The exports that name organizations: the ones ``require_encrypted_exports`` applies to."""


@dataclass(frozen=True)
class Sealing:
    """How an export is encrypted: to public keys, or with a passphrase."""

    public_keys: tuple[str, ...] = ()
    passphrase: str | None = None

    def seal(self, data: bytes) -> bytes:
        if self.passphrase is not None:
            return encrypt_with_passphrase(data, self.passphrase)
        return encrypt_to_keys(data, self.public_keys)

    def seal_into(self, chunks: Iterable[bytes], out: Output) -> None:
        """Write ``chunks`` encrypted into ``out``.

        To public keys the plain bytes stream through age a piece at a time. pyrage
        encrypts with a passphrase only from bytes in memory, so those exports are joined first.
        """
        if self.passphrase is not None:
            out.write(encrypt_with_passphrase(b"".join(chunks), self.passphrase))
            return
        recipients = _recipients(self.public_keys)
        source, sink = _Source(chunks), _Sink(out)
        try:
            _age().encrypt_io(io.BufferedReader(source, WRITE_BUFFER), sink, recipients)
        except _age().EncryptError:
            # age reports a failed read or write as its own error: raise the one that happened.
            for error in (source.error, sink.error):
                if error is not None:
                    raise error from None
            raise

    @property
    def how(self) -> str:
        """What the export's history event records: ``passphrase`` or ``keys``."""
        return "passphrase" if self.passphrase is not None else "keys"


def check_export_sealing(settings: BoardSettings, profile: str, sealing: Sealing | None) -> None:
    """Refuse (``EncryptionRequired``) a plain export the board's settings require to be encrypted."""
    if sealing is None and settings.require_encrypted_exports and profile in ENCRYPTED_PROFILES:
        raise EncryptionRequired(
            _(
                "This board requires full and partner exports to be encrypted (they name organizations exposed "
                "to retaliation); nothing was written."
            )
        )


def team_sealing(settings: BoardSettings) -> Sealing:
    """Encryption to every public key the board stores (``ValidationFailed`` when it stores none)."""
    if not settings.team_keys:
        raise ValidationFailed(
            _("The board stores no team keys yet; a coordinator adds them with: outreach-tui keys add NAME PUBKEY")
        )
    return Sealing(public_keys=tuple(settings.team_keys.values()))
