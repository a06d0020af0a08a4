"""``backcare sheet -o routine.pdf [--week YYYY-MM-DD] [--paper A4|Letter]``, with no screen.

The caller (``cli``) has already set Qt's offscreen platform where there is no display; this
reads her saved plan as ``backcare today`` does and writes the same pages as the window's
File ▸ Export PDF….
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path


def run_sheet(output: Path, week: date | None, paper: str | None, data: Path | None) -> int:
    """Write the sheet; 0 when written, 1 (with one sentence on stderr) when not."""
    from PySide6.QtGui import QGuiApplication

    from backcare.catalog import load_catalog
    from backcare.cli_commands import command_store
    from backcare.core.week_sheet import Paper
    from backcare.core.zone import local_zone
    from backcare.settings import load_pauses, load_plan
    from backcare.sheet.document import write_pdf
    from backcare.sheet.making import locale_first_weekday, locale_paper, make_sheet
    from backcare.sheet.words import span_words

    app = QGuiApplication.instance() or QGuiApplication(["backcare"])
    tz = local_zone()
    store = command_store(data, tz)
    if store is None:
        return 1
    day = week or datetime.now(tz).date()
    try:
        plan = load_plan(store)
        paused = load_pauses(store, day)
        for notice in store.notices:
            print(notice, file=sys.stderr)
    finally:
        store.close()
    catalog = load_catalog()
    made = make_sheet(plan, catalog, day, tz, paused, locale_first_weekday())
    for content in (*catalog.problems, *made.problems):
        print(f"Skipped: {content.sentence()}", file=sys.stderr)
    if made.sheet is None:
        print(made.refusal, file=sys.stderr)
        return 1
    size = Paper(paper) if paper else locale_paper()
    try:
        pages = write_pdf(output, made.sheet, catalog.poses, size)
    except OSError as exc:
        print(f"Could not write {output}: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    span = span_words(made.sheet.start, made.sheet.end)
    print(f"Saved your week of {span} to {output}: {pages} pages on {size.value} paper.")
    del app
    return 0
