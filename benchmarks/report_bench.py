"""The progress report for a year: ``make_report`` + ``write_report``, beside its baselines.

    python benchmarks/report_bench.py [--repeat N] [--seed S]

A year of generated history (``core/history_sample.make_year``: about 15,000 events, ratings,
two paused weeks, two setbacks) is written once into a store in a temporary folder. Then, in
this process (offscreen Qt), alternating which goes first so the machine's noise falls on all:

* bare page: one QPdfWriter page of text (``baseline_pdf.write_bare_page``), the least any PDF
  costs;
* week sheet: this week's printed sheet (``sheet.making.make_sheet`` + ``sheet.document.
  write_pdf``, figures and all), what File ▸ Export PDF… does;
* history: ``read_history`` over the year alone, the sums the report draws;
* report: what ``backcare report`` and File ▸ Export report… do: ``make_report`` (the history
  and the exercises' counts) and ``write_report`` (the pages, to a file).

Medians of N runs (default 11), in ms, and the report as a ratio of each baseline. The
report's budget is 1 s. Progress goes to stderr, the markdown table to stdout.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
for where in (SRC, HERE):
    if str(where) not in sys.path:
        sys.path.insert(0, str(where))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import replace  # noqa: E402
from datetime import UTC, date, datetime  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

from baseline_pdf import write_bare_page  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from backcare.catalog import load_catalog  # noqa: E402
from backcare.core.history import read_history  # noqa: E402
from backcare.core.history_sample import make_year  # noqa: E402
from backcare.core.plan import Profile, default_plan  # noqa: E402
from backcare.core.store import Store  # noqa: E402
from backcare.core.week_sheet import Paper  # noqa: E402
from backcare.sheet.document import write_pdf  # noqa: E402
from backcare.sheet.making import make_sheet  # noqa: E402
from backcare.sheet.report_command import make_report  # noqa: E402
from backcare.sheet.report_document import write_report  # noqa: E402

END = date(2026, 11, 29)
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
TZ = ZoneInfo("Europe/London")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication(["report_bench"])
    plan = replace(default_plan(), profile=Profile(date(2025, 11, 1), "vaginal", country="GB",
                                                   diet_calcium_mg=400))
    catalog = load_catalog()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = Store(folder / "data", clock=lambda: NOW)
        made = time.perf_counter()
        sample = make_year(store, plan, TZ, END, seed=args.seed)
        log(f"wrote {sample.events} events, {sample.ratings} ratings in "
            f"{time.perf_counter() - made:.1f} s")
        pages: dict[str, int] = {}

        def bare() -> None:
            write_bare_page(str(folder / "bare.pdf"))

        def sheet() -> None:
            week = make_sheet(plan, catalog, END, TZ, {}, 0).sheet
            assert week is not None
            pages["sheet"] = write_pdf(folder / "week.pdf", week, catalog.poses, Paper.A4)

        def history() -> None:
            read_history(store, plan, TZ, sample.start, END, NOW)

        def report() -> None:
            data = make_report(store, plan, catalog, TZ, NOW)
            pages["report"] = write_report(folder / "report.pdf", data, Paper.A4)

        order = [("bare", bare), ("sheet", sheet), ("history", history), ("report", report)]
        for _, fn in order:
            fn()  # warm-up (fonts, figures, SQLite's cache), not counted
        timed: dict[str, list[float]] = {name: [] for name, _ in order}
        for run in range(args.repeat):
            for name, fn in order if run % 2 == 0 else reversed(order):
                timed[name].append(_ms(fn))
            log(f"run {run + 1}/{args.repeat}")
        store.close()
    medians = {name: statistics.median(values) for name, values in timed.items()}
    words = {
        "bare": "Baseline: one bare QPdfWriter page of text",
        "sheet": f"Baseline: the week sheet's PDF ({pages['sheet']} pages)",
        "history": "`read_history` over the year (the report's sums alone)",
        "report": f"The report: `make_report` + `write_report` ({pages['report']} pages)",
    }
    print(f"| Measure ({sample.events} events, {args.repeat} runs) | Median ms "
          "| Report ÷ this |")
    print("|---|---|---|")
    for name, median in medians.items():
        print(f"| {words[name]} | {median:.1f} | {medians['report'] / median:.2f} |")
    verdict = "under" if medians["report"] < 1000 else "OVER"
    print(f"\nThe report took {medians['report']:.0f} ms: {verdict} the 1 s budget.")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
