"""The thin timer on a travelling clock: it wakes at the lifecycle's next moment, carries its
changes out, and keeps honest about jumps. Nothing sleeps: time-machine moves the wall clock
(which APScheduler reads too) and a hand-moved monotonic clock stands for Qt's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from backcare.core.lifecycle import SETTLE, Lifecycle
from backcare.core.lifecycle_io import Answer, Changes
from backcare.core.plan import default_plan
from backcare.core.reminders import Kind, reminders
from backcare.core.store import EventKind, Store
from backcare.scheduling.service import NEXT_JOB, ReminderService

TZ = ZoneInfo("Europe/London")


class FrozenMonotonic:
    """Monotonic time that we move by hand; the wall clock moves with time-machine."""

    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


@pytest.fixture
def traveller() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(datetime(2026, 11, 23, 8, 55, tzinfo=TZ), tick=False) as t:
        yield t


def make(store: Store, mono: FrozenMonotonic | None = None) -> ReminderService:
    life = Lifecycle(default_plan(), TZ, store)
    return ReminderService(life, monotonic=mono or FrozenMonotonic())


@pytest.fixture
def service(qtbot, tmp_path: Path, traveller) -> Iterator[tuple[ReminderService, FrozenMonotonic]]:  # type: ignore[no-untyped-def]
    mono = FrozenMonotonic()
    store = Store(tmp_path, clock=lambda: datetime.now(TZ))
    svc = make(store, mono)
    svc.start()
    yield svc, mono
    svc.stop()
    store.close()


def fire(svc: ReminderService, qtbot, traveller, to: datetime) -> Changes:  # type: ignore[no-untyped-def]
    """Travel to ``to`` and let the scheduler run what is due, as its timer would."""
    traveller.move_to(to)
    with qtbot.waitSignal(svc.changed, timeout=5000) as changed:
        svc.scheduler.wakeup()
    return changed.args[0]


def test_one_job_at_the_lifecycles_next_moment(service) -> None:  # type: ignore[no-untyped-def]
    svc, _ = service
    jobs = svc.scheduler.get_jobs()
    assert len(jobs) == 1 and jobs[0].id.startswith(NEXT_JOB)
    assert type(jobs[0].trigger).__name__ == "DateTrigger"
    assert svc.next_wake == datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
    assert svc.scheduler.timer_active


def test_a_reminder_fires_on_the_main_thread_at_its_time(service, traveller, qtbot) -> None:  # type: ignore[no-untyped-def]
    svc, _ = service
    changes = fire(svc, qtbot, traveller, datetime(2026, 11, 23, 9, 0, tzinfo=TZ))
    assert [r.kind for r in changes.show] == [Kind.POSTURE]
    reminder = changes.show[0]
    assert reminder.when == datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
    assert svc.lifecycle.store.latest_event(reminder.key).event is EventKind.SHOWN
    assert svc.next_wake == datetime(2026, 11, 23, 11, 0, tzinfo=TZ)  # re-armed


def test_ten_days_across_the_clock_change_fire_each_reminder_at_its_moment(
    tmp_path: Path, qtbot  # type: ignore[no-untyped-def]
) -> None:
    """Built once on 20 March; London springs forward on the 29th. Every reminder fires at
    its own instant, once, however long ago the service started (no cron table goes stale)."""
    start = datetime(2026, 3, 20, 6, 0, tzinfo=TZ)
    end = start + timedelta(days=10)
    expected = [r.when for r in reminders(default_plan(), start, end, TZ)]
    with time_machine.travel(start, tick=False) as traveller:
        store = Store(tmp_path, clock=lambda: datetime.now(TZ))
        svc = make(store)
        svc.start()
        shown: list[datetime] = []
        svc.changed.connect(lambda c: shown.extend(r.when for r in c.show))
        while (wake := svc.next_wake) is not None and wake < end:
            traveller.move_to(wake)
            svc.scheduler.wakeup()
            qtbot.waitUntil(lambda w=wake: svc.next_wake != w, timeout=5000)
        svc.stop()
        store.close()
    assert shown == expected
    assert len(expected) == 130


def test_snooze_comes_back_after_ten_minutes(service, traveller, qtbot) -> None:  # type: ignore[no-untyped-def]
    svc, _ = service
    key = fire(svc, qtbot, traveller, datetime(2026, 11, 23, 9, 0, tzinfo=TZ)).show[0].key
    svc.answer(key, Answer.SNOOZE)
    assert svc.next_wake == datetime(2026, 11, 23, 9, 10, tzinfo=TZ)
    again = fire(svc, qtbot, traveller, datetime(2026, 11, 23, 9, 10, tzinfo=TZ))
    assert [r.key for r in again.show] == [key]
    assert svc.lifecycle.store.latest_event(key).detail == "after snooze"


def test_a_three_hour_jump_gives_one_summary_and_no_burst(service, traveller, qtbot) -> None:  # type: ignore[no-untyped-def]
    svc, mono = service
    summaries: list[Changes] = []
    svc.changed.connect(lambda c: summaries.append(c) if c.away else None)
    traveller.shift(timedelta(hours=3))  # the lid was closed: monotonic time stood still
    shown: list[Changes] = []
    svc.changed.connect(lambda c: shown.append(c) if c.show else None)
    assert svc.check_clock() is True
    assert summaries == []  # the summary waits for the clock to settle
    traveller.shift(SETTLE)
    mono.value += SETTLE.total_seconds()
    assert svc.check_clock() is False
    assert len(summaries) == 1
    assert [f"{r.when:%H:%M}" for r in summaries[0].away] == ["09:00", "11:00"]
    assert shown == []  # no burst: 09:00 and 11:00 were never shown one by one
    traveller.shift(timedelta(minutes=1))
    mono.value += 60
    svc.check_clock()
    assert len(summaries) == 1


def test_what_passed_while_the_app_was_off_is_one_summary(
    tmp_path: Path, traveller, qtbot  # type: ignore[no-untyped-def]
) -> None:
    store = Store(tmp_path, clock=lambda: datetime.now(TZ))
    first = make(store)
    first.start()
    first.stop()
    traveller.shift(timedelta(hours=10))  # off all day: 08:55 -> 18:55
    second = make(store)
    second.start()
    assert second.next_wake == datetime(2026, 11, 23, 18, 55, tzinfo=TZ) + SETTLE
    changes = fire(second, qtbot, traveller, second.next_wake)
    second.stop()
    times = [f"{r.when:%H:%M} {r.kind}" for r in changes.away]
    assert times == ["09:00 posture", "11:00 posture", "12:30 calcium", "13:00 posture",
                     "15:00 exercise", "17:00 posture", "18:30 calcium"]


def test_pause_skips_and_resume_restores(service, traveller, qtbot) -> None:  # type: ignore[no-untyped-def]
    svc, _ = service
    until = svc.pause(30)
    assert until == datetime(2026, 11, 23, 9, 25, tzinfo=TZ)
    assert svc.paused_until() == until
    changes = fire(svc, qtbot, traveller, datetime(2026, 11, 23, 9, 0, tzinfo=TZ))
    assert changes.show == ()
    assert [e.event for e in changes.recorded] == [EventKind.PAUSED]
    svc.resume()
    assert svc.paused_until() is None
    tomorrow = svc.pause(-1)
    assert tomorrow == datetime(2026, 11, 24, 7, 0, tzinfo=TZ)


def test_stopping_really_cancels_the_timer(service) -> None:  # type: ignore[no-untyped-def]
    svc, _ = service
    assert svc.scheduler.timer_active
    svc.stop()
    assert not svc.scheduler.timer_active


def test_the_watchdog_tells_when_the_day_changes(service, traveller, qtbot) -> None:  # type: ignore[no-untyped-def]
    svc, mono = service
    days: list[bool] = []
    svc.changed.connect(lambda c: days.append(True) if c.new_day else None)
    traveller.move_to(datetime(2026, 11, 23, 23, 58, tzinfo=TZ))
    mono.value += 15 * 3600 + 3 * 60  # awake all along: no jump, just the evening
    assert svc.check_clock() is False and days == []
    traveller.shift(timedelta(minutes=3))  # 00:01 the next day
    mono.value += 180
    assert svc.check_clock() is False
    assert days == [True]
    # The day's reminders were never asked for (no tick ran since 08:55): their summary is
    # kept for the morning, not told at night, and the timer sleeps until then.
    assert svc.next_wake == datetime(2026, 11, 24, 7, 0, tzinfo=TZ)
