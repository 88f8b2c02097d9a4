"""``users list``, ``users add`` and ``users remove``: who may do what on this board."""

from __future__ import annotations

import argparse

from store import ROLES
from store.i18n import _

from ...display import role_label
from ..boards import open_repo
from ..exit_codes import EXIT_OK
from ..option_types import choice_key
from ..options import Commands
from ..output import note, out_lines


def register(commands: Commands) -> None:
    group = commands.group(
        "users",
        _("who may do what on this board"),
        _(
            "Roles on this board file. With no users set, everyone who can open the file is a coordinator; "
            "once set, coordinators do everything, trainers record visits and trainings and move cards to "
            "Trained, viewers only look and export. Roles attach to login names."
        ),
        ["outreach-tui users add $(id -un) --role coordinator", "outreach-tui users add lucia --role trainer"],
    )
    group.add("list", run_list, _("list users and roles"), examples=["outreach-tui users list"])
    register_add(group)
    p = group.add("remove", run_remove, _("remove a user"), examples=["outreach-tui users remove lucia"])
    p.add_argument("name", metavar="NAME", help=_("login name"))


def register_add(group: Commands) -> None:
    p = group.add(
        "add", run_add, _("give a login name a role"), examples=["outreach-tui users add lucia --role trainer"]
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


def run_list(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    users = repo.users()
    if not users:
        note(_("No users are set: everyone who can open the file is a coordinator."))
    out_lines(f"{user.login}  {role_label(user.role)}" for user in users)
    note(_("You are {login} ({role}).").format(login=repo.actor.label(), role=role_label(repo.role())))
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    user = repo.set_user(args.name, args.role)
    note(_("{login} is a {role} on this board.").format(login=user.login, role=role_label(user.role)))
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    repo.remove_user(args.name)
    note(_("Removed {login}.").format(login=args.name))
    return EXIT_OK
