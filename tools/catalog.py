"""Keep the Spanish catalog in step with the source: ``python tools/catalog.py update|compile|check``.

``update`` extracts every string marked ``_()``, ``N_()`` or ``ngettext()`` in
``outreach_tui/`` and ``store/``, adds the new ones to the ``.po`` (untranslated) and
drops the ones the source no longer has; ``compile`` writes the ``.mo`` the program
reads (committed, so ``pip install .`` needs no build step); ``check`` reports what a
translator still has to do and exits 1 when anything is missing, stale or mismatched.
Babel does the work, so no system gettext tools are needed.
"""

from __future__ import annotations

import io
import re
import string
import sys
from collections import Counter
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("outreach_tui", "store")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
CATALOG_DIR = ROOT / "store" / "locale" / "es" / "LC_MESSAGES"
PO_PATH = CATALOG_DIR / "outreach-tui.po"
MO_PATH = CATALOG_DIR / "outreach-tui.mo"


def extracted() -> dict[str, str | tuple[str, str]]:
    """Every msgid the source marks, keyed by its singular (the value is the plural pair for ngettext)."""
    found: dict[str, str | tuple[str, str]] = {}
    for source in SOURCES:
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / source, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            key = message[0] if isinstance(message, tuple) else message
            if key:
                found[key] = message
    return found


def read_catalog(path: Path = PO_PATH) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def write_catalog(catalog: Catalog, path: Path = PO_PATH) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, no_location=True, sort_output=True, ignore_obsolete=True)
    path.write_bytes(buffer.getvalue())


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


PERCENT = re.compile(r"%\([^)]+\)[sdr]|%[sdr]")


def placeholders(text: str) -> Counter[str]:
    """The ``{name}`` fields and ``%s``/``%(name)s`` conversions of ``text``, as a multiset."""
    fields: Counter[str] = Counter(PERCENT.findall(text))
    try:
        for _literal, field, spec, conversion in string.Formatter().parse(text):
            if field is not None:
                fields[f"{{{field}!{conversion}:{spec}}}"] += 1
    except ValueError:
        fields["<unbalanced braces>"] += 1
    return fields


def problems(catalog: Catalog, source: dict[str, str | tuple[str, str]]) -> list[str]:
    """What stands between the catalog and a complete, current translation of the source."""
    found: list[str] = []
    ids = {message.id if isinstance(message.id, str) else message.id[0] for message in catalog if message.id}
    found += [f"not in the catalog: {key!r}" for key in sorted(source.keys() - ids)]
    found += [f"no longer in the source: {key!r}" for key in sorted(ids - source.keys())]
    for message in catalog:
        if message.id:
            found += message_problems(message)
    return found


def message_problems(message: Message) -> list[str]:
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    translations = message.string if isinstance(message.string, tuple) else (message.string,)
    if message.fuzzy:
        return [f"marked fuzzy: {ids[0]!r}"]
    if not all(translations):
        return [f"untranslated: {ids[0]!r}"]
    # The singular's translation may name the count or not, as the English singular may ("one card").
    singular_ok = placeholders(translations[0]) in (placeholders(ids[0]), placeholders(ids[-1]))
    if not singular_ok or any(placeholders(text) != placeholders(ids[-1]) for text in translations[1:]):
        return [f"placeholders differ: {ids[0]!r}"]
    return []


def update() -> Catalog:
    catalog = read_catalog()
    source = extracted()
    template = Catalog(locale="es", domain="outreach-tui", project="outreach-tui")
    for message in source.values():
        template.add(message)
    created = catalog.creation_date
    catalog.update(template, no_fuzzy_matching=True)
    # A fixed date: a new one on every update would make every two branches' catalogs conflict.
    catalog.creation_date = created
    write_catalog(catalog)
    return catalog


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    if command in ("update", "compile"):
        MO_PATH.write_bytes(compiled(read_catalog()))
    found = problems(read_catalog(), extracted())
    if MO_PATH.read_bytes() != compiled(read_catalog()):
        found.append(f"{MO_PATH.relative_to(ROOT)} is older than the .po: run python tools/catalog.py compile")
    print("\n".join(found) or f"{PO_PATH.relative_to(ROOT)}: complete and current")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
