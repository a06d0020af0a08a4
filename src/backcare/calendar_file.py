"""Her routine as a calendar file (.ics) for the calendar she already uses: the core's events
(``core/calendar_export.py``) with the app's words, written where she chose. No Qt.

``backcare calendar`` and File ▸ Export calendar… both call ``write_calendar``, so the file is
the same whichever way she makes it. The words are made here, at the edge, from each
reminder's fields, as ``messages`` makes a notification's; a calendar has no buttons, so the
descriptions say what to do rather than which button to press.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from backcare.core.calendar_export import Words, build_calendar, calendar_days, plan_series
from backcare.core.content import Exercise
from backcare.core.plan import Plan
from backcare.core.reminders import Kind, Reminder
from backcare.core.store import write_private
from backcare.messages import exercise_title, reminder_words

DEFAULT_WEEKS = 4  # about a month: long enough to plan around, short enough that her weeks
# after birth, which change the exercises, are re-read when she exports again


@dataclass(frozen=True)
class CalendarWritten:
    """What was written: the events (recurring series), the reminders they expand to, and the
    days they cover, ``[first_day, end_day)``."""

    path: Path
    events: int
    reminders: int
    first_day: date
    end_day: date

    def sentence(self) -> str:
        """What she is told once the file is saved."""
        last = date.fromordinal(self.end_day.toordinal() - 1)
        return (
            f"Saved {self.reminders} reminders from {_day(self.first_day)} to {_day(last)} "
            f"{last.year} as {self.events} repeating events in {self.path}. Import it into "
            "your calendar; importing a newer file updates these events instead of adding "
            "copies."
        )


def _day(day: date) -> str:
    return f"{day.day} {day:%B}"


def calendar_words(plan: Plan, titles: Mapping[str, str]) -> Words:
    """(summary, description) for a reminder's event, in the app's words."""

    def words(reminder: Reminder) -> tuple[str, str]:
        summary = reminder_words(reminder, titles)
        if reminder.kind is Kind.EXERCISE:
            names = ", ".join(exercise_title(x, titles) for x in reminder.exercises)
            return summary, (
                f"A few gentle minutes: {names}. Open Back Care to be guided through every "
                "step, and stop if anything hurts."
            )
        if reminder.kind is Kind.CALCIUM:
            return summary, (
                f"Take some calcium with {reminder.meal}, toward {plan.calcium.target_mg:,} mg "
                "today. A glass of milk, tofu or a soya drink with added calcium all count."
            )
        return summary, "Stand up, stretch your back tall and walk about for a minute or two."

    return words


def write_calendar(
    path: Path,
    plan: Plan,
    exercises: Iterable[Exercise],
    pauses: Mapping[str, date],
    tz: ZoneInfo,
    now: datetime,
    weeks: int = DEFAULT_WEEKS,
) -> CalendarWritten:
    """Write ``weeks`` weeks of her reminders from today (``now`` in ``tz``) to ``path``,
    atomically and readable by her alone (it tells of her health). ``plan`` is her saved plan:
    each day's sessions are filled in for that day's week here. Raises OSError (the caller
    says why) and ValueError for a number of weeks out of range."""
    exercises = tuple(exercises)
    first_day, end_day = calendar_days(now.astimezone(tz).date(), weeks)
    series = plan_series(plan, exercises, first_day, weeks, tz, pauses)
    titles = {e.id: e.title for e in exercises}
    calendar = build_calendar(series, tz, first_day, end_day, calendar_words(plan, titles), now)
    write_private(path, calendar.to_ical().decode("utf-8"), own_folder=False)
    return CalendarWritten(
        path, len(series), sum(s.occurrences for s in series), first_day, end_day
    )
