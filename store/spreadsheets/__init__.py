"""Reading the spreadsheets people already keep (CSV, TSV, Excel) into plain rows of text.

Nothing here knows about organizations: ``decoding`` picks a text encoding, ``delimiters``
the column separator, ``table`` turns a file into a header and numbered rows. Mapping
columns to fields and checking values happen on top of this.
"""

from .decoding import Decoded, decode
from .delimiters import choose_delimiter
from .errors import SpreadsheetError
from .table import Row, Table, read_table, sniff_kind

__all__ = ["Decoded", "Row", "SpreadsheetError", "Table", "choose_delimiter", "decode", "read_table", "sniff_kind"]
