"""The board served to a browser (``outreach-tui web``), on top of textual-serve (the ``web`` extra).

``server`` runs in the server's process and decides who may open a session; ``session`` is
the app process each browser page gets; ``access`` holds the rules both rely on.
Only ``session`` and ``browser_app`` import Textual; nothing here is imported by the
terminal app, so an installation without the extra never loads textual-serve.
"""
