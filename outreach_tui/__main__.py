"""``python -m outreach_tui`` runs the same command as ``outreach-tui``."""

import sys

from .cli import main

sys.exit(main())
