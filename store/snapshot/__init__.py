"""Board snapshots: the versioned JSON document users export for reports, funders and backups.

A snapshot holds one campaign's board (columns of organizations in card order, each
with its card state), the off-board and archived organizations, visits, trainings and
history. Importing it back is all-or-nothing and idempotent: records are matched by
id, so importing the same file twice changes nothing.

Each name's module is imported when the name is first used (``store.lazy``).
"""

from typing import TYPE_CHECKING

from ..lazy import exports_of, lazy_exports

if TYPE_CHECKING:
    from .export import export_snapshot, snapshot_document
    from .format import SNAPSHOT_FORMAT, SNAPSHOT_VERSION, BoardSnapshot, snapshot_schema
    from .merge import ImportResult, import_snapshot
    from .parse import parse_snapshot
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        exports_of(
            {
                ".export": ("export_snapshot", "snapshot_document"),
                ".format": ("SNAPSHOT_FORMAT", "SNAPSHOT_VERSION", "BoardSnapshot", "snapshot_schema"),
                ".merge": ("ImportResult", "import_snapshot"),
                ".parse": ("parse_snapshot",),
            }
        ),
    )

__all__ = [
    "SNAPSHOT_FORMAT",
    "SNAPSHOT_VERSION",
    "BoardSnapshot",
    "ImportResult",
    "export_snapshot",
    "import_snapshot",
    "parse_snapshot",
    "snapshot_document",
    "snapshot_schema",
]
