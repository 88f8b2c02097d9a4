"""Which board file a command uses, opening it, making new ones, and the campaign it acts on."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from store import BoardExistsError, Campaign, IdFactory, Organization, Repository, create_board
from store.demo import build_demo
from store.files import journal_path
from store.i18n import _, set_time_zone

from ..paths import demo_board_path, resolve_board_path
from . import interrupts
from .exit_codes import Refused
from .output import Progress, note

DEMO_ORGANIZATIONS = 60
DEMO_SEED = 7


def board_path(args: argparse.Namespace) -> Path:
    if args.demo:
        return demo_board_path()
    return resolve_board_path(args.db)


def open_repo(args: argparse.Namespace) -> Repository:
    if args.demo:
        open_demo_board()
    path = board_path(args)
    repo = Repository.open(path, ids=RecordingIds(path))
    set_time_zone(repo.settings().time_zone)
    return repo


class RecordingIds(IdFactory):
    """Ids for one board that remember what they named, so Ctrl-C can tell whether a change reached the file.

    Every write names at least a history group, and the ids are random, so finding one
    of them in the file means this command's change was committed.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.issued: list[bytes] = []
        interrupts.watch(self.written)

    def new(self, prefix: str) -> str:
        made = super().new(prefix)
        self.issued.append(f'"{made}"'.encode())
        return made

    def written(self) -> bool:
        if not self.issued:
            return False
        data = self.path.read_bytes()
        # A change is committed once its record is in the journal (or a checkpoint holds it).
        with suppress(FileNotFoundError):
            data += journal_path(self.path).read_bytes()
        return any(quoted in data for quoted in self.issued)


def new_board(path: Path, *, shared: bool = False, fill: Callable[[Repository], object] | None = None) -> None:
    """``store.create_board``, with Ctrl-C told that once the file exists the new board is there."""
    if not path.exists():
        interrupts.watch(path.exists)
    create_board(path, shared=shared, fill=fill)


def build_demo_board(repo: Repository, organizations: int, seed: int) -> Campaign:
    progress = Progress(_("Building the demo board"))
    try:
        campaign = build_demo(repo, organizations=organizations, seed=seed, progress=progress)
    finally:
        progress.finish()
    return campaign


def open_demo_board() -> None:
    """The demo board, kept apart from real data, built on first use."""
    path = demo_board_path()
    if not path.exists():
        try:
            new_board(path, fill=lambda repo: build_demo_board(repo, DEMO_ORGANIZATIONS, DEMO_SEED))
            note(_("Created the demo board at {path}.").format(path=path))
        except BoardExistsError:
            pass  # another shell built it a moment ago


def campaign_of(repo: Repository, ref: str | None, org: Organization | None = None) -> Campaign:
    """The campaign named by --campaign; else the one board ``org`` is on; else the newest active campaign.

    An organization on several boards is ambiguous only when more than one of those
    campaigns is active (or, with none active, planned): then --campaign is asked for, naming them.
    """
    if ref:
        return repo.campaign(ref)
    if org is not None and (boards := boards_of(repo, org)):
        if len(boards) == 1:
            return boards[0]
        raise Refused(
            _("{org} is on the boards of several campaigns; say which with --campaign: {campaigns}.").format(
                org=org.name, campaigns=", ".join(repr(campaign.name) for campaign in boards)
            )
        )
    campaign = repo.default_campaign()
    if campaign is None:
        raise Refused(
            _("{path} has no campaign yet; create one with: outreach-tui campaign add NAME").format(path=repo.path)
        )
    return campaign


def shared_campaign(repo: Repository, ref: str | None, orgs: list[Organization]) -> Campaign:
    """For a command about several organizations (a training): --campaign; else the one board all of them are on;
    else the newest active campaign. Several boards shared by all of them ask for --campaign, naming them."""
    if ref or not orgs:
        return campaign_of(repo, ref)
    shared = boards_of(repo, orgs[0])
    for org in orgs[1:]:
        theirs = {campaign.id for campaign in boards_of(repo, org)}
        shared = [campaign for campaign in shared if campaign.id in theirs]
    if len(shared) > 1:
        raise Refused(
            _(
                "These organizations are all on the boards of several campaigns; say which with --campaign: {campaigns}."
            ).format(campaigns=", ".join(repr(campaign.name) for campaign in shared))
        )
    return shared[0] if shared else campaign_of(repo, None)


def boards_of(repo: Repository, org: Organization) -> list[Campaign]:
    """The campaigns with a card of ``org`` that a command most likely means: the active ones, else the
    planned ones, else the completed ones (a campaign being worked on is the one people act on)."""
    campaigns = sorted(
        (repo.campaign(card.campaign_id) for card in repo.placements_of(org.id)),
        key=lambda campaign: campaign.name.casefold(),
    )
    for status in ("active", "planning"):
        if found := [campaign for campaign in campaigns if campaign.status == status]:
            return found
    return campaigns
