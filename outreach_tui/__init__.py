"""outreach-tui: a terminal board for partner-outreach campaigns."""

__version__ = "0.1.0"
