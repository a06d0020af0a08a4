"""Her progress, day by day and week by week, and her streaks: pure functions of the history.

Which day an answer belongs to
    Days are her calendar days, as she lived them. Every answer belongs to the day its
    reminder was planned for, and the reminder's key records that day in the zone she was in
    at the time (``reminders.Reminder.key``; a session she chose herself: the local time it was
    recorded, ``free:<local time>:...``). So a clock change never splits or doubles a day (the
    23- and 25-hour days are one day each), a session answered a little after midnight stays
    on its evening, and after a move to another time zone her earlier days keep the dates she
    lived them on. Only an event whose key names no day is dated by its instant in ``tz``.

What was due
    Her plan (as it is now) says how many sessions, breaks and portions each day held; the
    events say which were answered. A planned reminder with no answer is not done, unless it
    fell before Back Care's first start (``since``: never hers to miss) or in a pause. A
    session's key names its exercises, which change as she heals, so an answered session is
    matched to the plan's slot by its day and, failing the exact key, in the order of the day.

The streak rule (also in the README, "Your history")
    A day COUNTS when at least one exercise session was done, fully or partly (one she
    started herself counts too). A day is NEUTRAL, neither counting nor breaking a streak,
    when it was quiet (nothing was due: no session that day, or every session fell in a pause
    or a nap), when she chose to rest (she skipped every session that was due, or paused her
    reminders for the rest of the day), when a setback began that day or in the
    ``SETBACK_PAUSE_DAYS`` days before it, and today, which is not over yet. Any other day
    (sessions were due, none was done, and she neither skipped them all nor paused for the
    rest of the day) BREAKS the streak. "The rest of the day": the day's last reminder was
    recorded as paused, or a pause given in ``pauses`` ran past its midnight. The current
    streak is the number of counting days since the last breaking day; the best streak is
    the longest such run in the days given.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from functools import lru_cache

from backcare.core.calcium import UNNAMED_PORTION_MG
from backcare.core.lifecycle_state import StoredState
from backcare.core.pain_diary import PainDiary, Rating
from backcare.core.plan import Plan, Profile
from backcare.core.progression import week_after_birth
from backcare.core.reminders import Kind, reminders
from backcare.core.setbacks import SETBACK_PAUSE_DAYS, pauses_from_setting
from backcare.core.setbacks import SETTING_KEY as SETBACKS_KEY
from backcare.core.store import Event, EventKind, Store, _event

_DAY = timedelta(days=1)
FREE_PREFIX = "free:"  # a session she chose: core/lifecycle.py finish_session


class Verdict(StrEnum):
    """What a day does to a streak (see the module docstring)."""

    COUNTS = "counts"
    NEUTRAL = "neutral"
    BREAKS = "breaks"


@dataclass(frozen=True)
class DayRecord:
    """One of her days. ``sessions_due`` leaves out sessions that fell in a pause (counted in
    ``sessions_paused``); ``free_sessions`` are sessions she started herself, done fully or
    partly (not due, so not in adherence). ``calcium_mg`` is what the portions she marked taken
    give; ``calcium_diet_mg`` her usual food's estimate."""

    day: date
    sessions_done: int
    sessions_partly: int
    sessions_due: int
    posture_taken: int
    posture_due: int
    calcium_mg: int
    calcium_target_mg: int
    quiet: bool  # nothing was due: no session that day, or every one fell in a pause
    rested: bool  # she chose to rest (everything skipped, or a pause for the rest of the day)
    setback: bool  # a setback began that day
    counts: bool  # the streak rule's verdict for this day (see streaks)
    sessions_skipped: int = 0
    sessions_paused: int = 0
    free_sessions: int = 0
    recovering: bool = False  # within SETBACK_PAUSE_DAYS after a setback
    calcium_portions: int = 0
    calcium_due: int = 0
    calcium_diet_mg: int = 0

    @property
    def verdict(self) -> Verdict:
        """Counts, neutral or breaks, as a finished day (``streaks`` spares today)."""
        return verdict_of(self)

    @property
    def calcium_met(self) -> bool:
        """Her target reached with the portions she took (and her usual food)."""
        tracked = self.calcium_due > 0 or self.calcium_portions > 0
        return tracked and self.calcium_mg + self.calcium_diet_mg >= self.calcium_target_mg


@dataclass(frozen=True)
class Streaks:
    current: int
    best: int


@dataclass(frozen=True)
class WeekRecord:
    """One week of days (from ``start``); ``adherence`` is (done + partly) / due, None when
    nothing was due; ``pain_mean`` the mean of the week's pain scores, None without one."""

    start: date
    week_after_birth: int | None
    sessions_done: int
    sessions_due: int
    adherence: float | None
    posture_taken: int
    posture_due: int
    calcium_days_met: int
    pain_mean: float | None
    setbacks: int
    sessions_partly: int = 0
    free_sessions: int = 0
    pain_count: int = 0
    days: int = 0


def key_day(key: str) -> date | None:
    """The day a reminder key names (``kind:YYYY-MM-DD...``, ``free:YYYY-MM-DDTHH...``)."""
    colon = key.find(":")
    return None if colon < 0 else _iso_day(key[colon + 1:colon + 11])


@lru_cache(maxsize=1024)
def _iso_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz)


@dataclass
class _Slot:
    """A reminder of one day, planned or only seen in the events."""

    kind: str
    key: str
    when: datetime | None  # planned instant; None when the plan no longer has it
    last: Event | None = None


def _slots_by_day(
    events: Iterable[Event], plan: Plan, tz: tzinfo, start: date, end: date,
) -> tuple[dict[date, list[_Slot]], dict[date, list[Event]]]:
    """Each day's reminders with their latest event, and each day's free sessions."""
    planned: dict[date, list[_Slot]] = defaultdict(list)
    lo, hi = _local_midnight(start, tz), _local_midnight(end + _DAY, tz)
    for reminder in reminders(plan, lo - _DAY, hi + _DAY, tz):
        day = key_day(reminder.key)
        if day is not None and start <= day <= end:
            planned[day].append(_Slot(reminder.kind.value, reminder.key, reminder.when))
    latest: dict[str, Event] = {}
    for event in sorted(events, key=lambda e: e.at):
        latest[event.reminder_key] = event
    seen: dict[date, list[Event]] = defaultdict(list)
    free: dict[date, list[Event]] = defaultdict(list)
    for key, event in latest.items():
        day = key_day(key) or event.at.astimezone(tz).date()
        if start <= day <= end:
            (free if key.startswith(FREE_PREFIX) else seen)[day].append(event)
    for day, answered in seen.items():
        slots = planned[day]
        by_key = {s.key: s for s in slots}
        unmatched: dict[str, list[Event]] = defaultdict(list)
        for event in answered:
            slot = by_key.get(event.reminder_key)
            if slot is not None:
                slot.last = event
            else:
                unmatched[event.kind].append(event)
        for kind, extra in unmatched.items():  # keys the plan spells otherwise now
            empty = [s for s in slots if s.kind == kind and s.last is None]
            for i, event in enumerate(sorted(extra, key=lambda e: e.at)):
                if i < len(empty):
                    empty[i].last = event
                else:
                    slots.append(_Slot(kind, event.reminder_key, None, event))
    return planned, free


def _in(when: datetime | None, spans: Sequence[tuple[datetime, datetime]]) -> bool:
    return when is not None and any(a <= when < b for a, b in spans)


def _day_record(
    day: date, slots: list[_Slot], free: list[Event], plan: Plan, tz: tzinfo,
    pauses: Sequence[tuple[datetime, datetime]], setbacks: set[date], since: datetime | None,
    food_mg: Mapping[str, int], portion_mg: int,
) -> DayRecord:
    count: dict[tuple[str, str], int] = defaultdict(int)  # (kind, status) -> how many
    mg = 0
    last_status = ""
    for slot in sorted(slots, key=lambda s: (s.when is None, s.when or datetime.min)):
        word = slot.last.event if slot.last is not None else None
        if word in (EventKind.DONE, EventKind.PARTLY):
            status = str(word)
        elif word is EventKind.PAUSED or _in(slot.when, pauses):
            status = "paused"
        elif word is None and since is not None and slot.when is not None \
                and slot.when < since:
            continue  # before Back Care was there: never hers to miss
        elif word is EventKind.SKIPPED:
            status = "skipped"
        else:
            status = "not done"
        count[(slot.kind, status)] += 1
        if slot.when is not None:
            last_status = status
        if slot.kind == Kind.CALCIUM and status == "done" and slot.last is not None:
            food = slot.last.food
            mg += portion_mg if food is None else food_mg.get(food, portion_mg)
    ex = Kind.EXERCISE.value
    done, partly = count[(ex, "done")], count[(ex, "partly")]
    skipped, paused = count[(ex, "skipped")], count[(ex, "paused")]
    due = done + partly + skipped + count[(ex, "not done")]
    free_done = sum(1 for e in free if e.event in (EventKind.DONE, EventKind.PARTLY))
    midnight = _local_midnight(day + _DAY, tz)
    paused_on = last_status == "paused" or any(a < midnight <= b for a, b in pauses)
    did = done + partly + free_done > 0
    quiet = due == 0
    rested = not did and not quiet and (skipped == due or paused_on)
    setback = day in setbacks
    recovering = not setback and any(day - timedelta(days=n) in setbacks
                                     for n in range(1, SETBACK_PAUSE_DAYS + 1))
    posture, calcium = Kind.POSTURE.value, Kind.CALCIUM.value
    return DayRecord(
        day=day, sessions_done=done, sessions_partly=partly, sessions_due=due,
        posture_taken=count[(posture, "done")] + count[(posture, "partly")],
        posture_due=sum(n for (k, s), n in count.items() if k == posture and s != "paused"),
        calcium_mg=mg, calcium_target_mg=plan.calcium.target_mg, quiet=quiet, rested=rested,
        setback=setback, counts=did, sessions_skipped=skipped,
        sessions_paused=paused, free_sessions=free_done, recovering=recovering,
        calcium_portions=count[(calcium, "done")],
        calcium_due=sum(n for (k, s), n in count.items() if k == calcium and s != "paused"),
        calcium_diet_mg=plan.profile.diet_calcium_mg,
    )


def day_records(
    events: Iterable[Event], plan: Plan, tz: tzinfo, start: date, end: date,
    pauses: Iterable[tuple[datetime, datetime]] = (),
    setbacks: Iterable[date] = (),
    *, since: datetime | None = None, food_mg: Mapping[str, int] | None = None,
    portion_mg: int = UNNAMED_PORTION_MG,
) -> list[DayRecord]:
    """One record per day from ``start`` to ``end`` (both included), in her zone ``tz``.

    ``pauses``: spans (from, until) she paused reminders, besides those the events show;
    ``setbacks``: the days a setback began (a ``datetime`` is read as its day in ``tz``);
    ``since``: Back Care's first start; ``food_mg``: calcium per portion of each food id, and
    ``portion_mg`` for a portion naming none (as the Today page counts them).
    """
    if end < start:
        return []
    spans = [(a.astimezone(UTC), b.astimezone(UTC)) for a, b in pauses]
    setback_days = {d.astimezone(tz).date() if isinstance(d, datetime) else d for d in setbacks}
    planned, free = _slots_by_day(events, plan, tz, start, end)
    foods = dict(food_mg or {})
    records = []
    day = start
    while day <= end:
        near = spans
        if spans:  # only the few that touch the day
            lo, hi = _local_midnight(day, tz), _local_midnight(day + _DAY, tz)
            near = [(a, b) for a, b in spans if a <= hi and b >= lo]
        records.append(_day_record(day, planned.get(day, []), free.get(day, []), plan, tz,
                                   near, setback_days, since, foods, portion_mg))
        day += _DAY
    return records


def verdict_of(record: DayRecord, today: date | None = None) -> Verdict:
    """The streak rule for one day; ``today`` and later days never break (not over yet)."""
    if record.counts:
        return Verdict.COUNTS
    if record.quiet or record.rested or record.setback or record.recovering:
        return Verdict.NEUTRAL
    if today is not None and record.day >= today:
        return Verdict.NEUTRAL
    return Verdict.BREAKS


def streaks(days: Sequence[DayRecord], today: date) -> Streaks:
    """The current and the best streak (the rule is in the module docstring). Days after
    ``today`` are left out; days missing from ``days`` are simply not there."""
    current = best = 0
    for record in sorted((d for d in days if d.day <= today), key=lambda d: d.day):
        verdict = verdict_of(record, today)
        if verdict is Verdict.COUNTS:
            current += 1
            best = max(best, current)
        elif verdict is Verdict.BREAKS:
            current = 0
    return Streaks(current, best)


def _rating_day(rating: Rating, tz: tzinfo) -> date:
    """A rating's day by the same rule as an answer's: its session's day, else its instant."""
    found = key_day(rating.session_key) if rating.session_key else None
    return found or rating.at.astimezone(tz).date()


def week_records(
    days: Sequence[DayRecord], ratings: Iterable[Rating], profile: Profile,
    first_weekday: int = 0, *, tz: tzinfo = UTC,
) -> list[WeekRecord]:
    """One record per week that holds any of ``days``, weeks starting on ``first_weekday``
    (0 Monday .. 6 Sunday). ``week_after_birth`` is her week after birth on the week's first
    day (None without a birth date, or before the birth). ``tz`` dates a rating that names no
    session."""
    def week_of(day: date) -> date:
        return day - timedelta(days=(day.weekday() - first_weekday) % 7)

    weeks: dict[date, list[DayRecord]] = defaultdict(list)
    for record in days:
        weeks[week_of(record.day)].append(record)
    pains: dict[date, list[int]] = defaultdict(list)
    for rating in ratings:
        if rating.pain is not None:
            pains[week_of(_rating_day(rating, tz))].append(rating.pain)
    birth = profile.birth_date
    out = []
    for start in sorted(weeks):
        group = weeks[start]
        done = sum(d.sessions_done for d in group)
        partly = sum(d.sessions_partly for d in group)
        due = sum(d.sessions_due for d in group)
        scores = pains.get(start, [])
        after = None
        if birth is not None and start + timedelta(days=6) >= birth:
            after = week_after_birth(birth, max(start, birth))
        out.append(WeekRecord(
            start=start, week_after_birth=after, sessions_done=done, sessions_due=due,
            adherence=min(1.0, (done + partly) / due) if due else None,
            posture_taken=sum(d.posture_taken for d in group),
            posture_due=sum(d.posture_due for d in group),
            calcium_days_met=sum(1 for d in group if d.calcium_met),
            pain_mean=sum(scores) / len(scores) if scores else None,
            setbacks=sum(1 for d in group if d.setback), sessions_partly=partly,
            free_sessions=sum(d.free_sessions for d in group), pain_count=len(scores),
            days=len(group),
        ))
    return out


def latest_stored(store: Store, start: datetime, end: datetime) -> list[Event]:
    """Each reminder's latest event in [start, end), all ``day_records`` reads: a third of a
    year's rows (shown, snoozed, shown again, done), grouped by SQLite on its key index."""
    rows = store.read_rows(
        "SELECT at, kind, reminder_key, event, detail, food, max(at) FROM events "
        "WHERE at >= ? AND at < ? GROUP BY reminder_key",
        (start.astimezone(UTC).isoformat(), end.astimezone(UTC).isoformat()))
    return [e for e in (_event(row[:6]) for row in rows) if e is not None]


@dataclass(frozen=True)
class History:
    """Everything the History page and the report show, read once from her store."""

    days: list[DayRecord]
    weeks: list[WeekRecord]
    streaks: Streaks
    ratings: list[Rating]
    setbacks: list[datetime]  # when each setback she reported began (aware, UTC)


def read_history(
    store: Store, plan: Plan, tz: tzinfo, start: date, end: date, now: datetime, *,
    first_weekday: int = 0, food_mg: Mapping[str, int] | None = None,
    portion_mg: int = UNNAMED_PORTION_MG,
) -> History:
    """``day_records``, ``week_records`` and ``streaks`` over [start, end] from the store:
    its events, Back Care's first start, the pause in force, the diary's ratings and setbacks
    (and a setback pause still running, should its note be missing). ``now``: aware."""
    state = StoredState()
    state.store = store
    lo, hi = _local_midnight(start, tz) - 2 * _DAY, _local_midnight(end, tz) + 3 * _DAY
    events = latest_stored(store, lo, hi)
    today = now.astimezone(tz).date()
    pauses = [] if (p := state.paused(now)) is None else [p]
    diary = PainDiary(store)
    noted = [n.at for n in diary.setbacks()]
    running = pauses_from_setting(store.get_setting(SETBACKS_KEY), today)
    began = {n.astimezone(tz).date() for n in noted}
    began |= {until - timedelta(days=SETBACK_PAUSE_DAYS) for until in running.values()}
    days = day_records(events, plan, tz, start, end, pauses, began,
                       since=state.first_start(), food_mg=food_mg, portion_mg=portion_mg)
    ratings = diary.ratings(lo, hi)
    weeks = week_records(days, ratings, plan.profile, first_weekday, tz=tz)
    return History(days, weeks, streaks(days, today), ratings, noted)
