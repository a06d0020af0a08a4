"""The Today page: each reminder's row says its state in words and offers exactly its actions,
the top button starts the session waiting for her, pauses and naps show as banners with the
button that ends them, and the calcium bar counts only the portions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from backcare.core.plan import Nap, Plan, Profile, default_plan
from backcare.core.reminders import Reminder, reminders
from backcare.core.store import Event, EventKind
from backcare.core.today import Action, Day, State, day_timeline
from backcare.ui.today_page import TodayPage, countdown_words
from backcare.ui.today_words import ACTION_WORDS

TZ = ZoneInfo("Europe/London")
TITLES = {"breathing-arm-raise": "Breathing with arm raises", "bridge": "Bridge",
          "knee-hugs": "Knee hugs"}


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 23, hour, minute, tzinfo=TZ)


def planned(plan: Plan | None = None) -> dict[str, Reminder]:
    """The day's real reminders by planned time ("15:00"), so no key is written by hand."""
    found = reminders(plan or default_plan(), at(0), at(23, 59), TZ)
    return {f"{r.planned:%H:%M}": r for r in found}


def event(reminder: Reminder, when: datetime, what: EventKind) -> Event:
    return Event(when.astimezone(UTC), reminder.kind.value, reminder.key, what, "")


def a_day(now: datetime, events: Sequence[Event] = (), plan: Plan | None = None,
          since: datetime | None = None,
          paused: tuple[datetime, datetime] | None = None) -> Day:
    return day_timeline(plan or default_plan(), events, now.date(), now, TZ, 260, since, paused)


def a_page(qtbot, day: Day, now: datetime) -> TodayPage:  # type: ignore[no-untyped-def]
    page = TodayPage(clock=lambda: now)
    qtbot.addWidget(page)
    page.set_day(day, now, TITLES)
    return page


def lunchtime() -> tuple[Day, datetime]:
    """12:40: breakfast taken, the morning session stopped part way, 11:00 snoozed at 12:35,
    lunch shown at 12:30 and waiting; 09:00 passed without an answer."""
    r = planned()
    events = [event(r["07:30"], at(7, 40), EventKind.DONE),
              event(r["08:00"], at(8, 20), EventKind.PARTLY),
              event(r["11:00"], at(12, 35), EventKind.SNOOZED),
              event(r["12:30"], at(12, 30), EventKind.SHOWN)]
    return a_day(at(12, 40), events), at(12, 40)


def test_each_row_says_what_and_where_it_stands(qtbot) -> None:  # type: ignore[no-untyped-def]
    day, now = lunchtime()
    page = a_page(qtbot, day, now)
    r = planned()
    assert [row.key for row in page.rows] == [e.reminder.key for e in day.entries]
    texts = {t: page.row(r[t].key).text() for t in ("07:30", "08:00", "09:00", "11:00",
                                                     "12:30", "15:00")}
    assert texts == {
        "07:30": "07:30   Calcium with breakfast   taken",
        "08:00": "08:00   Morning exercises: Breathing with arm raises, Bridge   partly done",
        "09:00": "09:00   Posture break: stand up and stretch   not done",
        "11:00": "11:00   Posture break: stand up and stretch   snoozed until 12:45",
        "12:30": "12:30   Calcium with lunch   now",
        "15:00": "15:00   Afternoon exercises: Bridge   later",
    }


def test_done_skipped_and_before_she_started(qtbot) -> None:  # type: ignore[no-untyped-def]
    r = planned()
    events = [event(r["11:00"], at(11, 5), EventKind.DONE),
              event(r["12:30"], at(12, 31), EventKind.SKIPPED)]
    now = at(13, 30)
    page = a_page(qtbot, a_day(now, events, since=at(10, 0)), now)
    states = {t: page.row(r[t].key).state_label.text() for t in ("09:00", "11:00", "12:30")}
    assert states == {"09:00": "before you started", "11:00": "done", "12:30": "skipped"}


def test_a_rows_buttons_are_exactly_its_actions(qtbot) -> None:  # type: ignore[no-untyped-def]
    r = planned()
    now = at(11, 5)
    page = a_page(qtbot, a_day(now, [event(r["11:00"], at(11, 0), EventKind.SHOWN)]), now)
    for row in page.rows:
        shown = [b.text() for b in row.findChildren(QPushButton)]
        assert shown == [ACTION_WORDS[a] for a in row.entry.actions], row.key
    posture = page.row(r["11:00"].key)
    assert [b.text() for b in posture.buttons.values()] == [
        "Start", "Doing it now", "Snooze 10 min", "Skip"]
    assert page.row(r["07:30"].key).buttons.keys() == {Action.TAKEN}  # not done: take it now


def test_taken_asks_for_that_calcium_reminder(qtbot) -> None:  # type: ignore[no-untyped-def]
    day, now = lunchtime()
    page = a_page(qtbot, day, now)
    lunch = planned()["12:30"].key
    taken = page.row(lunch).buttons[Action.TAKEN]
    with qtbot.waitSignal(page.actionRequested, timeout=1000) as signal:
        qtbot.mouseClick(taken, Qt.MouseButton.LeftButton)
    assert signal.args == [lunch, Action.TAKEN]


def test_the_top_button_starts_the_due_session(qtbot) -> None:  # type: ignore[no-untyped-def]
    afternoon = planned()["15:00"]
    now = at(15, 5)
    page = a_page(qtbot, a_day(now, [event(afternoon, at(15, 0), EventKind.SHOWN)]), now)
    page.show()
    assert page.start_button.isVisible()
    assert page.next_label.text() == "Next: posture break at 17:00, in 1 h 55 min"
    assert page.start_button.text() == "Start Afternoon session"
    with qtbot.waitSignal(page.actionRequested, timeout=1000) as signal:
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert signal.args == [afternoon.key, Action.START]


def test_the_next_session_is_offered_before_its_time(qtbot) -> None:  # type: ignore[no-untyped-def]
    now = at(13, 30)
    page = a_page(qtbot, a_day(now), now)
    assert page.start_button.text() == "Start Afternoon session"
    assert page.start_caption.text() == "At 15:00, in 1 h 30 min."


def test_otherwise_the_next_line_counts_down_while_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    clock = [at(10, 35)]
    page = TodayPage(clock=lambda: clock[0])
    qtbot.addWidget(page)
    page.set_day(a_day(clock[0]), clock[0], TITLES)
    # The morning session passed: the one to start is the afternoon's, whatever comes first.
    assert page.start_button.text() == "Start Afternoon session"
    assert page.next_label.text() == "Next: posture break at 11:00, in 25 min"
    assert not page._tick.isActive()
    page.show()
    assert page._tick.isActive()
    clock[0] = at(10, 50)
    page._tick.timeout.emit()
    assert page.next_label.text() == "Next: posture break at 11:00, in 10 min"
    page.hide()
    assert not page._tick.isActive()


def test_a_nap_is_a_banner_and_its_reminders_stay_listed(qtbot) -> None:  # type: ignore[no-untyped-def]
    plan = replace(default_plan(), nap=Nap(at(14, 30), at(15, 10)))
    now = at(14, 40)
    page = a_page(qtbot, a_day(now, plan=plan), now)
    page.show()
    assert page.nap_banner.isVisible()
    assert not page.pause_banner.isVisible()
    assert page.nap_banner.label.text() == "Quiet while the baby naps, until 15:10."
    napped = page.row(planned()["15:00"].key)
    assert napped.entry.state is State.NAPPING
    assert napped.state_label.text() == "quiet while the baby naps"
    assert napped.buttons == {}
    with qtbot.waitSignal(page.awakeRequested, timeout=1000):
        qtbot.mouseClick(page.nap_banner.button, Qt.MouseButton.LeftButton)


def test_a_pause_is_a_banner_with_resume(qtbot) -> None:  # type: ignore[no-untyped-def]
    now = at(12, 40)
    page = a_page(qtbot, a_day(now, paused=(at(12, 35), at(14, 30))), now)
    page.show()
    assert page.pause_banner.label.text() == "Reminders are paused until 14:30."
    assert page.row(planned()["13:00"].key).state_label.text() == "paused"
    with qtbot.waitSignal(page.resumeRequested, timeout=1000):
        qtbot.mouseClick(page.pause_banner.button, Qt.MouseButton.LeftButton)
    page.set_day(a_day(now), now, TITLES)
    assert page.pause_banner.isHidden()


def test_not_done_is_calm_grey_and_never_missed(qtbot) -> None:  # type: ignore[no-untyped-def]
    day, now = lunchtime()
    page = a_page(qtbot, day, now)
    row = page.row(planned()["09:00"].key)
    assert row.entry.state is State.NOT_DONE
    assert "missed" not in f"{row.text()} {row.accessibleName()}".lower()
    row.state_label.ensurePolished()
    colour = row.state_label.palette().color(row.state_label.foregroundRole())
    assert colour.hsvSaturation() < 60, colour.name()  # a grey: hardly any hue, so not red


@pytest.mark.parametrize(("diet", "taken", "maximum", "value", "line"), [
    (600, 1, 400, 260, "Your usual food gives about 600 mg a day. Portions today: 1 of 3 "
                       "taken, about 260 of the 400 mg to find."),
    (600, 3, 400, 400, "Your usual food gives about 600 mg a day. Portions today: 3 of 3 "
                       "taken, about 780 of the 400 mg to find."),
    (0, 1, 1000, 260, "Today's calcium target is 1,000 mg. Portions today: 1 of 3 taken, "
                      "about 260 mg."),
    (1200, 0, 1, 1, "Your usual food gives about 1,200 mg a day, which already covers today's "
                    "1,000 mg. Portions today: 0 of 3 taken."),
])
def test_the_calcium_bar_counts_only_the_portions(  # type: ignore[no-untyped-def]
        qtbot, diet: int, taken: int, maximum: int, value: int, line: str) -> None:
    plan = replace(default_plan(), profile=Profile(diet_calcium_mg=diet))
    meals = [r for r in planned(plan).values() if r.meal][:taken]
    now = at(20, 0)
    page = a_page(qtbot, a_day(now, [event(m, now, EventKind.DONE) for m in meals], plan), now)
    assert page.calcium_label.text() == line
    assert (page.calcium_bar.maximum(), page.calcium_bar.value()) == (maximum, value)


def test_rows_and_buttons_are_named_and_reached_with_tab(qtbot) -> None:  # type: ignore[no-untyped-def]
    now = at(13, 30)
    page = a_page(qtbot, a_day(now), now)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    afternoon = page.row(planned()["15:00"].key)
    assert afternoon.accessibleName() == "15:00 Afternoon exercises: Bridge, later"
    assert afternoon.buttons[Action.START].accessibleName() == "Start: 15:00 Afternoon exercises"
    assert afternoon.focusPolicy() == Qt.FocusPolicy.StrongFocus
    afternoon.setFocus()
    qtbot.waitUntil(afternoon.hasFocus)
    visited = []
    for _ in range(3):
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Tab)
        visited.append(page.focusWidget())
    following = page.row(planned()["17:00"].key)
    assert visited == [afternoon.buttons[Action.START], afternoon.buttons[Action.SKIP], following]
    page.start_button.setFocus()
    qtbot.keyClick(page.start_button, Qt.Key.Key_Tab)
    assert page.focusWidget() is page.next_label  # the next reminder, read on the way down
    qtbot.keyClick(page.next_label, Qt.Key.Key_Tab)
    assert page.focusWidget() is page.rows[0]  # from the top of the page down into the day


def test_keyboard_focus_stays_on_the_reminder_after_a_redraw(qtbot) -> None:  # type: ignore[no-untyped-def]
    day, now = lunchtime()
    page = a_page(qtbot, day, now)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    lunch = planned()["12:30"]
    taken = page.row(lunch.key).buttons[Action.TAKEN]
    taken.setFocus()
    qtbot.waitUntil(taken.hasFocus)
    later = at(12, 41)
    page.set_day(a_day(later, [event(lunch, later, EventKind.DONE)]), later, TITLES)
    assert page.focusWidget() is page.row(lunch.key)
    assert QApplication.focusWidget() is page.row(lunch.key)


@pytest.mark.parametrize(("width", "under"), [(1100, False), (710, True)])
def test_on_a_narrow_page_the_buttons_go_under_the_words(  # type: ignore[no-untyped-def]
        qtbot, width: int, under: bool) -> None:
    r = planned()
    now = at(11, 5)
    page = a_page(qtbot, a_day(now, [event(r["11:00"], at(11, 0), EventKind.SHOWN)]), now)
    page.resize(width, 620)
    page.show()
    qtbot.waitExposed(page)
    row = page.row(r["11:00"].key)
    below = row.button_box.geometry().top() >= row.what_label.geometry().bottom()
    assert below is under


def test_countdown_words() -> None:
    assert countdown_words(0) == "now"
    assert countdown_words(-5) == "now"
    # Rounded up: "now" only at the moment itself, never 47 s early.
    for before in (1, 47, 59, 60):
        assert countdown_words(before) == "in 1 min", before
    assert countdown_words(61) == "in 2 min"
    assert countdown_words(25 * 60 + 5) == "in 26 min"
    assert countdown_words(3 * 3600 + 5 * 60) == "in 3 h 05 min"
    assert countdown_words(3 * 3600 + 4 * 60 + 30) == "in 3 h 05 min"


def test_the_countdown_redraws_when_its_minute_changes(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Not on a fixed minute that may fall 59 s after the reminder: 47 s before the 11:00
    posture break the page says "in 1 min" and redraws 47 s later, at 11:00 itself."""
    clock = [datetime(2026, 11, 23, 10, 59, 13, tzinfo=TZ)]
    page = TodayPage(clock=lambda: clock[0])
    qtbot.addWidget(page)
    page.set_day(a_day(clock[0]), clock[0], TITLES)
    assert page.next_label.text() == "Next: posture break at 11:00, in 1 min"
    assert page._tick.interval() == 47_000
    clock[0] = at(10, 35)
    page._tick.timeout.emit()
    assert page.next_label.text() == "Next: posture break at 11:00, in 25 min"
    assert page._tick.interval() == 60_000


def test_the_recovery_banner_and_the_setup_offer(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = TodayPage()
    qtbot.addWidget(page)
    page.show()
    assert not page.recovery_label.isVisible() and not page.setup_button.isVisible()
    page.set_recovery("Week 7 after a caesarean birth.", offer_setup=False)
    assert page.recovery_label.isVisible() and not page.setup_button.isVisible()
    page.set_recovery("Tell Back Care when your baby was born.", offer_setup=True)
    with qtbot.waitSignal(page.setupRequested, timeout=1000):
        page.setup_button.click()


def test_the_list_opens_on_what_comes_next(qtbot) -> None:  # type: ignore[no-untyped-def]
    now = at(20, 30)  # the evening: the morning's rows are above, out of view
    page = TodayPage(clock=lambda: now)
    qtbot.addWidget(page)
    page.resize(900, 520)
    page.show()  # as at start: the window is up when the day is drawn
    qtbot.waitExposed(page)
    page.set_day(a_day(now), now, TITLES)
    bar = page.rows_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=2000)
    nxt = page.row(planned()["21:00"].key)
    viewport = page.rows_area.viewport().rect()
    top = nxt.mapTo(page.rows_area.viewport(), nxt.rect().topLeft()).y()
    assert 0 <= top < viewport.height()
