"""A report document written as plain text, Markdown, CSV or one self-contained HTML page.

The HTML page carries its own styles for screen and print (A4 or Letter), no scripts and no
external fonts or images, so it can be mailed to a funder and printed as it is. Every piece of
text is escaped: names are data, never markup.
"""

from __future__ import annotations

import csv
import html
import io
import unicodedata

from store.i18n import LANGUAGE_LOCALES

from .report_document import ReportDocument, Section

FORMATS = ("text", "md", "csv", "html")


def render(document: ReportDocument, file_format: str) -> str:
    return {"text": as_text, "md": as_markdown, "csv": as_csv, "html": as_html}[file_format](document)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * max(width - _width(text), 0)
    return space + text if right else text + space


def as_text(document: ReportDocument) -> str:
    lines = [document.title, "=" * _width(document.title), *document.lines, ""]
    for section in document.sections:
        lines += [section.title, "-" * _width(section.title), *_text_table(section)]
        if section.note:
            lines.append(section.note)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _numeric(text: str) -> bool:
    """Whether a cell holds a figure (right-aligned) rather than words."""
    return bool(text) and all(char.isdigit() or char in ",.  %<—-" for char in text)


def _text_table(section: Section) -> list[str]:
    if not section.rows:
        return ["—"]
    table = [section.headers, *section.rows]
    columns = range(len(section.headers))
    widths = [max(_width(row[index]) for row in table) for index in columns]
    right = [index > 0 and all(_numeric(row[index]) or not row[index] for row in section.rows) for index in columns]
    return [
        "  ".join(_pad(cell, widths[index], right=right[index]) for index, cell in enumerate(row)).rstrip()
        for row in table
    ]


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def as_markdown(document: ReportDocument) -> str:
    lines = [f"# {_md_cell(document.title)}", "", *document.lines, ""]
    for section in document.sections:
        lines += [f"## {_md_cell(section.title)}", ""]
        if section.rows:
            lines.append("| " + " | ".join(_md_cell(h) for h in section.headers) + " |")
            lines.append("|" + "|".join(["---"] + ["---:"] * (len(section.headers) - 1)) + "|")
            lines += ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in section.rows]
        else:
            lines.append("—")
        if section.note:
            lines += ["", f"*{_md_cell(section.note)}*"]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def as_csv(document: ReportDocument) -> str:
    """One table: the section's title in the first column, then that section's own columns."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for section in document.sections:
        writer.writerow([section.title, *section.headers])
        writer.writerows([section.title, *row] for row in section.rows)
    return "\ufeff" + buffer.getvalue()


STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #111; margin: 2rem auto; max-width: 52rem; line-height: 1.35; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; }
p.cover { margin: .1rem 0; color: #333; } p.note { font-size: .85rem; color: #444; margin-top: .3rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #bbb; padding: .2rem .4rem; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; } th { border-bottom: 2px solid #333; }
section { break-inside: avoid; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } a { color: inherit; } }
"""


def as_html(document: ReportDocument) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(LANGUAGE_LOCALES.get(document.language, document.language).replace("_", "-"))}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(document.title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{e(document.title)}</h1>",
        *(f'<p class="cover">{e(line)}</p>' for line in document.lines),
    ]
    for section in document.sections:
        parts.append(f"<section><h2>{e(section.title)}</h2>")
        if section.rows:
            parts.append(
                "<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in section.headers) + "</tr></thead><tbody>"
            )
            parts += ["<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>" for row in section.rows]
            parts.append("</tbody></table>")
        else:
            parts.append("<p>—</p>")
        if section.note:
            parts.append(f'<p class="note">{e(section.note)}</p>')
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
