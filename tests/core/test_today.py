"""The Today timeline marks each reminder and tallies calcium."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from backcare.core.plan import default_plan
from backcare.core.store import Event
from backcare.core.today import day_timeline

TZ = ZoneInfo("Europe/London")


def ev(key: str, event: str, hour: int, minute: int = 0) -> Event:
    at = datetime(2026, 11, 23, hour, minute, tzinfo=TZ).astimezone(UTC)
    return Event(at, key.split(":")[0], key, event, "")


def test_each_reminder_gets_its_status() -> None:
    events = [
        ev("calcium:2026-11-23T07:30", "fired", 7, 30),
        ev("calcium:2026-11-23T07:30", "done", 7, 35),
        ev("exercise:2026-11-23T08:00", "fired", 8),
        ev("exercise:2026-11-23T08:00", "snoozed", 8, 1),
        ev("posture:2026-11-23T11:00", "fired", 11),
        ev("posture:2026-11-23T09:00", "skipped", 9),
    ]
    now = datetime(2026, 11, 23, 11, 20, tzinfo=TZ)
    day = day_timeline(default_plan(), events, date(2026, 11, 23), now, TZ, portion_mg=260)
    status = {f"{e.reminder.when:%H:%M}": e.status for e in day.entries}
    assert status["07:30"] == "done"
    assert status["08:00"] == "snoozed"
    assert status["09:00"] == "skipped"
    assert status["11:00"] == "due"
    assert status["12:30"] == "upcoming"
    assert day.next_due is not None and f"{day.next_due.when:%H:%M}" == "12:30"
    assert (day.calcium_taken, day.calcium_planned, day.calcium_mg) == (1, 3, 260)
    assert day.calcium_target_mg == 1000


def test_unanswered_past_reminders_are_missed() -> None:
    now = datetime(2026, 11, 23, 14, 0, tzinfo=TZ)
    events = [ev("posture:2026-11-23T11:00", "fired", 11)]
    day = day_timeline(default_plan(), events, date(2026, 11, 23), now, TZ, portion_mg=260)
    status = {f"{e.reminder.when:%H:%M}": e.status for e in day.entries}
    assert status["09:00"] == "missed"  # never shown (the app was off)
    assert status["11:00"] == "missed"  # shown, never answered, over an hour ago
    assert status["15:00"] == "upcoming"


def test_reminders_before_her_first_start_are_not_missed() -> None:
    now = datetime(2026, 11, 23, 10, 35, tzinfo=TZ)
    since = datetime(2026, 11, 23, 8, 30, tzinfo=TZ)
    day = day_timeline(default_plan(), [], date(2026, 11, 23), now, TZ, 260, since)
    statuses = {e.reminder.when.strftime("%H:%M"): e.status for e in day.entries}
    assert statuses["07:30"] == "before" and statuses["08:00"] == "before"
    assert statuses["09:00"] == "missed" and statuses["11:00"] == "upcoming"
