"""Every key of the board and the app, in one list that drives the footer, the help screen
and the command palette; and which store permission each board action needs.

Translated when this module is first imported, which happens after the language is set.
"""

from __future__ import annotations

from textual.binding import Binding

from store.i18n import _

APP_BINDINGS = [
    Binding("question_mark", "help", _("Help"), id="app.help", key_display="?"),
    Binding("q", "quit", _("Quit"), id="app.quit"),
]

BOARD_BINDINGS = [
    Binding("left,h", "focus_column(-1)", _("Previous column"), id="board.left", show=False),
    Binding("right,l", "focus_column(1)", _("Next column"), id="board.right", show=False),
    Binding("right_square_bracket,shift+right", "move_card(1)", _("Next stage"), id="card.next", key_display="]"),
    Binding(
        "left_square_bracket,shift+left", "move_card(-1)", _("Previous stage"), id="card.previous", key_display="["
    ),
    Binding("enter", "details", _("Details"), id="card.details"),
    Binding("n", "new_organization", _("New organization"), id="org.new", show=False),
    Binding("e", "edit_organization", _("Edit organization"), id="org.edit", show=False),
    Binding("v", "log_visit", _("Log a visit"), id="card.visit", show=False),
    Binding("space", "toggle_mark", _("Mark for training"), id="card.mark", show=False),
    Binding("t", "record_training", _("Record a training"), id="card.training", show=False),
    Binding("x", "off_board", _("Take off the board"), id="card.off_board", show=False),
    Binding("o", "off_board_list", _("Off-board organizations"), id="board.off_board_list", show=False),
    Binding("slash", "filter", _("Filter"), id="board.filter", key_display="/"),
    Binding("escape", "clear_filter", _("Clear filter"), id="board.clear_filter", show=False),
    Binding("f", "follow_ups", _("Follow-ups"), id="board.follow_ups", show=False),
    Binding("c", "campaigns", _("Campaigns"), id="board.campaigns", show=False),
    Binding("s", "export", _("Export snapshot"), id="board.export", show=False),
    Binding("u", "undo", _("Undo my last change"), id="board.undo", show=False),
]

STORE_ACTION = {
    "move_card": "move",
    "new_organization": "add_organization",
    "edit_organization": "edit_notes",
    "log_visit": "log_visit",
    "toggle_mark": "record_training",
    "record_training": "record_training",
    "off_board": "off_board",
    "undo": "undo",
}
"""Board action -> the store action (a key of ``store.permissions.PERMISSIONS``) it needs.

Who may do an action is the store's table alone; the board greys a key out when
``Repository.can`` says no, and says why when it is pressed anyway."""

PALETTE_GROUPS = {"card": _("Card"), "org": _("Organization"), "board": _("Board"), "app": _("App")}
"""The first part of a binding's id -> the group its palette entry is titled with ("Card: Next stage")."""

KEY_NAMES = {
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "slash": "/",
    "question_mark": "?",
}

LEGEND = [
    ("ctrl+p", _("Command palette: every action by name")),
    ("L+ L~ L- L?", _("Legal: in-house department / cooperating attorneys / none / unknown")),
    ("O3 O2 O1 O- O?", _("Outreach: national / regional / local / none / unknown")),
    ("E+ E- E?", _("Runs a grassroots education program: yes / no / unknown")),
    ("M+ M- M?", _("Works with migrants: yes / no / unknown")),
    ("!", _("Follow-up overdue")),
]
"""Help rows that are not bindings: the palette key and the card badges."""


def all_bindings() -> list[Binding]:
    return [*BOARD_BINDINGS, *APP_BINDINGS]


def keys_label(binding: Binding) -> str:
    """Every key of a binding, as people type them ("] shift+right")."""
    return "  ".join(KEY_NAMES.get(key.strip(), key.strip()) for key in binding.key.split(","))


def help_rows() -> list[tuple[str, str]]:
    """(keys, what they do) for the help screen: every binding, then the legend."""
    return [(keys_label(binding), binding.description) for binding in all_bindings()] + LEGEND


def palette_title(binding: Binding) -> str:
    group = PALETTE_GROUPS.get((binding.id or "app").split(".")[0], _("App"))
    return f"{group}: {binding.description}"


def action_name(binding: Binding) -> str:
    """The action a binding runs, without its arguments ("move_card(1)" -> "move_card")."""
    return binding.action.split("(")[0]


def board_binding_for_key(key: str) -> Binding | None:
    return next((binding for binding in BOARD_BINDINGS if key in binding.key.split(",")), None)
