"""What the commands print never shows a month and day without the year (``12-01`` reads two ways)."""

from __future__ import annotations

import re

import pytest

from outreach_tui.cli import EXIT_OK, main
from store import Repository
from tests.cli.test_help import BARE_MONTH_DAY


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_printed_text_shows_a_month_and_day_without_the_year(board, language, capsys):
    repo = Repository.open(board)
    org = repo.board(repo.default_campaign().id).columns[1].cards[0].organization.id
    printed = []
    for argv in ([], ["org", "list"], ["org", "show", org], ["history", "--limit", "200"], ["campaign", "list"]):
        assert main(["--lang", language, *argv]) == EXIT_OK
        captured = capsys.readouterr()
        printed.append(captured.out + captured.err)
    assert all(printed)
    assert len(re.findall(r"\b20[0-9]{2}\b", "".join(printed))) > 20  # dates are shown, each with its year
    assert [found for text in printed for found in BARE_MONTH_DAY.findall(text)] == []
