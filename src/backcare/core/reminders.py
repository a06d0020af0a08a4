"""The reminders due in a span of time: a pure function of the plan, the span and the time zone.

The scheduler never stores jobs of its own making; it asks "what is next?" of this module, so
the same plan always gives the same reminders, with the same keys, however the question is cut
into spans. Everything is worked out in her local wall-clock time, one local date at a time:

* Each day's planned wall times are fixed once per call (posture breaks every
  ``posture_interval_min`` from the start of waking hours, exercise sessions, calcium at meals),
  already filtered by waking hours, quiet periods and the enabled kinds.
* Each date then turns the wall times into instants. On a DST change a wall time that does not
  exist (the spring-forward gap) is read with the offset in force before the gap, as RFC 5545
  calendars read it (02:30 in a one-hour gap happens at 03:30), and a wall time that happens
  twice (fall-back) happens once, the first time (fold=0). So a reminder never drifts by an
  hour and never doubles; two slots of one kind that still meet at one instant (a moved 01:30
  and a planned 02:30) are one reminder, the later-planned one.
* Filters that depend on the instant (the nap) and the weekday are applied per date.

All filters use the *planned* wall time, except the nap, which is a real stretch of time.
A posture break within 15 minutes of an exercise session that will actually be announced is
dropped, so she is not called twice in a quarter of an hour; if that session is silenced (quiet
period, nap, exercise reminders off), the break stays, because she still needs to move.

Speed: one pass per date with two ``utcoffset`` calls to spot DST days; only those days look
at each time separately, so a year is a few thousand cheap datetime constructions.
"""

# Perf sanity check (one-off, not a test; 2-core machine shared with other jobs, Python 3.11):
# reminders(default_plan(), 2026-01-01, 2027-01-01, tz) → 4745 reminders in ~13 ms for
# Europe/London, America/New_York, Australia/Sydney and Asia/Shanghai alike; next_reminder
# ~0.13 ms. The budget is "well under 50 ms" for a year.

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from backcare.core.plan import Plan, Span

NO_BURST_MIN = 15
SEARCH_AHEAD = timedelta(days=8)

_ONE_DAY = timedelta(days=1)
_TINY = timedelta(microseconds=1)


class Kind(StrEnum):
    """What a reminder asks of her. The values are the words stored in the history log."""

    CALCIUM = "calcium"
    EXERCISE = "exercise"
    POSTURE = "posture"


# A posture break's card: the short stand-and-move routine "Start now" opens
# (resources/exercises/posture-break.toml), as a session's exercises are its card.
POSTURE_CARD = "posture-break"


@dataclass(frozen=True, order=True)
class Reminder:
    """One reminder, typed from the plan to the notification and back: when (aware, in her
    zone), its kind, a stable key, the session's label or the meal, and the exercise ids.

    ``key`` is its identity, the same whatever span was asked for and however the plan is
    edited during the day, so what she did stays done:

    * an exercise session: ``exercise:<date>:<exercise ids joined by +>`` (``#2`` for a second
      session of the same exercises that day): moving the session keeps it;
    * calcium: ``calcium:<date>:<meal>``: moving dinner by a minute keeps it taken;
    * a posture break, which is a rhythm rather than an item: ``posture:<date>T<HH:MM>``.

    Display words are made from these fields at the edge (``messages``), never parsed back.
    """

    when: datetime
    kind: Kind
    key: str
    label: str = ""  # the session's label ("Morning"); empty for posture
    exercises: tuple[str, ...] = ()
    meal: str = ""  # calcium: the meal's name, as in her plan ("dinner")
    planned: time = time(0)  # the wall time in her plan (a DST gap may move the instant)


@dataclass(frozen=True)
class _Slot:
    """A planned wall time on every reminder day, already past the plan-level filters."""

    minute: int  # minutes after local midnight
    kind: Kind
    label: str
    exercises: tuple[str, ...]
    meal: str
    suffix: str  # the date-independent end of the key: "T08:00", ":dinner", ":bridge+cat"
    near: tuple[int, ...]  # for posture: indices of exercise slots that make it redundant


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _in_span(minute: int, span: Span) -> bool:
    start, end = _minutes(span.start), _minutes(span.end)
    if start <= end:
        return start <= minute < end
    return minute >= start or minute < end


def _slots(plan: Plan) -> list[_Slot]:
    """The day's template: wall times that survive waking hours, quiet periods and the kinds."""
    wake_start, wake_end = _minutes(plan.waking.start), _minutes(plan.waking.end)

    def allowed(minute: int) -> bool:
        return _in_span(minute, plan.waking) and not any(_in_span(minute, q) for q in plan.quiet)

    raw: list[tuple[int, Kind, str, tuple[str, ...], str]] = []
    if plan.exercise_enabled:
        for session in plan.sessions:
            raw.append((_minutes(session.at), Kind.EXERCISE, session.label.strip(),
                        tuple(session.exercises), ""))
    if plan.calcium_enabled:
        for meal in plan.calcium.meals:
            raw.append((_minutes(meal.at), Kind.CALCIUM, "", (), meal.name))
    if plan.posture_enabled:
        step = plan.posture_interval_min
        if step <= 0:
            raise ValueError(
                f"The posture break interval must be a positive number of minutes, not {step}."
            )
        for minute in range(wake_start + step, wake_end, step):
            raw.append((minute, Kind.POSTURE, "", (POSTURE_CARD,), ""))
    raw = sorted(r for r in raw if allowed(r[0]))

    exercise_at = [(i, r[0]) for i, r in enumerate(raw) if r[1] is Kind.EXERCISE]
    seen: dict[str, int] = {}
    slots = []
    for minute, kind, label, exercises, meal in raw:
        near: tuple[int, ...] = ()
        if kind is Kind.POSTURE:
            near = tuple(i for i, m in exercise_at if abs(m - minute) <= NO_BURST_MIN)
            suffix = f"T{minute // 60:02d}:{minute % 60:02d}"
        elif kind is Kind.CALCIUM:
            suffix = f":{meal.strip().lower()}"
        else:
            suffix = f":{'+'.join(exercises) or '-'}"
        seen[suffix] = seen.get(suffix, 0) + 1
        if seen[suffix] > 1:  # a second session of the same exercises, or a repeated meal name
            suffix = f"{suffix}#{seen[suffix]}"
        slots.append(_Slot(minute, kind, label, exercises, meal, suffix, near))
    return slots


def _utc_naive(moment: datetime) -> datetime:
    """The instant as naive UTC, so comparisons never fall into same-zone wall-time compares."""
    return moment.astimezone(UTC).replace(tzinfo=None)


def _resolve(naive: datetime, tz: tzinfo) -> tuple[datetime, datetime]:
    """A local wall time → (aware instant in tz, naive UTC), following the DST rules above.

    ``fold=0`` is exactly the rule wanted: an ambiguous time is its first instant, and a time
    in a gap is read with the offset before the gap (RFC 5545), which is later than the gap.
    """
    local = naive.replace(tzinfo=tz)
    offset = local.utcoffset()
    assert offset is not None
    utc = naive - offset
    return utc.replace(tzinfo=UTC).astimezone(tz), utc


def _require_aware(moment: datetime, name: str) -> None:
    if not isinstance(moment, datetime):
        raise TypeError(f"{name} must be a datetime, not {type(moment).__name__}.")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            f"{name} must be an aware datetime (with a time zone); got the naive {moment}. "
            "Pass, for example, datetime(..., tzinfo=ZoneInfo('Europe/London'))."
        )


def reminders(plan: Plan, start: datetime, end: datetime, tz: tzinfo) -> list[Reminder]:
    """The reminders due in ``[start, end)``, sorted by instant, then kind, then key.

    ``start`` and ``end`` may be in any zone but must be aware; ``tz`` (a ``ZoneInfo``) is
    her zone, in which the plan's wall times are read. The plan is trusted to be valid (as
    ``plan_from_dict`` makes it).
    """
    _require_aware(start, "start")
    _require_aware(end, "end")
    low, high = _utc_naive(start), _utc_naive(end)
    if high <= low:
        return []
    slots = _slots(plan)
    if not slots:
        return []
    nap = None if plan.nap is None else (_utc_naive(plan.nap.start), _utc_naive(plan.nap.until))
    weekdays = plan.weekdays
    # One day of margin each side: a time in a gap just before midnight can move past it.
    day = start.astimezone(tz).date() - _ONE_DAY
    last = end.astimezone(tz).date() + _ONE_DAY
    found: list[tuple[datetime, str, str, Reminder]] = []
    while day <= last:
        if day.weekday() in weekdays:
            _one_day(day, slots, tz, nap, low, high, found)
        day += _ONE_DAY
    found.sort(key=lambda f: f[:3])
    return [f[3] for f in found]


def _one_day(
    day: date,
    slots: list[_Slot],
    tz: tzinfo,
    nap: tuple[datetime, datetime] | None,
    low: datetime,
    high: datetime,
    found: list[tuple[datetime, str, str, Reminder]],
) -> None:
    """Append the day's reminders that fall in [low, high) (naive UTC) to ``found``."""
    y, m, d = day.year, day.month, day.day
    midnight = datetime(y, m, d, tzinfo=tz)
    offset = midnight.utcoffset()
    following = day + _ONE_DAY
    tomorrow = datetime(following.year, following.month, following.day, tzinfo=tz)
    steady = offset == tomorrow.utcoffset()
    assert offset is not None
    base_utc = datetime(y, m, d) - offset
    placed: list[tuple[datetime, datetime]] = []
    for slot in slots:
        hour, minute = divmod(slot.minute, 60)
        if steady:  # no offset change today: every wall time exists exactly once
            when = datetime(y, m, d, hour, minute, tzinfo=tz)
            placed.append((when, base_utc + timedelta(minutes=slot.minute)))
        else:
            placed.append(_resolve(datetime(y, m, d, hour, minute), tz))
    if nap is None:
        alive = [True] * len(slots)
    else:
        alive = [not (nap[0] <= utc < nap[1]) for _, utc in placed]
    sounding = [
        i for i, slot in enumerate(slots)
        if alive[i] and not (slot.near and any(alive[j] for j in slot.near))
    ]
    if not steady:  # a moved time meeting a planned one of its kind: the later-planned wins
        taken = {(slots[i].kind, placed[i][1]): i for i in sounding}
        sounding = [i for i in sounding if taken[(slots[i].kind, placed[i][1])] == i]
    prefix = day.isoformat()
    for i in sounding:
        slot = slots[i]
        when, utc = placed[i]
        if not low <= utc < high:
            continue
        key = f"{slot.kind}:{prefix}{slot.suffix}"
        hour, minute = divmod(slot.minute, 60)
        reminder = Reminder(when, slot.kind, key, slot.label, slot.exercises, slot.meal,
                            time(hour, minute))
        found.append((utc, slot.kind, key, reminder))


def next_reminder(plan: Plan, after: datetime, tz: tzinfo) -> Reminder | None:
    """The first reminder strictly after ``after``, looking up to 8 days ahead (None if none).

    Eight days cover a plan with a single reminder day a week, whatever the time of day.
    """
    _require_aware(after, "after")
    # In UTC: arithmetic on a local time would drop its fold and could jump back an hour.
    # Reminder instants are whole seconds, so one microsecond later means "strictly after".
    start = after.astimezone(UTC) + _TINY
    ahead = reminders(plan, start, start + _ONE_DAY, tz)  # the usual case, cheaply
    if not ahead:
        ahead = reminders(plan, start, start + SEARCH_AHEAD, tz)
    return ahead[0] if ahead else None
