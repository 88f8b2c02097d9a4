"""The README names keys and palette entries exactly as the app does, so the two cannot drift apart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import store.i18n
from outreach_tui.bindings import COLUMN_BINDINGS, KEY_NAMES, PALETTE_GROUPS, all_bindings, palette_title
from store.i18n import _

README = Path(__file__).parent.parent / "README.md"

TEXTUAL_KEYS = {"ctrl+p", "tab", "shift+tab"}
"""Keys Textual binds itself (the palette, moving the focus)."""


def key_table() -> list[tuple[str, str]]:
    """The README's table of board keys: (keys column, what-it-does column) of each row."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("| key | action |") + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        keys, action = line.strip("|").split("|", 1)
        rows.append((keys, action))
    return rows


def named_keys(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text)


def app_keys() -> set[str]:
    keys = {key.strip() for binding in [*all_bindings(), *COLUMN_BINDINGS] for key in binding.key.split(",")}
    return {KEY_NAMES.get(key, key) for key in keys} | TEXTUAL_KEYS


def test_every_key_the_readme_table_names_is_a_key_of_the_app():
    known = app_keys()
    for keys, _action in key_table():
        for key in named_keys(keys):
            # "M (shift+m)": the README spells out how an upper-case key is typed.
            typed = key[-1].upper() if re.fullmatch(r"shift\+[a-z]", key) else key
            assert typed in known, f"the README's key table names {key!r}, which the app does not bind"


def test_every_key_of_the_board_and_the_app_is_in_the_readme_table():
    named = {key for keys, action in key_table() for key in named_keys(keys + action)}
    for binding in [*all_bindings(), *COLUMN_BINDINGS]:
        keys = {KEY_NAMES.get(key.strip(), key.strip()) for key in binding.key.split(",")}
        assert keys & named, f"the README's key table does not name {binding.description!r} ({binding.key})"


@pytest.mark.parametrize(("language", "quoted"), [("en", r'"({groups}): ([^"]+)"'), ("es", r"\*({groups}): ([^*]+)\*")])
def test_every_palette_entry_the_readme_names_is_one_the_app_shows(language, quoted):
    store.i18n.set_language(language)
    groups = "|".join(re.escape(_(group)) for group in PALETTE_GROUPS.values())
    titles = {palette_title(binding) for binding in all_bindings()}
    named = re.findall(quoted.format(groups=groups), README.read_text(encoding="utf-8"))
    assert named, "the README names no palette entry in this language"
    for group, name in named:
        assert f"{group}: {name}" in titles, f"the README names a palette entry the app does not have: {group}: {name}"
