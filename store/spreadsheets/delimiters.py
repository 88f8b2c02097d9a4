"""Which character separates the columns of a text spreadsheet.

``csv.Sniffer`` was measured failing on a cp1252 file separated by semicolons, Spain's list
separator, while Mexico's is the comma. Reading the first rows with each candidate and keeping
the one that gives the most consistent column count (more than one column) found it.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

CANDIDATES = (",", ";", "\t", "|")
SAMPLE_ROWS = 50


def choose_delimiter(text: str) -> str:
    """The candidate that splits the first rows of ``text`` most consistently; a comma when none splits them."""
    best, best_score = ",", (0.0, 0)
    for candidate in CANDIDATES:
        score = _consistency(text, candidate)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _consistency(text: str, delimiter: str) -> tuple[float, int]:
    """(share of sampled rows with the most common column count, that count); (0, 0) for one column."""
    counts: Counter[int] = Counter()
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                counts[len(row)] += 1
            if sum(counts.values()) >= SAMPLE_ROWS:
                break
    except csv.Error:
        return (0.0, 0)
    if not counts:
        return (0.0, 0)
    columns, rows = counts.most_common(1)[0]
    if columns < 2:
        return (0.0, 0)
    return (rows / sum(counts.values()), columns)
