"""The streak rule (core/history.py's docstring, the README's "Your history") across clock
changes and a move to another time zone, with quiet days, pauses, rest days and setbacks.

Rule for a move: a day is the day she lived it, in the zone she was in at the time. The
reminder's key records that day (``exercise:<her date>:...``), so history read in any zone
afterwards gives each day the answers she gave on it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backcare.core.history import DayRecord, Streaks, Verdict, day_records, streaks
from backcare.core.plan import ExerciseSession, Plan, Span
from backcare.core.reminders import Kind, reminders
from backcare.core.store import EventKind, Store

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def _plan(*at: time, weekdays: frozenset[int] = frozenset(range(7))) -> Plan:
    """Exercise sessions only, at ``at``, awake from 00:00 to 23:59."""
    sessions = tuple(ExerciseSession(t, ("knee-hugs",), f"S{i}") for i, t in enumerate(at))
    return Plan(waking=Span(time(0, 0), time(23, 59)), sessions=sessions, weekdays=weekdays,
                posture_enabled=False, calcium_enabled=False)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path, clock=lambda: datetime(2027, 1, 1, tzinfo=UTC))
    yield s
    s.close()


def live(store: Store, plan: Plan, tz: ZoneInfo, day: date, what: str,
         late: timedelta = timedelta(minutes=20)) -> int:
    """Write her day as the lifecycle would, in the zone she is in: "done", "partly", "skip",
    "pause", "missed" (shown, never answered) or "away" (nothing). Returns the sessions."""
    lo = datetime.combine(day, time(0), tzinfo=tz)
    due = [r for r in reminders(plan, lo, lo + timedelta(days=2), tz)
           if r.key.startswith(f"exercise:{day}")]
    for r in due:
        if what == "pause":
            store.record(r.kind, r.key, EventKind.PAUSED, "in a pause", at=r.when)
            continue
        if what == "away":
            continue
        store.record(r.kind, r.key, EventKind.SHOWN, at=r.when)
        answer = {"done": EventKind.DONE, "partly": EventKind.PARTLY,
                  "skip": EventKind.SKIPPED}.get(what)
        if answer is not None:
            store.record(r.kind, r.key, answer, '{"done": []}', at=r.when + late)
    return len(due)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@pytest.mark.parametrize(("first", "change"), [
    (date(2026, 3, 26), date(2026, 3, 29)),  # spring forward: a 23-hour day
    (date(2026, 10, 22), date(2026, 10, 25)),  # fall back: a 25-hour day, 01:30 twice
])
def test_a_clock_change_neither_splits_nor_doubles_a_day(
    store: Store, first: date, change: date,
) -> None:
    """Sessions at 00:30, 01:30 and 23:30, answered 40 minutes later (the last one after
    midnight): every day keeps its three, the changed day too."""
    plan = _plan(time(0, 30), time(1, 30), time(23, 30))
    last = first + timedelta(days=6)
    for day in _days(first, last):
        assert live(store, plan, LONDON, day, "done", late=timedelta(minutes=40)) == 3
    days = day_records(store.events(), plan, LONDON, first, last)
    assert [(d.day, d.sessions_done, d.sessions_due) for d in days] == [
        (day, 3, 3) for day in _days(first, last)]
    [changed] = [d for d in days if d.day == change]
    assert changed.counts and changed.verdict is Verdict.COUNTS
    assert streaks(days, last + timedelta(days=1)) == Streaks(7, 7)


def test_a_missed_day_on_the_clock_change_breaks_only_that_day(store: Store) -> None:
    plan = _plan(time(8, 0), time(23, 30))
    first, last = date(2026, 10, 22), date(2026, 10, 28)
    for day in _days(first, last):
        live(store, plan, LONDON, day, "missed" if day == date(2026, 10, 25) else "done")
    days = day_records(store.events(), plan, LONDON, first, last)
    assert [d.verdict for d in days] == [Verdict.COUNTS] * 3 + [Verdict.BREAKS] + \
        [Verdict.COUNTS] * 3
    assert streaks(days, date(2026, 10, 29)) == Streaks(3, 3)


@pytest.mark.parametrize("seen_in", [LONDON, NEW_YORK])
def test_after_a_move_each_day_keeps_the_answers_she_gave_on_it(
    store: Store, seen_in: ZoneInfo,
) -> None:
    """Five days in London, a flight, five evenings in New York at 21:00 (01:00 UTC the next
    day, 02:00 in London): read in either zone, each day has its two sessions, none more."""
    plan = _plan(time(7, 30), time(21, 0))
    london = _days(date(2026, 6, 5), date(2026, 6, 9))
    new_york = _days(date(2026, 6, 10), date(2026, 6, 14))
    for day in london:
        live(store, plan, LONDON, day, "done")
    for day in new_york:
        live(store, plan, NEW_YORK, day, "done")
    days = day_records(store.events(), plan, seen_in, london[0], new_york[-1] + timedelta(1))
    assert [(d.day, d.sessions_done) for d in days] == [
        *((day, 2) for day in london + new_york), (date(2026, 6, 15), 0)]
    assert streaks(days, date(2026, 6, 15)) == Streaks(10, 10)  # the 15th is today


def test_quiet_days_pauses_rest_days_and_setbacks_neither_count_nor_break(
    store: Store,
) -> None:
    """No sessions on Sundays (quiet); a paused day; a rest day (all skipped); a setback day
    and the days its exercise rests; none of them breaks the run."""
    plan = _plan(time(9, 0), time(18, 0), weekdays=frozenset(range(6)))  # Monday to Saturday
    first = date(2026, 11, 2)  # a Monday
    plan_of = {
        date(2026, 11, 3): "pause", date(2026, 11, 5): "skip",
        date(2026, 11, 9): "missed", date(2026, 11, 10): "missed",  # setback day, day after
        date(2026, 11, 14): "away",  # an ordinary Saturday with nothing done
    }
    last = date(2026, 11, 15)  # a Sunday
    for day in _days(first, last):
        live(store, plan, LONDON, day, plan_of.get(day, "done"))
    days = day_records(store.events(), plan, LONDON, first, last,
                       setbacks=[date(2026, 11, 9)])
    by_day = {d.day: d for d in days}
    assert by_day[date(2026, 11, 8)].quiet and by_day[date(2026, 11, 8)].sessions_due == 0
    assert by_day[date(2026, 11, 3)].quiet and by_day[date(2026, 11, 3)].sessions_paused == 2
    assert by_day[date(2026, 11, 5)].rested and by_day[date(2026, 11, 5)].sessions_due == 2
    assert by_day[date(2026, 11, 9)].setback
    assert by_day[date(2026, 11, 10)].recovering and not by_day[date(2026, 11, 10)].setback
    neutral = {d.day for d in days if d.verdict is Verdict.NEUTRAL}
    assert neutral == {date(2026, 11, n) for n in (3, 5, 8, 9, 10, 15)}
    # the 2nd, 4th, 6th, 7th, 11th, 12th and 13th count, in one run: nothing between breaks
    assert [d.day.day for d in days if d.counts] == [2, 4, 6, 7, 11, 12, 13]
    # while the 14th is today it is not over: the run stands ...
    assert streaks(days[:-1], date(2026, 11, 14)) == Streaks(7, 7)
    # ... and once it is over, nothing done on an ordinary day breaks it
    assert by_day[date(2026, 11, 14)].verdict is Verdict.BREAKS
    assert streaks(days, date(2026, 11, 16)) == Streaks(0, 7)


def test_today_counts_once_a_session_is_done_and_never_breaks_before_it_ends(
    store: Store,
) -> None:
    plan = _plan(time(9, 0), time(18, 0))
    for day in _days(date(2026, 11, 20), date(2026, 11, 22)):
        live(store, plan, LONDON, day, "done")
    days = day_records(store.events(), plan, LONDON, date(2026, 11, 20), date(2026, 11, 23))
    assert streaks(days, date(2026, 11, 23)) == Streaks(3, 3)  # nothing yet today
    live(store, plan, LONDON, date(2026, 11, 23), "partly")  # partly done counts too
    days = day_records(store.events(), plan, LONDON, date(2026, 11, 20), date(2026, 11, 23))
    assert streaks(days, date(2026, 11, 23)) == Streaks(4, 4)


def test_a_pause_until_tomorrow_is_a_rest_but_an_hour_s_pause_is_not(store: Store) -> None:
    """The evening paused after an unanswered morning: she chose to rest (the day's last
    reminder fell in the pause, or the pause given runs past midnight). A pause over only
    the morning leaves the evening's session due."""
    plan = _plan(time(9, 0), time(18, 0))
    rest, short = date(2026, 11, 20), date(2026, 11, 21)
    for day in (rest, short):
        morning, evening = [r for r in reminders(
            plan, datetime.combine(day, time(0), tzinfo=LONDON),
            datetime.combine(day, time(23, 59), tzinfo=LONDON), LONDON)
            if r.kind is Kind.EXERCISE]
        store.record(morning.kind, morning.key, EventKind.SHOWN, at=morning.when)
        paused = evening if day == rest else morning
        store.record(paused.kind, paused.key, EventKind.PAUSED, "in a pause", at=paused.when)
    days = day_records(store.events(), plan, LONDON, rest, short)
    assert [(d.rested, d.verdict) for d in days] == [
        (True, Verdict.NEUTRAL), (False, Verdict.BREAKS)]
    # the same rest told by the pause's span alone, without a paused event
    span = (datetime(2026, 11, 22, 13, 0, tzinfo=LONDON),
            datetime(2026, 11, 23, 7, 0, tzinfo=LONDON))
    [day] = day_records([], plan, LONDON, date(2026, 11, 22), date(2026, 11, 22), [span])
    assert day.rested and day.sessions_due == 1 and day.sessions_paused == 1


def _record(day: date, **flags: bool) -> DayRecord:
    return DayRecord(day=day, sessions_done=int(flags.get("counts", False)), sessions_partly=0,
                     sessions_due=2, posture_taken=0, posture_due=0, calcium_mg=0,
                     calcium_target_mg=1000, quiet=flags.get("quiet", False),
                     rested=flags.get("rested", False), setback=flags.get("setback", False),
                     counts=flags.get("counts", False))


def test_the_best_streak_is_the_longest_run_and_neutral_days_join_runs() -> None:
    d = date(2026, 5, 1)
    marks = ["c", "c", "x", "c", "q", "c", "r", "c", "s", "c", "x", "c"]
    flags = {"c": {"counts": True}, "q": {"quiet": True}, "r": {"rested": True},
             "s": {"setback": True}, "x": {}}
    days = [_record(d + timedelta(days=i), **flags[m]) for i, m in enumerate(marks)]
    assert streaks(days, d + timedelta(days=12)) == Streaks(1, 4)
    assert streaks(days, d + timedelta(days=10)) == Streaks(4, 4)  # the 2nd "x" is today
    assert streaks([], d) == Streaks(0, 0)
