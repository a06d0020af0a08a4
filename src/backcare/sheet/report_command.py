"""``backcare report -o report.pdf [--from DATE] [--to DATE]``, and the span both it and
File ▸ Export report… cover: from ``--from`` (else her first start, a year back at most) to
``--to`` (else today), her days in her zone."""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from backcare.catalog import Catalog
from backcare.core.lifecycle_state import StoredState
from backcare.core.plan import Plan
from backcare.core.store import Store
from backcare.sheet.report_data import ReportData, report_data

YEAR_DAYS = 365


def default_start(store: Store, tz: tzinfo, end: date) -> date:
    """Her first start (``end`` if Back Care never started), or a year before ``end`` if
    that is longer ago."""
    state = StoredState()
    state.store = store
    first = state.first_start()
    year = end - timedelta(days=YEAR_DAYS - 1)
    return end if first is None else max(year, min(end, first.astimezone(tz).date()))


def make_report(store: Store, plan: Plan, catalog: Catalog, tz: tzinfo, now: datetime,
                start: date | None = None, end: date | None = None,
                first_weekday: int = 0) -> ReportData:
    """Her report over [start, end], each defaulting as the module docstring says."""
    end = end or now.astimezone(tz).date()
    start = start or default_start(store, tz, end)
    names = {e.id: e.title for e in catalog.exercises}
    return report_data(store, plan, tz, start, end, now, names, first_weekday=first_weekday,
                       food_mg=catalog.food_mg, portion_mg=catalog.portion_mg)


def run_report(output: Path, start: date | None, end: date | None, data: Path | None) -> int:
    """Write the report; 0 when written, 1 (with one sentence on stderr) when not."""
    from PySide6.QtGui import QGuiApplication

    from backcare.catalog import load_catalog
    from backcare.cli_commands import command_store
    from backcare.core.zone import local_zone
    from backcare.settings import load_plan
    from backcare.sheet.making import locale_first_weekday, locale_paper
    from backcare.sheet.report_document import write_report
    from backcare.sheet.report_words import dates_words

    if start is not None and end is not None and end < start:
        print(f"The dates are the wrong way round: --from {start} is after --to {end}.",
              file=sys.stderr)
        return 1
    app = QGuiApplication.instance() or QGuiApplication(["backcare"])
    tz = local_zone()
    store = command_store(data, tz)
    if store is None:
        return 1
    catalog = load_catalog()
    try:
        plan = load_plan(store)
        report = make_report(store, plan, catalog, tz, datetime.now(tz), start, end,
                             locale_first_weekday())
        for notice in store.notices:
            print(notice, file=sys.stderr)
    finally:
        store.close()
    paper = locale_paper()
    try:
        pages = write_report(output, report, paper)
    except OSError as exc:
        print(f"Could not write {output}: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    print(f"Saved your progress report for {dates_words(report)} to "
          f"{output}: {pages} pages on {paper.value} paper.")
    del app
    return 0
