"""The printable week: ``backcare sheet`` for a week with every exercise, next to a bare page.

    python benchmarks/sheet.py [--repeat N]

Two measures, each against its baseline in the same run (see README.md, "The printed sheet"):

1. whole process, as she runs it: ``backcare sheet -o FILE --week 2026-11-23`` from a data
   folder whose plan pins all the exercises into her four sessions, against
   ``baseline_pdf.py`` (a bare QPdfWriter page of text), alternated, median of N;
2. drawing only, in this process: ``write_pdf`` of that week (layout, figures, fonts, file)
   against ``write_bare_page``, best of N each.

Progress goes to stderr; the results table (markdown) goes to stdout.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from run import PYTHON, SRC, Sandbox, _versions, compile_bytecode, log

HERE = Path(__file__).resolve().parent
BARE = HERE / "baseline_pdf.py"
WEEK = "2026-11-23"
SHEET_TARGET_S = 1.0
RATIO_TARGET = 10.0
SIZE_TARGET = 500 * 1024


def _every_exercise_plan():  # type: ignore[no-untyped-def]
    """Her plan long after the birth and the postnatal check, every exercise pinned across
    the four default sessions: the largest week the sheet prints."""
    from dataclasses import replace
    from datetime import date

    from backcare.catalog import load_catalog
    from backcare.core.plan import ExerciseSession, Profile, default_plan

    ids = [e.id for e in load_catalog().exercises]
    base = default_plan()
    sessions = tuple(ExerciseSession(s.at, tuple(ids[i::4]), s.label, pinned=True)
                     for i, s in enumerate(base.sessions))
    profile = Profile(date(2025, 6, 1), "vaginal", postnatal_check=True, country="GB")
    return replace(base, profile=profile, sessions=sessions)


def _prepare(data: Path) -> None:
    from datetime import UTC, datetime

    from backcare.core.store import Store
    from backcare.settings import SETUP_KEY, save_plan

    store = Store(data, clock=lambda: datetime.now(UTC))
    save_plan(store, _every_exercise_plan())
    store.set_setting(SETUP_KEY, "done")
    store.close()


def _run(argv: list[str], sandbox: Sandbox) -> float:
    env, _ = sandbox.env()
    began = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=sandbox.root, capture_output=True, text=True,
                          timeout=120, check=False)
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        raise RuntimeError(f"{argv[1:4]} exited {done.returncode}:\n{done.stderr.strip()}")
    return elapsed


def bench_processes(sandbox: Sandbox, repeat: int) -> tuple[list[float], list[float], Path]:
    data = sandbox.root / "data"
    _prepare(data)
    out = sandbox.root / "routine.pdf"
    sheet = [PYTHON, "-m", "backcare", "--data-dir", str(data), "sheet", "-o", str(out),
             "--week", WEEK, "--paper", "A4"]
    bare = [PYTHON, str(BARE), str(sandbox.root / "bare.pdf")]
    log("Whole process: one warm-up run each (not counted), then alternating runs")
    _run(sheet, sandbox)
    _run(bare, sandbox)
    sheet_s: list[float] = []
    bare_s: list[float] = []
    for i in range(repeat):
        for argv in (sheet, bare) if i % 2 == 0 else (bare, sheet):
            (sheet_s if argv is sheet else bare_s).append(_run(argv, sandbox))
        log(f"  run {i + 1}/{repeat}: sheet {sheet_s[-1]:.3f} s, bare page {bare_s[-1]:.3f} s")
    return sheet_s, bare_s, out


def bench_drawing(sandbox: Sandbox, repeat: int) -> tuple[float, float, int, int]:
    """Best of ``repeat`` in this process: the sheet's write_pdf and the bare page."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from datetime import date
    from zoneinfo import ZoneInfo

    from baseline_pdf import write_bare_page
    from PySide6.QtGui import QGuiApplication

    from backcare.catalog import load_catalog
    from backcare.core.week_sheet import Paper
    from backcare.sheet.document import write_pdf
    from backcare.sheet.making import make_sheet

    app = QGuiApplication.instance() or QGuiApplication(["bench"])
    catalog = load_catalog()
    monday = date.fromisoformat(WEEK)
    made = make_sheet(_every_exercise_plan(), catalog, monday, ZoneInfo("Europe/London"), {}, 0)
    assert made.sheet is not None, made.refusal
    out, bare = sandbox.root / "drawn.pdf", str(sandbox.root / "drawn-bare.pdf")
    log(f"Drawing only, in this process: best of {repeat} each")
    pages = write_pdf(out, made.sheet, catalog.poses, Paper.A4)  # warm-up: fonts, poses
    write_bare_page(bare)
    sheet_best = bare_best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        write_pdf(out, made.sheet, catalog.poses, Paper.A4)
        sheet_best = min(sheet_best, time.perf_counter() - began)
        began = time.perf_counter()
        write_bare_page(bare)
        bare_best = min(bare_best, time.perf_counter() - began)
    del app
    return sheet_best, bare_best, pages, out.stat().st_size


def _verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def report(repeat: int, processes: tuple[list[float], list[float], Path],
           drawing: tuple[float, float, int, int]) -> None:
    sheet_s, bare_s, _ = processes
    sheet, bare = statistics.median(sheet_s), statistics.median(bare_s)
    drawn, drawn_bare, pages, size = drawing
    rows = [
        (f"`backcare sheet`, whole process, s (median of {repeat})", f"{sheet:.3f}",
         f"{bare:.3f}", f"{sheet / bare:.2f}",
         f"< {SHEET_TARGET_S:g} s and ratio < {RATIO_TARGET:g}",
         _verdict(sheet < SHEET_TARGET_S and sheet / bare < RATIO_TARGET)),
        (f"Drawing only (`write_pdf`), ms (best of {repeat})", f"{drawn * 1000:.0f}",
         f"{drawn_bare * 1000:.1f}", f"{drawn / drawn_bare:.0f}", "(information)", "—"),
        (f"File size, KiB ({pages} pages)", f"{size / 1024:.0f}", "—", "—",
         f"< {SIZE_TARGET // 1024} KiB", _verdict(size < SIZE_TARGET)),
    ]
    header = ("Measure", "Sheet", "Bare page", "Ratio", "Target", "Met")
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---", "---:", "---:", "---:", "---", "---"]) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    print(f"Whole-process samples: sheet {', '.join(f'{t:.3f}' for t in sheet_s)} s; "
          f"bare page {', '.join(f'{t:.3f}' for t in bare_s)} s (QT_QPA_PLATFORM=offscreen)")
    for line in _versions():
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, metavar="N",
                        help="runs of each, median (processes) or best (drawing); default 5")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    sys.path.insert(0, str(SRC))  # this checkout's code, in this process as in the programs
    compile_bytecode()
    sandbox = Sandbox(display=False)
    try:
        processes = bench_processes(sandbox, args.repeat)
        drawing = bench_drawing(sandbox, args.repeat)
        report(args.repeat, processes, drawing)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        log(f"Benchmark failed: {exc}")
        return 1
    finally:
        sandbox.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
