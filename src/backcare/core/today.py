"""A day's timeline: every reminder with what became of it, and the calcium tally.

Pure: it reads the plan, the history events and the clock it is given, so the Today page and
tests agree on what "missed" or "due" means.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from backcare.core.plan import Plan
from backcare.core.reminders import Reminder, reminders
from backcare.core.store import Event

# The status a reminder shows, from the last thing that happened to it.
_FROM_EVENT = {"fired": "due", "done": "done", "snoozed": "snoozed", "skipped": "skipped",
               "missed": "missed"}
MISSED_AFTER = timedelta(hours=1)  # shown but never answered for this long: counted as missed


@dataclass(frozen=True)
class Entry:
    """One reminder of the day and what became of it so far."""

    reminder: Reminder
    status: str  # upcoming, due, done, snoozed, skipped, missed, before (she started later)


@dataclass(frozen=True)
class Day:
    """The day as the Today page shows it: each reminder's status, what is next, calcium so far."""

    entries: tuple[Entry, ...]
    next_due: Reminder | None
    calcium_taken: int
    calcium_planned: int
    calcium_mg: int
    calcium_target_mg: int
    calcium_diet_mg: int = 0  # her usual food, as she estimated it in setup or settings

    @property
    def calcium_total_mg(self) -> int:
        return self.calcium_mg + self.calcium_diet_mg


def day_timeline(
    plan: Plan, events: Iterable[Event], day: date, now: datetime, tz: ZoneInfo,
    portion_mg: int, since: datetime | None = None,
) -> Day:
    """``portion_mg``: the calcium in one taken portion (a glass of milk, from foods.toml).

    ``since``: when Back Care first started. Reminders before it were never hers to miss, so
    on her first day the morning does not show up as a row of red "missed".
    """
    start = datetime.combine(day, time(0), tzinfo=tz)
    due = reminders(plan, start, start + timedelta(days=1), tz)
    latest: dict[str, str] = {}
    for event in sorted(events, key=lambda e: e.at):
        latest[event.reminder_key] = event.event
    entries = []
    for reminder in due:
        status = _FROM_EVENT.get(latest.get(reminder.key, ""), "")
        if not status:
            if since is not None and reminder.when < since:
                status = "before"
            else:
                status = "upcoming" if reminder.when > now else "missed"
        elif status == "due" and now - reminder.when > MISSED_AFTER:
            status = "missed"
        entries.append(Entry(reminder, status))
    calcium = [e for e in entries if e.reminder.kind == "calcium"]
    taken = sum(1 for e in calcium if e.status == "done")
    upcoming = [e.reminder for e in entries if e.status == "upcoming"]
    return Day(
        entries=tuple(entries),
        next_due=upcoming[0] if upcoming else None,
        calcium_taken=taken,
        calcium_planned=len(calcium),
        calcium_mg=taken * portion_mg,
        calcium_target_mg=plan.calcium.daily_target_mg,
        calcium_diet_mg=plan.profile.diet_calcium_mg,
    )
