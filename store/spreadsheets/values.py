"""Reading one spreadsheet cell as the value of an organization's field.

Each reader takes the cell's text and returns the value, or raises ``CellProblem`` whose text
says, in the person's language, why the cell cannot be read and what to write instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from ..choice_labels import LEGAL_CAPACITY_LABELS, ORGANIZATION_TYPE_LABELS, OUTREACH_CAPACITY_LABELS, TRISTATE_LABELS
from ..dates import DateInputError, parse_date
from ..i18n import _, in_every_language
from ..text import display_safe, fold
from .vocabulary import LEGAL_CAPACITIES, MEXICAN_STATES, ORGANIZATION_TYPES, OUTREACH_CAPACITIES, YES_NO

WHOLE_NUMBER = re.compile(r"[0-9]+|[0-9]{1,3}(?:[,. \u00a0\u202f'][0-9]{3})+")
"""1200, or digits grouped by threes with a comma, point, space or apostrophe: 1,200 1.200 1 200."""
ESTIMATE = re.compile(
    r"[0-9]\s*(?:-|–|a|to|y|or|o)\s*[0-9]|aprox|approx|\bca\b|~|\+|mas de|more than|menos de|unos", re.I
)
SHOWN = 40


class CellProblem(ValueError):
    """The cell's text is not a value of its field; ``str()`` is the reason, for the person."""


def key(text: str) -> str:
    """``text`` as a vocabulary key: folded, with only letters, digits and single spaces."""
    return " ".join(re.sub(r"[^0-9a-z✓✔]+", " ", fold(text)).split())


def _index(words: Mapping[str, tuple[str, ...]], labels: Mapping[str, str]) -> dict[str, str]:
    """Every way to write each choice: the words people use, and the label this program shows in any language."""
    index = {key(word) if word else "": value for value, spelled in words.items() for word in (value, *spelled)}
    for value, label in labels.items():
        for shown_label in in_every_language(label):
            index.setdefault(key(shown_label), value)
    return index


TYPE_INDEX = _index(ORGANIZATION_TYPES, ORGANIZATION_TYPE_LABELS)
LEGAL_INDEX = _index(LEGAL_CAPACITIES, LEGAL_CAPACITY_LABELS)
OUTREACH_INDEX = _index(OUTREACH_CAPACITIES, OUTREACH_CAPACITY_LABELS)
YES_NO_INDEX = _index(YES_NO, TRISTATE_LABELS)
STATE_INDEX = {
    key(word).replace(" ", ""): state for state, spelled in MEXICAN_STATES.items() for word in (state, *spelled)
}


def shown(text: str) -> str:
    """A cell's text quoted in a message: safe for a terminal and cut when long."""
    safe = display_safe(text)
    return repr(safe if len(safe) <= SHOWN else safe[:SHOWN] + "…")


def whole_number(text: str) -> int | None:
    """A count such as workers reached: ``2,500``, ``2 500`` and ``2500`` are 2500; empty is None.

    A range or an estimate ("300-500", "aprox. 300") is refused rather than guessed at.
    """
    value = text.strip()
    if not value:
        return None
    if WHOLE_NUMBER.fullmatch(value):
        return int(re.sub(r"[^0-9]", "", value))
    if ESTIMATE.search(fold(value)):
        raise CellProblem(
            _("{value} is a range or an estimate; write one number, such as 300").format(value=shown(value))
        )
    raise CellProblem(_("{value} is not a whole number").format(value=shown(value)))


def choice(text: str, index: Mapping[str, str], accepted: list[str]) -> str:
    """The choice ``text`` names in ``index``; ``accepted`` lists examples for the message."""
    found = index.get(key(text))
    if found is None:
        raise CellProblem(
            _("{value} is not one of: {accepted}").format(value=shown(text), accepted=", ".join(accepted))
        )
    return found


def yes_no(text: str) -> str:
    """``yes``, ``no`` or ``unknown`` from sí/si/yes/x/1, no/0, or an empty cell."""
    return choice(text, YES_NO_INDEX, [_("yes"), _("no"), "x", "1", "0"])


def mexican_state(text: str) -> str:
    """The official name of a Mexican state written any common way; other text (another country's) as is."""
    return STATE_INDEX.get(key(text).replace(" ", ""), text.strip())


def day(text: str) -> date | None:
    """A date written ``YYYY-MM-DD`` or ``DD/MM/YYYY``; empty is None."""
    if not text.strip():
        return None
    try:
        return parse_date(text)
    except DateInputError as error:
        raise CellProblem(str(error)) from None
