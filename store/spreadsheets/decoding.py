"""Which text encoding a spreadsheet saved as text is in, decided in a fixed order.

Excel writes "CSV UTF-8" with a byte-order mark, plain "CSV" in the Windows code page
(cp1252 on Spanish and English Windows) and "Texto Unicode" as UTF-16 with a mark. Charset
detection libraries were measured picking cp1250 for Spanish cp1252 files, which turns
"Ñu'u" into "Ńu'u" without a sign; so the order is fixed instead: a byte-order mark, then
strict UTF-8, then strict cp1252, then Latin-1 (which cannot fail), and the encoding used is
always reported so a person can override it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from ..i18n import N_, _

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", N_("UTF-32 (with byte-order mark)")),
    (codecs.BOM_UTF32_BE, "utf-32-be", N_("UTF-32 (with byte-order mark)")),
    (codecs.BOM_UTF8, "utf-8", N_("UTF-8 (with byte-order mark)")),
    (codecs.BOM_UTF16_LE, "utf-16-le", N_("UTF-16 (with byte-order mark)")),
    (codecs.BOM_UTF16_BE, "utf-16-be", N_("UTF-16 (with byte-order mark)")),
)
"""UTF-32 LE starts with the UTF-16 LE mark, so it is tried first."""

GUESSES = (("utf-8", N_("UTF-8")), ("cp1252", N_("Windows-1252 (Excel's plain CSV)")), ("latin-1", N_("Latin-1")))


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    """The Python codec name, e.g. ``cp1252``: what ``--encoding`` takes."""
    description: str
    """English source text naming the encoding for a person; translate with ``_`` where shown."""


class EncodingProblem(ValueError):
    """The bytes are not text in the encoding a person asked for; ``str()`` says where."""


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """``data`` as text: in ``encoding`` when given (refusing bytes that are not), else the first that fits."""
    if encoding is not None:
        return _decode_as(data, encoding)
    for mark, codec, description in BOMS:
        if data.startswith(mark):
            return Decoded(data[len(mark) :].decode(codec, errors="replace"), codec, description)
    for codec, description in GUESSES:
        try:
            return Decoded(data.decode(codec), codec, description)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")


def known_encoding(name: str) -> str | None:
    """The codec's canonical name, or None when Python knows no such encoding."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decode_as(data: bytes, encoding: str) -> Decoded:
    codec = known_encoding(encoding)
    if codec is None:
        raise EncodingProblem(_("{encoding!r} is not an encoding this program knows").format(encoding=encoding))
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise EncodingProblem(
            _("the file is not {encoding} text: line {line} holds bytes that are not").format(
                encoding=encoding, line=line
            )
        ) from None
    # A byte-order mark decoded as such is no part of the first header.
    return Decoded(text.removeprefix("\ufeff"), codec, encoding)
