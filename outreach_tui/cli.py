"""The ``outreach-tui`` command: the board, and scriptable commands over the same board file.

Each command opens the board file, does one thing through ``store.Repository`` and
exits; nothing is kept between commands, so any number of shells and scripts can run
them at once beside open boards (the store locks every write).

Exit codes scripts can trust:
  0   success
  1   the operation was refused (not found, ambiguous, invalid, conflict, not allowed, nothing to undo)
  2   bad command line
  3   the board file cannot be used (missing, invalid, newer schema, locked too long, write failed)
  130 interrupted
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import os
import secrets
import shutil
import sys
import tempfile
import textwrap
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import orjson

from store import (
    Campaign,
    Card,
    Event,
    LockTimeoutError,
    Organization,
    Placement,
    Repository,
    StoreError,
    StoreFileError,
    Training,
    Visit,
    describe_event,
)
from store.demo import build_demo
from store.i18n import _, format_date, format_datetime, format_number, ngettext
from store.snapshot import (
    BoardSnapshot,
    ImportResult,
    import_snapshot,
    parse_snapshot,
    snapshot_schema,
)
from store.storage import lock_path
from store.text import display_safe, fold

from .display import (
    LEGAL_CAPACITIES,
    ORGANIZATION_TYPES,
    OUTREACH_CAPACITIES,
    TRISTATES,
    legal_capacity_label,
    off_board_label,
    organization_type_label,
    outreach_capacity_label,
    role_label,
    tristate_label,
)
from .exporting import snapshot_bytes, write_snapshot
from .paths import DB_VARIABLE, default_board_path, demo_board_path, resolve_board_path

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_FILE = 3
EXIT_INTERRUPTED = 130

PROG = "outreach-tui"
DEBUG_VARIABLE = "OUTREACH_TUI_DEBUG"
DEMO_ORGANIZATIONS = 60
MAX_DEMO_ORGANIZATIONS = 20_000
MAX_ATTENDEES = 10_000
# Imports smaller than this finish before a progress line would be read.
IMPORT_STATUS_BYTES = 2_000_000
CAMPAIGN_STATUSES = ("planning", "active", "completed")
ROLES = ("coordinator", "trainer", "viewer")


class Refused(Exception):
    """A request the command itself turns down (exit 1); the message says why."""


class BoardExists(Refused):
    """The file a new board was meant to go to exists already."""


# -- output ---------------------------------------------------------------------------------


def out(text: str = "") -> None:
    """One result line on stdout; escape sequences in user text never reach the terminal."""
    sys.stdout.write(display_safe(text, multiline=True) + "\n")


def out_lines(lines: Iterable[str]) -> None:
    # One write: listing 20,000 organizations line by line costs more than building them.
    sys.stdout.write("".join(display_safe(line, multiline=True) + "\n" for line in lines))


def note(text: str) -> None:
    """A message for the person at the terminal (stderr), never mixed into results."""
    sys.stderr.write(display_safe(text, multiline=True) + "\n")
    sys.stderr.flush()


def err(text: str) -> None:
    note(f"{PROG}: {text}")


def dump_json(value: Any) -> None:
    # JSON is written verbatim: scripts get exactly what is stored (JSON escapes control characters).
    sys.stdout.buffer.write(orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE))
    sys.stdout.flush()


def interactive() -> bool:
    """Whether a person is at a terminal on both ends (the board app needs both)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


class Progress:
    """A one-line counter on stderr when stderr is a terminal; silent when piped or redirected."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty()
        self.shown = False
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        percent = 100 * done // max(total, 1)
        self.status(f"{self.label}: {format_number(done)}/{format_number(total)} ({percent}%)")

    def status(self, text: str) -> None:
        if self.enabled:
            # \r and erase-line rewrite one line; only ever written to a terminal.
            sys.stderr.write("\r\x1b[K" + display_safe(text))
            sys.stderr.flush()
            self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.shown = False


# -- command-line value types (argparse turns their errors into exit 2) ---------------------


def parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("{value!r} is not a date (YYYY-MM-DD)").format(value=value)) from None


def parse_day_or_none(value: str) -> date | None:
    if value.strip().casefold() in ("none", "-"):
        return None
    return parse_day(value)


def whole_number(value: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("{value!r} is not a whole number").format(value=value)) from None


def non_negative(value: str) -> int:
    number = whole_number(value)
    if number < 0:
        raise argparse.ArgumentTypeError(_("{value!r} must be 0 or more").format(value=value))
    return number


def positive(value: str) -> int:
    number = whole_number(value)
    if number < 1:
        raise argparse.ArgumentTypeError(_("{value!r} must be 1 or more").format(value=value))
    return number


def fit_rating(value: str) -> int:
    number = whole_number(value)
    if not 1 <= number <= 5:
        raise argparse.ArgumentTypeError(_("fit must be 1 to 5, not {value!r}").format(value=value))
    return number


def demo_size(value: str) -> int:
    number = whole_number(value)
    if not 1 <= number <= MAX_DEMO_ORGANIZATIONS:
        raise argparse.ArgumentTypeError(
            _("choose 1 to {max} organizations, not {value!r}").format(
                max=format_number(MAX_DEMO_ORGANIZATIONS), value=value
            )
        )
    return number


def choice_key(value: str) -> str:
    """``not-a-fit`` and ``not_a_fit`` both name the stored value ``not_a_fit``."""
    return value.strip().casefold().replace("-", "_")


def attendance_item(value: str) -> tuple[str, int]:
    """``ORG`` or ``ORG:ATTENDEES``; a name whose part after the last colon is not a number is kept whole."""
    ref, sep, count = value.rpartition(":")
    if not sep or not count.strip().isdigit() or not ref.strip():
        return value, 1
    attendees = int(count)
    if not 1 <= attendees <= MAX_ATTENDEES:
        raise argparse.ArgumentTypeError(
            _("attendees must be 1 to {max}, not {count!r}").format(max=format_number(MAX_ATTENDEES), count=count)
        )
    return ref, attendees


# -- board files ----------------------------------------------------------------------------


def board_path(args: argparse.Namespace) -> Path:
    if getattr(args, "demo", False):
        return demo_board_path()
    return resolve_board_path(getattr(args, "db", None))


def open_repo(args: argparse.Namespace) -> Repository:
    if getattr(args, "demo", False):
        return open_demo_board()
    return Repository.open(board_path(args))


def create_board(path: Path, *, shared: bool = False, fill: Callable[[Repository], object] | None = None) -> None:
    """Make a new board at ``path``, filled by ``fill``, only if ``path`` does not exist.

    The board is built under a temporary name and linked into place: a file another
    shell created meanwhile is never added to or replaced, and an interrupted or
    refused build leaves nothing at ``path``.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise StoreFileError(
            str(path),
            _("Cannot create the folder {folder}: {reason}.").format(folder=folder, reason=error.strerror or error),
        ) from None
    if path.exists():
        raise BoardExists(path)
    temp = folder / f".{path.name}.new-{secrets.token_hex(4)}"
    try:
        repo = Repository.open(temp, create=True, shared=shared)
        if fill is not None:
            fill(repo)
        try:
            os.link(temp, path)
        except FileExistsError:
            raise BoardExists(path) from None
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise StoreFileError(
                    str(path), _("Cannot write {path}: {reason}.").format(path=path, reason=error.strerror or error)
                ) from None
            # No hard links on this file system: the narrow check-then-rename window is the best left.
            if path.exists():
                raise BoardExists(path) from None
            os.replace(temp, path)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    finally:
        for leftover in (temp, lock_path(temp)):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def build_demo_board(repo: Repository, organizations: int, seed: int) -> Campaign:
    progress = Progress(_("Building the demo board"))
    try:
        campaign = build_demo(repo, organizations=organizations, seed=seed, progress=progress)
    finally:
        progress.finish()
    return campaign


def open_demo_board() -> Repository:
    """The demo board, kept apart from real data, built on first use."""
    path = demo_board_path()
    if not path.exists():
        try:
            create_board(path, fill=lambda repo: build_demo_board(repo, DEMO_ORGANIZATIONS, 7))
            note(_("Created the demo board at {path}.").format(path=path))
        except BoardExists:
            pass  # another shell built it a moment ago
    return Repository.open(path)


def campaign_of(repo: Repository, ref: str | None) -> Campaign:
    if ref:
        return repo.campaign(ref)
    campaign = repo.default_campaign()
    if campaign is None:
        raise Refused(
            _("{path} has no campaign yet; create one with: outreach-tui campaign add NAME").format(path=repo.path)
        )
    return campaign


def stage_label(campaign: Campaign, key: str) -> str:
    stage = campaign.stage(key)
    return stage.label if stage else key


def workers_text(count: int) -> str:
    return ngettext("{n} worker", "{n} workers", count).format(n=format_number(count))


def organizations_text(count: int) -> str:
    return ngettext("{n} organization", "{n} organizations", count).format(n=format_number(count))


# -- the board ------------------------------------------------------------------------------


def cmd_board(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaign = campaign_of(repo, args.campaign) if getattr(args, "campaign", None) else repo.default_campaign()
    campaign_id = campaign.id if campaign else None
    if not interactive():
        gc.disable()  # printing is one-shot too (main turns collection back on)
        out_lines(board_lines(repo, campaign))
        return EXIT_OK
    try:
        # Imported here: Textual takes longer to load than a whole scripting command.
        from .app import OutreachApp
    except ModuleNotFoundError as error:
        if error.name != f"{__package__}.app":
            raise
        out_lines(board_lines(repo, campaign))
        note(_("(The interactive board is not part of this installation; the board is printed as text.)"))
        return EXIT_OK
    OutreachApp(repo, campaign_id).run()
    return EXIT_OK


def card_line(card: Card) -> str:
    org = card.organization
    parts = [org.name]
    if org.place.label():
        parts.append(org.place.label())
    parts.append(workers_text(org.workers))
    if card.placement.next_follow_up:
        parts.append(_("follow up {date}").format(date=format_date(card.placement.next_follow_up)))
    parts.append(org.id)
    return "  " + " · ".join(parts)


def board_lines(repo: Repository, campaign: Campaign | None) -> list[str]:
    """The board as text: per column its label, card count and workers reached, then its cards."""
    if campaign is None:
        return [_("{path} has no campaign yet; create one with: outreach-tui campaign add NAME").format(path=repo.path)]
    board = repo.board(campaign.id)
    lines = [campaign.name]
    for column in board.columns:
        lines.append("")
        lines.append(
            f"{column.stage.label} · {organizations_text(len(column.cards))} · "
            + _("{workers} reached").format(workers=workers_text(column.workers))
        )
        lines.extend(card_line(card) for card in column.cards)
    if board.off_board:
        lines.append("")
        lines.append(
            _("Off the board · {organizations}").format(organizations=organizations_text(len(board.off_board)))
        )
        for card in board.off_board:
            state = card.placement.off_board
            reason = f"{off_board_label(state.state)}: {state.reason}" if state else ""
            lines.append(f"  {card.organization.name} · {reason} · {card.id}")
    return lines


# -- files ----------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    path = board_path(args)

    def fill(repo: Repository) -> None:
        if args.campaign:
            repo.create_campaign(args.campaign)

    try:
        create_board(path, shared=args.shared, fill=fill)
    except BoardExists:
        raise Refused(_("{path} already exists; nothing was changed.").format(path=path)) from None
    mode = "0660" if args.shared else "0600"
    note(_("Created the board file {path} (mode {mode}).").format(path=path, mode=mode))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    # Without an explicit target the demo goes to the demo board, never to where real data belongs.
    explicit = getattr(args, "db", None) or os.environ.get(DB_VARIABLE, "").strip()
    path = resolve_board_path(getattr(args, "db", None)) if explicit else demo_board_path()
    built: list[Campaign] = []
    try:
        create_board(path, fill=lambda repo: built.append(build_demo_board(repo, args.orgs, args.seed)))
    except BoardExists:
        raise Refused(
            _("{path} already exists; the demo never writes over a board file. Choose another --db.").format(path=path)
        ) from None
    note(
        _("Wrote a demo board with {organizations} to {path} (campaign: {campaign}).").format(
            organizations=organizations_text(args.orgs), path=path, campaign=built[0].name
        )
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    # Opening defers validating the history; a check must cover every record.
    repo.finish_loading()
    counts = repo.counts()
    out(_("{path} is a valid outreach-tui board.").format(path=repo.path))
    for label, value in (
        (_("campaigns"), counts.campaigns),
        (_("organizations"), counts.organizations),
        (_("archived organizations"), counts.archived),
        (_("cards"), counts.placements),
        (_("visits"), counts.visits),
        (_("trainings"), counts.trainings),
        (_("history events"), counts.events),
        (_("users"), counts.users),
    ):
        out(f"  {label}: {format_number(value)}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    if args.schema:
        dump_json(snapshot_schema())
        return EXIT_OK
    repo = open_repo(args)
    campaign = campaign_of(repo, args.campaign)
    if args.output == "-":
        sys.stdout.buffer.write(snapshot_bytes(repo, campaign.id))
        sys.stdout.flush()
        return EXIT_OK
    target = folder = None
    if args.output:
        chosen = Path(args.output).expanduser()
        if chosen.is_dir():
            folder = chosen
        else:
            target = chosen
            if target.exists() and not args.force:
                raise Refused(_("{path} already exists; pass --force to replace it.").format(path=target))
    try:
        written = write_snapshot(repo, campaign.id, target=target, folder=folder, force=args.force, unique=False)
    except StoreFileError as error:
        if not args.force and Path(error.path).exists():
            # The name was taken (the default name within the same minute, or a race): refused, not a file failure.
            raise Refused(str(error)) from None
        raise
    note(_("Board snapshot written to {path}").format(path=written))
    return EXIT_OK


def read_input(source: str) -> bytes:
    try:
        if source == "-":
            return sys.stdin.buffer.read()
        return Path(source).expanduser().read_bytes()
    except OSError as error:
        raise Refused(
            _("Cannot read {file}: {reason}. Nothing was imported.").format(file=source, reason=error.strerror or error)
        ) from None


def cmd_import(args: argparse.Namespace) -> int:
    source = args.file
    status = Progress(_("Importing"))
    data = read_input(source)
    status.enabled = status.enabled and len(data) >= IMPORT_STATUS_BYTES
    label = "stdin" if source == "-" else source
    try:
        status.status(_("Checking {file} ({size} MB)…").format(file=label, size=format_number(len(data) // 1_000_000)))
        snapshot = parse_snapshot(data, label)
        organizations = sum(len(column.organizations) for column in snapshot.columns) + len(snapshot.off_board)
        path = board_path(args)
        if args.dry_run:
            status.status(_("Trying the import on a copy of the board…"))
            result = dry_run_import(args, path, snapshot, label)
        else:
            status.status(_("Importing {organizations}…").format(organizations=organizations_text(organizations)))
            result = import_into(args, path, snapshot, label)
    finally:
        status.finish()
    counts = _("{added} added, {updated} updated, {unchanged} unchanged").format(
        added=format_number(result.added),
        updated=format_number(result.updated),
        unchanged=format_number(result.unchanged),
    )
    if args.dry_run:
        out(
            _(
                "{file} is valid ({organizations} in campaign {campaign}). Importing it into {path} would give: {counts}. "
                "Nothing was written."
            ).format(
                file=label,
                organizations=organizations_text(organizations),
                campaign=snapshot.campaign.name,
                path=path,
                counts=counts,
            )
        )
    else:
        out(_("Imported {file} into {path}: {counts}.").format(file=label, path=path, counts=counts))
    return EXIT_OK


def import_into(args: argparse.Namespace, path: Path, snapshot: BoardSnapshot, source: str) -> ImportResult:
    """Import, creating the board file when missing (restoring a backup into a new file)."""
    if not getattr(args, "demo", False) and not path.exists():
        results: list[ImportResult] = []
        try:
            create_board(path, fill=lambda repo: results.append(import_snapshot(repo, snapshot, source)))
            return results[0]
        except BoardExists:
            pass  # created by another shell meanwhile: import into it like any board
    return import_snapshot(open_repo(args), snapshot, source)


def dry_run_import(args: argparse.Namespace, path: Path, snapshot: BoardSnapshot, source: str) -> ImportResult:
    """What importing would do, learned by importing into a private copy of the board."""
    # Opening the real file first makes any problem with it name the real path.
    exists = getattr(args, "demo", False) or path.exists()
    if exists:
        open_repo(args).finish_loading()
    with tempfile.TemporaryDirectory(prefix="outreach-tui-dry-run-") as scratch:
        copy = Path(scratch) / "board.json"
        if exists:
            shutil.copyfile(board_path(args), copy)
            repo = Repository.open(copy)
        else:
            repo = Repository.open(copy, create=True)
        return import_snapshot(repo, snapshot, source)


# -- campaigns ------------------------------------------------------------------------------


def campaign_status_label(status: str) -> str:
    return {"planning": _("planning"), "active": _("active"), "completed": _("completed")}.get(status, status)


def cmd_campaign_list(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaigns = repo.campaigns()
    if args.json:
        dump_json([campaign.model_dump(mode="json") for campaign in campaigns])
        return EXIT_OK
    if not campaigns:
        note(_("No campaigns yet; create one with: outreach-tui campaign add NAME"))
        return EXIT_OK
    default = repo.default_campaign()
    lines = []
    for campaign in campaigns:
        marker = "  " + _("(default)") if default and campaign.id == default.id else ""
        stages = " → ".join(stage.label for stage in campaign.stages)
        lines.append(f"{campaign.id}  {campaign_status_label(campaign.status):<9}  {campaign.name}  [{stages}]{marker}")
    out_lines(lines)
    return EXIT_OK


def cmd_campaign_add(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    goals = {"active_partners": args.target_partners, "workers_reached": args.target_workers}
    campaign = repo.create_campaign(args.name, description=args.description, goals=goals, status=args.status)
    out(campaign.id)
    note(
        _("Created campaign {name} ({status}).").format(
            name=campaign.name, status=campaign_status_label(campaign.status)
        )
    )
    return EXIT_OK


# -- organizations --------------------------------------------------------------------------


def add_org_field_options(parser: argparse.ArgumentParser) -> None:
    fields = parser.add_argument_group(_("organization fields"))
    fields.add_argument("--alias", action="append", metavar="A", help=_("acronym or short name (repeat for more)"))
    fields.add_argument(
        "--type",
        type=choice_key,
        choices=ORGANIZATION_TYPES,
        metavar="T",
        help=_("one of: {choices}").format(choices=", ".join(ORGANIZATION_TYPES)),
    )
    fields.add_argument("--country", metavar="X", help=_("country, e.g. México"))
    fields.add_argument("--state", metavar="X", help=_("state or department, e.g. Chiapas"))
    fields.add_argument("--municipality", metavar="X", help=_("municipality or city"))
    fields.add_argument(
        "--legal",
        type=choice_key,
        choices=LEGAL_CAPACITIES,
        metavar="L",
        help=_("legal capacity, one of: {choices}").format(choices=", ".join(LEGAL_CAPACITIES)),
    )
    fields.add_argument(
        "--outreach",
        type=choice_key,
        choices=OUTREACH_CAPACITIES,
        metavar="O",
        help=_("outreach capacity, one of: {choices}").format(choices=", ".join(OUTREACH_CAPACITIES)),
    )
    fields.add_argument(
        "--education",
        type=choice_key,
        choices=TRISTATES,
        metavar="yes|no|unknown",
        help=_("runs a grassroots human-rights education program"),
    )
    fields.add_argument("--education-note", metavar="TEXT", help=_("a word on that program"))
    fields.add_argument(
        "--migrants", type=choice_key, choices=TRISTATES, metavar="yes|no|unknown", help=_("works with migrants")
    )
    fields.add_argument("--language", action="append", metavar="L", help=_("language served (repeat for more)"))
    fields.add_argument("--workers", type=non_negative, metavar="N", help=_("estimated workers reached"))
    fields.add_argument("--workers-basis", metavar="TEXT", help=_("where that estimate comes from"))
    fields.add_argument("--tag", action="append", metavar="T", help=_("tag (repeat for more)"))
    fields.add_argument("--notes", metavar="TEXT", help=_("free notes (may span lines)"))
    fields.add_argument(
        "--contact",
        action="append",
        metavar="'NAME;ROLE;PHONE;EMAIL'",
        help=_("a staff contact (never a worker); ROLE, PHONE and EMAIL may be left out (repeat for more)"),
    )


def given_list(values: list[str] | None) -> list[str] | None:
    # An empty value (--tag "") clears the list on edit.
    return None if values is None else [value for value in values if value.strip()]


def org_fields(args: argparse.Namespace, current: Organization | None = None) -> dict[str, Any]:
    """Model-shaped fields from the options given (only those given, for an edit)."""
    fields: dict[str, Any] = {}
    if getattr(args, "name", None) is not None:
        fields["name"] = args.name
    for option, name in (("alias", "aliases"), ("language", "languages"), ("tag", "tags")):
        values = given_list(getattr(args, option))
        if values is not None:
            fields[name] = values
    for option, name in (
        ("type", "type"),
        ("legal", "legal_capacity"),
        ("outreach", "outreach_capacity"),
        ("education", "education_program"),
        ("education_note", "education_note"),
        ("migrants", "works_with_migrants"),
        ("notes", "notes"),
    ):
        value = getattr(args, option)
        if value is not None:
            fields[name] = value
    place = {key: getattr(args, key) for key in ("country", "state", "municipality") if getattr(args, key) is not None}
    if place:
        fields["place"] = {**(current.place.model_dump() if current else {}), **place}
    if args.workers is not None or args.workers_basis is not None:
        workers = current.workers_reached.model_dump(mode="json") if current and current.workers_reached else {}
        if args.workers is not None:
            workers.update(estimate=args.workers, as_of=date.today().isoformat())
        if args.workers_basis is not None:
            workers["basis"] = args.workers_basis
        if "estimate" not in workers:
            raise Refused(_("--workers-basis needs --workers: there is no estimate yet."))
        fields["workers_reached"] = workers
    contacts = given_list(args.contact)
    if contacts is not None:
        fields["contacts"] = [contact_fields(text) for text in contacts]
    return fields


def contact_fields(text: str) -> dict[str, str]:
    parts = [part.strip() for part in text.split(";")]
    if len(parts) > 4:
        raise Refused(_("--contact takes at most NAME;ROLE;PHONE;EMAIL, not {text!r}.").format(text=text))
    return dict(zip(("name", "role", "phone", "email"), parts, strict=False))


def resolve_stage(campaign: Campaign, wanted: str) -> str:
    key = next((s.key for s in campaign.stages if wanted == s.key or fold(wanted) == fold(s.label)), None)
    if key is None:
        stages = ", ".join(f"{s.key} ({s.label})" for s in campaign.stages)
        raise Refused(
            _("Campaign {campaign} has no stage {stage!r}; its stages are: {stages}.").format(
                campaign=campaign.name, stage=wanted, stages=stages
            )
        )
    return key


def org_json(card: Card) -> dict[str, Any]:
    return {
        **card.organization.model_dump(mode="json"),
        "card": card.placement.model_dump(mode="json", exclude={"organization_id", "campaign_id"}),
    }


def cmd_org_list(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaign = campaign_of(repo, args.campaign)
    board = repo.board(campaign.id)
    cards = list(board.off_board) if args.off_board else [card for column in board.columns for card in column.cards]
    if args.stage:
        key = resolve_stage(campaign, args.stage)
        cards = [card for card in cards if card.placement.stage == key]
    if args.search:
        wanted = fold(args.search.strip())
        cards = [card for card in cards if card.matches(wanted)]
    if args.json:
        dump_json([org_json(card) for card in cards])
        return EXIT_OK
    lines = []
    for card in cards:
        org, placement = card.organization, card.placement
        where = f" · {org.place.label()}" if org.place.label() else ""
        if placement.off_board:
            state = f"{off_board_label(placement.off_board.state)}: {placement.off_board.reason}"
            lines.append(f"{org.id}  {org.name}{where} · {state}")
        else:
            label = stage_label(campaign, placement.stage)
            lines.append(f"{org.id}  {label:<15}  {org.name}{where} · {workers_text(org.workers)}")
    out_lines(lines)
    if sys.stderr.isatty():
        note(
            _("{organizations} in {campaign}").format(
                organizations=organizations_text(len(cards)), campaign=campaign.name
            )
        )
    return EXIT_OK


def cmd_org_show(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    only = repo.campaign(args.campaign).id if args.campaign else None
    placements = [p for p in repo.placements_of(org.id) if only is None or p.campaign_id == only]
    visits = repo.visits(organization_id=org.id, campaign_id=only)
    trainings = repo.trainings(organization_id=org.id, campaign_id=only)
    history = repo.history(organization_id=org.id, campaign_id=only, limit=args.limit)
    if args.json:
        dump_json(
            {
                **org.model_dump(mode="json"),
                "cards": [p.model_dump(mode="json") for p in placements],
                "visits": [v.model_dump(mode="json") for v in visits],
                "trainings": [t.model_dump(mode="json") for t in trainings],
                "history": [e.model_dump(mode="json") for e in history],
            }
        )
        return EXIT_OK
    out_lines(organization_lines(repo, org, placements, visits, trainings, history, one_campaign=only is not None))
    return EXIT_OK


def organization_lines(
    repo: Repository,
    org: Organization,
    placements: list[Placement],
    visits: list[Visit],
    trainings: list[Training],
    history: list[Event],
    *,
    one_campaign: bool,
) -> list[str]:
    def field(label: str, value: str) -> None:
        if value:
            lines.append(f"  {label}: {value}")

    def block(label: str, text: str) -> None:
        if text:
            lines.append(f"  {label}:")
            lines.extend(f"    {line}" for line in text.splitlines())

    lines = [f"{org.name}  ({org.id})"]
    if org.archived:
        lines.append("  " + _("ARCHIVED: hidden from every board"))
    field(_("Also known as"), ", ".join(org.aliases))
    field(_("Type"), organization_type_label(org.type))
    field(_("Place"), org.place.label())
    field(_("Legal capacity"), legal_capacity_label(org.legal_capacity))
    field(_("Outreach capacity"), outreach_capacity_label(org.outreach_capacity))
    education = tristate_label(org.education_program)
    field(_("Education program"), f"{education} ({org.education_note})" if org.education_note else education)
    field(_("Works with migrants"), tristate_label(org.works_with_migrants))
    field(_("Languages"), ", ".join(org.languages))
    if org.workers_reached:
        reached = org.workers_reached
        as_of = _("as of {date}").format(date=format_date(reached.as_of)) if reached.as_of else ""
        details = [part for part in (reached.basis, as_of) if part]
        field(_("Workers reached"), workers_text(reached.estimate) + (f" ({'; '.join(details)})" if details else ""))
    field(_("Tags"), ", ".join(org.tags))
    block(_("Notes"), org.notes)
    if org.contacts:
        lines.append("  " + _("Contacts") + ":")
        for contact in org.contacts:
            parts = (contact.name, contact.role, contact.phone, contact.email)
            lines.append("    " + " · ".join(part for part in parts if part))
    lines.append(
        "  "
        + _("Added {added} · changed {changed} · version {version}").format(
            added=format_datetime(org.created_at), changed=format_datetime(org.updated_at), version=org.version
        )
    )
    lines.append("")
    lines.append(_("Cards"))
    if not placements:
        lines.append("  " + (_("not on this campaign's board") if one_campaign else _("not on any campaign's board")))
    for placement in placements:
        campaign = repo.campaign(placement.campaign_id)
        stage = stage_label(campaign, placement.stage)
        if placement.off_board:
            state = _("off the board ({state}: {reason}), left from {stage}").format(
                state=off_board_label(placement.off_board.state), reason=placement.off_board.reason, stage=stage
            )
        else:
            state = _("{stage} since {date}").format(stage=stage, date=format_date(placement.stage_since.date()))
        extras = [state]
        if placement.owner:
            extras.append(_("owner {owner}").format(owner=placement.owner))
        if placement.next_follow_up:
            extras.append(_("next follow-up {date}").format(date=format_date(placement.next_follow_up)))
        lines.append(f"  {campaign.name}: " + " · ".join(extras))
    if visits:
        lines.append("")
        lines.append(_("Visits ({n})").format(n=format_number(len(visits))))
    for visit in visits:
        who = ", ".join(visit.visitors)
        lines.append(
            f"  {format_date(visit.date)}  " + _("fit {fit}/5").format(fit=visit.fit) + (f" · {who}" if who else "")
        )
        if visit.people_met:
            lines.append("    " + _("Met: {people}").format(people=", ".join(visit.people_met)))
        lines.extend(f"    {line}" for line in visit.findings.splitlines())
        if visit.recommendation:
            lines.append("    " + _("Recommendation: {text}").format(text=visit.recommendation))
        if visit.next_follow_up:
            lines.append("    " + _("Next follow-up: {date}").format(date=format_date(visit.next_follow_up)))
    if trainings:
        lines.append("")
        lines.append(_("Trainings ({n})").format(n=format_number(len(trainings))))
    for training in trainings:
        attendees = next((a.attendees for a in training.attendance if a.organization_id == org.id), 0)
        parts = [
            format_date(training.date),
            training.topic,
            training.place,
            ngettext("{n} attendee", "{n} attendees", attendees).format(n=attendees),
        ]
        if training.trainers:
            parts.append(_("trainers: {names}").format(names=", ".join(training.trainers)))
        lines.append("  " + " · ".join(part for part in parts if part))
    if history:
        lines.append("")
        lines.append(_("Recent history"))
    lines.extend(f"  {format_datetime(e.at)}  {e.actor_label()}  {describe_event(e, repo)}" for e in history)
    return lines


def cmd_org_add(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaign = None
    if not args.no_card:
        campaign = repo.campaign(args.campaign) if args.campaign else repo.default_campaign()
    card_options = args.stage is not None or args.owner is not None or args.follow_up is not None
    if campaign is None and card_options:
        raise Refused(
            _(
                "--stage, --owner and --follow-up describe a card, but there is no campaign to put it on. Nothing was added."
            )
        )
    stage = resolve_stage(campaign, args.stage) if campaign and args.stage else None
    org = repo.add_organization(
        org_fields(args),
        campaign_id=campaign.id if campaign else None,
        stage=stage,
        owner=args.owner,
        next_follow_up=args.follow_up,
    )
    out(org.id)
    if campaign:
        placement = repo.placement(org.id, campaign.id)
        note(
            _("Added {org} to {campaign}, in {stage}.").format(
                org=org.name, campaign=campaign.name, stage=stage_label(campaign, placement.stage)
            )
        )
    else:
        note(_("Added {org} (not on any campaign's board).").format(org=org.name))
    return EXIT_OK


def cmd_org_edit(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    fields = org_fields(args, org)
    card_changes: dict[str, Any] = {}
    if args.owner is not None:
        card_changes["owner"] = args.owner
    if args.follow_up is not None:
        card_changes["next_follow_up"] = None if args.follow_up == "none" else args.follow_up
    if not fields and not card_changes:
        raise Refused(_("Nothing to change: give at least one field option (see outreach-tui org edit --help)."))
    campaign = campaign_of(repo, args.campaign) if card_changes else None
    if campaign is not None:
        repo.placement(org.id, campaign.id)  # refuse before changing anything if there is no card
    if fields:
        # The version read above: a change another shell made since is reported, not overwritten.
        org = repo.update_organization(org.id, fields, expected_version=org.version)
    if campaign is not None:
        repo.edit_card(org.id, campaign_id=campaign.id, changes=card_changes)
    note(_("Saved {org}.").format(org=org.name))
    return EXIT_OK


def follow_up_option(value: str) -> date | str:
    day = parse_day_or_none(value)
    return "none" if day is None else day


def cmd_org_move(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    campaign = campaign_of(repo, args.campaign)
    placement = repo.move(org.id, args.to, campaign_id=campaign.id, reason=args.reason or "")
    note(
        _("{org} is now in {stage} ({campaign}).").format(
            org=org.name, stage=stage_label(campaign, placement.stage), campaign=campaign.name
        )
    )
    return EXIT_OK


def cmd_org_off_board(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    campaign = campaign_of(repo, args.campaign)
    repo.set_off_board(org.id, campaign_id=campaign.id, state=args.state, reason=args.reason)
    note(
        _("{org} is off the board of {campaign}: {state}.").format(
            org=org.name, campaign=campaign.name, state=off_board_label(args.state)
        )
    )
    return EXIT_OK


def cmd_org_restore(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    campaign = campaign_of(repo, args.campaign)
    placement = repo.restore(org.id, campaign_id=campaign.id, stage=args.to)
    note(
        _("{org} is back on the board of {campaign}, in {stage}.").format(
            org=org.name, campaign=campaign.name, stage=stage_label(campaign, placement.stage)
        )
    )
    return EXIT_OK


def cmd_org_archive(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    repo.archive_organization(org.id, reason=args.reason or "")
    note(_("Archived {org}: hidden from every board, kept in the file and its history.").format(org=org.name))
    return EXIT_OK


# -- visits, trainings, history -------------------------------------------------------------


def cmd_visit_add(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    campaign = campaign_of(repo, args.campaign)
    visit = repo.log_visit(
        {
            "organization_id": org.id,
            "campaign_id": campaign.id,
            "date": args.date,
            "visitors": given_list(args.visitor) or [repo.actor.label()],
            "people_met": given_list(args.met) or [],
            "findings": args.findings or "",
            "fit": args.fit,
            "recommendation": args.recommendation or "",
            "next_follow_up": args.next_follow_up,
        }
    )
    out(visit.id)
    note(_("Logged a visit to {org} on {date}.").format(org=org.name, date=format_date(visit.date)))
    return EXIT_OK


def cmd_training_add(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaign = campaign_of(repo, args.campaign)
    attendance = [
        {"organization_id": repo.find_organization(ref).id, "attendees": attendees} for ref, attendees in args.org
    ]
    training = repo.record_training(
        {
            "campaign_id": campaign.id,
            "date": args.date,
            "place": args.place or "",
            "trainers": given_list(args.trainer) or [repo.actor.label()],
            "topic": args.topic or "",
            "attendance": attendance,
        }
    )
    out(training.id)
    people = sum(item["attendees"] for item in attendance)
    note(
        _("Recorded a training on {date}: {people} from {organizations}, now {stage}.").format(
            date=format_date(training.date),
            people=ngettext("{n} person", "{n} people", people).format(n=format_number(people)),
            organizations=organizations_text(len(attendance)),
            stage=stage_label(campaign, campaign.training_stage),
        )
    )
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org_id = repo.find_organization(args.org).id if args.org else None
    campaign_id = repo.campaign(args.campaign).id if args.campaign else None
    events = repo.history(organization_id=org_id, campaign_id=campaign_id, limit=args.limit)
    if args.json:
        dump_json([event.model_dump(mode="json") for event in events])
        return EXIT_OK
    out_lines(f"{format_datetime(e.at)}  {e.actor_label()}  {describe_event(e, repo)}" for e in events)
    return EXIT_OK


def cmd_undo(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    result = repo.undo()
    out(_("Undone: {what}").format(what=result.description))
    return EXIT_OK


# -- users ----------------------------------------------------------------------------------


def cmd_users_list(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    users = repo.users()
    if not users:
        note(_("No users are set: everyone who can open the file is a coordinator."))
    out_lines(f"{user.login}  {role_label(user.role)}" for user in users)
    note(_("You are {login} ({role}).").format(login=repo.actor.label(), role=role_label(repo.role())))
    return EXIT_OK


def cmd_users_add(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    user = repo.set_user(args.name, args.role)
    note(_("{login} is a {role} on this board.").format(login=user.login, role=role_label(user.role)))
    return EXIT_OK


def cmd_users_remove(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    repo.remove_user(args.name)
    note(_("Removed {login}.").format(login=args.name))
    return EXIT_OK


# -- argument parsing -----------------------------------------------------------------------


def exit_codes_text() -> str:
    return "\n".join(
        [
            _("Board file: --db PATH, else ${variable}, else ${default}.")
            .replace("${variable}", "$" + DB_VARIABLE)
            .replace("${default}", str(default_board_path())),
            "",
            _("Exit codes:"),
            "  0    " + _("success"),
            "  1    " + _("refused: not found, ambiguous, invalid, conflict, not allowed, nothing to undo"),
            "  2    " + _("bad command line (nothing was changed)"),
            "  3    "
            + _("the board file cannot be used: missing, invalid, newer version, locked too long, write failed"),
            "  130  " + _("interrupted"),
        ]
    )


def epilog(examples: Sequence[str]) -> str:
    lines = [_("Examples:"), *(f"  {example}" for example in examples), ""] if examples else []
    return "\n".join([*lines, exit_codes_text()])


class HelpFormatter(argparse.HelpFormatter):
    """Wraps prose to the terminal, but keeps indented lines (examples, exit codes) as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines: list[str] = []
        for line in text.splitlines():
            if not line.strip() or line.startswith(" "):
                lines.append(indent + line)
            else:
                lines.extend(textwrap.wrap(line, width, initial_indent=indent, subsequent_indent=indent))
        return "\n".join(lines)


class Parser(argparse.ArgumentParser):
    """argparse that reports errors as ``outreach-tui ...: message`` and exits 2."""

    def __init__(self, *args: Any, examples: Sequence[str] = (), **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs.setdefault("epilog", epilog(examples))
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        note(f"{self.prog}: {message}")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    # Parents: --db is accepted before and after the command. SUPPRESS keeps a later
    # parser from writing a default over a value given earlier.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=_("the board file to use"))

    def campaign_option(parser: argparse.ArgumentParser, help_text: str | None = None) -> None:
        parser.add_argument(
            "--campaign",
            metavar="C",
            default=argparse.SUPPRESS,
            help=help_text or _("campaign name or id (default: the newest active campaign)"),
        )
        parser.set_defaults(takes_campaign=True)

    parser = Parser(
        prog=PROG,
        description=_(
            "A terminal board for partner-outreach campaigns: organizations move Contacted → Trained → "
            "Active partner. Without a command, opens the board (printed as text when the output is not a terminal)."
        ),
        parents=[common],
        examples=[
            "outreach-tui                          # open the board",
            "outreach-tui --demo                   # try it on a demo board, apart from real data",
            "outreach-tui --db /srv/red/board.json --campaign 'Frontera norte'",
            "outreach-tui | less                   # the board as text",
            "outreach-tui COMMAND --help           # help on one command",
        ],
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("use the demo board (created on first use, kept apart from real data); also works before a command"),
    )
    parser.set_defaults(handler=cmd_board)
    campaign_option(parser, _("campaign to open (name or id)"))
    commands = parser.add_subparsers(title=_("commands"), metavar="COMMAND", parser_class=Parser)

    def command(
        sub,
        name: str,
        handler: Callable[[argparse.Namespace], int] | None,
        summary: str,
        description: str | None = None,
        examples: Sequence[str] = (),
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=summary, description=description or summary, parents=[common], examples=examples)
        p.set_defaults(handler=handler, takes_campaign=False)
        return p

    def actions(p: argparse.ArgumentParser) -> Any:
        return p.add_subparsers(title=_("actions"), metavar="ACTION", parser_class=Parser, required=True)

    # init
    p = command(
        commands,
        "init",
        cmd_init,
        _("create an empty board file"),
        _(
            "Create an empty board file (mode 0600, private to you; 0660 with --shared) and optionally a first "
            "campaign. Refused if the file exists."
        ),
        [
            "outreach-tui init --campaign 'Derechos laborales 2027'",
            "outreach-tui --db /srv/red/board.json init --shared",
        ],
    )
    p.add_argument(
        "--shared", action="store_true", help=_("group-readable and -writable (0660), for a team on one server")
    )
    p.add_argument("--campaign", metavar="NAME", default=argparse.SUPPRESS, help=_("also create a first campaign"))
    p.set_defaults(takes_campaign=True)

    # demo
    p = command(
        commands,
        "demo",
        cmd_demo,
        _("write a realistic demo board"),
        _(
            "Write a realistic demo board (invented organizations, visits, trainings and history) to --db, or to "
            "the separate demo board when neither --db nor ${variable} is set. Never writes over an existing file. "
            "Progress is shown on a terminal only."
        ).replace("${variable}", DB_VARIABLE),
        ["outreach-tui demo --db demo.json", "outreach-tui demo --db big.json --orgs 20000 --seed 3"],
    )
    p.add_argument(
        "--orgs",
        type=demo_size,
        default=DEMO_ORGANIZATIONS,
        metavar="N",
        help=_("number of organizations, 1 to 20,000 (default {n})").format(n=DEMO_ORGANIZATIONS),
    )
    p.add_argument("--seed", type=whole_number, default=7, metavar="S", help=_("the same seed gives the same board"))

    # check
    command(
        commands,
        "check",
        cmd_check,
        _("validate the board file and print counts"),
        _(
            "Read and validate every record of the board file and print how many of each it holds. "
            "Exit 3 with the explanation when the file cannot be used."
        ),
        ["outreach-tui check", "outreach-tui check --db backup.json || echo 'backup is damaged'"],
    )

    # export
    p = command(
        commands,
        "export",
        cmd_export,
        _("write a board snapshot (JSON) for reports and backups"),
        _(
            "Write one campaign's board snapshot: every organization with its card, the off-board ones, visits, "
            "trainings and history. The default file is board-<campaign>-<YYYYMMDD-HHMM>.json (UTC) in the "
            "current folder; an existing file is never replaced without --force. The file is written whole or "
            "not at all, readable only by you (0600); its path is printed on stderr."
        ),
        [
            "outreach-tui export",
            "outreach-tui export --campaign 'Frontera norte' -o reports/",
            "outreach-tui export -o board.json --force",
            "outreach-tui export -o - | jq '.columns[] | {stage, n: (.organizations | length)}'",
            "outreach-tui export --schema > board-snapshot.schema.json",
        ],
    )
    campaign_option(p)
    p.add_argument("-o", "--output", metavar="FILE", help=_("file or folder to write to, or - for standard output"))
    p.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    p.add_argument("--schema", action="store_true", help=_("print the snapshot format's JSON Schema instead"))

    # import
    p = command(
        commands,
        "import",
        cmd_import,
        _("import a board snapshot: all or nothing, safe to repeat"),
        _(
            "Import a board snapshot written by export. Every record is validated first; a bad one is reported "
            "with its position and field and nothing is written. Records are matched by id, so importing the same "
            "file twice changes nothing. Creates the board file if it does not exist (restoring a backup)."
        ),
        [
            "outreach-tui import board-derechos-laborales-20261124-1630.json",
            "outreach-tui import snapshot.json --dry-run",
            "outreach-tui --db restored.json import backup.json",
        ],
    )
    p.add_argument("file", metavar="FILE", help=_("snapshot file, or - for standard input"))
    p.add_argument("--dry-run", action="store_true", help=_("report what would change; write nothing"))

    # campaign
    group = command(
        commands,
        "campaign",
        None,
        _("list or add campaigns"),
        examples=["outreach-tui campaign list", "outreach-tui campaign add 'Frontera norte 2027' --target-partners 12"],
    )
    sub = actions(group)
    p = command(
        sub,
        "list",
        cmd_campaign_list,
        _("list campaigns, the default one marked"),
        examples=["outreach-tui campaign list", "outreach-tui campaign list --json"],
    )
    p.add_argument("--json", action="store_true", help=_("as JSON, every field"))
    p = command(
        sub,
        "add",
        cmd_campaign_add,
        _("create a campaign"),
        _("Create a campaign with the stages Contacted → Trained → Active partner; prints its id."),
        [
            "outreach-tui campaign add 'Frontera norte 2027' --target-partners 12 --target-workers 40000",
            "outreach-tui campaign add 'Oaxaca 2028' --status planning --description 'Istmo y costa'",
        ],
    )
    p.add_argument("name", metavar="NAME", help=_("the campaign's name"))
    p.add_argument("--description", default="", metavar="D", help=_("what the campaign is about"))
    p.add_argument("--target-partners", type=non_negative, metavar="N", help=_("goal: active partners"))
    p.add_argument(
        "--target-workers", type=non_negative, metavar="N", help=_("goal: workers reached by active partners")
    )
    p.add_argument(
        "--status",
        type=choice_key,
        choices=CAMPAIGN_STATUSES,
        default="active",
        metavar="STATUS",
        help=_("planning, active (default) or completed"),
    )

    # org
    group = command(
        commands,
        "org",
        None,
        _("list, show, add, edit, move and archive organizations"),
        _(
            "Organizations and their cards. ORG is an organization's id, exact name or unique alias (case and "
            "accents ignored); the campaign defaults to the newest active one."
        ),
        ["outreach-tui org list --stage trained", "outreach-tui org move CMB --to trained"],
    )
    sub = actions(group)
    p = command(
        sub,
        "list",
        cmd_org_list,
        _("list the organizations on a campaign's board"),
        _("List the organizations on a campaign's board in board order (one line each), or those taken off it."),
        [
            "outreach-tui org list",
            "outreach-tui org list --stage 'Active partner'",
            "outreach-tui org list --search juarez --json",
            "outreach-tui org list --off-board",
        ],
    )
    campaign_option(p)
    p.add_argument("--stage", metavar="S", help=_("only this stage (key or label)"))
    p.add_argument("--off-board", action="store_true", help=_("the organizations taken off the board instead"))
    p.add_argument("--search", metavar="Q", help=_("name, alias, place or tag contains Q; case and accents ignored"))
    p.add_argument("--json", action="store_true", help=_("as JSON: every organization field plus its card"))

    p = command(
        sub,
        "show",
        cmd_org_show,
        _("everything about one organization"),
        _(
            "All fields and contacts of an organization, its card on every campaign, its visits, trainings "
            "and recent history."
        ),
        ["outreach-tui org show CMB", "outreach-tui org show org-k3j9x0q2mz --json"],
    )
    p.add_argument("org", metavar="ORG", help=_("id, exact name or unique alias"))
    campaign_option(p, _("only this campaign's card, visits, trainings and history"))
    p.add_argument("--limit", type=positive, default=20, metavar="N", help=_("history entries to show (default 20)"))
    p.add_argument("--json", action="store_true", help=_("as JSON"))

    p = command(
        sub,
        "add",
        cmd_org_add,
        _("add an organization and its card"),
        _("Add an organization and put its card on the campaign's board (first stage unless --stage); prints its id."),
        [
            (
                "outreach-tui org add 'Casa del Migrante Belén' --alias CMB --type migrant-services \\\n"
                "      --state Coahuila --municipality Saltillo --legal cooperating-attorneys --migrants yes \\\n"
                "      --workers 1200 --language es --tag frontera --follow-up 2026-12-05"
            ),
            "id=$(outreach-tui org add 'Red Comunitaria Semilla' --stage trained --owner ana)",
        ],
    )
    p.add_argument("name", metavar="NAME", help=_("the organization's name"))
    add_org_field_options(p)
    card = p.add_argument_group(_("its card"))
    card.add_argument(
        "--campaign",
        metavar="C",
        default=argparse.SUPPRESS,
        help=_("campaign name or id (default: the newest active one)"),
    )
    card.add_argument("--stage", metavar="S", help=_("stage key or label (default: the first stage)"))
    card.add_argument("--owner", metavar="O", help=_("coordinator responsible for the card (default: you)"))
    card.add_argument("--follow-up", type=parse_day, metavar="YYYY-MM-DD", help=_("next follow-up date"))
    card.add_argument("--no-card", action="store_true", help=_("put it on no board"))
    p.set_defaults(takes_campaign=True)

    p = command(
        sub,
        "edit",
        cmd_org_edit,
        _("change fields of an organization"),
        _(
            "Change the fields given; the others stay. A repeatable option replaces the whole list "
            "(--tag '' empties it). --owner and --follow-up change the card on the campaign. A change someone "
            "else made meanwhile is reported, not overwritten."
        ),
        [
            "outreach-tui org edit CMB --notes 'Two lawyers on staff' --outreach regional",
            "outreach-tui org edit CMB --tag frontera --tag salud",
            "outreach-tui org edit CMB --follow-up 2027-01-15 --owner luis",
            "outreach-tui org edit CMB --follow-up none",
        ],
    )
    p.add_argument("org", metavar="ORG", help=_("id, exact name or unique alias"))
    p.add_argument("--name", help=_("new name"))
    add_org_field_options(p)
    card = p.add_argument_group(_("its card"))
    card.add_argument(
        "--campaign",
        metavar="C",
        default=argparse.SUPPRESS,
        help=_("campaign name or id (default: the newest active one)"),
    )
    card.add_argument("--owner", metavar="O", help=_("coordinator responsible for the card"))
    card.add_argument(
        "--follow-up", type=follow_up_option, metavar="YYYY-MM-DD|none", help=_("next follow-up date, or none")
    )
    p.set_defaults(takes_campaign=True)

    p = command(
        sub,
        "move",
        cmd_org_move,
        _("move an organization's card to a stage"),
        _("Move an organization's card to another stage; recorded in the history with who, when and why."),
        [
            "outreach-tui org move CMB --to trained",
            ("outreach-tui org move 'Casa del Migrante Belén' --to active --reason 'Signed the partnership agreement'"),
        ],
    )
    p.add_argument("org", metavar="ORG", help=_("id, exact name or unique alias"))
    p.add_argument(
        "--to", required=True, metavar="STAGE", help=_("stage key or label, e.g. trained or 'Active partner'")
    )
    campaign_option(p)
    p.add_argument("--reason", metavar="TEXT", help=_("why, for the history"))

    p = command(
        sub,
        "off-board",
        cmd_org_off_board,
        _("take a card off the board, with a reason"),
        _(
            "Take an organization off the campaign's board as not a fit or paused; it stays findable "
            "(org list --off-board) with its reason."
        ),
        [
            "outreach-tui org off-board CMB --state not-a-fit --reason 'Focus is housing, not labor rights'",
            "outreach-tui org off-board CMB --state paused --reason 'Retomar en seis meses'",
        ],
    )
    p.add_argument("org", metavar="ORG", help=_("id, exact name or unique alias"))
    p.add_argument(
        "--state",
        required=True,
        type=choice_key,
        choices=("not_a_fit", "paused"),
        metavar="not-a-fit|paused",
        help=_("not-a-fit or paused"),
    )
    p.add_argument("--reason", required=True, metavar="TEXT", help=_("why (required)"))
    campaign_option(p)

    p = command(
        sub,
        "restore",
        cmd_org_restore,
        _("bring an off-board card back"),
        _("Bring an off-board organization back onto the board, to the stage it left from or to --to."),
        ["outreach-tui org restore CMB", "outreach-tui org restore CMB --to contacted"],
    )
    p.add_argument("org", metavar="ORG", help=_("id, exact name or unique alias"))
    p.add_argument("--to", metavar="STAGE", help=_("stage key or label (default: the stage it left from)"))
    campaign_option(p)

    p = command(
        sub,
        "archive",
        cmd_org_archive,
        _("hide an organization from every board"),
        _("Archive an organization: hidden from every board and list, kept in the file and its history."),
        ["outreach-tui org archive org-k3j9x0q2mz --reason 'Duplicate of CMB'"],
    )
    p.add_argument("org", metavar="ORG", help=_("id, exact name or unique alias"))
    p.add_argument("--reason", metavar="TEXT", help=_("why, for the history"))

    # visit
    group = command(
        commands,
        "visit",
        None,
        _("log follow-up visits"),
        examples=["outreach-tui visit add CMB --date 2026-11-20 --fit 4"],
    )
    sub = actions(group)
    p = command(
        sub,
        "add",
        cmd_visit_add,
        _("log a visit to an organization"),
        _(
            "Log a follow-up visit; prints its id. Its next follow-up date becomes the card's (as in the board's "
            "visit form: left out, the card's follow-up date is cleared)."
        ),
        [
            (
                "outreach-tui visit add CMB --date 2026-11-20 --fit 4 --visitor ana --visitor lucia \\\n"
                "      --met 'Dirección' --met 'Área jurídica' --findings 'Legal team of two' \\\n"
                "      --recommendation 'Invite to next training' --next-follow-up 2026-12-05"
            )
        ],
    )
    p.add_argument("org", metavar="ORG", help=_("id, exact name or unique alias"))
    p.add_argument("--date", type=parse_day, required=True, metavar="YYYY-MM-DD", help=_("when the visit took place"))
    p.add_argument(
        "--fit", type=fit_rating, required=True, metavar="1-5", help=_("fit, from 1 (poor) to 5 (excellent)")
    )
    p.add_argument("--visitor", action="append", metavar="V", help=_("who went (repeat for more; default: you)"))
    p.add_argument("--met", action="append", metavar="P", help=_("staff met (repeat for more)"))
    p.add_argument("--findings", metavar="TEXT", help=_("what the visit found"))
    p.add_argument("--recommendation", metavar="TEXT", help=_("the next step"))
    p.add_argument("--next-follow-up", type=parse_day, metavar="YYYY-MM-DD", help=_("when to follow up next"))
    campaign_option(p)

    # training
    group = command(
        commands,
        "training",
        None,
        _("record trainings"),
        examples=["outreach-tui training add --date 2026-11-21 --org CMB:3 --org 'Red Comunitaria Semilla'"],
    )
    sub = actions(group)
    p = command(
        sub,
        "add",
        cmd_training_add,
        _("record a training; every attending organization becomes Trained"),
        _(
            "Record one training event for many organizations; every attending organization moves to the "
            "training stage (organizations already further along stay where they are). Prints its id."
        ),
        [
            (
                "outreach-tui training add --date 2026-11-21 --org CMB:3 --org 'Red Comunitaria Semilla:2' \\\n"
                "      --trainer lucia --trainer pedro --place Tapachula --topic 'Derechos laborales básicos'"
            )
        ],
    )
    p.add_argument(
        "--date", type=parse_day, required=True, metavar="YYYY-MM-DD", help=_("when the training took place")
    )
    p.add_argument(
        "--org",
        action="append",
        required=True,
        type=attendance_item,
        metavar="ORG[:ATTENDEES]",
        help=_("an attending organization and how many of its people came (default 1); repeat for each"),
    )
    p.add_argument("--trainer", action="append", metavar="T", help=_("who trained (repeat for more; default: you)"))
    p.add_argument("--place", metavar="P", help=_("where"))
    p.add_argument("--topic", metavar="T", help=_("what it covered"))
    campaign_option(p)

    # history, undo
    p = command(
        commands,
        "history",
        cmd_history,
        _("print the history, newest first"),
        _("Print who changed what and when, newest first."),
        [
            "outreach-tui history --limit 20",
            "outreach-tui history --org CMB",
            "outreach-tui history --campaign 'Frontera norte' --json",
        ],
    )
    p.add_argument("--org", metavar="ORG", help=_("only this organization"))
    campaign_option(p, _("only this campaign"))
    p.add_argument("--limit", type=positive, default=50, metavar="N", help=_("at most N entries (default 50)"))
    p.add_argument("--json", action="store_true", help=_("as JSON"))

    command(
        commands,
        "undo",
        cmd_undo,
        _("undo your last change"),
        _(
            "Undo your own most recent change that is not undone yet (run again to go further back). Refused if "
            "someone changed the same record since."
        ),
        ["outreach-tui undo"],
    )

    # users
    group = command(
        commands,
        "users",
        None,
        _("who may do what on this board"),
        _(
            "Roles on this board file. With no users set, everyone who can open the file is a coordinator; "
            "once set, coordinators do everything, trainers record visits and trainings and move cards to "
            "Trained, viewers only look and export. Roles attach to login names."
        ),
        ["outreach-tui users add $(id -un) --role coordinator", "outreach-tui users add lucia --role trainer"],
    )
    sub = actions(group)
    command(sub, "list", cmd_users_list, _("list users and roles"), examples=["outreach-tui users list"])
    p = command(
        sub,
        "add",
        cmd_users_add,
        _("give a login name a role"),
        examples=["outreach-tui users add lucia --role trainer"],
    )
    p.add_argument("name", metavar="NAME", help=_("login name"))
    p.add_argument(
        "--role",
        required=True,
        type=choice_key,
        choices=ROLES,
        metavar="coordinator|trainer|viewer",
        help=_("coordinator, trainer or viewer"),
    )
    p = command(sub, "remove", cmd_users_remove, _("remove a user"), examples=["outreach-tui users remove lucia"])
    p.add_argument("name", metavar="NAME", help=_("login name"))
    return parser


# -- running a command ----------------------------------------------------------------------


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "campaign", None) and not args.takes_campaign:
        parser.error(_("--campaign does not apply to this command"))
    if args.demo and getattr(args, "db", None):
        parser.error(_("--demo and --db name two different board files; give one"))
    if args.demo and args.handler in (cmd_init, cmd_demo):
        parser.error(_("--demo cannot be combined with init or demo"))
    args.campaign = getattr(args, "campaign", None)
    return args


def quiet_stdout() -> None:
    """After the reader of our output went away (``| head``), drop what is left instead of failing again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file descriptor (a test's captured stdout)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code; never raises and never shows a traceback."""
    collecting = gc.isenabled()
    try:
        args = parse(argv)
        if args.handler is not cmd_board:
            # A one-shot command: the cyclic collector would only rescan the hundreds of
            # thousands of records of a large board again and again (a third of an export).
            gc.disable()
        return args.handler(args)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (EXIT_OK if exit_.code is None else EXIT_USAGE)
    except Refused as error:
        err(str(error))
        return EXIT_REFUSED
    except (StoreFileError, LockTimeoutError) as error:
        err(str(error))
        return EXIT_FILE
    except StoreError as error:
        err(str(error))
        return EXIT_REFUSED
    except KeyboardInterrupt:
        err(_("interrupted; the board file was not left half-written."))
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        quiet_stdout()
        return EXIT_OK
    except Exception as error:
        if os.environ.get(DEBUG_VARIABLE) == "1":
            traceback.print_exc()
        err(
            _(
                "internal error ({kind}: {message}). Board writes are all or nothing, so the file is intact. "
                "Run again with {variable}=1 to see the details, and please report them."
            ).format(kind=type(error).__name__, message=str(error)[:200], variable=DEBUG_VARIABLE)
        )
        return EXIT_REFUSED
    finally:
        if collecting:
            gc.enable()
