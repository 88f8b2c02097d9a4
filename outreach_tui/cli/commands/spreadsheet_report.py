"""What a spreadsheet import says: how the file was read, the mapping, the counts, every problem and duplicate."""

from __future__ import annotations

from typing import Any

from store import Organization, Repository
from store.i18n import _, format_number, ngettext
from store.spreadsheets import Table
from store.spreadsheets.decoding import Decoded
from store.spreadsheets.fields import FIELD_BY_KEY
from store.spreadsheets.plan import ImportPlan, RowPlan
from store.spreadsheets.rows import CellIssue
from store.stages import stage_label
from store.text import display_safe

SHOWN = 50
"""Problems and duplicates listed in full before the rest are counted (``--errors`` writes them all)."""
DELIMITER_NAMES = {",": '","', ";": '";"', "\t": "tab", "|": '"|"'}


def report_lines(
    repo: Repository,
    table: Table,
    plan: ImportPlan,
    mapping_source: str,
    *,
    written: bool,
    refused: bool,
    dry_run: bool,
) -> list[str]:
    lines = [read_line(table), mapping_title(mapping_source)]
    lines += [
        f"  {display_safe(header)} → {field_label(field)}"
        for header, field in zip(table.headers, plan_fields(plan, table), strict=True)
    ]
    lines.append(counts_line(plan))
    lines += problem_lines(plan.problems)
    lines += duplicate_lines(repo, plan)
    lines.append(closing_line(plan, written=written, refused=refused, dry_run=dry_run))
    return lines


def plan_fields(plan: ImportPlan, table: Table) -> tuple[str | None, ...]:
    return plan.mapping.fields if plan.mapping is not None else (None,) * len(table.headers)


def read_line(table: Table) -> str:
    rows = ngettext("{n} row", "{n} rows", len(table.rows)).format(n=format_number(len(table.rows)))
    if table.kind == "xlsx":
        return _("{file}: {rows} in sheet {sheet} (sheets: {sheets}).").format(
            file=table.path.name, rows=rows, sheet=display_safe(table.sheet or ""),
            sheets=", ".join(display_safe(name) for name in table.sheets),
        )  # fmt: skip
    return _("{file}: {rows}, read as {encoding}, columns separated by {delimiter}.").format(
        file=table.path.name, rows=rows, encoding=encoding_text(table.encoding),
        delimiter=DELIMITER_NAMES.get(table.delimiter or ",", table.delimiter),
    )  # fmt: skip


def encoding_text(decoded: Decoded | None) -> str:
    return _(decoded.description) if decoded is not None else ""


def mapping_title(source: str) -> str:
    return {
        "file": _("Columns (as the --map file says):"),
        "saved": _("Columns (as you mapped them last time for these headers):"),
    }.get(source, _("Columns (matched by their headers; change with --map):"))


def field_label(field: str | None) -> str:
    return _(FIELD_BY_KEY[field].label) if field is not None else _("not imported")


def counts_line(plan: ImportPlan) -> str:
    counts = plan.counts
    where = (
        _("Campaign {campaign}").format(campaign=display_safe(plan.campaign.name))
        if plan.campaign
        else _("Organizations only (no campaign)")
    )
    return _(
        "{where}: new {new}, updated {updated}, skipped {skipped}, duplicates {duplicates}, with problems {errors}."
    ).format(
        where=where,
        new=format_number(counts["new"]),
        updated=format_number(counts["update"]),
        skipped=format_number(counts["skip"] + counts["unchanged"] + counts["duplicate_in_file"]),
        duplicates=format_number(plan.duplicates),
        errors=format_number(counts["error"]),
    )


def problem_lines(problems: list[CellIssue]) -> list[str]:
    if not problems:
        return []
    lines = [_("Problems:")]
    for issue in problems[:SHOWN]:
        where = _("row {row}").format(row=issue.row)
        if issue.column:
            where += f", {display_safe(issue.column)}"
        if issue.value:
            where += f" {display_safe(issue.value)!r}"
        lines.append(f"  {where}: {display_safe(issue.reason)}")
    lines += more_line(len(problems))
    return lines


def duplicate_lines(repo: Repository, plan: ImportPlan) -> list[str]:
    rows = [row for row in plan.rows if row.match is not None or row.same_as_row is not None]
    if not rows:
        return []
    lines = [_("Duplicates (the file's row, then what it matches):")]
    for row in rows[:SHOWN]:
        lines.append("  " + _("row {row}: {record}").format(row=row.row.number, record=row_record(row)))
        if row.same_as_row is not None:
            lines.append("    " + _("repeats row {row} of the file; not imported").format(row=row.same_as_row))
        elif row.match is not None:
            lines.append(
                "    "
                + _("board: {record} — {action}").format(
                    record=board_record(repo, plan, row.match), action=action_text(row)
                )
            )
    lines += more_line(len(rows))
    return lines


def row_record(row: RowPlan) -> str:
    org = row.row.organization
    place = org.get("place", {})
    parts = [org.get("name", ""), *org.get("aliases", []), place.get("municipality", ""), place.get("state", "")]
    return " · ".join(display_safe(str(part)) for part in parts if part)


def board_record(repo: Repository, plan: ImportPlan, org: Organization) -> str:
    parts = [org.name, *org.aliases, org.place.municipality, org.place.state]
    text = " · ".join(display_safe(part) for part in parts if part)
    if plan.campaign is not None:
        cards = {card.campaign_id: card for card in repo.placements_of(org.id)}
        card = cards.get(plan.campaign.id)
        if card is not None:
            text += " (" + display_safe(stage_label(plan.campaign, card.stage)) + ")"
    return text


def action_text(row: RowPlan) -> str:
    return {
        "skip": _("skipped (--on-duplicate fill or update to change it)"),
        "unchanged": _("nothing to change"),
        "update": _("updated: {fields}").format(fields=", ".join(changed_labels(row)) or _("its card")),
    }.get(row.action, row.action)


def changed_labels(row: RowPlan) -> list[str]:
    names = {"place": "state", "contacts": "contact_name"}
    return [
        _(FIELD_BY_KEY[names.get(name, name)].label) for name in row.changes if names.get(name, name) in FIELD_BY_KEY
    ]


def more_line(total: int) -> list[str]:
    more = total - SHOWN
    if more <= 0:
        return []
    return ["  " + _("… and {n} more (--errors FILE writes every row with a problem)").format(n=format_number(more))]


def closing_line(plan: ImportPlan, *, written: bool, refused: bool, dry_run: bool) -> str:
    bad = plan.counts["error"]
    if refused:
        good = len(plan.rows) - bad
        return ngettext(
            "Nothing was imported: {n} row has a problem. Fix it, or pass --skip-bad-rows to import the other {good}.",
            "Nothing was imported: {n} rows have problems. Fix them, or pass --skip-bad-rows to import the other {good}.",
            bad,
        ).format(n=format_number(bad), good=format_number(good))
    if dry_run:
        return _("Nothing was written: this was a dry run.")
    if not written or not plan.writes():
        return _("Nothing to import: the board already has every row of this file.")
    done = _("Imported in one step; outreach-tui undo takes the whole import back.")
    if bad:
        done += " " + ngettext(
            "{n} row with a problem was left out.", "{n} rows with problems were left out.", bad
        ).format(n=format_number(bad))
    return done


def summary_json(repo: Repository, table: Table, plan: ImportPlan, *, written: bool) -> dict[str, Any]:
    counts = plan.counts
    return {
        "file": table.path.name,
        "sha256": table.sha256,
        "kind": table.kind,
        "encoding": table.encoding.encoding if table.encoding else None,
        "delimiter": table.delimiter,
        "sheet": table.sheet,
        "rows": len(table.rows),
        "campaign": plan.campaign.id if plan.campaign else None,
        "mapping": dict(zip(table.headers, plan_fields(plan, table), strict=True)),
        "counts": {
            "new": counts["new"],
            "updated": counts["update"],
            "skipped": counts["skip"] + counts["unchanged"] + counts["duplicate_in_file"],
            "duplicates": plan.duplicates,
            "errors": counts["error"],
        },
        "problems": [vars(issue) for issue in plan.problems],
        "duplicates": [
            {
                "row": row.row.number,
                "action": row.action,
                "same_as_row": row.same_as_row,
                "organization_id": row.match.id if row.match else None,
            }
            for row in plan.rows
            if row.match is not None or row.same_as_row is not None
        ],
        "written": written,
    }
