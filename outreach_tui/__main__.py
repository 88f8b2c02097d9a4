"""``python -m outreach_tui`` runs the same command as ``outreach-tui``."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
