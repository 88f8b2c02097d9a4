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
is shown anew (only the groups that collide go past step 1, and those are
remembered per organization version), and after a move only the names the moved
card meets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from itertools import count

from rich.cells import cell_len, set_cell_size

from store import Organization
from store.text import display_safe, fold

ELLIPSIS = "…"


@lru_cache(maxsize=65536)
def cut_end(text: str, width: int) -> str:
    """``text`` within ``width`` cells, its end replaced by an ellipsis when cut."""
    if (len(text) <= width and text.isascii()) or cell_len(text) <= width:
        return text
    return set_cell_size(text, max(0, width - 1)).rstrip() + ELLIPSIS


def full_label(org: Organization) -> str:
    """What a card shows with room enough: the alias first, where there is one."""
    name = display_safe(org.name)
    alias = display_safe(org.aliases[0]) if org.aliases else ""
    return f"{alias} · {name}" if alias and fold(alias) != fold(name) else name


def _shared_words(names: list[list[str]]) -> int:
    """How many leading words all ``names`` share (compared without case or accents)."""
    shared = 0
    for words in zip(*names, strict=False):
        if len({fold(word) for word in words}) != 1:
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
        words = display_safe(org.name).split()
        head = f"{words[0]}{ELLIPSIS}" if words else ELLIPSIS
        tail: list[str] = []
        room = width - cell_len(head)
        for word in reversed(words[1:]):
            if cell_len(word) + 1 > room:
                break
            tail.insert(0, word)
            room -= cell_len(word) + 1
        labels.append(cut_end(f"{head} {' '.join(tail)}" if tail else display_safe(org.name), width))
    return labels


STEPS = (where_they_differ, name_ends)


class CardNames:
    """The names of one column's cards, kept between changes.

    ``distinct`` names a whole column (opening, a reload, a new width); ``add`` and
    ``remove`` follow a move, looking only at the names the moved card meets, so a
    move costs the same on a 20,000-card board as on a small one.
    """

    def __init__(self) -> None:
        self._first: dict[tuple[str, int, int], str] = {}
        self._groups: dict[tuple[int, int, tuple[tuple[str, int], ...]], list[str]] = {}
        self.labels: dict[str, str] = {}
        self._holders: defaultdict[str, list[Organization]] = defaultdict(list)
        self._width = 0

    def distinct(self, organizations: Sequence[Organization], width: int) -> dict[str, str]:
        """For each organization id, a name within ``width`` cells that no other of ``organizations`` shows."""
        if len(self._first) > 4 * len(organizations) + 1024:
            self._first.clear()  # old versions and widths
            self._groups.clear()
        self._width = width
        self.labels = {org.id: self._first_label(org, width) for org in organizations}
        self._holders = defaultdict(list)
        for org in organizations:
            self._holders[self.labels[org.id]].append(org)
        # Only the groups that collide are looked at again; the others keep their names.
        self._resolve([group for group in self._holders.values() if len(group) > 1])
        return self.labels

    def add(self, org: Organization) -> None:
        """Name one more card of the column, renaming only the cards its name meets."""
        label = self._first_label(org, self._width)
        self.labels[org.id] = label
        self._holders[label].append(org)
        if len(self._holders[label]) > 1:
            self._resolve([self._holders[label]])

    def remove(self, organization_id: str) -> None:
        """Forget a card that left the column; the others stay told apart."""
        label = self.labels.pop(organization_id, None)
        if label is not None:
            holders = self._holders[label]
            holders[:] = [org for org in holders if org.id != organization_id]
            if not holders:
                del self._holders[label]

    def _resolve(self, pending: list[list[Organization]]) -> None:
        labels, holders, width = self.labels, self._holders, self._width
        for step in range(len(STEPS)):
            pending = _relabel(pending, labels, holders, lambda group, step=step: self._differing(step, group, width))
        # Numbers count across the groups, so two groups cut alike never get the same mark.
        numbers = count(1)
        while pending:
            pending = _relabel(pending, labels, holders, lambda group: numbered(group, labels, width, numbers))

    def _first_label(self, org: Organization, width: int) -> str:
        key = (org.id, org.version, width)
        label = self._first.get(key)
        if label is None:
            label = self._first[key] = cut_end(full_label(org), width)
        return label

    def _differing(self, step: int, group: list[Organization], width: int) -> list[str]:
        # A move changes one group of a column; the others come from here unchanged.
        key = (step, width, tuple((org.id, org.version) for org in group))
        labels = self._groups.get(key)
        if labels is None:
            labels = self._groups[key] = STEPS[step](group, width)
        return labels


def numbered(group: Sequence[Organization], labels: dict[str, str], width: int, numbers: Iterator[int]) -> list[str]:
    """The group's names with a number each, for organizations whose names read the same."""
    marked = []
    for org, number in zip(group, numbers, strict=False):
        mark = f" #{number}"
        marked.append(cut_end(labels[org.id], max(1, width - len(mark))) + mark)
    return marked


def _relabel(
    groups: list[list[Organization]],
    labels: dict[str, str],
    holders: defaultdict[str, list[Organization]],
    rename: Callable[[list[Organization]], list[str]],
) -> list[list[Organization]]:
    """Give each colliding group new names; return the groups that still collide."""
    touched: set[str] = set()
    for group in groups:
        old = labels[group[0].id]
        del holders[old]
        for org, label in zip(group, rename(group), strict=True):
            labels[org.id] = label
            holders[label].append(org)
            touched.add(label)
    return [holders[label] for label in touched if len(holders[label]) > 1]
