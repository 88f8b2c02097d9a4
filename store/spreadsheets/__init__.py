"""Reading the spreadsheets people already keep (CSV, TSV, Excel) into plain rows of text.

Nothing here knows about organizations: ``decoding`` picks a text encoding, ``delimiters``
the column separator, ``table`` turns a file into a header and numbered rows. Mapping
columns to fields and checking values happen on top of this.

Each name's module is imported when the name is first used (``store.lazy``).
"""

from typing import TYPE_CHECKING

from ..lazy import exports_of, lazy_exports

if TYPE_CHECKING:
    from .decoding import Decoded, decode
    from .delimiters import choose_delimiter
    from .errors import SpreadsheetError
    from .table import Row, Table, read_table, sniff_kind
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        exports_of(
            {
                ".decoding": ("Decoded", "decode"),
                ".delimiters": ("choose_delimiter",),
                ".errors": ("SpreadsheetError",),
                ".table": ("Row", "Table", "read_table", "sniff_kind"),
            }
        ),
    )

__all__ = ["Decoded", "Row", "SpreadsheetError", "Table", "choose_delimiter", "decode", "read_table", "sniff_kind"]
