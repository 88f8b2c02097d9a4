"""The ``outreach-tui`` command: the board, and scriptable commands over the same store.

Exit codes scripts can trust:
  0  success
  1  the operation was refused (not found, ambiguous, invalid, conflict, not allowed, nothing to undo)
  2  bad command line
  3  the board file cannot be used (missing, invalid, newer schema, locked too long, write failed)
  130 interrupted
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, TextIO

import orjson

from store import (
    LockTimeoutError,
    Organization,
    Repository,
    StoreError,
    StoreFileError,
    describe_event,
)
from store.demo import build_demo
from store.i18n import _, format_datetime, format_number
from store.snapshot import import_snapshot, parse_snapshot, snapshot_schema
from store.text import display_safe

from .display import (
    LEGAL_CAPACITIES,
    ORGANIZATION_TYPES,
    OUTREACH_CAPACITIES,
    TRISTATES,
    off_board_label,
)
from .exporting import snapshot_bytes, write_snapshot
from .paths import DB_VARIABLE, demo_board_path, resolve_board_path

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_FILE = 3
EXIT_INTERRUPTED = 130
MAX_DEMO_ORGANIZATIONS = 20_000
DEMO_ORGANIZATIONS = 60

EPILOG = _(
    "Board file: --db PATH, else ${variable}, else board.json in your user data folder.\n"
    "Exit codes: 0 success; 1 refused (not found, invalid, conflict, not allowed); "
    "2 bad command line; 3 the board file cannot be used; 130 interrupted."
).replace("${variable}", DB_VARIABLE)


class UsageError(Exception):
    """A command-line value that argparse's types cannot check alone."""


# -- small helpers ------------------------------------------------------------------------


def out(text: str = "", stream: TextIO | None = None) -> None:
    """Print user data safely: escape sequences never reach the terminal."""
    print(display_safe(text, multiline=True), file=stream or sys.stdout)


def err(text: str) -> None:
    out(f"outreach-tui: {text}", sys.stderr)


def parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{value!r} is not a date (YYYY-MM-DD)").format(value=value)) from None


def non_negative(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{value!r} is not a whole number").format(value=value)) from None
    if number < 0:
        raise argparse.ArgumentTypeError(_("{value!r} must be 0 or more").format(value=value))
    return number


def fit_rating(value: str) -> int:
    number = non_negative(value)
    if not 1 <= number <= 5:
        raise argparse.ArgumentTypeError(_("fit must be 1 to 5"))
    return number


def demo_size(value: str) -> int:
    number = non_negative(value)
    if not 1 <= number <= MAX_DEMO_ORGANIZATIONS:
        raise argparse.ArgumentTypeError(_("choose 1 to {max}").format(max=format_number(MAX_DEMO_ORGANIZATIONS)))
    return number


class Progress:
    """A one-line progress counter on a terminal's stderr; silent when piped."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if self.enabled:
            percent = 100 * done // max(total, 1)
            sys.stderr.write(f"\r{self.label}: {format_number(done)}/{format_number(total)} ({percent}%)")
            sys.stderr.flush()
            self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


def open_repo(args: argparse.Namespace, *, create: bool = False) -> Repository:
    return Repository.open(resolve_board_path(getattr(args, "db", None)), create=create, shared=getattr(args, "shared", False))


def campaign_of(repo: Repository, ref: str | None):
    if ref:
        return repo.campaign(ref)
    campaign = repo.default_campaign()
    if campaign is None:
        raise UsageError(_("this board has no campaign yet; create one with 'outreach-tui campaign add NAME'"))
    return campaign


def dump_json(value: Any) -> None:
    sys.stdout.buffer.write(orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE))
    sys.stdout.flush()


# -- the board ----------------------------------------------------------------------------


def cmd_board(args: argparse.Namespace) -> int:
    if args.demo:
        path = demo_board_path()
        if not path.exists():
            repo = Repository.open(path, create=True)
            progress = Progress(_("Building the demo board"))
            build_demo(repo, organizations=DEMO_ORGANIZATIONS, progress=progress)
            progress.finish()
        repo = Repository.open(path)
    else:
        repo = open_repo(args)
    campaign = repo.campaign(args.campaign) if args.campaign else repo.default_campaign()
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print_board(repo, campaign.id if campaign else None)
        return EXIT_OK
    from .app import OutreachApp

    OutreachApp(repo, campaign.id if campaign else None).run()
    return EXIT_OK


def print_board(repo: Repository, campaign_id: str | None) -> None:
    if campaign_id is None:
        out(_("This board has no campaign yet."))
        return
    board = repo.board(campaign_id)
    out(board.campaign.name)
    for column in board.columns:
        out("")
        out(
            _("{stage} ({n}) · {workers} workers").format(
                stage=column.stage.label, n=format_number(len(column.cards)), workers=format_number(column.workers)
            )
        )
        for card in column.cards:
            out(f"  {card.organization.name}  [{card.organization.place.label()}]  {card.id}")
    if board.off_board:
        out("")
        out(_("Off the board ({n})").format(n=len(board.off_board)))
        for card in board.off_board:
            state = card.placement.off_board
            out(f"  {card.organization.name}  {off_board_label(state.state) if state else ''}: {state.reason if state else ''}")


# -- files --------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    path = resolve_board_path(getattr(args, "db", None))
    if path.exists():
        raise UsageError(_("{path} already exists; nothing was changed").format(path=path))
    repo = Repository.open(path, create=True, shared=args.shared)
    if args.campaign:
        repo.create_campaign(args.campaign)
    out(_("Created {path}").format(path=path), sys.stderr)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    path = resolve_board_path(getattr(args, "db", None))
    if path.exists():
        raise UsageError(
            _("{path} already exists; the demo never writes over a board. Choose another --db.").format(path=path)
        )
    repo = Repository.open(path, create=True)
    progress = Progress(_("Building the demo board"))
    campaign = build_demo(repo, organizations=args.orgs, seed=args.seed, progress=progress)
    progress.finish()
    out(
        _("Demo board with {n} organizations written to {path} (campaign: {campaign})").format(
            n=format_number(args.orgs), path=path, campaign=campaign.name
        ),
        sys.stderr,
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    repo = open_repo(args)
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
    target = Path(args.output) if args.output else None
    if target is not None and target.exists() and not args.force:
        raise UsageError(_("{path} already exists; pass --force to replace it").format(path=target))
    written = write_snapshot(repo, campaign.id, target=target, force=args.force, unique=False)
    out(_("Board snapshot written to {path}").format(path=written), sys.stderr)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    source = args.file
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as error:
        raise UsageError(_("cannot read {file}: {reason}").format(file=source, reason=error.strerror)) from None
    snapshot = parse_snapshot(data, source)
    repo = open_repo(args, create=True)
    if args.dry_run:
        out(_("{file} is valid: {n} organizations in campaign {campaign}. Nothing was written.").format(
            file=source,
            n=format_number(sum(len(c.organizations) for c in snapshot.columns) + len(snapshot.off_board)),
            campaign=snapshot.campaign.name,
        ))
        return EXIT_OK
    result = import_snapshot(repo, snapshot, source)
    out(
        _("Imported {file} into {path}: {added} added, {updated} updated, {unchanged} unchanged.").format(
            file=source, path=repo.path, added=result.added, updated=result.updated, unchanged=result.unchanged
        )
    )
    return EXIT_OK


# -- campaigns ----------------------------------------------------------------------------


def cmd_campaign_list(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaigns = repo.campaigns()
    if args.json:
        dump_json([c.model_dump(mode="json") for c in campaigns])
        return EXIT_OK
    for campaign in campaigns:
        stages = " → ".join(stage.label for stage in campaign.stages)
        out(f"{campaign.id}  {campaign.name}  ({_(campaign.status)})  {stages}")
    return EXIT_OK


def cmd_campaign_add(args: argparse.Namespace) -> int:
    repo = open_repo(args, create=True)
    goals = {"active_partners": args.target_partners, "workers_reached": args.target_workers}
    campaign = repo.create_campaign(args.name, description=args.description, goals=goals, status=args.status)
    out(campaign.id)
    return EXIT_OK


# -- organizations ------------------------------------------------------------------------




def add_org_field_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--alias", action="append", help=_("acronym or short name (repeatable)"))
    parser.add_argument("--type", choices=ORGANIZATION_TYPES, help=_("organization type"))
    parser.add_argument("--country")
    parser.add_argument("--state")
    parser.add_argument("--municipality")
    parser.add_argument("--legal", choices=LEGAL_CAPACITIES, help=_("legal capacity"))
    parser.add_argument("--outreach", choices=OUTREACH_CAPACITIES, help=_("outreach capacity"))
    parser.add_argument("--education", choices=TRISTATES, help=_("runs a grassroots education program"))
    parser.add_argument("--migrants", choices=TRISTATES, help=_("works with migrants"))
    parser.add_argument("--language", action="append", help=_("language served (repeatable)"))
    parser.add_argument("--workers", type=non_negative, help=_("estimated workers reached"))
    parser.add_argument("--workers-basis", help=_("where the estimate comes from"))
    parser.add_argument("--tag", action="append", help=_("tag (repeatable)"))
    parser.add_argument("--notes")


def org_fields(args: argparse.Namespace, current: Organization | None = None) -> dict[str, Any]:
    """Model-shaped fields from the options given (only those given, for an edit)."""
    fields: dict[str, Any] = {}
    if getattr(args, "name", None) is not None:
        fields["name"] = args.name
    simple = {
        "alias": "aliases",
        "language": "languages",
        "tag": "tags",
        "type": "type",
        "legal": "legal_capacity",
        "outreach": "outreach_capacity",
        "education": "education_program",
        "migrants": "works_with_migrants",
        "notes": "notes",
    }
    for option, name in simple.items():
        value = getattr(args, option)
        if value is not None:
            fields[name] = value
    place_changes = {k: getattr(args, k) for k in ("country", "state", "municipality") if getattr(args, k) is not None}
    if place_changes:
        base = current.place.model_dump() if current else {}
        fields["place"] = {**base, **place_changes}
    if args.workers is not None or args.workers_basis is not None:
        base = current.workers_reached.model_dump(mode="json") if current and current.workers_reached else {}
        workers = {**base}
        if args.workers is not None:
            workers["estimate"] = args.workers
            workers["as_of"] = date.today().isoformat()
        if args.workers_basis is not None:
            workers["basis"] = args.workers_basis
        if "estimate" not in workers:
            raise UsageError(_("--workers-basis needs --workers"))
        fields["workers_reached"] = workers
    return fields


def cmd_org_list(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaign = campaign_of(repo, args.campaign)
    board = repo.board(campaign.id)
    if args.off_board:
        cards = list(board.off_board)
    else:
        columns = board.columns
        if args.stage:
            wanted = args.stage.casefold()
            columns = [c for c in columns if wanted in (c.stage.key, c.stage.label.casefold())]
            if not columns:
                stages = ", ".join(c.stage.key for c in board.columns)
                raise UsageError(_("no stage {stage!r}; stages: {stages}").format(stage=args.stage, stages=stages))
        cards = [card for column in columns for card in column.cards]
    if args.search:
        from store.text import fold

        wanted_text = fold(args.search)
        cards = [card for card in cards if card.matches(wanted_text)]
    if args.json:
        dump_json(
            [
                {
                    **card.organization.model_dump(mode="json"),
                    "card": card.placement.model_dump(mode="json", exclude={"organization_id", "campaign_id"}),
                }
                for card in cards
            ]
        )
        return EXIT_OK
    for card in cards:
        stage = campaign.stage(card.placement.stage)
        out(
            f"{card.id}  {stage.label if stage else card.placement.stage:<15}  "
            f"{card.organization.name}  [{card.organization.place.label()}]"
        )
    return EXIT_OK


def cmd_org_show(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    placements = repo.placements_of(org.id)
    visits = repo.visits(organization_id=org.id)
    trainings = repo.trainings(organization_id=org.id)
    history = repo.history(organization_id=org.id, limit=args.limit)
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
    for name, value in org.model_dump(mode="json").items():
        if value not in (None, "", [], {}):
            out(f"{name}: {value}")
    for placement in placements:
        campaign = repo.campaign(placement.campaign_id)
        state = f" ({off_board_label(placement.off_board.state)}: {placement.off_board.reason})" if placement.off_board else ""
        out(_("card in {campaign}: {stage}{state}, follow-up {due}").format(
            campaign=campaign.name, stage=placement.stage, state=state, due=placement.next_follow_up or "—"
        ))
    for visit in visits:
        out(_("visit {date}: fit {fit}/5 {findings}").format(date=visit.date, fit=visit.fit, findings=visit.findings))
    for training in trainings:
        out(_("training {date}: {topic}").format(date=training.date, topic=training.topic))
    for event in history:
        out(f"{format_datetime(event.at)}  {event.actor_label()}  {describe_event(event, repo)}")
    return EXIT_OK


def cmd_org_add(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaign_id = None
    if not args.no_card:
        campaign = repo.campaign(args.campaign) if args.campaign else repo.default_campaign()
        campaign_id = campaign.id if campaign else None
    org = repo.add_organization(
        org_fields(args), campaign_id=campaign_id, stage=args.stage, owner=args.owner, next_follow_up=args.follow_up
    )
    out(org.id)
    return EXIT_OK


def cmd_org_edit(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    fields = org_fields(args, org)
    if not fields:
        raise UsageError(_("nothing to change: give at least one field option"))
    repo.update_organization(org.id, fields, expected_version=org.version)
    return EXIT_OK


def cmd_org_move(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    campaign = campaign_of(repo, args.campaign)
    placement = repo.move(org.id, args.to, campaign_id=campaign.id, reason=args.reason or "")
    stage = campaign.stage(placement.stage)
    out(_("{org} is now in {stage}.").format(org=org.name, stage=stage.label if stage else placement.stage), sys.stderr)
    return EXIT_OK


def cmd_org_off_board(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    campaign = campaign_of(repo, args.campaign)
    repo.set_off_board(org.id, campaign_id=campaign.id, state=args.state.replace("-", "_"), reason=args.reason)
    return EXIT_OK


def cmd_org_restore(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    campaign = campaign_of(repo, args.campaign)
    repo.restore(org.id, campaign_id=campaign.id, stage=args.to)
    return EXIT_OK


def cmd_org_archive(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    repo.archive_organization(org.id, reason=args.reason or "")
    return EXIT_OK


# -- visits, trainings, history -----------------------------------------------------------


def cmd_visit_add(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    campaign = campaign_of(repo, args.campaign)
    visit = repo.log_visit(
        {
            "organization_id": org.id,
            "campaign_id": campaign.id,
            "date": args.date,
            "visitors": args.visitor or [repo.actor.label()],
            "people_met": args.met or [],
            "findings": args.findings or "",
            "fit": args.fit,
            "recommendation": args.recommendation or "",
            "next_follow_up": args.next_follow_up,
        }
    )
    out(visit.id)
    return EXIT_OK


def cmd_training_add(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaign = campaign_of(repo, args.campaign)
    attendance = []
    for item in args.org:
        ref, _sep, count = item.rpartition(":") if ":" in item else (item, "", "")
        try:
            attendees = int(count) if count else 1
        except ValueError:
            ref, attendees = item, 1
        attendance.append({"organization_id": repo.find_organization(ref).id, "attendees": attendees})
    training = repo.record_training(
        {
            "campaign_id": campaign.id,
            "date": args.date,
            "place": args.place or "",
            "trainers": args.trainer or [repo.actor.label()],
            "topic": args.topic or "",
            "attendance": attendance,
        }
    )
    out(training.id)
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org_id = repo.find_organization(args.org).id if args.org else None
    campaign_id = repo.campaign(args.campaign).id if args.campaign else None
    events = repo.history(organization_id=org_id, campaign_id=campaign_id, limit=args.limit)
    if args.json:
        dump_json([e.model_dump(mode="json") for e in events])
        return EXIT_OK
    for event in events:
        out(f"{format_datetime(event.at)}  {event.actor_label()}  {describe_event(event, repo)}")
    return EXIT_OK


def cmd_undo(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    result = repo.undo()
    out(_("Undone: {what}").format(what=result.description))
    return EXIT_OK


# -- users --------------------------------------------------------------------------------


def cmd_users_list(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    users = repo.users()
    if not users:
        out(_("No users configured: everyone who can open the file is a coordinator."))
    for user in users:
        out(f"{user.login}  {_(user.role)}")
    out(_("You are {login} ({role}).").format(login=repo.actor.label(), role=_(repo.role())), sys.stderr)
    return EXIT_OK


def cmd_users_add(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    repo.set_user(args.name, args.role)
    return EXIT_OK


def cmd_users_remove(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    repo.remove_user(args.name)
    return EXIT_OK


# -- argument parsing ---------------------------------------------------------------------


class Parser(argparse.ArgumentParser):
    """argparse with our epilog and formatter on every subcommand."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        kwargs.setdefault("epilog", EPILOG)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        err(message)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=_("board file to use"))

    parser = Parser(
        prog="outreach-tui",
        description=_(
            "A terminal board for partner-outreach campaigns: organizations move "
            "Contacted → Trained → Active partner. Without a command, opens the board."
        ),
        parents=[common],
    )
    parser.add_argument("--demo", action="store_true", help=_("open the demo board (created on first use)"))
    parser.add_argument("--campaign", metavar="C", help=_("campaign to open (name or id)"))
    # No db default here: parents share the --db action, and a default would reach every command.
    parser.set_defaults(handler=cmd_board)
    commands = parser.add_subparsers(title=_("commands"), metavar="COMMAND", parser_class=Parser)

    def command(name: str, handler: Callable[[argparse.Namespace], int], help_text: str, sub=commands, **kw: Any):
        sub_parser = sub.add_parser(name, help=help_text, description=help_text, parents=[common], **kw)
        sub_parser.set_defaults(handler=handler)
        return sub_parser

    p = command("init", cmd_init, _("create an empty board file"))
    p.add_argument("--shared", action="store_true", help=_("make it group-readable and -writable (0660)"))
    p.add_argument("--campaign", metavar="NAME", help=_("also create a first campaign"))

    p = command("demo", cmd_demo, _("write a realistic demo board to --db (never over an existing file)"))
    p.add_argument("--orgs", type=demo_size, default=DEMO_ORGANIZATIONS, metavar="N", help=_("organizations, 1 to 20,000"))
    p.add_argument("--seed", type=int, default=7, metavar="S", help=_("the same seed gives the same board"))

    command("check", cmd_check, _("validate the board file and print counts"))

    p = command("export", cmd_export, _("write a board snapshot (JSON) for reports, funders and backups"))
    p.add_argument("--campaign", metavar="C")
    p.add_argument("-o", "--output", metavar="FILE", help=_("file to write, or - for standard output"))
    p.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    p.add_argument("--schema", action="store_true", help=_("print the snapshot's JSON Schema instead"))

    p = command("import", cmd_import, _("import a board snapshot: all or nothing, safe to repeat"))
    p.add_argument("file", metavar="FILE", help=_("snapshot file, or - for standard input"))
    p.add_argument("--dry-run", action="store_true", help=_("only validate; write nothing"))

    campaign = command("campaign", lambda a: usage_of(campaign), _("list or add campaigns"))
    campaign_commands = campaign.add_subparsers(metavar="ACTION", parser_class=Parser)
    p = command("list", cmd_campaign_list, _("list campaigns"), sub=campaign_commands)
    p.add_argument("--json", action="store_true")
    p = command("add", cmd_campaign_add, _("create a campaign"), sub=campaign_commands)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--description", default="")
    p.add_argument("--target-partners", type=non_negative, metavar="N")
    p.add_argument("--target-workers", type=non_negative, metavar="N")
    p.add_argument("--status", choices=("planning", "active", "completed"), default="active")

    org = command("org", lambda a: usage_of(org), _("list, show, add, edit and move organizations"))
    org_commands = org.add_subparsers(metavar="ACTION", parser_class=Parser)
    p = command("list", cmd_org_list, _("list the organizations of a campaign"), sub=org_commands)
    p.add_argument("--campaign", metavar="C")
    p.add_argument("--stage", metavar="S")
    p.add_argument("--off-board", action="store_true", help=_("list off-board organizations"))
    p.add_argument("--search", metavar="Q", help=_("name, alias, place or tag; case and accents ignored"))
    p.add_argument("--json", action="store_true")
    p = command("show", cmd_org_show, _("everything about one organization"), sub=org_commands)
    p.add_argument("org", metavar="ORG", help=_("id, exact name or unique alias"))
    p.add_argument("--limit", type=non_negative, default=50, metavar="N", help=_("history entries"))
    p.add_argument("--json", action="store_true")
    p = command("add", cmd_org_add, _("add an organization (and its card on the campaign)"), sub=org_commands)
    p.add_argument("name", metavar="NAME")
    add_org_field_options(p)
    p.add_argument("--campaign", metavar="C")
    p.add_argument("--stage", metavar="S")
    p.add_argument("--owner", metavar="LOGIN")
    p.add_argument("--follow-up", type=parse_day, metavar="YYYY-MM-DD")
    p.add_argument("--no-card", action="store_true", help=_("do not put it on any board"))
    p = command("edit", cmd_org_edit, _("change fields of an organization"), sub=org_commands)
    p.add_argument("org", metavar="ORG")
    p.add_argument("--name")
    add_org_field_options(p)
    p = command("move", cmd_org_move, _("move an organization's card to a stage"), sub=org_commands)
    p.add_argument("org", metavar="ORG")
    p.add_argument("--to", required=True, metavar="STAGE", help=_("stage key or label"))
    p.add_argument("--campaign", metavar="C")
    p.add_argument("--reason", metavar="TEXT")
    p = command("off-board", cmd_org_off_board, _("take a card off the board with a reason"), sub=org_commands)
    p.add_argument("org", metavar="ORG")
    p.add_argument("--state", required=True, choices=("not-a-fit", "paused"))
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("--campaign", metavar="C")
    p = command("restore", cmd_org_restore, _("bring an off-board card back"), sub=org_commands)
    p.add_argument("org", metavar="ORG")
    p.add_argument("--to", metavar="STAGE")
    p.add_argument("--campaign", metavar="C")
    p = command("archive", cmd_org_archive, _("hide an organization everywhere (kept in the history)"), sub=org_commands)
    p.add_argument("org", metavar="ORG")
    p.add_argument("--reason", metavar="TEXT")

    visit = command("visit", lambda a: usage_of(visit), _("log follow-up visits"))
    visit_commands = visit.add_subparsers(metavar="ACTION", parser_class=Parser)
    p = command("add", cmd_visit_add, _("log a visit to an organization"), sub=visit_commands)
    p.add_argument("org", metavar="ORG")
    p.add_argument("--date", type=parse_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--fit", type=fit_rating, required=True, metavar="1-5")
    p.add_argument("--visitor", action="append", metavar="NAME")
    p.add_argument("--met", action="append", metavar="PERSON", help=_("staff met (repeatable)"))
    p.add_argument("--findings", metavar="TEXT")
    p.add_argument("--recommendation", metavar="TEXT")
    p.add_argument("--next-follow-up", type=parse_day, metavar="YYYY-MM-DD")
    p.add_argument("--campaign", metavar="C")

    training = command("training", lambda a: usage_of(training), _("record trainings"))
    training_commands = training.add_subparsers(metavar="ACTION", parser_class=Parser)
    p = command("add", cmd_training_add, _("record a training; every attending organization becomes Trained"), sub=training_commands)
    p.add_argument("--date", type=parse_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--org", action="append", required=True, metavar="ORG[:ATTENDEES]")
    p.add_argument("--trainer", action="append", metavar="NAME")
    p.add_argument("--place", metavar="TEXT")
    p.add_argument("--topic", metavar="TEXT")
    p.add_argument("--campaign", metavar="C")

    p = command("history", cmd_history, _("print the history, newest first"))
    p.add_argument("--org", metavar="ORG")
    p.add_argument("--campaign", metavar="C")
    p.add_argument("--limit", type=non_negative, default=50, metavar="N")
    p.add_argument("--json", action="store_true")

    command("undo", cmd_undo, _("undo your last change"))

    users = command("users", lambda a: usage_of(users), _("who may do what on this board"))
    users_commands = users.add_subparsers(metavar="ACTION", parser_class=Parser)
    command("list", cmd_users_list, _("list users and roles"), sub=users_commands)
    p = command("add", cmd_users_add, _("give a login name a role"), sub=users_commands)
    p.add_argument("name", metavar="LOGIN")
    p.add_argument("--role", required=True, choices=("coordinator", "trainer", "viewer"))
    p = command("remove", cmd_users_remove, _("remove a user"), sub=users_commands)
    p.add_argument("name", metavar="LOGIN")
    return parser


def usage_of(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns its exit code (never raises, never prints a traceback)."""
    try:
        args = build_parser().parse_args(argv)
        return args.handler(args)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    except UsageError as error:
        err(str(error))
        return EXIT_REFUSED
    except (StoreFileError, LockTimeoutError) as error:
        err(str(error))
        return EXIT_FILE
    except StoreError as error:
        err(str(error))
        return EXIT_REFUSED
    except KeyboardInterrupt:
        err(_("interrupted; nothing half-written was left behind"))
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): quiet, like other Unix tools.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:
            pass
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("OUTREACH_TUI_DEBUG") == "1":
            raise
        err(_("internal error ({kind}): {message}. Writes are all-or-nothing, so the board file is intact; please report this.").format(
            kind=type(error).__name__, message=str(error)[:200]
        ))
        return EXIT_REFUSED
