"""The life of every reminder, in one place: due, shown, answered, passed, paused, quiet.

No Qt and no clock of its own: every input carries the time ``now``.

Inputs
    ``tick(now)``: a scheduled moment came, the minute watchdog ran, the computer woke up or
    the wall clock jumped (all the same question: "it is now this; what is due?");
    ``set_plan(plan, now)``: she edited her plan (or the day's progression changed it);
    ``answer(key, answer, now)`` and ``finish_session(key, outcome, now)``: her answers;
    ``pause(until, now)`` and ``resume(now)``.
Outputs
    Every input returns one ``Changes``: what to show, which notifications to close, the one
    "while you were away" summary, what was recorded, and whether the day's list or the quiet
    state changed. The scheduler, the notifier, the tray and the pages only carry these out.
    ``next_wake(now)`` tells the scheduler when to call ``tick`` next; ``day(now)`` is the
    Today page's state.

Rules
    * A reminder is shown once, at its time or up to ``LATE`` after it (the app started or the
      computer woke a little late). Older ones, at most ``AWAY_WINDOW`` back, join one summary,
      which waits for a tellable moment (waking hours, no quiet period, nap or pause) and for
      the clock to have settled for ``SETTLE``; when it is told, each of them is recorded once
      as "missed" (told in the summary), so at most a day's few rows are ever written and the
      cost of a long absence does not grow with its length.
    * Events stamped later than ``now`` (beyond ``CLOCK_SLACK``) came from a clock that was
      ahead, and are not trusted: after the clock is corrected, those reminders fire again.
    * Each answer is recorded once: the same answer twice, or any answer after "done", writes
      nothing. A reminder's key survives plan edits (``reminders.Reminder``), so what she did
      stays done when she moves dinner by a minute or imports her settings.
    * Inside a pause a due reminder is recorded as paused and never told later; inside a nap
      it is simply not asked (``reminders`` leaves it out; the day's list marks it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from backcare.core.calcium import UNNAMED_PORTION_MG, usual_food_id
from backcare.core.lifecycle_io import RECORDS, Answer, Changes
from backcare.core.lifecycle_state import (
    AWAY_PENDING,
    CLOCK_SLACK,
    FIRST_START,
    LAST_CHECK,
    PAUSED_FROM,
    PAUSED_UNTIL,
    PendingSummary,
    StoredState,
)
from backcare.core.plan import Plan
from backcare.core.reminders import Kind, Reminder, next_reminder, reminders
from backcare.core.store import Event, EventKind, Store
from backcare.core.today import SNOOZE, Day, State, day_timeline, latest_events, state_of

if TYPE_CHECKING:
    from backcare.core.guided import SessionOutcome

LATE = timedelta(minutes=15)  # this late (a start or a wake-up) is still shown as due now
AWAY_WINDOW = timedelta(hours=24)  # a summary looks back at most this far
SETTLE = timedelta(minutes=2)  # a summary waits this long after a jump, in case it jumps back

__all__ = [  # the store's keys and CLOCK_SLACK live in ``lifecycle_state``; imported from here
    "AWAY_PENDING", "AWAY_WINDOW", "CLOCK_SLACK", "FIRST_START", "LAST_CHECK", "LATE",
    "PAUSED_FROM", "PAUSED_UNTIL", "SETTLE", "Lifecycle",
]


class Lifecycle(StoredState):
    """The owner of every reminder's state. ``store`` keeps the events and its few settings.
    ``foods``: the library's calcium food ids (in its order) -> mg per portion, so a "Taken"
    records the food and the tally counts it; ``portion_mg``: a portion naming no known food.
    """

    def __init__(self, plan: Plan, tz: ZoneInfo, store: Store, *,
                 portion_mg: int = UNNAMED_PORTION_MG,
                 foods: Mapping[str, int] | None = None) -> None:
        self.plan = plan
        self.tz = tz
        self.store = store
        self.portion_mg = portion_mg
        self.foods: Mapping[str, int] = dict(foods or {})
        self._on_screen: dict[Kind, str] = {}  # kind -> key of the reminder told last
        self._day: datetime | None = None

    # -- inputs --------------------------------------------------------------------------------

    def tick(self, now: datetime) -> Changes:
        """It is ``now``: show what is due, gather what was missed, tell the summary when it
        may be told. Also the input for a resume and a clock jump (either way)."""
        changes = Changes()
        if self.store.get_setting(FIRST_START) is None:
            self._set_time(FIRST_START, now)
        local = now.astimezone(self.tz)
        if self._day is not None and local.date() != self._day.date():
            changes |= Changes(new_day=True, day=True)
        self._day = local
        last = self._time_setting(LAST_CHECK)
        pending = self._pending()
        if last is not None and now < last - CLOCK_SLACK:
            # The clock went back: everything up to the real time was handled before the jump,
            # and what was gathered after "now" is not due yet after all.
            window_start = now - LATE
            if pending is not None:
                when = {r.key: r.when for r in self._around(now)}
                pending.items = [(k, key) for k, key in pending.items
                                 if key in when and when[key] <= now]
        elif last is not None and now - AWAY_WINDOW < last:
            window_start = last - LATE  # what earlier checks looked at needs no second look
        else:
            window_start = now - AWAY_WINDOW  # a first start, or a long absence: bounded
        due = reminders(self.plan, window_start, now + timedelta(seconds=1), self.tz)
        latest = latest_events(self._trusted(window_start - AWAY_WINDOW, now))
        paused = self.paused(now)
        first = self.first_start() or now
        gathered: list[Reminder] = []
        for reminder in due:
            event = latest.get(reminder.key)
            if event is not None:
                changes |= self._maybe_back_from_snooze(reminder, event, now, paused)
            elif paused is not None and paused[0] <= reminder.when:
                changes |= self._record(reminder, EventKind.PAUSED, "in a pause")
            elif now - reminder.when <= LATE:
                changes |= self._show(reminder)
            elif reminder.when >= first:
                gathered.append(reminder)
        known = {key for _, key in pending.items} if pending is not None else set()
        fresh = [r for r in gathered if r.key not in known]
        if fresh:
            pending = pending or PendingSummary(now)
            pending.items += [(r.kind, r.key) for r in fresh]
            pending.since = now
            changes |= Changes(day=True)
        self._set_time(LAST_CHECK, now)
        if pending is not None and pending.items and self._tellable(now, paused) \
                and now - pending.since >= SETTLE:
            told = self._reminders_by_key(pending.items, now)
            pending = None
            for reminder in told:  # told once: the summary is their answer
                changes |= self._record(reminder, EventKind.MISSED, "told while you were away")
            if told:
                changes |= Changes(away=tuple(told))
        self._save_pending(pending if pending is not None and pending.items else None)
        return changes

    def resumed(self, now: datetime) -> Changes:
        """The computer woke up or the wall clock jumped: the same question as a tick."""
        return self.tick(now)

    def set_plan(self, plan: Plan, now: datetime) -> Changes:
        """Her plan changed. Keys survive the edit, so today's answers stay; a notification
        whose reminder is no longer in the plan is taken down."""
        self.plan = plan
        today = self._today_keys(now)
        gone = tuple(kind for kind, key in self._on_screen.items() if key not in today)
        for kind in gone:
            del self._on_screen[kind]
        return Changes(close=gone, day=True, quiet=True)

    def answer(self, key: str, answer: Answer, now: datetime, detail: str = "",
               food: str | None = None) -> Changes:
        """Record her answer once. Unknown keys, repeats and answers after "done" write nothing.

        Calcium "Taken" records ``food`` (chosen on the Today page), or without one (a
        notification's button, which can offer no choice and says which food it counts) her
        usual food (``usual_food_id``). Taken again naming another food corrects the food, by a
        new "done" row (the history is only added to; the tally counts the latest). A food the
        library lacks is refused: no made-up id reaches the history."""
        reminder = self._find(key, now)
        taken = reminder is not None and answer is Answer.TAKEN and reminder.kind is Kind.CALCIUM
        if reminder is None or (taken and food is not None and food not in self.foods):
            return Changes()
        chosen, event = food if taken else None, RECORDS[answer]
        if taken and chosen is None:
            food, detail = usual_food_id(self.plan.calcium, self.foods), "usual food"
        last = latest_events(self._trusted(now - 2 * AWAY_WINDOW, now)).get(key)
        if last is not None and last.event is EventKind.DONE and chosen not in (None, last.food):
            return self._record(reminder, EventKind.DONE, "food changed", chosen)
        if last is not None and (last.event is EventKind.DONE or last.event is event):
            return Changes()
        changes = self._record(reminder, event, detail, food if taken else None)
        if self._on_screen.get(reminder.kind) == key:
            del self._on_screen[reminder.kind]
            changes |= Changes(close=(reminder.kind,))
        return changes

    def opened(self, key: str) -> Changes:
        """She opened the reminder's session or page: its notification has done its work
        (the answer comes when the session ends)."""
        kind = next((k for k, shown in self._on_screen.items() if shown == key), None)
        if kind is None:
            return Changes()
        del self._on_screen[kind]
        return Changes(close=(kind,))

    def finish_session(self, key: str | None, outcome: SessionOutcome, now: datetime) -> Changes:
        """A guided session ended: done when every exercise was, partly when some of it was;
        nothing at all leaves the reminder as it was. ``key`` None: a session she chose."""
        if not outcome.started:
            return Changes()
        answer = Answer.DONE if outcome.complete else Answer.PARTLY
        before = self._done_before(key, now) if key is not None else ()
        done = list(dict.fromkeys((*before, *outcome.done_ids)))
        detail = json.dumps({"done": done, "partly": list(outcome.partly_ids)})
        if key is not None and self._find(key, now) is not None:
            return self.answer(key, answer, now, detail)
        ids = "+".join(r.exercise_id for r in outcome.results)
        free = f"free:{now.astimezone(self.tz):%Y-%m-%dT%H:%M:%S}:{ids}"
        event = self.store.record(Kind.EXERCISE, free, RECORDS[answer], detail)
        return Changes(recorded=(event,), day=True)

    def session_exercises(self, key: str, now: datetime) -> tuple[str, ...]:
        """What a session still holds: all its exercises, or after a partly done session
        those she has not finished, so "carry on" carries on."""
        reminder = self._find(key, now)
        if reminder is None:
            return ()
        done = set(self._done_before(key, now))
        left = tuple(x for x in reminder.exercises if x not in done)
        return left or reminder.exercises

    def _done_before(self, key: str, now: datetime) -> tuple[str, ...]:
        """The exercises a partly done session finished (from its event's detail)."""
        last = latest_events(self._trusted(now - 2 * AWAY_WINDOW, now)).get(key)
        if last is None or last.event is not EventKind.PARTLY:
            return ()
        try:
            done = json.loads(last.detail).get("done", [])
        except (ValueError, AttributeError):
            return ()
        return tuple(x for x in done if isinstance(x, str)) if isinstance(done, list) else ()

    def pause_end(self, minutes: int, now: datetime) -> datetime:
        """When a pause of ``minutes`` ends; -1 means until tomorrow's waking hours begin."""
        if minutes >= 0:
            return now + timedelta(minutes=minutes)
        tomorrow = now.astimezone(self.tz).date() + timedelta(days=1)
        return datetime.combine(tomorrow, self.plan.waking.start, tzinfo=self.tz)

    def pause(self, until: datetime, now: datetime) -> Changes:
        """Nothing is told until ``until``; what falls due meanwhile is recorded as paused."""
        self._set_time(PAUSED_FROM, now)
        self._set_time(PAUSED_UNTIL, until)
        return Changes(quiet=True, day=True)

    def resume(self, now: datetime) -> Changes:
        del now
        self._set_time(PAUSED_UNTIL, None)
        self._set_time(PAUSED_FROM, None)
        return Changes(quiet=True, day=True)

    # -- questions -----------------------------------------------------------------------------

    def next_wake(self, now: datetime) -> datetime | None:
        """When ``tick`` should run next: the next reminder, a snooze ending, a pause or nap
        ending, the summary's moment, or midnight (a new day opens new exercises)."""
        local = now.astimezone(self.tz)
        midnight = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=self.tz)
        moments = [midnight]
        nxt = next_reminder(self.plan, now, self.tz)
        if nxt is not None:
            moments.append(nxt.when)
        for entry in self.day(now).entries:
            if entry.back_at is not None and entry.back_at > now:
                moments.append(entry.back_at)
        paused = self.paused(now)
        if paused is not None:
            moments.append(paused[1])
        nap = self.plan.nap
        if nap is not None and nap.start <= now < nap.until:
            moments.append(nap.until)
        pending = self._pending()
        if pending is not None and pending.items:
            settled = max(pending.since + SETTLE, now + timedelta(seconds=1))
            told = self._next_tellable(settled, paused)
            if told is not None:
                moments.append(told)
        return min(m for m in moments if m > now) if any(m > now for m in moments) else None

    def _next_tellable(self, after: datetime, paused: tuple[datetime, datetime] | None
                       ) -> datetime | None:
        """The first moment from ``after`` when she may be told something: it is then, or
        the start of waking hours, the end of a quiet period, a nap or the pause."""
        local = after.astimezone(self.tz)
        candidates = [after]
        for day in (local.date(), local.date() + timedelta(days=1)):
            for at in (self.plan.waking.start, *(q.end for q in self.plan.quiet)):
                candidates.append(datetime.combine(day, at, tzinfo=self.tz))
        if self.plan.nap is not None:
            candidates.append(self.plan.nap.until)
        if paused is not None:
            candidates.append(paused[1])
        fits = [c for c in candidates if c >= after and self._tellable(c, self.paused(c))]
        return min(fits) if fits else None

    def day(self, now: datetime) -> Day:
        """Today's list as the Today page shows it."""
        local = now.astimezone(self.tz)
        start = datetime.combine(local.date(), time(0), tzinfo=self.tz)
        return day_timeline(
            self.plan, self._trusted(start - AWAY_WINDOW, now), local.date(), now, self.tz,
            self.portion_mg, self.first_start(), self.paused(now), self.foods,
        )

    def next_due(self, now: datetime) -> Reminder | None:
        """What she will be asked next: today's next reminder not answered already (she may
        take a calcium portion early), else the first one after today."""
        upcoming = self.day(now).next_due
        if upcoming is not None:
            return upcoming
        local = now.astimezone(self.tz)
        midnight = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=self.tz)
        return next_reminder(self.plan, midnight - timedelta(microseconds=1), self.tz)

    def on_screen(self, kind: Kind) -> str | None:
        """The key of the reminder whose notification of ``kind`` is on screen, unanswered."""
        return self._on_screen.get(kind)

    def find(self, key: str, now: datetime) -> Reminder | None:
        """The reminder called ``key`` among the last day's and today's."""
        return self._find(key, now)

    # -- the parts -----------------------------------------------------------------------------

    def _record(self, reminder: Reminder, event: EventKind, detail: str = "",
                food: str | None = None) -> Changes:
        recorded = self.store.record(reminder.kind, reminder.key, event, detail, food=food)
        return Changes(recorded=(recorded,), day=True)

    def _show(self, reminder: Reminder, detail: str = "") -> Changes:
        self._on_screen[reminder.kind] = reminder.key
        return self._record(reminder, EventKind.SHOWN, detail) | Changes(show=(reminder,))

    def _maybe_back_from_snooze(self, reminder: Reminder, event: Event, now: datetime,
                                paused: tuple[datetime, datetime] | None) -> Changes:
        if event.event is not EventKind.SNOOZED or now < event.at + SNOOZE:
            return Changes()
        if state_of(reminder, event, now) is not State.SNOOZED:
            return Changes()  # snoozed long ago (the computer slept): it has passed
        if paused is not None:
            return self._record(reminder, EventKind.PAUSED, "in a pause, after a snooze")
        return self._show(reminder, "after snooze")

    def _tellable(self, now: datetime, paused: tuple[datetime, datetime] | None) -> bool:
        """May she be told something now: waking hours, no quiet period, no nap, no pause."""
        wall = now.astimezone(self.tz).time()
        nap = self.plan.nap
        return (
            self.plan.waking.contains(wall)
            and not any(q.contains(wall) for q in self.plan.quiet)
            and not (nap is not None and nap.start <= now < nap.until)
            and paused is None
        )

    def _around(self, now: datetime) -> list[Reminder]:
        local = now.astimezone(self.tz)
        start = datetime.combine(local.date(), time(0), tzinfo=self.tz) - AWAY_WINDOW
        return reminders(self.plan, start, start + 3 * AWAY_WINDOW, self.tz)

    def _find(self, key: str, now: datetime) -> Reminder | None:
        return next((r for r in self._around(now) if r.key == key), None)

    def _today_keys(self, now: datetime) -> set[str]:
        return {r.key for r in self._around(now)}

    def _reminders_by_key(self, items: Iterable[tuple[Kind, str]], now: datetime
                          ) -> list[Reminder]:
        """The gathered reminders still in the plan and still without an answer."""
        known = {r.key: r for r in self._around(now)}
        latest = latest_events(self._trusted(now - 2 * AWAY_WINDOW, now))
        return [known[key] for _, key in items if key in known and key not in latest]
