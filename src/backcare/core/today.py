"""A day's timeline: every reminder with its state, what she can do about it, and the calcium.

Pure: it reads the plan, the history events and the clock it is given, so the Today page, the
tray and tests agree on what "due" or "not done" means. The lifecycle (``core/lifecycle.py``)
hands it only the events it trusts (none stamped by a clock that ran ahead).

States come from the latest event of each reminder, then from the clock and the quiet times:
a reminder inside a nap or a pause stays in the list, marked so, instead of vanishing, and one
that passed without an answer is "not done", never a red "missed".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from backcare.core.calcium import portion_mg as food_portion_mg
from backcare.core.plan import Plan
from backcare.core.reminders import Kind, Reminder, reminders
from backcare.core.store import Event, EventKind

DUE_FOR = timedelta(hours=1)  # shown and not answered: "now" this long, then "not done"
SNOOZE = timedelta(minutes=10)


class State(StrEnum):
    """Where a reminder stands. The Today page words each state (``messages.STATE_WORDS``)."""

    UPCOMING = "upcoming"
    DUE = "due"  # shown, waiting for her answer
    SNOOZED = "snoozed"  # back SNOOZE after she asked
    DONE = "done"  # done, or for calcium taken
    PARTLY = "partly"  # a session she stopped early
    SKIPPED = "skipped"
    NOT_DONE = "not done"  # passed without an answer
    PAUSED = "paused"  # inside a pause she chose: not asked
    NAPPING = "napping"  # inside "baby is napping": not asked
    BEFORE = "before"  # before Back Care's first start: never hers to do


class Action(StrEnum):
    """What she can do about a reminder: a button on the Today page or on its notification.
    The values are the notification action keys ("default" is a click on the body)."""

    OPEN = "default"
    START = "start"  # open the guided session
    DONE = "done"  # a posture break: "Doing it now"
    TAKEN = "taken"  # calcium
    CHANGE_FOOD = "change-food"  # calcium taken: name another food (the Today page only)
    SNOOZE = "snooze"
    SKIP = "skip"


_FROM_EVENT = {
    EventKind.SHOWN: State.DUE, EventKind.DONE: State.DONE, EventKind.PARTLY: State.PARTLY,
    EventKind.SNOOZED: State.SNOOZED, EventKind.SKIPPED: State.SKIPPED,
    EventKind.PAUSED: State.PAUSED, EventKind.MISSED: State.NOT_DONE,
}
OPEN_STATES = frozenset({State.UPCOMING, State.DUE, State.SNOOZED})  # still hers to answer


def actions_for(reminder: Reminder, state: State) -> tuple[Action, ...]:
    """The buttons a reminder offers in ``state`` (the Today page and the notifications)."""
    shown = state in (State.DUE, State.SNOOZED)
    if reminder.kind is Kind.EXERCISE:
        if state in OPEN_STATES or state in (State.NOT_DONE, State.PARTLY):
            later = (Action.SNOOZE,) if state is State.DUE else ()
            skip = (Action.SKIP,) if state in OPEN_STATES else ()
            return (Action.START, *later, *skip)
        return ()
    if reminder.kind is Kind.CALCIUM:
        if state in OPEN_STATES or state is State.NOT_DONE:
            return (Action.TAKEN, *((Action.SNOOZE,) if state is State.DUE else ()))
        return (Action.CHANGE_FOOD,) if state is State.DONE else ()
    if shown:  # a posture break: its card, or "doing it now" without one
        later = (Action.SNOOZE,) if state is State.DUE else ()
        return (Action.START, Action.DONE, *later, Action.SKIP)
    return ()


@dataclass(frozen=True)
class Entry:
    """One reminder of the day, where it stands, and what she can do about it."""

    reminder: Reminder
    state: State
    actions: tuple[Action, ...]
    back_at: datetime | None = None  # when a snoozed reminder comes back
    food: str | None = None  # calcium taken: the food she took (a foods.toml id), if named


@dataclass(frozen=True)
class Day:
    """The day as the Today page shows it: each reminder, what is next, calcium so far, and
    the quiet in force (a pause or a nap) with when it ends."""

    entries: tuple[Entry, ...]
    next_due: Reminder | None
    calcium_taken: int
    calcium_planned: int
    calcium_mg: int  # from the portions she marked taken, each counted as its own food
    calcium_target_mg: int
    calcium_diet_mg: int = 0  # her usual food, as she estimated it in setup or settings
    paused_until: datetime | None = None
    nap_until: datetime | None = None

    @property
    def calcium_total_mg(self) -> int:
        return self.calcium_mg + self.calcium_diet_mg

    @property
    def calcium_to_find_mg(self) -> int:
        """What the portions are for: the target less what her usual food gives."""
        return max(0, self.calcium_target_mg - self.calcium_diet_mg)

    def entry(self, key: str) -> Entry | None:
        return next((e for e in self.entries if e.reminder.key == key), None)


def next_session_key(day: Day) -> str | None:
    """The session she would start now: one that is due, snoozed or partly done, else the
    next one to come today."""
    sessions = [e for e in day.entries if e.reminder.kind is Kind.EXERCISE]
    for wanted in ((State.DUE, State.SNOOZED, State.PARTLY), (State.UPCOMING,)):
        found = next((e for e in sessions if e.state in wanted), None)
        if found is not None:
            return found.reminder.key
    return None


def latest_events(events: Iterable[Event]) -> dict[str, Event]:
    """Each reminder key's latest event."""
    latest: dict[str, Event] = {}
    for event in sorted(events, key=lambda e: e.at):
        latest[event.reminder_key] = event
    return latest


def state_of(reminder: Reminder, last: Event | None, now: datetime,
             since: datetime | None = None) -> State:
    """A reminder's state from its latest event and the clock (quiet times aside)."""
    if last is None:
        if reminder.when > now:
            return State.UPCOMING
        return State.BEFORE if since is not None and reminder.when < since else State.NOT_DONE
    state = _FROM_EVENT[last.event]
    if state is State.DUE and now - max(reminder.when, last.at) > DUE_FOR:
        return State.NOT_DONE
    if state is State.SNOOZED and now - last.at > DUE_FOR + SNOOZE:
        return State.NOT_DONE
    return state


def day_timeline(
    plan: Plan, events: Iterable[Event], day: date, now: datetime, tz: ZoneInfo,
    portion_mg: int, since: datetime | None = None,
    paused: tuple[datetime, datetime] | None = None,
    food_mg: Mapping[str, int] | None = None,
) -> Day:
    """``portion_mg``: the calcium a taken portion counts when it names no known food (a glass
    of milk, from foods.toml); ``food_mg``: each food id's calcium per portion, so the tally
    counts the food she said she took.

    ``since``: when Back Care first started. Reminders before it were never hers to miss, so
    on her first day the morning does not show up as a row of "not done".
    ``paused``: the pause in force, (from, until): what falls in it is marked paused.
    """
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = start + timedelta(days=1)
    due = reminders(plan, start, end, tz)
    napping: set[str] = set()
    nap = plan.nap
    if nap is not None:  # what the nap quietens stays in the list, marked so
        quiet = reminders(replace(plan, nap=None), start, end, tz)
        known = {r.key for r in due}
        napping = {r.key for r in quiet if r.key not in known}
        due = sorted([*due, *(r for r in quiet if r.key in napping)])
    latest = latest_events(events)
    entries = []
    for reminder in due:
        last = latest.get(reminder.key)
        state = state_of(reminder, last, now, since)
        if reminder.key in napping and state in (State.UPCOMING, State.NOT_DONE):
            state = State.NAPPING
        elif (paused is not None and state is State.UPCOMING
              and paused[0] <= reminder.when < paused[1]):
            state = State.PAUSED
        back_at = last.at + SNOOZE if state is State.SNOOZED and last is not None else None
        food = last.food if state is State.DONE and last is not None else None
        entries.append(Entry(reminder, state, actions_for(reminder, state), back_at, food))
    calcium = [e for e in entries if e.reminder.kind is Kind.CALCIUM]
    taken = [e for e in calcium if e.state is State.DONE]
    mg = sum(food_portion_mg(e.food, food_mg or {}, portion_mg) for e in taken)
    upcoming = [e.reminder for e in entries if e.state is State.UPCOMING]
    nap_until = nap.until if nap is not None and nap.start <= now < nap.until else None
    return Day(
        entries=tuple(entries),
        next_due=upcoming[0] if upcoming else None,
        calcium_taken=len(taken),
        calcium_planned=len(calcium),
        calcium_mg=mg,
        calcium_target_mg=plan.calcium.target_mg,
        calcium_diet_mg=plan.profile.diet_calcium_mg,
        paused_until=paused[1] if paused is not None and paused[0] <= now < paused[1] else None,
        nap_until=nap_until,
    )
