"""The History page: streaks, the charts' words, the day list (shown lazily) and her diary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backcare.core.history import DayRecord, Streaks, WeekRecord
from backcare.core.pain_diary import Feel, PainDiary, Rating
from backcare.core.store import Store
from backcare.ui.history_diary import CONFIRM_WORDS, FIRST_ENTRIES, entry_words
from backcare.ui.history_page import FIRST_DAYS, MORE_DAYS, HistoryData, HistoryPage, day_words

TZ = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 23)  # a Monday


def day(offset: int, **changes: object) -> DayRecord:
    record = DayRecord(day=TODAY - timedelta(days=offset), sessions_done=2, sessions_partly=1,
                       sessions_due=4, posture_taken=5, posture_due=6, calcium_mg=800,
                       calcium_target_mg=1000, quiet=False, rested=False, setback=False,
                       counts=True)
    return replace(record, **changes)  # type: ignore[arg-type]


def sample_data(days: int = 70, ratings: list[Rating] | None = None) -> HistoryData:
    """Ten weeks, the newest today; week 4 has a setback and no rating."""
    records = [day(n) for n in reversed(range(days))]
    start = TODAY - timedelta(days=days - 1)
    weeks = []
    for i in range(days // 7):
        monday = start + timedelta(weeks=i)
        weeks.append(WeekRecord(
            start=monday, week_after_birth=8 + i, sessions_done=5, sessions_due=6,
            adherence=5 / 6, posture_taken=30, posture_due=42, calcium_days_met=3,
            pain_mean=None if i == 4 else 6 - i * 0.5, setbacks=1 if i == 4 else 0))
    return HistoryData(records, weeks, Streaks(current=5, best=12), ratings or [], TZ, TODAY)


def make_page(qtbot: QtBot, data: HistoryData | Callable[[], HistoryData] | None = None,
              store: Store | None = None) -> HistoryPage:
    """A page on ``data`` (a loader, for pages that reload after an edit)."""
    load = data if callable(data) else (lambda: data or sample_data())
    diary = PainDiary(store) if store is not None else None
    page = HistoryPage(load, diary.edit if diary else (lambda *_a: None),
                       diary.delete if diary else (lambda _i: None))
    qtbot.addWidget(page)
    page.resize(1024, 600)
    return page


def history_sample_page() -> HistoryPage:
    """For the walks (accessibility, Tab order, contrast, text size): ten weeks, one diary
    entry, "Show earlier" under the days."""
    at = datetime(2026, 11, 22, 9, 15, tzinfo=UTC)
    data = sample_data(70, [Rating(1, at, "session:2026-11-22:a", 4, Feel.EASIER)])
    page = HistoryPage(lambda: data, lambda *_a: None, lambda _i: None)
    page.resize(1024, 600)
    return page


def test_day_words_say_sessions_breaks_and_calcium() -> None:
    assert day_words(day(0)) == (
        "Mon 23 Nov: 2 of 4 sessions done, 1 partly; posture breaks 5 of 6; "
        "calcium 800 of 1000 mg")
    quiet = day(1, sessions_done=0, sessions_partly=0, sessions_due=0, quiet=True)
    assert day_words(quiet) == (
        "Sun 22 Nov: no sessions due; posture breaks 5 of 6; calcium 800 of 1000 mg; "
        "a quiet day")
    assert day_words(day(2, setback=True)).endswith("; a setback")
    assert day_words(day(3, rested=True)).endswith("; a rest day")


def test_the_page_shows_streaks_charts_and_recent_days(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    page.show()
    assert page.streaks.text() == "Current streak: 5 days. Best streak: 12 days."
    assert page.adherence_chart.accessibleDescription().startswith(
        "Weekly sessions done. Week 8: 5 of 6 sessions, 83 %; Week 9: 5 of 6 sessions, 83 %")
    assert "Week 12: not rated, a setback" in page.pain_chart.accessibleDescription()
    assert page.pain_chart.accessibleName() == "Chart: pain over the weeks after birth"
    assert len(page.day_labels) == FIRST_DAYS
    assert page.day_labels[0].text().startswith("Mon 23 Nov:")  # newest first
    assert page.earlier_button.isVisibleTo(page)
    page.show_earlier()
    assert len(page.day_labels) == min(70, FIRST_DAYS + MORE_DAYS)
    assert page.earlier_button.isHidden()  # all 70 days are out
    assert page.day_labels[-1].text().startswith("Tue 15 Sep:")  # 69 days before


def test_tab_reaches_everything_in_reading_order(qtbot: QtBot) -> None:
    at = datetime(2026, 11, 22, 9, 15, tzinfo=UTC)
    page = make_page(qtbot, sample_data(14, [Rating(1, at, "k", 4, Feel.EASIER)]))
    page.show()
    page.activateWindow()
    qtbot.waitExposed(page)
    stops = page.tab_stops()
    assert stops[:4] == [page.streaks, page.streak_rule, page.adherence_chart, page.pain_chart]
    assert stops[4] is page.diary.rows[0].label
    assert stops[-1] is page.day_labels[-1]  # 14 days: no "Show earlier"
    stops[0].setFocus(Qt.FocusReason.TabFocusReason)
    for expected in stops[1:]:
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Tab)
        assert page.focusWidget() is expected


def test_her_diary_entries_can_be_edited_and_deleted(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store(tmp_path / "data", clock=lambda: datetime(2026, 11, 23, 9, tzinfo=TZ))
    diary = PainDiary(store)
    first = diary.add("session:2026-11-22:a", 6, Feel.HARDER, datetime(2026, 11, 22, 9, tzinfo=UTC))
    diary.add("session:2026-11-23:a", 4, None, datetime(2026, 11, 23, 8, tzinfo=UTC))
    assert first is not None
    page = make_page(qtbot, lambda: sample_data(14, diary.ratings()), store)
    page.show()
    assert page.diary.texts() == ["Mon 23 Nov, 08:00: pain 4 of 10",
                                  "Sun 22 Nov, 09:00: pain 6 of 10, felt harder"]
    dialog = page._on_edit(first)
    dialog.panel.choose(pain=3, feel=Feel.SAME)
    dialog.accept()
    assert [(r.pain, r.feel) for r in diary.ratings()] == [(3, Feel.SAME), (4, None)]
    assert page.diary.texts()[1] == "Sun 22 Nov, 09:00: pain 3 of 10, felt the same"
    row = page.diary.rows[0]
    row.delete_button.click()  # asks first, in place
    assert row.delete_button.text() == CONFIRM_WORDS
    assert len(diary.ratings()) == 2
    row.delete_button.click()
    assert [r.pain for r in diary.ratings()] == [3]
    assert page.diary.texts() == ["Sun 22 Nov, 09:00: pain 3 of 10, felt the same"]
    store.close()


def test_a_long_diary_is_laid_out_a_little_at_a_time(qtbot: QtBot) -> None:
    at = datetime(2026, 1, 1, 9, tzinfo=UTC)
    many = [Rating(i, at + timedelta(days=i), None, i % 11, None) for i in range(100)]
    page = make_page(qtbot, sample_data(14, many))
    assert len(page.diary.rows) == FIRST_ENTRIES
    assert page.diary.texts()[0] == entry_words(many[-1], TZ)
    page.diary.show_earlier()
    assert len(page.diary.rows) > FIRST_ENTRIES
    assert page.tab_stops()[4 + 3 * FIRST_ENTRIES] is page.diary.rows[FIRST_ENTRIES].label


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_charts_paint_in_the_desktops_theme(qtbot: QtBot, dark: bool) -> None:
    from backcare.ui.theme import DARK, LIGHT
    from tests.ui.test_contrast import app_palette

    with app_palette(dark):
        page = make_page(qtbot)
        page.show()
        qtbot.waitExposed(page)
        image = page.adherence_chart.grab().toImage()
    theme = DARK if dark else LIGHT
    assert image.pixelColor(5, 5) == theme.colour("info_bg")
    bar = theme.colour("accent")
    assert any(image.pixelColor(x, image.height() // 2) == bar for x in range(image.width()))


def test_it_scrolls_in_a_small_window(qtbot: QtBot) -> None:
    """At 1024×600 the page is taller than the window: it scrolls, and never sideways."""
    page = history_sample_page()
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.minimumSizeHint().width() <= 1024 - 200  # beside the sidebar
    assert page.scroll.verticalScrollBar().maximum() > 0
    assert page.scroll.horizontalScrollBar().maximum() == 0
    last = page.day_labels[-1]
    last.setFocus(Qt.FocusReason.TabFocusReason)  # Tab there: the page scrolls to it
    qtbot.waitUntil(lambda: page.scroll.verticalScrollBar().value() > 0)
    top = last.mapTo(page.scroll.viewport(), last.rect().topLeft()).y()
    assert 0 <= top <= page.scroll.viewport().height() - last.height()
