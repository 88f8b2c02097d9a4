"""``outreach-tui sheet``: printable visit sheets, one page per organization, bilingual, without staff
contacts; and ``visit add --sheet`` typing one back."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from outreach_tui.cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main
from store import Repository
from store.i18n import format_date, today
from store.sheets import sheet_id
from tests.cli.helpers import contacted_cards, run_cli


class SheetReader(HTMLParser):
    """The text of each ``section.sheet``, the page's style, and whether any script or outside resource is used."""

    def __init__(self) -> None:
        super().__init__()
        self.sheets: list[str] = []
        self.style = ""
        self.outside: list[str] = []
        self._in_sheet = 0
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" or (tag in ("link", "img") and found.get("href", found.get("src"))):
            self.outside.append(tag)
        if tag == "style":
            self._in_style = True
        if tag == "section" and found.get("class") == "sheet":
            self.sheets.append("")
            self._in_sheet = 1
        elif self._in_sheet and tag == "section":
            self._in_sheet += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False
        if tag == "section" and self._in_sheet:
            self._in_sheet -= 1

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data
        elif self._in_sheet:
            self.sheets[-1] += data + " "  # cells and labels stay apart; ``words`` joins the spaces


def read_sheets(text: str) -> SheetReader:
    reader = SheetReader()
    reader.feed(text)
    reader.close()
    return reader


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def with_contacts(board: Path, org_ids: list[str]) -> list[str]:
    """Give each organization a staff contact with a phone and an email; the values given."""
    repo = Repository.open(board)
    values = []
    for n, org_id in enumerate(org_ids):
        contact = {
            "name": f"Rosa Ejemplo {n}",
            "role": "Dirección",
            "phone": f"+52 961 555 01{n:02}",
            "email": f"rosa{n}@ejemplo.mx",
        }
        org = repo.organization(org_id)
        repo.update_organization(org_id, {"contacts": [contact]}, expected_version=org.version)
        values += [contact["name"], contact["phone"], contact["email"]]
    return values


def test_sheets_of_named_organizations_hold_their_fields_and_no_staff_contact(board, capsys):
    org_ids = contacted_cards(board, 2)
    contacts = with_contacts(board, org_ids)
    assert main(["sheet", *org_ids, "-o", "sheets.html"]) == EXIT_OK
    assert "2 visit sheets written to sheets.html" in capsys.readouterr().err
    text = Path("sheets.html").read_text(encoding="utf-8")
    page = read_sheets(text)
    assert len(page.sheets) == 2
    assert page.outside == []
    assert "@page" in page.style and "break-before: page" in page.style
    repo = Repository.open(board)
    for org_id, sheet in zip(org_ids, page.sheets, strict=True):
        org = repo.organization(org_id)
        shown = words(sheet)
        assert org.name in shown and org.id in shown
        assert sheet_id(org_id, today()) in shown
        assert "Stage / Etapa Contacted / Contactada" in shown
        for label in ("Date / Fecha", "Visitors / Visitantes", "People met / Con quiénes se reunió", "Fit / Afinidad"):
            assert label in shown
        assert "Findings / Hallazgos" in shown and "Next follow-up / Próximo seguimiento" in shown
        assert "1 - poor fit / 1 - afinidad muy baja" in shown and "5 - excellent fit" in shown
        assert "Works with migrants / Trabaja con personas migrantes" in shown
        assert shown.count("Yes / Sí No On file: / Registrado:") == 4
    for value in contacts:
        assert value not in text


def test_the_persons_language_comes_first_and_dates_carry_the_month_as_a_word(board, capsys):
    (org_id,) = contacted_cards(board, 1)
    repo = Repository.open(board)
    campaign = repo.default_campaign()
    repo.log_visit({"organization_id": org_id, "campaign_id": campaign.id, "date": "2026-10-05", "fit": 3})
    assert main(["--lang", "es", "sheet", org_id, "-o", "-"]) == EXIT_OK
    (sheet,) = read_sheets(capsys.readouterr().out).sheets
    shown = words(sheet)
    assert "Fecha / Date" in shown and "Etapa / Stage Contactada / Contacted" in shown
    assert "5 oct 2026" in shown
    assert not re.search(r"\b\d{1,2}[-/]\d{1,2}\b(?![-/]\d)", shown.replace(sheet_id(org_id, today()), ""))


def test_a_stage_prints_every_card_in_it_to_the_default_file(board, capsys):
    repo = Repository.open(board)
    column = repo.board(repo.default_campaign().id).column("trained")
    assert column is not None and column.cards
    assert main(["sheet", "--stage", "Capacitada"]) == EXIT_OK
    written = Path(f"visit-sheets-{today():%Y-%m-%d}.html")
    assert len(read_sheets(written.read_text(encoding="utf-8")).sheets) == len(column.cards)
    capsys.readouterr()
    assert main(["sheet", "--stage", "trained"]) == EXIT_OK
    assert Path(f"visit-sheets-{today():%Y-%m-%d}-2.html").exists()
    assert main(["sheet", "--stage", "trained", "-o", str(written)]) == EXIT_REFUSED
    assert "already exists" in capsys.readouterr().err


def test_no_organization_and_no_stage_is_a_usage_error(board, capsys):
    assert main(["sheet"]) == EXIT_USAGE
    assert "name at least one organization" in capsys.readouterr().err
    assert list(Path.cwd().iterdir()) == []


def test_an_unknown_organization_writes_nothing(board, capsys):
    assert main(["sheet", "No Such Org"]) == EXIT_REFUSED
    assert list(Path.cwd().iterdir()) == []


def test_piped_output_shows_no_progress_and_help_names_the_options(board):
    result = run_cli("sheet", "--stage", "contacted", "-o", "-", env={"OUTREACH_TUI_DB": str(board)})
    assert result.returncode == EXIT_OK, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert result.stderr == ""
    helped = run_cli("sheet", "--help")
    assert "--stage" in helped.stdout and "visit add --sheet" in helped.stdout


# -- typing a sheet back ----------------------------------------------------------------------------


def visit_with_sheet(org_id: str, *extra: str) -> int:
    return main(["visit", "add", org_id, "--date", "2026-11-26", "--fit", "4", *extra])


def test_visit_add_with_its_sheet_keeps_the_sheet_in_the_findings(board, capsys):
    (org_id,) = contacted_cards(board, 1)
    printed = sheet_id(org_id, today())
    assert visit_with_sheet(org_id, "--sheet", printed.lower(), "--findings", "Two lawyers") == EXIT_OK
    visit_id = capsys.readouterr().out.strip()
    visit = next(v for v in Repository.open(board).visits(organization_id=org_id) if v.id == visit_id)
    assert visit.findings == f"Two lawyers\nsheet:{printed}"


@pytest.mark.parametrize("how", ["typo", "swap", "other organization", "in the findings"])
def test_a_wrong_sheet_is_refused_and_nothing_is_written(board, capsys, how):
    org_id, other_id = contacted_cards(board, 2)
    printed = sheet_id(org_id, today())
    options = {
        "typo": ["--sheet", printed[:-1] + ("A" if printed[-1] != "A" else "B")],
        "swap": ["--sheet", printed[1] + printed[0] + printed[2:]],
        "other organization": ["--sheet", sheet_id(other_id, today())],
        "in the findings": ["--findings", f"Met the director. sheet:{sheet_id(other_id, today())}"],
    }[how]
    before = Repository.open(board).counts().visits
    assert printed[0] != printed[1]
    assert visit_with_sheet(org_id, *options) == EXIT_REFUSED
    said = capsys.readouterr().err
    assert "The visit was not saved." in said
    assert ("printed for another organization" in said) == (how in ("other organization", "in the findings"))
    assert Repository.open(board).counts().visits == before


def test_the_sheets_last_visit_line_uses_the_date_format_of_the_board(board, capsys):
    (org_id,) = contacted_cards(board, 1)
    repo = Repository.open(board)
    repo.log_visit(
        {"organization_id": org_id, "campaign_id": repo.default_campaign().id, "date": "2026-10-05", "fit": 3}
    )
    assert main(["sheet", org_id, "-o", "-"]) == EXIT_OK
    (sheet,) = read_sheets(capsys.readouterr().out).sheets
    assert f"Last visit / Última visita {format_date(date(2026, 10, 5))} · fit / afinidad 3" in words(sheet)
