"""The progress report: a year of history in a real store, written to PDF and read back the
way her physiotherapist's tools read it (poppler's pdftotext and pdfinfo)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from backcare.catalog import Catalog
from backcare.core.history import History, WeekRecord, read_history
from backcare.core.history_sample import YearSample, make_year
from backcare.core.plan import Plan, Profile, default_plan
from backcare.core.reminders import Kind
from backcare.core.store import Event, EventKind, Store
from backcare.core.week_sheet import Paper
from backcare.settings import save_plan
from backcare.sheet.report_command import make_report
from backcare.sheet.report_data import ReportData, exercise_counts
from backcare.sheet.report_document import write_report
from backcare.sheet.report_words import EMPTY, RULE, TITLE
from tests.sheet.conftest import TZ, pages_of, poppler

ROOT = Path(__file__).resolve().parents[2]
END = date(2026, 11, 29)  # a Sunday: the year ends with a whole week
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
# her usual food gives 400 mg, so the portions she marks meet her 1000 mg on some days only
PLAN: Plan = replace(default_plan(), profile=Profile(date(2025, 11, 1), "vaginal", country="GB",
                                                     diet_calcium_mg=400))


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, YearSample]:
    folder = tmp_path_factory.mktemp("year") / "data"
    store = Store(folder, clock=lambda: NOW)
    sample = make_year(store, PLAN, TZ, END)
    save_plan(store, PLAN)
    store.close()
    return folder, sample


def _report(folder: Path, catalog: Catalog, start: date | None = None,
            end: date | None = None) -> tuple[ReportData, History]:
    store = Store(folder, clock=lambda: NOW)
    try:
        data = make_report(store, PLAN, catalog, TZ, NOW, start, end)
        history = read_history(store, PLAN, TZ, data.start, data.end, NOW,
                               food_mg=catalog.food_mg, portion_mg=catalog.portion_mg)
    finally:
        store.close()
    return data, history


def _lines(pdf: Path) -> list[list[str]]:
    """Each line of the PDF's text as its words, "26 / 28" read as one word "26/28"."""
    text = poppler("pdftotext", "-layout", str(pdf), "-")
    return [line.replace(" / ", "/").split() for line in text.splitlines()]


def _row_words(week: WeekRecord) -> list[str]:
    """The week table's row as read_history's week gives it, word by word."""
    pain = "–" if week.pain_mean is None else f"{week.pain_mean:.1f}"
    return [str(week.start.day), f"{week.start:%b}", str(week.start.year),
            str(week.week_after_birth),
            f"{week.sessions_done + week.sessions_partly}/{week.sessions_due}",
            f"{week.posture_taken}/{week.posture_due}",
            str(week.calcium_days_met), "of", str(week.days), pain,
            str(week.setbacks) if week.setbacks else "–"]


@pytest.fixture(scope="module")
def full(qapp: QApplication, year: tuple[Path, YearSample], catalog: Catalog,
         tmp_path_factory: pytest.TempPathFactory) -> tuple[ReportData, History, Path, int]:
    data, history = _report(year[0], catalog)
    pdf = tmp_path_factory.mktemp("report") / "report.pdf"
    pages = write_report(pdf, data, Paper.A4)
    return data, history, pdf, pages


def test_the_year_has_her_title_dates_weeks_and_streaks(
        full: tuple[ReportData, History, Path, int], year: tuple[Path, YearSample]) -> None:
    data, history, pdf, pages = full
    # a year back at most (the sample began a day earlier), to today
    assert year[1].start < data.start == date(2025, 12, 1) and data.end == date(2026, 11, 30)
    text = " ".join(poppler("pdftotext", str(pdf), "-").split())
    assert f"{TITLE}: 1 December 2025 to 30 November 2026" in text
    assert "Weeks 4 to 56 after the birth on 1 November 2025." in text
    streak = history.streaks
    assert streak.best > streak.current > 0  # the sample's year has both, and they differ
    assert (f"Current streak: {streak.current} days; best streak: {streak.best} days. "
            f"{RULE}") in text
    assert "Not medical advice" in text and f"Page {pages} of {pages}." in text


def test_the_week_table_has_read_history_s_numbers(full: tuple[ReportData, History, Path, int]
                                                   ) -> None:
    _, history, pdf, _ = full
    lines = _lines(pdf)
    weeks = history.weeks
    assert len(weeks) == 53  # Monday 1 December 2025 to Monday 30 November 2026
    setback = next(w for w in weeks if w.setbacks)
    partly = next(w for w in weeks if w.sessions_partly and w.pain_mean is not None)
    met = next(w for w in weeks if 0 < w.calcium_days_met < w.days)
    for week in (weeks[0], weeks[10], setback, partly, met, weeks[-1]):
        assert _row_words(week) in lines, week
    assert _row_words(weeks[1])[:4] == ["8", "Dec", "2025", "5"]  # 37 days after her birth
    heads = [line for line in lines if line[:2] == ["Week", "of"]]
    assert len(heads) >= 2  # the table's head again on the page it flows on to


def test_the_exercises_done_are_named_with_their_counts(
        full: tuple[ReportData, History, Path, int], catalog: Catalog) -> None:
    data, _, pdf, _ = full
    titles = {e.id: e.title for e in catalog.exercises}
    lines = _lines(pdf)
    assert data.exercises and data.exercises[0].fully > 100
    assert data.exercises[0].name == "Breathing arm raise"  # in most of the sample's sessions
    for count in data.exercises:
        name = titles[count.exercise_id]  # every one a card of the catalogue
        assert [*name.split(), str(count.fully), str(count.partly)] in lines


def test_a_year_is_a_few_a4_pages(full: tuple[ReportData, History, Path, int]) -> None:
    _, _, pdf, pages = full
    assert pages == pages_of(pdf)
    assert 3 <= pages <= 5  # title and charts, the table over two, the exercises
    assert "(A4)" in poppler("pdfinfo", str(pdf))


def test_from_and_to_limit_the_weeks(qapp: QApplication, year: tuple[Path, YearSample],
                                     catalog: Catalog, tmp_path: Path) -> None:
    data, history = _report(year[0], catalog, date(2026, 3, 2), date(2026, 3, 29))
    assert [w.start for w in data.history.weeks] == [date(2026, 3, d) for d in (2, 9, 16, 23)]
    pdf = tmp_path / "march.pdf"
    assert write_report(pdf, data, Paper.LETTER) == 2
    lines = _lines(pdf)
    for week in history.weeks:
        assert _row_words(week) in lines
    text = " ".join(poppler("pdftotext", str(pdf), "-").split())
    assert "2 to 29 March 2026" in text
    assert "Weeks 17 to 21 after the birth" in text
    assert "23 Feb 2026" not in text and "30 Mar 2026" not in text
    assert "letter" in poppler("pdfinfo", str(pdf))


def test_an_empty_history_is_a_short_report_that_says_so(qapp: QApplication, tmp_path: Path,
                                                         catalog: Catalog) -> None:
    store = Store(tmp_path / "data", clock=lambda: NOW)
    try:
        data = make_report(store, PLAN, catalog, TZ, NOW)
    finally:
        store.close()
    assert data.empty and data.start == data.end == date(2026, 11, 30)
    pdf = tmp_path / "empty.pdf"
    assert write_report(pdf, data, Paper.A4) == 1
    text = " ".join(poppler("pdftotext", str(pdf), "-").split())
    assert " ".join(EMPTY.split()) in text
    assert f"{TITLE}: 30 November 2026 " in text  # one day, said once
    assert "Week by week" not in text and "Not medical advice" in text


def test_each_exercise_counts_fully_or_partly_from_what_she_did() -> None:
    at = datetime(2026, 11, 23, 9, tzinfo=UTC)

    def event(key: str, word: EventKind, detail: str = "") -> Event:
        return Event(at, Kind.EXERCISE.value, key, word, detail)

    counts = exercise_counts([
        event("exercise:2026-11-23:breathing-arm-raise+bridge", EventKind.DONE),
        event("exercise:2026-11-24:bridge+knee-hugs", EventKind.PARTLY,
              json.dumps({"done": ["bridge"], "partly": ["knee-hugs"]})),
        event("exercise:2026-11-25:cat-cow", EventKind.PARTLY),
        event("exercise:2026-11-26:cat-cow", EventKind.SKIPPED),
        event("exercise:2026-12-01:bridge", EventKind.DONE),  # after the span
    ], TZ, date(2026, 11, 23), date(2026, 11, 29), {"bridge": "Bridge"})
    assert [(c.exercise_id, c.name, c.fully, c.partly) for c in counts] == [
        ("bridge", "Bridge", 2, 0),
        ("breathing-arm-raise", "Breathing arm raise", 1, 0),
        ("cat-cow", "Cat cow", 0, 1),
        ("knee-hugs", "Knee hugs", 0, 1),
    ]


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LC_ALL")}
    env.update(TZ="Europe/London", LANG="en_GB.UTF-8",
               PYTHONPATH=str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", ""))
    return subprocess.run(
        [sys.executable, "-m", "backcare", "report", "--data-dir", str(data), *args],
        capture_output=True, text=True, env=env, timeout=120, check=False)


def test_the_command_writes_the_report_and_says_so(year: tuple[Path, YearSample],
                                                   catalog: Catalog, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    done = _cli(year[0], "-o", str(out), "--from", "2026-06-01", "--to", "2026-06-28")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith(
        f"Saved your progress report for 1 to 28 June 2026 to {out}: ")
    assert done.stdout.strip().endswith("pages on A4 paper.")
    _, history = _report(year[0], catalog, date(2026, 6, 1), date(2026, 6, 28))
    lines = _lines(out)
    assert len(history.weeks) == 4
    for week in history.weeks:
        assert _row_words(week) in lines


def test_a_bad_date_or_path_is_one_sentence(year: tuple[Path, YearSample], tmp_path: Path
                                            ) -> None:
    out = tmp_path / "report.pdf"
    bad = _cli(year[0], "-o", str(out), "--from", "2026-13-01")
    assert bad.returncode == 2
    assert "'2026-13-01' is not a date like 2026-11-23 (year-month-day)" in bad.stderr
    backwards = _cli(year[0], "-o", str(out), "--from", "2026-06-28", "--to", "2026-06-01")
    assert backwards.returncode == 1
    assert backwards.stderr.strip() == (
        "The dates are the wrong way round: --from 2026-06-28 is after --to 2026-06-01.")
    gone = tmp_path / "missing" / "report.pdf"
    failed = _cli(year[0], "-o", str(gone), "--from", "2026-06-01")
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert failed.stderr.strip().splitlines()[-1] == (
        f"Could not write {gone}: No such file or directory.")
    assert not out.exists()
