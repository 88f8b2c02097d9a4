"""Running the installed command the way a user's shell does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

CLI = shutil.which("outreach-tui", path=str(Path(sys.executable).parent)) or shutil.which("outreach-tui")


def run_cli(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``outreach-tui`` as a user's shell would, with output piped."""
    assert CLI is not None, "the outreach-tui command is not installed (pip install -e .)"
    return subprocess.run(
        [CLI, *args],
        check=False,
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        timeout=120,
    )
