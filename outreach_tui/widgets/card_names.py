"""Names on cards that tell organizations apart in a narrow column.

At 80 columns a card has about 23 cells for a name, and many names share a long
front ("Comité de Derechos Humanos de …"), so names cut at the end read the same.
Each card shows the first of these that no other card of its column shows:

1. the alias (where there is one) and the name, cut at the end;
2. the first word, then the name from where the colliding names stop sharing a
   front ("Comité… Tabasco");
3. the first word and the last words of the name ("Pastoral… Juárez, 18)");
4. that with a number, for organizations whose names are the same.

Worked out when a column's cards change, never per paint: a whole column when it
is shown anew, at the width of its first paint (only the names that collide go past
step 1), and after a change only the names the changed cards meet, with the very
names a whole new column would get.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from rich.cells import cell_len, set_cell_size

from store import Organization
from store.text import display_safe, fold

ELLIPSIS = "…"

_one_cell_each = re.compile("[\u0020-\u007e\u00a0-\u02ff\u2010-\u2027]*").fullmatch
"""Whether every character of a text is printable Latin or common punctuation ("…", "–", quotes): one cell each."""


def cells(text: str) -> int:
    """The cells ``text`` takes: its length for Latin text, without measuring each character."""
    return len(text) if _one_cell_each(text) else cell_len(text)


def cut_end(text: str, width: int) -> str:
    """``text`` within ``width`` cells, its end replaced by an ellipsis when cut.

    Not remembered: a column names each card once, so keeping every cut name would only hold
    memory (about 5 MB at 20,000 cards) and take longer than cutting again.
    """
    if len(text) <= width and text.isascii():
        return text
    if _one_cell_each(text):
        # Latin letters, accented ones included, take one cell each: cut by characters.
        return text if len(text) <= width else text[: max(0, width - 1)].rstrip() + ELLIPSIS
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(0, width - 1)).rstrip() + ELLIPSIS


@lru_cache(maxsize=65536)
def folded(text: str) -> str:
    """``fold`` remembered: names and places repeat their words, and folding is slow."""
    return fold(text)


def full_label(org: Organization) -> str:
    """What a card shows with room enough: the alias first, where there is one."""
    return _full_label(org.name, org.aliases[0] if org.aliases else "")


def _full_label(name: str, alias: str) -> str:
    name, alias = display_safe(name), display_safe(alias)
    return f"{alias} · {name}" if alias and not _reads_as(alias, name) else name


def _reads_as(alias: str, name: str) -> bool:
    """Whether ``alias`` is ``name`` but for case and accents ("frayba" and "Frayba")."""
    if alias.isascii() and len(alias) < len(name) and _one_cell_each(name):
        # Folding never shortens Latin text (a letter keeps its base letter, "ß" becomes "ss") and
        # leaves ASCII as long as it is: a short alias of a long name (the usual acronym) differs.
        return False
    # ``fold``, not the remembered ``folded``: a whole name is folded once, its words many times.
    return fold(alias) == fold(name)


def _first_label(org: Organization, width: int) -> str:
    """Round 0: the card's whole label cut at the end."""
    name, aliases = org.name, org.aliases
    if not aliases and name.isprintable() and _one_cell_each(name):
        # Most names: printable Latin text without an alias, cut by characters as ``cut_end`` does.
        return name if len(name) <= width else name[: max(0, width - 1)].rstrip() + ELLIPSIS
    return cut_end(_full_label(name, aliases[0] if aliases else ""), width)


def _shared_words(names: list[list[str]]) -> int:
    """How many leading words all ``names`` share (compared without case or accents)."""
    shared = 0
    for words in zip(*names, strict=False):
        if len({folded(word) for word in words}) != 1:
            break
        shared += 1
    return shared


def where_they_differ(group: Sequence[Organization], width: int) -> list[str]:
    """The first word, then the names from where they stop sharing a front ("Comité… Tabasco")."""
    names = [display_safe(org.name).split() for org in group]
    shared = _shared_words(names)
    labels = []
    for words in names:
        rest = words[shared:]
        if shared < 2 or not rest:
            labels.append(cut_end(" ".join(words), width))
        else:
            labels.append(cut_end(f"{words[0]}{ELLIPSIS} {' '.join(rest)}", width))
    return labels


def name_ends(group: Sequence[Organization], width: int) -> list[str]:
    """The first word and as many of the last words as fit ("Pastoral… Juárez, 18)")."""
    labels = []
    for org in group:
        name = display_safe(org.name)
        words = name.split()
        # A name of Latin text has words of Latin text: measured by their length, without a look at each.
        measure = len if _one_cell_each(name) else cells
        head = f"{words[0]}{ELLIPSIS}" if words else ELLIPSIS
        tail: list[str] = []
        room = width - measure(head)
        for word in reversed(words[1:]):
            needed = measure(word) + 1
            if needed > room:
                break
            tail.append(word)
            room -= needed
        tail.reverse()
        labels.append(cut_end(f"{head} {' '.join(tail)}" if tail else name, width))
    return labels


def numbered(group: Sequence[Organization], labels: Mapping[str, str], width: int) -> list[str]:
    """The group's ``labels`` with a number each (in the order of their ids), for organizations whose names read the same."""
    marked = []
    for number, org in enumerate(group, start=1):
        mark = f" #{number}"
        marked.append(cut_end(labels[org.id], max(1, width - len(mark))) + mark)
    return marked


MARK_CELLS = 4
"""The cells a number takes (" #12"): names that read the same once cut for it are numbered together."""
NUMBERINGS = 3
"""Rounds of numbers: a second one only where a numbered name meets a name that holds a number itself."""
DIFFERING, ENDS, CUT_FOR_NUMBER, NUMBERED = 1, 2, 3, 4
"""The rounds after the first (the name cut at its end), as ``CardNames`` describes them."""


Held = str | set[str]
"""The cards holding a name in a round: one card's id alone (most names), or a set of them."""


class CardNames:
    """The names of one column's cards, kept between changes.

    A name is worked out in rounds, each looking only at the cards whose name of the round
    before reads the same as its own: its name cut at the end (round 0), where it differs
    from the names sharing its front (1), its last words (2), then a number among the names
    that read the same once cut to leave room for it (3, 4 and on). A card whose name of
    a round no other card shares keeps it in the next round. So ``add`` and ``remove``
    rename only the cards a change meets, round by round, and give exactly the names
    ``distinct`` gives the column as it is then.

    Only round 0 is kept for every card; a later round keeps the cards it renamed (most
    cards keep their name from round 0 or 1), and who holds a name in a round is worked
    out from that. A name held by one card keeps just its id, not a set: a 20,000-card
    column has about as many names as cards.
    """

    def __init__(self) -> None:
        self.labels: dict[str, str] = {}
        """The name each card shows, by organization id."""
        self._width = 0
        self._orgs: dict[str, Organization] = {}
        self._last = NUMBERED + NUMBERINGS - 1
        self._renamed: list[dict[str, str]] = [{} for _ in range(self._last + 1)]
        """Per round, the cards renamed in it and their name (round 0: every card and its name cut at the end)."""
        self._arrived: list[dict[str, Held]] = [{} for _ in range(self._last + 1)]
        """Per round, each name and the cards renamed to it in that round (round 0: every card)."""

    def distinct(self, organizations: Sequence[Organization], width: int) -> dict[str, str]:
        """For each organization id, a name within ``width`` cells that no other of ``organizations`` shows."""
        self._width = width
        self._orgs = orgs = {}
        for renamed, arrived in zip(self._renamed, self._arrived, strict=True):
            renamed.clear()
            arrived.clear()
        first, holders = self._renamed[0], self._arrived[0]
        # One pass over every card, kept lean: a large column names 10,000 cards here.
        for org in organizations:
            org_id = org.id
            orgs[org_id] = org
            label = first[org_id] = _first_label(org, width)
            if label in holders:
                _hold(holders, label, org_id)
            else:
                holders[label] = org_id
        self._name_whole(holders)
        return self.labels

    def _name_whole(self, first: dict[str, Held]) -> None:
        """Every round for a whole column: only the cards that share a name go on to the next round."""
        holding: dict[str, set[str]] = {}
        """Who holds a name now, for the names the rounds touched (the others: as in round 0)."""

        def holders(name: str) -> set[str]:
            held = holding.get(name)
            if held is None:
                held = holding[name] = _as_set(first.get(name))
            return held

        sharing = [label for label, held in first.items() if not isinstance(held, str)]
        for level in range(1, self._last + 1):
            groups = []
            for label in sharing:
                groups.append((label, sorted(holders(label))))
                holding[label] = set()
            renamed, arrived = self._renamed[level], self._arrived[level]
            named: set[str] = set()
            for label, ids in groups:
                for org_id, name in zip(ids, self._next_names(level, label, ids), strict=True):
                    renamed[org_id] = name
                    _hold(arrived, name, org_id)
                    holders(name).add(org_id)
                    named.add(name)
            sharing = [name for name in named if len(holding[name]) > 1]
        labels = dict(self._renamed[0])
        for renamed in self._renamed[1:]:
            labels.update(renamed)
        self.labels = labels

    def add(self, org: Organization) -> None:
        """Name one more card of the column (or a card anew), renaming only the cards its name meets."""
        dirty = self._dirty()
        self._leave(org.id, dirty)
        self._enter(org, dirty)
        self._settle(dirty, {org.id: (None, self._renamed[0][org.id])})

    def remove(self, organization_id: str) -> None:
        """Forget a card that left the column; the cards it was told apart from get their names back."""
        dirty = self._dirty()
        self._leave(organization_id, dirty)
        self._settle(dirty, {})

    def _dirty(self) -> list[set[str]]:
        return [set() for _ in range(self._last + 1)]

    def _name_in(self, level: int, org_id: str) -> str:
        for renamed in self._renamed[level:0:-1]:
            name = renamed.get(org_id)
            if name is not None:
                return name
        return self._renamed[0][org_id]

    def _holders(self, level: int, label: str) -> set[str]:
        """The cards whose name in round ``level`` is ``label``."""
        held = _as_set(self._arrived[level].get(label))
        if level == 0:
            return held
        kept = self._holders(level - 1, label)
        return held | kept if len(kept) == 1 else held

    def _enter(self, org: Organization, dirty: list[set[str]]) -> None:
        self._orgs[org.id] = org
        label = _first_label(org, self._width)
        self._renamed[0][org.id] = label
        _hold(self._arrived[0], label, org.id)
        dirty[0].add(label)

    def _leave(self, organization_id: str, dirty: list[set[str]]) -> None:
        if self._orgs.pop(organization_id, None) is None:
            return
        for level in range(self._last + 1):
            dirty[level].add(self._name_in(level, organization_id))
        for renamed, arrived in zip(self._renamed, self._arrived, strict=True):
            label = renamed.pop(organization_id, None)
            if label is not None:
                _discard(arrived, label, organization_id)
        self.labels.pop(organization_id, None)

    def _settle(self, dirty: list[set[str]], changed: dict[str, tuple[str | None, str]]) -> None:
        """Work the rounds out again for the cards whose name in the round before met a change.

        ``changed``: the cards whose name in the round before changed, with that name as it was
        (None: a card new to the column) and as it is.
        """
        touched = set(changed)
        for level in range(1, self._last + 1):
            looked_at = dirty[level - 1]
            for was, name in changed.values():
                looked_at.add(name)
                if was is not None:
                    looked_at.add(was)
            now: dict[str, tuple[str | None, str]] = {}
            for label in looked_at:
                self._rename(level, label, changed, now)
            changed = now
            touched.update(now)
        for org_id in touched:
            if org_id in self._orgs:
                self.labels[org_id] = self._name_in(self._last, org_id)

    def _rename(
        self, level: int, label: str, changed: dict[str, tuple[str | None, str]], now: dict[str, tuple[str | None, str]]
    ) -> None:
        """Name in round ``level`` the cards named ``label`` in the round before; note in ``now`` what changed."""
        held = self._holders(level - 1, label)
        if not held:
            return
        renamed, arrived = self._renamed[level], self._arrived[level]
        if len(held) == 1:
            # Alone with its name: keeps it. Most cards of a column, so without sorting or naming.
            (org_id,) = held
            was = self._was(org_id, label, changed, renamed.get(org_id))
            if org_id in renamed:
                _discard(arrived, renamed.pop(org_id), org_id)
            if was is None and not any(label in later for later in self._arrived[level:]):
                return  # a new card whose name no later round gives another card: nothing to follow
            if label != was:
                now[org_id] = (was, label)
            return
        ids = sorted(held)
        for org_id, name in zip(ids, self._next_names(level, label, ids), strict=True):
            before = renamed.get(org_id)
            was = self._was(org_id, label, changed, before)
            if before is not None:
                _discard(arrived, before, org_id)
            renamed[org_id] = name
            _hold(arrived, name, org_id)
            if name != was:
                now[org_id] = (was, name)

    @staticmethod
    def _was(org_id: str, label: str, changed: dict[str, tuple[str | None, str]], before: str | None) -> str | None:
        """A card's name in this round before the change: its own, or the one it kept from the round before."""
        if before is not None:
            return before
        return changed[org_id][0] if org_id in changed else label

    def _next_names(self, level: int, label: str, ids: list[str]) -> list[str]:
        """The names in round ``level`` of the cards ``ids``, which share ``label`` in the round before."""
        if level == CUT_FOR_NUMBER:
            return [cut_end(label, max(1, self._width - MARK_CELLS))] * len(ids)
        group = [self._orgs[org_id] for org_id in ids]
        if level == DIFFERING:
            return where_they_differ(group, self._width)
        if level == ENDS:
            return name_ends(group, self._width)
        # Numbered from the last words, not from their cut: the number takes only the room it needs.
        labels = {org_id: self._name_in(ENDS if level == NUMBERED else level - 1, org_id) for org_id in ids}
        return numbered(group, labels, self._width)


def _as_set(held: Held | None) -> set[str]:
    """The cards holding a name as a set of their own (empty when nobody holds it)."""
    if held is None:
        return set()
    return {held} if isinstance(held, str) else set(held)


def _hold(holders: dict[str, Held], label: str, org_id: str) -> None:
    held = holders.get(label)
    if held is None:
        holders[label] = org_id
    elif isinstance(held, str):
        if held != org_id:
            holders[label] = {held, org_id}
    else:
        held.add(org_id)


def _discard(holders: dict[str, Held], label: str, org_id: str) -> None:
    held = holders.get(label)
    if held is None:
        return
    if isinstance(held, str):
        if held == org_id:
            del holders[label]
        return
    held.discard(org_id)
    if len(held) == 1:
        (holders[label],) = held
    elif not held:
        del holders[label]
