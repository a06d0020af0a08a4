"""Her plan as an RFC 5545 calendar: the same reminders as ``reminders()``, as recurring events.

The calendar is built from the same inputs as the app's day (her plan, the exercise data, the
pauses after a setback and her time zone) and from nothing else, so what a calendar program
shows is exactly what Back Care would remind her of. Each day of the span is worked out as the
app works it out (``effective_plan`` for that day, then ``reminders`` for that local day); the
events are then the shortest honest description of that list.

The shape of the events, and why:

* **One series per reminder, per week of her recovery.** The sessions' exercises change with
  her week after birth (``core.progression``), and a calendar entry should name the exercises
  she will do that week. So each week gets its own series for each of its reminders: weeks
  counted from the baby's birth date (from a fixed Monday when it is not known), because those
  are the weeks in which the exercises change. A series is one reminder identity in that week
  (its key without the date: the session's exercises, the meal, or a posture break's time, as
  ``Reminder.key`` defines it), at one planned wall time.
* **``RRULE:FREQ=DAILY;COUNT=n``**, from its first day to its last in that week, with ``BYDAY``
  only when she has chosen her weekdays. COUNT, not UNTIL: it counts days, needs no UTC
  conversion, and so cannot be off by an hour across a clock change.
* **``DTSTART`` in her zone (``TZID``)**, at the wall time in her plan. A calendar keeps a
  wall time across the clock change, as the app does. A time that does not exist on the day
  the clocks go forward is read by calendars as RFC 5545 says (with the offset before the gap,
  so an hour later), which is the app's rule too; a time that happens twice happens once.
* **``EXDATE``** for each day in that range on which the app would stay silent: a nap, a
  reminder of the same kind that a clock change moved onto this one (the app keeps one), or a
  posture break that a session close by on that day makes redundant. Quiet periods, waking
  hours and the kinds she turned off never make a series at all, so need no EXDATE.
* **A display alarm (``VALARM``, ``TRIGGER:PT0S``)** on each, at the reminder's moment.
* **``UID``** is a hash of the kind, the reminder's identity and the first day of her week, so
  exporting again (a day later, after moving a session, after a setback) gives the same UIDs
  for the same reminders in the same weeks, and a calendar program updates those events instead
  of adding copies. **``SEQUENCE``** is the number of whole minutes from 2020-01-01 UTC to the
  moment of export, so a later export always has a higher SEQUENCE (the programs that compare
  it take the newer one), without Back Care keeping any record of past exports. ``DTSTAMP`` is
  that moment too.

Words (summaries and descriptions) are the caller's: they are made at the edge, from the
reminder's fields, like every notification's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from backcare.core.content import Exercise, Routines
from backcare.core.plan import ALL_WEEKDAYS, Plan
from backcare.core.progression import effective_plan
from backcare.core.reminders import Kind, Reminder, reminders
from backcare.core.vtimezone import vtimezone

MAX_WEEKS = 52
UID_DOMAIN = "backcare.local"
PRODID = "-//Back Care//Back Care reminders//EN"
# A fixed Monday that counts the weeks when the birth date is not known: the progression does
# not change with time then, and a fixed grid keeps the UIDs the same from one export to the next.
UNKNOWN_BIRTH_WEEKS_FROM = date(2024, 1, 1)
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
# How long each event lasts in her calendar: a session is a few exercises, a posture break or
# calcium is a moment. The length is only for display; the alarm is at the start.
DURATION = MappingProxyType({
    Kind.EXERCISE: timedelta(minutes=15),
    Kind.POSTURE: timedelta(minutes=5),
    Kind.CALCIUM: timedelta(minutes=5),
})
_ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_ONE_DAY = timedelta(days=1)
_NO_PAUSES: Mapping[str, date] = MappingProxyType({})

Words = Callable[[Reminder], tuple[str, str]]  # a reminder -> (summary, description)


@dataclass(frozen=True)
class Series:
    """One recurring event: one reminder at one wall time on the days of one week of hers.

    ``first`` is its first occurrence (its words come from it: all its occurrences share the
    label, exercises and meal); ``start`` is DTSTART, the planned wall time on the first day;
    ``count`` is the RRULE's COUNT; ``weekdays`` is () for every day, else her weekdays
    (0 = Monday) for BYDAY; ``exdates`` are the days' DTSTART values the app stays silent on.
    """

    uid: str
    first: Reminder
    start: datetime
    count: int
    weekdays: tuple[int, ...]
    exdates: tuple[datetime, ...]

    @property
    def occurrences(self) -> int:
        return self.count - len(self.exdates)


def calendar_days(first_day: date, weeks: int) -> tuple[date, date]:
    """The span of a calendar of ``weeks`` weeks from ``first_day``: ``[first, end)``."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"A calendar covers 1 to {MAX_WEEKS} weeks, not {weeks}.")
    return first_day, first_day + timedelta(weeks=weeks)


def _midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=tz)


def daily_reminders(
    plan: Plan,
    exercises: Iterable[Exercise],
    first_day: date,
    end_day: date,
    tz: ZoneInfo,
    pauses: Mapping[str, date] = _NO_PAUSES,
    *,
    routines: Routines | None = None,
) -> list[Reminder]:
    """The reminders of each local day in ``[first_day, end_day)``, each day with the plan the
    app uses that day (its sessions filled in for her week, minus paused exercises)."""
    exercises = tuple(exercises)
    found: list[Reminder] = []
    day = first_day
    while day < end_day:
        today = effective_plan(plan, exercises, day, pauses, routines=routines)
        found.extend(reminders(today, _midnight(day, tz), _midnight(day + _ONE_DAY, tz), tz))
        day += _ONE_DAY
    return found


def _identity(reminder: Reminder) -> tuple[date, str]:
    """(the planned day, the key without its date): ``Reminder.key`` is ``kind:YYYY-MM-DD…``.

    The planned day is the key's, not the instant's: a time moved past midnight by a clock
    change still belongs to the day it was planned for."""
    prefix = f"{reminder.kind}:"
    if not reminder.key.startswith(prefix):
        raise ValueError(f"Unexpected reminder key {reminder.key!r}.")
    rest = reminder.key[len(prefix):]
    return date.fromisoformat(rest[:10]), rest[10:]


def _week_start(day: date, plan: Plan) -> date:
    anchor = plan.profile.birth_date or UNKNOWN_BIRTH_WEEKS_FROM
    return anchor + timedelta(weeks=(day - anchor).days // 7)


def _uid(*parts: str) -> str:
    digest = hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def _wall(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The planned wall time on ``day`` in her zone, fold=0: RFC 5545's reading of a time in a
    gap or in the repeated hour, and so also the instant ``reminders`` gives it."""
    return datetime(day.year, day.month, day.day, at.hour, at.minute, tzinfo=tz)


def plan_series(
    plan: Plan,
    exercises: Iterable[Exercise],
    first_day: date,
    weeks: int,
    tz: ZoneInfo,
    pauses: Mapping[str, date] = _NO_PAUSES,
    *,
    routines: Routines | None = None,
) -> tuple[Series, ...]:
    """Her reminders from ``first_day`` for ``weeks`` weeks, as series (see the module text)."""
    first_day, end_day = calendar_days(first_day, weeks)
    found = daily_reminders(plan, exercises, first_day, end_day, tz, pauses, routines=routines)
    # week, identity, wall time, label -> the planned days and the first reminder
    groups: dict[tuple[date, str, time, str], list[tuple[date, Reminder]]] = {}
    for reminder in found:
        day, identity = _identity(reminder)
        group = (_week_start(day, plan), identity, reminder.planned, reminder.label)
        groups.setdefault(group, []).append((day, reminder))
    shared: dict[tuple[date, str], int] = {}
    for week, identity, _, _ in groups:
        shared[(week, identity)] = shared.get((week, identity), 0) + 1
    weekdays = plan.weekdays
    byday = () if weekdays == ALL_WEEKDAYS else tuple(sorted(weekdays))
    series = []
    for (week, identity, planned, label), members in groups.items():
        days = {day for day, _ in members}
        first, last = min(days), max(days)
        candidates = [
            first + timedelta(days=n) for n in range((last - first).days + 1)
            if (first + timedelta(days=n)).weekday() in weekdays
        ]
        parts = [str(members[0][1].kind), identity, week.isoformat()]
        if shared[(week, identity)] > 1:  # rare: one identity at two times in one week
            parts += [planned.isoformat("minutes"), label]
        series.append(Series(
            uid=_uid(*parts),
            first=members[0][1],  # found is in order of time, so of day
            start=_wall(first, planned, tz),
            count=len(candidates),
            weekdays=byday,
            exdates=tuple(_wall(d, planned, tz) for d in candidates if d not in days),
        ))
    series.sort(key=lambda s: (s.start.astimezone(UTC), s.first.kind, s.uid))
    return tuple(series)


def sequence_at(moment: datetime) -> int:
    """SEQUENCE for an export made at ``moment``: whole minutes since 2020 (never below 0)."""
    return max(0, int((moment - SEQUENCE_EPOCH).total_seconds() // 60))


def _event(series: Series, words: Words, stamp: datetime, sequence: int) -> Event:
    summary, description = words(series.first)
    event = Event()
    event.add("UID", series.uid)
    event.add("DTSTAMP", stamp)
    event.add("SEQUENCE", sequence)
    event.add("SUMMARY", summary)
    event.add("DESCRIPTION", description)
    event.add("CATEGORIES", ["Back Care"])
    event.add("TRANSP", "TRANSPARENT")  # a reminder, not a meeting: she is not busy
    event.add("DTSTART", series.start)
    event.add("DURATION", DURATION[series.first.kind])
    rule: dict[str, object] = {"FREQ": "DAILY", "COUNT": series.count}
    if series.weekdays:
        rule["BYDAY"] = [_ICAL_DAYS[d] for d in series.weekdays]
    event.add("RRULE", rule)
    if series.exdates:
        event.add("EXDATE", list(series.exdates))
    alarm = Alarm()
    alarm.add("ACTION", "DISPLAY")
    alarm.add("TRIGGER", timedelta(0))
    alarm.add("DESCRIPTION", summary)
    event.add_component(alarm)
    return event


def build_calendar(
    series: Iterable[Series],
    tz: ZoneInfo,
    first_day: date,
    end_day: date,
    words: Words,
    now: datetime,
) -> Calendar:
    """The VCALENDAR: her zone's VTIMEZONE, then one VEVENT per series. ``now`` (aware) is
    the moment of export, for DTSTAMP and SEQUENCE."""
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("X-WR-CALNAME", "Back Care")
    stamp = now.astimezone(UTC).replace(microsecond=0)
    sequence = sequence_at(now)
    for one in series:
        calendar.add_component(_event(one, words, stamp, sequence))
    if tz.key is not None and tz.key in calendar.get_used_tzids():  # not for UTC: "Z" times
        calendar.subcomponents.insert(0, vtimezone(tz, first_day, end_day))
    return calendar
