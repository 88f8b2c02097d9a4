"""The place line of cards: "Tapachula, Chiapas", ending in "…" where it does not fit.

After the follow-up date a card has a dozen cells for its place, so places that share a
front ("San Cristóbal de las Casas", "San Cristóbal Ecatepec") would be cut alike. Where
two different places of a column read the same, each shows its first word, then its
words from where they stop sharing a front ("San… de las Casas", "San… Ecatepec").

Worked out when a column's cards change, as the names are (``card_names``); after a move
only the places the moved card meets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from rich.cells import cell_len

from store import Place
from store.text import display_safe

from .card_names import ELLIPSIS, cut_end, folded


class PlaceEntry(NamedTuple):
    """One card's place and the cells its line leaves for it."""

    card_id: str
    place: str
    room: int


def place_text(place: Place) -> str:
    """Municipality and state ("Tapachula, Chiapas"); the country only when neither is known."""
    return _place_text(place.municipality, place.state, place.country)


@lru_cache(maxsize=16384)
def _place_text(municipality: str, state: str, country: str) -> str:
    # Remembered: a town has many organizations, and every card of a column is placed when it is shown.
    parts = [part for part in (municipality, state) if part] or [country]
    return display_safe(", ".join(part for part in parts if part))


@lru_cache(maxsize=65536)
def cut_place(place: str, room: int) -> str:
    """``place`` within ``room`` cells, ending in "…" when cut (never in ",…")."""
    label = cut_end(place, room)
    return label[:-2].rstrip() + ELLIPSIS if label.endswith("," + ELLIPSIS) else label


def where_places_differ(group: list[PlaceEntry]) -> dict[str, str]:
    """Each place cut after the words the group's places share ("San… Ecatepec", "Nog… Sonora")."""
    words = {place: place.split() for place in {entry.place for entry in group}}
    shared = 0
    for column in zip(*words.values(), strict=False):
        if len({folded(word) for word in column}) != 1:
            break
        shared += 1
    return {
        entry.card_id: cut_place(_after_shared(words[entry.place], shared, entry.room), entry.room) for entry in group
    }


def _after_shared(words: list[str], shared: int, room: int) -> str:
    rest = " ".join(words[shared:])
    if not shared or not rest:
        return " ".join(words)
    if shared > 1:
        return f"{words[0]}{ELLIPSIS} {rest}"
    # One shared word ("Nogales, Sonora" / "Nogales, Arizona"): it gives up the room the rest needs.
    return f"{cut_end(words[0].rstrip(','), max(2, room - cell_len(rest) - 1))} {rest}"


class CardPlaces:
    """The place lines of one column's cards, kept between changes (like ``CardNames``)."""

    def __init__(self) -> None:
        self.labels: dict[str, str] = {}
        self._first: dict[str, str] = {}
        self._holders: defaultdict[str, dict[str, PlaceEntry]] = defaultdict(dict)
        """The cut every place gets first -> the cards whose place was cut to it."""

    def distinct(self, entries: Iterable[PlaceEntry]) -> dict[str, str]:
        """For each card, its place within its room, cut so different places do not read the same."""
        first: dict[str, str] = {}
        holders: defaultdict[str, dict[str, PlaceEntry]] = defaultdict(dict)
        for entry in entries:
            cut = first[entry.card_id] = cut_place(entry.place, entry.room)
            holders[cut][entry.card_id] = entry
        self._first, self._holders, self.labels = first, holders, dict(first)
        for group in holders.values():
            if len(group) > 1:
                self._resolve(group)
        return self.labels

    def add(self, entry: PlaceEntry) -> None:
        """Place one more card, cutting again only the places its own cut meets."""
        self.remove(entry.card_id)
        self._resolve(self._put(entry))

    def remove(self, card_id: str) -> None:
        """Forget a card that left the column; the places it met are cut as if it had never been there."""
        first = self._first.pop(card_id, None)
        self.labels.pop(card_id, None)
        if first is not None:
            group = self._holders[first]
            group.pop(card_id, None)
            if group:
                self._resolve(group)
            else:
                del self._holders[first]

    def _put(self, entry: PlaceEntry) -> dict[str, PlaceEntry]:
        first = cut_place(entry.place, entry.room)
        self._first[entry.card_id] = self.labels[entry.card_id] = first
        group = self._holders[first]
        group[entry.card_id] = entry
        return group

    def _resolve(self, group: dict[str, PlaceEntry]) -> None:
        if len({folded(place) for place in {entry.place for entry in group.values()}}) > 1:
            self.labels.update(where_places_differ(list(group.values())))
        else:
            self.labels.update((card_id, self._first[card_id]) for card_id in group)
