"""The scheduler on a travelling clock: slots fire, snooze returns, jumps give one summary."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from backcare.core.plan import default_plan
from backcare.core.store import Store
from backcare.scheduling.service import ReminderService, slot_groups, slot_times

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


@pytest.fixture
def service(qtbot, tmp_path: Path, traveller) -> Iterator[tuple[ReminderService, FrozenMonotonic]]:  # type: ignore[no-untyped-def]
    mono = FrozenMonotonic()
    store = Store(tmp_path, clock=lambda: datetime.now(TZ))
    svc = ReminderService(default_plan(), TZ, store, monotonic=mono)
    svc.start()
    yield svc, mono
    svc.stop()
    store.close()


def test_jobs_are_derived_from_the_plan_in_memory(service) -> None:  # type: ignore[no-untyped-def]
    svc, _ = service
    jobs = svc.scheduler.get_jobs()
    times = slot_times(default_plan(), TZ, datetime(2026, 11, 23, tzinfo=TZ))
    assert len(times) == 13
    assert len(jobs) == len({t.minute for t in times}) == 2  # one per minute past the hour
    assert all(type(job.trigger).__name__ == "CronTrigger" for job in jobs)
    assert svc.scheduler.timer_active


@pytest.mark.parametrize("day", [date(2026, 11, 23), date(2026, 3, 29), date(2026, 10, 25)])
def test_the_jobs_fire_at_every_slot_and_nothing_else_even_on_dst_days(service, day) -> None:  # type: ignore[no-untyped-def]
    """29 March and 25 October 2026 are London's clock changes: still every slot, once."""
    svc, _ = service
    midnight = datetime.combine(day, time(0), tzinfo=TZ)
    fired = []
    for job in svc.scheduler.get_jobs():
        at = job.trigger.get_next_fire_time(None, midnight)
        while at is not None and at < datetime.combine(day + timedelta(days=1), time(0), TZ):
            fired.append(at.astimezone(TZ).time())
            at = job.trigger.get_next_fire_time(at, at + timedelta(seconds=1))
    assert sorted(fired) == slot_times(default_plan(), TZ, midnight)
    assert {"07:30", "09:00", "15:00"} <= {f"{t:%H:%M}" for t in fired}


def test_slots_are_grouped_by_minute_past_the_hour() -> None:
    assert slot_groups([time(12, 30), time(9, 0), time(7, 30)]) == {30: [7, 12], 0: [9]}
    assert slot_groups([]) == {}


def test_a_slot_fires_on_the_main_thread_at_its_time(service, traveller, qtbot) -> None:  # type: ignore[no-untyped-def]
    svc, mono = service
    traveller.shift(timedelta(minutes=5))
    mono.value += 300
    with qtbot.waitSignal(svc.reminderDue, timeout=5000) as due:
        svc.scheduler.wakeup()
    reminder = due.args[0]
    assert reminder.kind == "posture"
    assert reminder.when == datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
    assert svc.store.latest_event(reminder.key).event == "fired"


def test_snooze_fires_again_after_ten_minutes(service, traveller, qtbot) -> None:  # type: ignore[no-untyped-def]
    svc, _mono = service
    traveller.shift(timedelta(minutes=5))
    with qtbot.waitSignal(svc.reminderDue, timeout=5000) as due:
        svc.scheduler.wakeup()
    key = due.args[0].key
    svc.snooze(key)
    assert svc.store.latest_event(key).event == "snoozed"
    traveller.shift(timedelta(minutes=9))
    with qtbot.assertNotEmitted(svc.reminderDue, wait=100):
        svc.scheduler.wakeup()
    traveller.shift(timedelta(minutes=1, seconds=1))
    with qtbot.waitSignal(svc.reminderDue, timeout=5000) as again:
        svc.scheduler.wakeup()
    assert again.args[0].key == key
    assert svc.store.latest_event(key).detail == "after snooze"


def test_a_three_hour_jump_gives_one_summary(service, traveller, qtbot) -> None:  # type: ignore[no-untyped-def]
    svc, _mono = service
    summaries: list[list[object]] = []
    svc.awaySummary.connect(summaries.append)
    traveller.shift(timedelta(hours=3))  # the lid was closed: monotonic time stood still
    # The re-armed scheduler runs its zero-delay timer inside this block: no burst may follow.
    with qtbot.assertNotEmitted(svc.reminderDue, wait=50):
        assert svc.check_clock() is True
    assert len(summaries) == 1
    keys = [r.key for r in summaries[0]]
    assert keys == ["posture:2026-11-23T09:00", "posture:2026-11-23T11:00"]
    assert [svc.store.latest_event(k).event for k in keys] == ["missed", "missed"]
    # A second check finds nothing new: no second summary.
    assert svc.check_clock() is False
    assert len(summaries) == 1


def test_reminders_missed_while_the_app_was_off_are_one_summary(
    tmp_path: Path, traveller, qtbot  # type: ignore[no-untyped-def]
) -> None:
    store = Store(tmp_path, clock=lambda: datetime.now(TZ))
    first = ReminderService(default_plan(), TZ, store)
    first.start()
    first.stop()
    traveller.shift(timedelta(hours=10))  # off all day: 08:55 -> 18:55
    second = ReminderService(default_plan(), TZ, store)
    with qtbot.waitSignal(second.awaySummary, timeout=1000) as summary:
        second.start()
    second.stop()
    times = [f"{r.when:%H:%M} {r.kind}" for r in summary.args[0]]
    assert times == ["09:00 posture", "11:00 posture", "12:30 calcium", "13:00 posture",
                     "15:00 exercise", "17:00 posture", "18:30 calcium"]


def test_pause_skips_and_resume_restores(service, traveller, qtbot) -> None:  # type: ignore[no-untyped-def]
    svc, _ = service
    until = svc.pause(30)
    assert until == datetime(2026, 11, 23, 9, 25, tzinfo=TZ)
    assert svc.paused_until() == until
    traveller.shift(timedelta(minutes=5))
    with qtbot.assertNotEmitted(svc.reminderDue, wait=100):
        svc.scheduler.wakeup()
    assert svc.store.latest_event("posture:2026-11-23T09:00").event == "skipped"
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
    svc.dayChanged.connect(lambda: days.append(True))
    traveller.shift(timedelta(hours=10))
    mono.value += 10 * 3600  # awake all along: no jump, just the evening
    assert svc.check_clock() is False and days == []
    traveller.shift(timedelta(hours=6))  # 00:55 the next day
    mono.value += 6 * 3600
    assert svc.check_clock() is False
    assert days == [True]
    assert svc.check_clock() is False and days == [True]
