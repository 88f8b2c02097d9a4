"""``outreach-tui report``: the campaign's numbers in every format, and nothing a funder should not see."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from outreach_tui.cli import EXIT_OK, main
from outreach_tui.cli.exit_codes import EXIT_REFUSED
from store import Repository


class TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(path: Path) -> TextOf:
    parser = TextOf()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def names(board: Path) -> list[str]:
    return [org.name for org in Repository.open(board).organizations()]


def test_the_text_report_has_every_section(board, capsys):
    assert main(["report"]) == EXIT_OK
    out = capsys.readouterr().out
    for title in ("Organizations by stage", "Goals", "Trainings and visits by month", "Time in each stage",
                  "Trainings and the active partners they led to", "By type of organization", "By state"):  # fmt: skip
        assert title in out


def test_a_funder_report_names_no_organization_and_hides_small_counts(board, tmp_path):
    target = tmp_path / "informe.html"
    assert main(["report", "--profile", "funder", "-o", str(target)]) == EXIT_OK
    page = parsed(target)
    text = " ".join(page.text)
    assert not [name for name in names(board) if name in text]
    assert "<3" in text
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags


def test_a_partner_report_lists_who_is_waiting(board, capsys):
    assert main(["report", "--stall-days", "0"]) == EXIT_OK
    out = capsys.readouterr().out
    assert any(name in out for name in names(board))


def test_the_html_report_is_in_the_persons_language_and_prints(board, tmp_path):
    target = tmp_path / "reporte.html"
    assert main(["--lang", "es", "report", "-o", str(target)]) == EXIT_OK
    html = target.read_text(encoding="utf-8")
    assert '<html lang="es-MX">' in html and "@page" in html and "@media print" in html
    assert "Organizaciones por etapa" in html


@pytest.mark.parametrize(("suffix", "marker"), [("md", "## "), ("csv", ","), ("txt", "====")])
def test_the_file_ending_chooses_the_format(board, tmp_path, suffix, marker):
    target = tmp_path / f"reporte.{suffix}"
    assert main(["report", "-o", str(target)]) == EXIT_OK
    assert marker in target.read_text(encoding="utf-8")


def test_json_gives_the_figures(board, capsys):
    assert main(["report", "--json"]) == EXIT_OK
    figures = json.loads(capsys.readouterr().out)
    repo = Repository.open(board)
    campaign = repo.default_campaign()
    assert campaign is not None
    on_board = sum(len(column.cards) for column in repo.board(campaign.id).columns)
    assert sum(stage["count"] for stage in figures["stages"]) == on_board


def test_an_existing_file_is_kept_and_a_backwards_range_refused(board, tmp_path, capsys):
    target = tmp_path / "reporte.html"
    target.write_text("mío", encoding="utf-8")
    assert main(["report", "-o", str(target)]) == EXIT_REFUSED
    assert target.read_text(encoding="utf-8") == "mío"
    assert main(["report", "--from", "2026-06-01", "--to", "2026-01-01"]) == EXIT_REFUSED
    assert "--from comes after --to" in capsys.readouterr().err
