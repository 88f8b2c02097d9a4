"""Likely duplicates: organizations with the same name or alias, trainings recorded twice.

Two names are the same organization's when they differ only in case, accents, spacing,
punctuation or a legal-form suffix ("Casa del Migrante Belén, A.C." and "casa del
migrante belen"). Every change that adds or renames organizations asks
``check_organization`` before it writes; a person who knows better passes
``allow_duplicate``. A training is a likely duplicate of one with the same campaign, date
and attending organizations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .document import BoardDocument
from .errors import ValidationFailed
from .i18n import _, format_date, ngettext
from .models import Attendance, Organization, Training
from .stages import stage_label
from .text import display_safe, fold

LEGAL_SUFFIXES = frozenset(
    {
        "ac",  # asociación civil
        "sc",  # sociedad civil
        "iap",  # institución de asistencia privada
        "ibp",  # institución de beneficencia privada
        "abp",  # asociación de beneficencia privada
        "ar",  # asociación religiosa
        "sadecv",
        "sapidecv",
        "sderl",
        "sderldecv",
        "scderl",
        "inc",
        "llc",
    }
)
"""Legal-form suffixes, lower case without dots or spaces ("A. C." → "ac"), that do not tell names apart."""

_LONGEST_SUFFIX_WORDS = 5
"""Words of the longest suffix: "S. de R.L. de C.V."."""

SHOWN_MATCHES = 5
"""How many matching organizations a message names."""

_WORD = re.compile(r"\w+")


class DuplicateError(ValidationFailed):
    """A change would add a likely duplicate; ``matches`` are the records it duplicates.

    Passing ``allow_duplicate=True`` to the same call makes it anyway.
    """

    def __init__(
        self, message: str, matches: list[Organization] | list[Training], problems: list[tuple[str, str]]
    ) -> None:
        self.matches = matches
        super().__init__(message, problems)


@lru_cache(maxsize=1 << 17)
def name_key(name: str) -> str:
    """The form of ``name`` that likely duplicates share (no case, accents, spacing, punctuation, legal suffix)."""
    words = _WORD.findall(fold(name).replace(".", ""))
    for size in range(min(_LONGEST_SUFFIX_WORDS, len(words) - 1), 0, -1):
        if "".join(words[-size:]) in LEGAL_SUFFIXES:
            del words[-size:]
            break
    return "".join(words) or fold(name).strip()


def name_keys(org: Organization) -> set[str]:
    """The keys of an organization's name and aliases."""
    return {name_key(org.name), *(name_key(alias) for alias in org.aliases)}


def organization_duplicates(
    doc: BoardDocument, candidate: Organization, before: Organization | None = None
) -> list[Organization]:
    """Other organizations sharing a name or alias key with ``candidate`` that ``before`` (its last version) did not have.

    A rename checks only what it adds, so editing the notes of two organizations
    already alike is never refused.
    """
    wanted = name_keys(candidate) - (name_keys(before) if before is not None else set())
    if not wanted:
        return []
    found = [
        org for org in doc.organizations.values() if org.id != candidate.id and not wanted.isdisjoint(name_keys(org))
    ]
    return sorted(found, key=lambda org: (org.archived, fold(org.name)))


def key_index(orgs: Iterable[Organization]) -> dict[str, list[Organization]]:
    """Organizations by each key of their name and aliases, to check many candidates at once (an import)."""
    index: dict[str, list[Organization]] = {}
    for org in orgs:
        for key in name_keys(org):
            index.setdefault(key, []).append(org)
    return index


def indexed_duplicates(
    index: dict[str, list[Organization]], candidate: Organization, before: Organization | None
) -> list[Organization]:
    """``organization_duplicates`` over an index built by ``key_index``."""
    wanted = name_keys(candidate) - (name_keys(before) if before is not None else set())
    found = {org.id: org for key in wanted for org in index.get(key, ()) if org.id != candidate.id}
    return sorted(found.values(), key=lambda org: (org.archived, fold(org.name)))


def check_organization(doc: BoardDocument, candidate: Organization, before: Organization | None = None) -> None:
    """Raise ``DuplicateError`` naming the organizations ``candidate`` likely duplicates."""
    matches = organization_duplicates(doc, candidate, before)
    if matches:
        message = ngettext(
            "{name!r} has the name or an alias of an organization already on this board: {matches}.",
            "{name!r} has the name or an alias of {n} organizations already on this board: {matches}.",
            len(matches),
        ).format(name=display_safe(candidate.name), n=len(matches), matches=summaries(doc, matches))
        raise DuplicateError(message, matches, [("name", _("likely a duplicate"))])


def summaries(doc: BoardDocument, orgs: list[Organization]) -> str:
    """The first few of ``orgs``, each with its id, place and campaigns, then how many more."""
    shown = "; ".join(organization_summary(doc, org) for org in orgs[:SHOWN_MATCHES])
    more = len(orgs) - SHOWN_MATCHES
    if more > 0:
        shown += " " + ngettext("(and {n} more)", "(and {n} more)", more).format(n=more)
    return shown


def organization_summary(doc: BoardDocument, org: Organization) -> str:
    """An organization as a person tells it apart: "Casa del Migrante (org-…, Saltillo, Coahuila; Trained in Frontera)"."""
    parts = [org.id]
    if org.place.label():
        parts.append(display_safe(org.place.label()))
    where = ", ".join(parts)
    boards = _boards_of(doc, org.id)
    if org.archived:
        boards.insert(0, _("archived"))
    return f"{display_safe(org.name)} ({where}; {', '.join(boards) or _('on no board')})"


def _boards_of(doc: BoardDocument, org_id: str) -> list[str]:
    boards = []
    for card in doc.placements.values():
        campaign = doc.campaigns.get(card.campaign_id) if card.organization_id == org_id else None
        if campaign is not None:
            stage = _("off the board") if card.off_board else display_safe(stage_label(campaign, card.stage))
            boards.append(_("{stage} in {campaign}").format(stage=stage, campaign=display_safe(campaign.name)))
    return boards


# -- trainings ------------------------------------------------------------------------------


def training_duplicates(doc: BoardDocument, candidate: Training) -> list[Training]:
    """Trainings of the same campaign, on the same date, attended by the same organizations."""
    attendees = _attendees(candidate.attendance)
    return [
        training
        for training in doc.trainings.values()
        if training.id != candidate.id
        and training.campaign_id == candidate.campaign_id
        and training.date == candidate.date
        and _attendees(training.attendance) == attendees
    ]


def check_training(doc: BoardDocument, candidate: Training) -> None:
    """Raise ``DuplicateError`` naming a training ``candidate`` likely repeats."""
    matches = training_duplicates(doc, candidate)
    if matches:
        existing = matches[0]
        topic = f" “{display_safe(existing.topic)}”" if existing.topic else ""
        message = _(
            "A training on {date} with the same organizations is already recorded: {id}{topic}, by {who}."
        ).format(
            date=format_date(existing.date),
            id=existing.id,
            topic=topic,
            who=display_safe(existing.created_by) or _("someone"),
        )
        raise DuplicateError(message, matches, [("date", _("likely a duplicate"))])


def _attendees(items: Iterable[Attendance]) -> frozenset[str]:
    return frozenset(item.organization_id for item in items)
