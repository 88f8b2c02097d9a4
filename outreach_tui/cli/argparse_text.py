"""argparse's own words ("usage: ", "options", "invalid choice: ...") in the language of the run.

argparse looks its module-global ``_`` and ``ngettext`` up each time it shows a message,
so pointing them at ours translates them. The messages a person can meet are listed
here, spelled exactly as argparse (Python 3.11) spells them, so that extraction puts
them in our catalog; one argparse does not spell the same way is simply shown in English.
"""

from __future__ import annotations

import argparse

from store.i18n import N_, _, ngettext

MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("ignored explicit argument %r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
)
"""What argparse says to a person running a command (its messages for programming mistakes are left out)."""


def install() -> None:
    """Make argparse translate through our catalog from now on (the language can still change afterwards)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
