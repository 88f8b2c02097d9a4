"""Every key of the board and the app, in one list that drives the footer, the help screen
and the command palette; and which store permission each board action needs.

Descriptions are English source text (``N_``): Textual reads ``BINDINGS`` once, when a class
is created, so they are translated where they are shown (``translated``, ``help_rows``,
``palette_title``) and follow a change of language while the app runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple

from textual.binding import Binding

from store.i18n import N_, _
from store.permissions import only_for

APP_BINDINGS = [
    Binding("question_mark", "help", N_("Help"), id="app.help", key_display="?"),
    Binding("q", "quit", N_("Quit"), id="app.quit"),
    # Not translated: both words, so a person who cannot read the current language finds it.
    Binding("L", "choose_language", "Idioma / Language", id="app.language", show=False),
]

COLUMN_BINDINGS = [
    Binding("up,k", "cursor_up", N_("Previous card"), id="column.up", show=False),
    Binding("down,j", "cursor_down", N_("Next card"), id="column.down", show=False),
    Binding("pageup", "page_up", N_("Page up"), id="column.page_up", show=False),
    Binding("pagedown", "page_down", N_("Page down"), id="column.page_down", show=False),
    Binding("home", "first", N_("First card"), id="column.first", show=False),
    Binding("end", "last", N_("Last card"), id="column.last", show=False),
]
"""Moving within a column (the keys of ``widgets.CardColumn``): in the help, not the palette."""

BOARD_BINDINGS = [
    Binding("left,h", "focus_column(-1)", N_("Previous column"), id="board.left", show=False),
    Binding("right,l", "focus_column(1)", N_("Next column"), id="board.right", show=False),
    Binding("right_square_bracket,shift+right", "move_card(1)", N_("Next stage"), id="card.next", key_display="]"),
    Binding(
        "left_square_bracket,shift+left", "move_card(-1)", N_("Previous stage"), id="card.previous", key_display="["
    ),
    Binding("enter", "details", N_("Details"), id="card.details"),
    Binding("n", "new_organization", N_("New organization"), id="org.new", show=False),
    Binding("a", "add_to_board", N_("Add organizations to this board"), id="board.add_organizations", show=False),
    Binding("e", "edit_organization", N_("Edit organization"), id="org.edit", show=False),
    Binding("v", "log_visit", N_("Log a visit"), id="card.visit", show=False),
    Binding("d", "edit_card", N_("Follow-up and owner"), id="card.edit", show=False),
    Binding("space", "toggle_mark", N_("Mark for training"), id="card.mark", show=False),
    Binding("M", "clear_marks", N_("Clear all marks"), id="card.clear_marks", show=False),
    Binding("t", "record_training", N_("Record a training"), id="card.training", show=False),
    Binding("x", "off_board", N_("Take off the board"), id="card.off_board", show=False),
    Binding("o", "off_board_list", N_("Off-board organizations"), id="board.off_board_list", show=False),
    Binding("slash", "filter", N_("Filter"), id="board.filter", key_display="/"),
    Binding("escape", "clear_filter", N_("Clear filter"), id="board.clear_filter", show=False),
    Binding("f", "follow_ups", N_("Follow-ups"), id="board.follow_ups", show=False),
    Binding("m", "metrics", N_("Metrics"), id="board.metrics", show=False),
    Binding("c", "campaigns", N_("Campaigns"), id="board.campaigns", show=False),
    Binding("s", "export", N_("Export: snapshot, partner list or funder figures"), id="board.export", show=False),
    Binding("p", "print_sheet", N_("Print visit sheets"), id="card.print_sheet", show=False),
    Binding("i", "import_spreadsheet", N_("Import a spreadsheet"), id="board.import", show=False),
    Binding("S", "stages", N_("Campaign stages"), id="board.stages", show=False),
    Binding("u", "undo", N_("Undo my last change"), id="board.undo", show=False),
    Binding("A", "acknowledge_history", N_("Acknowledge history problems"), id="board.acknowledge_history", show=False),
]

STORE_ACTION = {
    "move_card": "move",
    "new_organization": "add_organization",
    "add_to_board": "place",
    "edit_organization": "edit_notes",
    "log_visit": "log_visit",
    "edit_card": "edit_card",
    "toggle_mark": "record_training",
    "record_training": "record_training",
    "off_board": "off_board",
    "undo": "undo",
    "import_spreadsheet": "import",
    "acknowledge_history": "acknowledge_history",
    "print_sheet": "print_sheet",
}
"""Board action -> the store action (a key of ``store.permissions.PERMISSIONS``) it needs.

Who may do an action is the store's table alone; the board greys a key out when
``Repository.can`` says no, and says why when it is pressed anyway."""

DETAILS_ACTIONS = ("card.visit", "org.edit", "card.edit")
"""The board's keys that also work in an organization's details (``details_bindings``)."""

PALETTE_GROUPS = {
    "card": N_("Card"),
    "org": N_("Organization"),
    "board": N_("Board"),
    "stages": N_("Stages"),
    "app": N_("App"),
}
"""The first part of a binding's id -> the group its palette entry is titled with ("Card: Next stage")."""

KEY_NAMES = {
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "slash": "/",
    "question_mark": "?",
}

NAVIGATION = [("tab  shift+tab", N_("Next / previous column (or the open filter)"))]
"""Help rows for keys Textual binds itself (tab moves the focus, here between columns)."""

LEGEND = [
    ("ctrl+p", N_("Command palette: every action by name")),
    ("L+ L~ L- L?", N_("Legal: in-house department / cooperating attorneys / none / unknown")),
    ("O3 O2 O1 O- O?", N_("Outreach: national / regional / local / none / unknown")),
    ("E+ E- E?", N_("Runs a grassroots education program: yes / no / unknown")),
    ("M+ M- M?", N_("Works with migrants: yes / no / unknown")),
    ("!", N_("Follow-up overdue")),
]
"""Help rows that are not bindings: the palette key and the card badges."""


def all_bindings() -> list[Binding]:
    return [*BOARD_BINDINGS, *APP_BINDINGS]


def keys_label(binding: Binding) -> str:
    """Every key of a binding, as people type them ("] shift+right")."""
    return "  ".join(KEY_NAMES.get(key.strip(), key.strip()) for key in binding.key.split(","))


class HelpRow(NamedTuple):
    """One line of the help screen."""

    keys: str
    description: str
    only_for: str = ""
    """Who may use it, when the person's role may not ("coordinators only"); empty otherwise."""


def help_rows(can: Callable[[str], bool] = lambda action: True) -> list[HelpRow]:
    """The help screen's rows: moving around, every binding (marked when ``can`` refuses its store action),
    then the palette key and the card badges."""
    rows = [HelpRow(keys_label(binding), _(binding.description)) for binding in COLUMN_BINDINGS]
    rows += [HelpRow(keys, _(description)) for keys, description in NAVIGATION]
    for binding in all_bindings():
        refused = refused_action(binding, can)
        rows.append(HelpRow(keys_label(binding), _(binding.description), only_for(refused) if refused else ""))
    return rows + [HelpRow(keys, _(description)) for keys, description in LEGEND]


def refused_action(binding: Binding, can: Callable[[str], bool]) -> str | None:
    """The store action ``binding`` needs when ``can`` says the person's role may not perform it."""
    needed = STORE_ACTION.get(action_name(binding))
    return needed if needed is not None and not can(needed) else None


def palette_title(binding: Binding) -> str:
    """The binding's palette entry in the current language ("Tarjeta: Siguiente etapa")."""
    return f"{_(_group(binding))}: {_(binding.description)}"


def english_title(binding: Binding) -> str:
    """The same entry in English ("Card: Next stage"), which the palette also matches."""
    return f"{_group(binding)}: {binding.description}"


def _group(binding: Binding) -> str:
    return PALETTE_GROUPS.get((binding.id or "app").split(".")[0], PALETTE_GROUPS["app"])


def action_name(binding: Binding) -> str:
    """The action a binding runs, without its arguments ("move_card(1)" -> "move_card")."""
    return binding.action.split("(")[0]


def board_binding_for_key(key: str) -> Binding | None:
    return binding_for_key(BOARD_BINDINGS, key)


def binding_for_key(bindings: list[Binding], key: str) -> Binding | None:
    return next((binding for binding in bindings if key in binding.key.split(",")), None)


def details_bindings() -> list[Binding]:
    """The board's keys of ``DETAILS_ACTIONS``, shown in the footer of the details."""
    by_id = {binding.id: binding for binding in BOARD_BINDINGS}
    return [replace(by_id[binding_id], show=True) for binding_id in DETAILS_ACTIONS]
