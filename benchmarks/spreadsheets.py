"""Speed and memory of a spreadsheet import: a 5,000-row CSV, as a network brings its partner list on day one.

    python benchmarks/spreadsheets.py [--rows 5000] [--repeats 3] [--board-orgs 0]

Each figure is the median wall time of a real ``outreach-tui import`` process (start to exit)
with its peak RSS: the dry run, the import into a board (an empty one by default, or a demo
board of ``--board-orgs``), and importing the same file again (every row a duplicate). The
targets of issue 11 are a dry run within 2 s and an import within 3 s. Not part of the tests.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"dry_run_s": 2.0, "import_s": 3.0}
STATES = ["Chiapas", "Oaxaca", "CDMX", "Baja California", "Chihuahua", "Coahuila", "Sonora", "Tamps", "N.L."]
TYPES = ["albergue", "clínica jurídica", "sindicato", "Centro de derechos humanos", "colectivo", "pastoral"]
LEGAL = ["área jurídica", "abogados colaboradores", "ninguna", ""]


def command() -> list[str]:
    found = shutil.which("outreach-tui", path=str(Path(sys.executable).parent)) or shutil.which("outreach-tui")
    if found is None:
        sys.exit("outreach-tui is not installed in this environment (pip install -e .)")
    return [found]


def write_sheet(path: Path, rows: int) -> None:
    rng = random.Random(11)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Nombre", "Siglas", "Estado", "Municipio", "Tipo", "Capacidad jurídica",
                         "Trabaja con migrantes", "Personas trabajadoras (est.)", "Correo", "Notas"])  # fmt: skip
        for index in range(rows):
            writer.writerow([
                f"Organización Comunitaria Número {index} de la Red",
                f"OC{index}",
                rng.choice(STATES),
                f"Municipio {index % 300}",
                rng.choice(TYPES),
                rng.choice(LEGAL),
                rng.choice(["sí", "no", "x", ""]),
                f"{rng.randint(10, 9000):,}",
                f"contacto{index}@example.org",
                "Talleres de derechos laborales; acompañamiento legal" if index % 3 == 0 else "",
            ])  # fmt: skip


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MB, exit code) of one process.

    CPU time (user + system) is printed beside wall time: on a busy machine the wall time
    grows with the load, the CPU time much less.
    """
    start = time.perf_counter()
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def fresh_board(folder: Path, board_orgs: int, env: dict[str, str]) -> Path:
    board = folder / "board.json"
    board.unlink(missing_ok=True)
    if board_orgs:
        subprocess.run([*command(), "--db", str(board), "demo", "--orgs", str(board_orgs)], env=env, check=True,
                       capture_output=True)  # fmt: skip
    else:
        subprocess.run([*command(), "--db", str(board), "init"], env=env, check=True, capture_output=True)
        subprocess.run([*command(), "--db", str(board), "campaign", "add", "Red 2027"], env=env, check=True,
                       capture_output=True)  # fmt: skip
    return board


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--board-orgs", type=int, default=0)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="outreach-tui-bench-") as scratch:
        folder = Path(scratch)
        env = {**os.environ, "XDG_CONFIG_HOME": str(folder / "config"), "XDG_DATA_HOME": str(folder / "data")}
        # As installed for a person: compiled modules are cached, not compiled again on every start.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        sheet = folder / "organizaciones.csv"
        write_sheet(sheet, options.rows)
        figures: dict[str, list[tuple[float, float, float]]] = {"dry_run_s": [], "import_s": [], "again_s": []}
        for _ in range(options.repeats):
            board = fresh_board(folder, options.board_orgs, env)
            base = [*command(), "--db", str(board), "import", str(sheet)]
            for name, extra in (("dry_run_s", ["--dry-run"]), ("import_s", []), ("again_s", [])):
                seconds, cpu, rss, code = timed([*base, *extra], env)
                if code != 0:
                    sys.exit(f"import exited {code} ({name})")
                figures[name].append((seconds, cpu, rss))
        size = sheet.stat().st_size / 1e6
        print(f"{options.rows:,} rows ({size:.1f} MB CSV), board of {options.board_orgs:,} organizations, "
              f"medians of {options.repeats}:")  # fmt: skip
        print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        for name, runs in figures.items():
            seconds = statistics.median(run[0] for run in runs)
            cpu = statistics.median(run[1] for run in runs)
            rss = max(run[2] for run in runs)
            target = TARGETS.get(name)
            verdict = f"  (target ≤ {target:.0f} s: {'met' if seconds <= target else 'NOT met'})" if target else ""
            print(f"  {name:<10} {seconds:6.2f} s wall  {cpu:6.2f} s CPU   peak RSS {rss:5.0f} MB{verdict}")


if __name__ == "__main__":
    main()
