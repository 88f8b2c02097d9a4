"""The installed program speaks Spanish: a wheel built from this tree carries the compiled catalog.

A person on a server with ``LANG=C`` and ``OUTREACH_TUI_LANG=es`` must get Spanish from
``pip install``; a catalog that stays behind in the source tree only shows up here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOG = "store/locale/es/LC_MESSAGES/outreach-tui.mo"
BUILT_FROM = ("pyproject.toml", "README.md", "store", "outreach_tui")


def pip(*args: str, cwd: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The wheel, and the folder it was installed into; built from a copy so the tree is never written to."""
    assert int(version("setuptools").split(".")[0]) >= 77, (
        "the wheel is built with this venv's setuptools: pip install -e '.[test]'"
    )
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    for name in BUILT_FROM:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    pip("wheel", "--no-deps", "--no-build-isolation", "--wheel-dir", str(work / "dist"), ".", cwd=source)
    (wheel,) = (work / "dist").glob("outreach_tui-*.whl")
    pip("install", "--no-deps", "--no-compile", "--target", str(work / "site"), str(wheel), cwd=work)
    return wheel, work / "site"


def run_installed(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` with only the installed copy importable, from an empty folder, with ``LANG=C``."""
    home = site.parent / "home"
    home.mkdir(exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "OUTREACH_TUI_"))}
    env.pop("LANGUAGE", None)
    env.update(
        PYTHONPATH=str(site),
        LANG="C",
        OUTREACH_TUI_LANG="es",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
    )
    return subprocess.run(
        [sys.executable, *args], cwd=home, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_installed_wheel_shows_help_and_errors_in_spanish(installed):
    wheel, site = installed
    assert CATALOG in zipfile.ZipFile(wheel).namelist()
    where = run_installed(site, "-c", "import outreach_tui, store; print(outreach_tui.__file__); print(store.__file__)")
    assert [Path(line).is_relative_to(site) for line in where.stdout.split()] == [True, True], where.stderr

    shown = run_installed(site, "-m", "outreach_tui", "--help")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("uso: outreach-tui")
    for spanish in ("\nopciones:\n", "muestra esta ayuda y termina", "# abrir el tablero", "Códigos de salida:"):
        assert spanish in shown.stdout

    refused = run_installed(site, "-m", "outreach_tui", "users", "add")
    assert refused.returncode == 2
    assert refused.stderr.startswith("outreach-tui users add: faltan estos argumentos obligatorios: NAME, --role")
    assert "Consulte 'outreach-tui users add --help'" in refused.stderr
