"""Visit sheets as one self-contained HTML file to print: one organization per page, filled in by hand.

The page carries its own print styles (it fits A4 and Letter alike: the content stays within the
narrower width of A4 and the shorter height of Letter), no scripts and no external fonts or
images, so it prints as it is from any browser. Every label is bilingual, the person's language
first, so the same sheet serves a visitor who reads either. User text is escaped and stripped of
control characters: names are data, never markup. Nothing about the organization's staff (names,
phones, emails) is printed.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from store.choice_labels import LEGAL_CAPACITY_LABELS, OUTREACH_CAPACITY_LABELS, TRISTATE_LABELS
from store.i18n import LANGUAGE_LOCALES, LANGUAGES, N_, _, format_date, in_every_language, language
from store.models import Stage
from store.sheets import CAPACITY_FIELDS, VisitSheet
from store.text import display_safe

from .display import FIT_LABELS

ON_FILE_LABELS = {
    "legal_capacity": LEGAL_CAPACITY_LABELS,
    "outreach_capacity": OUTREACH_CAPACITY_LABELS,
    "education_program": TRISTATE_LABELS,
    "works_with_migrants": TRISTATE_LABELS,
}
QUESTIONS = {
    "legal_capacity": N_("Legal department or cooperating attorneys"),
    "outreach_capacity": N_("Outreach capacity"),
    "education_program": N_("Existing grassroots education program"),
    "works_with_migrants": N_("Works with migrants"),
}
"""What the visitor answers yes or no to, for each capacity field."""

STYLE = """
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #000; margin: 0; font-size: 9pt; line-height: 1.2; }
.sheet { max-width: 180mm; margin: 8mm auto; }
p { margin: 1mm 0; }
.sheet + .sheet { break-before: page; page-break-before: always; }
header { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 2px solid #000; }
h1 { font-size: 14pt; margin: 0 0 1mm; }
.id { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13pt; font-weight: bold;
      letter-spacing: .08em; }
.other { color: #444; font-weight: normal; }
table { border-collapse: collapse; width: 100%; margin-top: 2mm; }
th, td { text-align: left; vertical-align: top; padding: .5mm 1.5mm; border-bottom: 1px solid #999; }
th { width: 38%; font-weight: 600; }
h2 { font-size: 10pt; margin: 2mm 0 0; border-bottom: 1px solid #000; }
.box { display: inline-block; width: 4mm; height: 4mm; border: 1px solid #000; vertical-align: -0.6mm;
       margin: 0 1mm 0 2mm; }
.digits { display: inline-block; border-bottom: 1px solid #000; min-width: 9mm; margin: 0 1mm; }
.digits.year { min-width: 15mm; }
.line { border-bottom: 1px solid #777; height: 5.5mm; }
.fit { display: block; white-space: nowrap; }
.small { font-size: 8pt; color: #333; }
.on-file { margin-left: 3mm; }
footer { margin-top: 3mm; font-size: 8.5pt; color: #333; }
@page { margin: 12mm; }
@media print { .sheet { margin: 0 auto; } }
"""


def _other_language() -> str:
    return next(code for code in LANGUAGES if code != language())


def bilingual(message: str) -> str:
    """``message`` as HTML in the person's language, then in the other one (when it reads differently)."""
    first = _(message)
    others = [text for text in in_every_language(message) if text != first]
    return _pair(first, others[0] if others else "")


def _pair(first: str, second: str) -> str:
    shown = html.escape(display_safe(first))
    if second and second != first:
        shown += f'<span class="other"> / {html.escape(display_safe(second))}</span>'
    return shown


def _stage(stage: Stage | None, key: str) -> str:
    if stage is None:
        return html.escape(key)
    return _pair(stage.label_in(language()), stage.label_in(_other_language()))


def _text(value: str) -> str:
    return html.escape(display_safe(value))


def _row(label: str, value: str) -> str:
    return f"<tr><th>{bilingual(label)}</th><td>{value}</td></tr>"


def _lines(count: int) -> str:
    return '<div class="line"></div>' * count


def _date_to_fill() -> str:
    parts = ((N_("day"), ""), (N_("month"), ""), (N_("year"), " year"))
    return " ".join(
        f'<span class="digits{extra}"></span><span class="small">{bilingual(p)}</span>' for p, extra in parts
    )


def _about(sheet: VisitSheet) -> list[str]:
    """The rows saying where the organization stands: name, stage, last visit, open follow-up."""
    org, placement, visit = sheet.organization, sheet.placement, sheet.last_visit
    name = _text(org.name) + (f" ({_text(sheet.code)})" if sheet.code else "")
    stage = _stage(sheet.campaign.stage(placement.stage), placement.stage)
    if placement.off_board is not None:
        stage += " — " + bilingual(N_("off the board"))
    last = (
        _text(format_date(visit.date)) + " · " + bilingual(N_("fit")) + f" {visit.fit}"
        if visit is not None
        else bilingual(N_("none yet"))
    )
    follow_up = _text(format_date(placement.next_follow_up)) if placement.next_follow_up else bilingual(N_("none"))
    if placement.next_follow_up and placement.owner:
        follow_up += " · " + _text(placement.owner)
    return [
        _row(N_("Organization"), name + f' <span class="small">{_text(org.id)}</span>'),
        _row(N_("Place"), _text(org.place.label()) or "—"),
        _row(N_("Campaign"), _text(sheet.campaign.name)),
        _row(N_("Stage"), stage),
        _row(N_("Last visit"), last),
        _row(N_("Open follow-up"), follow_up),
    ]


def _capacities(sheet: VisitSheet) -> list[str]:
    rows = []
    for field in CAPACITY_FIELDS:
        value = getattr(sheet.organization, field)
        label = ON_FILE_LABELS[field].get(value, value)
        yes, no, on_file_label = bilingual(N_("Yes")), bilingual(N_("No")), bilingual(N_("On file:"))
        boxes = f'<span class="box"></span>{yes} <span class="box"></span>{no}'
        on_file = f'<span class="small on-file">{on_file_label} {bilingual(label)}</span>'
        rows.append(f"<tr><th>{bilingual(QUESTIONS[field])}</th><td>{boxes}{on_file}</td></tr>")
    return rows


def _fit_boxes() -> str:
    return "".join(
        f'<span class="fit"><span class="box"></span>{bilingual(FIT_LABELS[value])}</span>' for value in range(1, 6)
    )


def _heading(message: str) -> str:
    return f"<h2>{bilingual(message)}</h2>"


def _visit_fields() -> list[str]:
    return [
        _heading(N_("The visit")),
        "<table>",
        _row(N_("Date"), _date_to_fill()),
        _row(N_("Visitors"), _lines(2)),
        _row(N_("People met"), _lines(3)),
        _row(N_("Fit"), _fit_boxes()),
        "</table>",
    ]


def _sheet(sheet: VisitSheet) -> str:
    title, printed, typed_back = (
        bilingual(N_("Visit sheet")),
        bilingual(N_("Printed")),
        bilingual(N_("Typed back with:")),
    )
    command = f"outreach-tui visit add {_text(sheet.organization.id)} --sheet {_text(sheet.sheet_id)} …"
    parts = [
        '<section class="sheet">',
        f'<header><h1>{title}</h1><span class="id">{_text(sheet.sheet_id)}</span></header>',
        f'<p class="small">{printed} {_text(format_date(sheet.printed_on))}</p>',
        "<table>",
        *_about(sheet),
        "</table>",
        *_visit_fields(),
        _heading(N_("Capacities")),
        "<table>",
        *_capacities(sheet),
        "</table>",
        _heading(N_("Findings")),
        _lines(5),
        "<table>",
        _row(N_("Recommendation"), _lines(2)),
        _row(N_("Next follow-up"), _date_to_fill()),
        "</table>",
        f"<footer>{typed_back} <code>{command}</code></footer>",
        "</section>",
    ]
    return "\n".join(parts)


def sheets_html(sheets: Sequence[VisitSheet], *, progress: Callable[[int, int], None] | None = None) -> str:
    """One HTML page holding every sheet, one per printed page; ``progress(done, total)`` is told as it goes."""
    locale = LANGUAGE_LOCALES.get(language(), language()).replace("_", "-")
    title = _("Visit sheets")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(locale)}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>",
    ]
    for done, sheet in enumerate(sheets, 1):
        parts.append(_sheet(sheet))
        if progress is not None:
            progress(done, len(sheets))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
