"""The life of a reminder on an injected clock: every scenario of issue 9's "Why", in core.

No Qt and no sleeping: the clock is a value the test moves, the store is a real SQLite file.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backcare.core.guided import ExerciseResult, SessionOutcome
from backcare.core.lifecycle import AWAY_PENDING, LAST_CHECK, SETTLE, Lifecycle
from backcare.core.lifecycle_io import Answer, Changes
from backcare.core.plan import ExerciseSession, Meal, Nap, Plan, Span, default_plan
from backcare.core.reminders import Kind, reminders
from backcare.core.store import EventKind, Store
from backcare.core.today import State

TZ = ZoneInfo("Europe/London")


class Clock:
    """The time as the test sets it."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, hour: int, minute: int = 0, second: int = 0, day: int = 23) -> datetime:
        self.now = datetime(2026, 11, day, hour, minute, second, tzinfo=TZ)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 23, 6, 0, tzinfo=TZ))


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Store:
    s = Store(tmp_path, clock=clock)
    yield s
    s.close()


def started(store: Store, clock: Clock, at: tuple[int, int] | None = None) -> Lifecycle:
    """A lifecycle first started at 06:00 or ``at`` (nothing before is hers to miss)."""
    life = Lifecycle(default_plan(), TZ, store, portion_mg=250)
    life.tick(clock.set(*at) if at else clock())
    return life


def key_at(life: Lifecycle, hour: int, minute: int, kind: Kind, day: int = 23) -> str:
    at = datetime(2026, 11, day, hour, minute, tzinfo=TZ)
    found = [r for r in reminders(life.plan, at, at + timedelta(seconds=1), TZ) if r.kind is kind]
    assert len(found) == 1
    return found[0].key


def events_for(store: Store, key: str) -> list[EventKind]:
    return [e.event for e in store.events() if e.reminder_key == key]


def state(life: Lifecycle, now: datetime, key: str) -> State:
    entry = life.day(now).entry(key)
    assert entry is not None
    return entry.state


def test_a_reminder_is_shown_at_its_time_once(store: Store, clock: Clock) -> None:
    life = started(store, clock)
    shown = life.tick(clock.set(7, 30))
    assert [r.kind for r in shown.show] == [Kind.CALCIUM]
    assert shown.show[0].meal == "breakfast"
    assert life.tick(clock.set(7, 30, 30)).show == ()  # the watchdog a moment later
    assert events_for(store, shown.show[0].key) == [EventKind.SHOWN]


def test_starting_41_seconds_after_a_reminder_shows_it(store: Store, clock: Clock) -> None:
    store.set_setting("first_start", datetime(2026, 11, 20, 8, 0, tzinfo=TZ).isoformat())
    store.set_setting(LAST_CHECK, datetime(2026, 11, 22, 22, 0, tzinfo=TZ).isoformat())
    life = Lifecycle(default_plan(), TZ, store)
    changes = life.tick(clock.set(8, 0, 41))
    assert [r.kind for r in changes.show] == [Kind.EXERCISE]
    assert changes.show[0].exercises == ("breathing-arm-raise", "bridge")
    assert events_for(store, changes.show[0].key) == [EventKind.SHOWN]


def test_a_reminder_due_one_minute_before_start_is_shown(store: Store, clock: Clock) -> None:
    life = Lifecycle(default_plan(), TZ, store)
    changes = life.tick(clock.set(7, 31))  # the very first start, a minute after breakfast
    assert [r.meal for r in changes.show] == ["breakfast"]


def test_opening_the_laptop_at_0801_shows_the_0800_session(store: Store, clock: Clock) -> None:
    life = started(store, clock)
    life.tick(clock.set(7, 30))
    changes = life.resumed(clock.set(8, 1))  # asleep since 07:40
    assert [r.kind for r in changes.show] == [Kind.EXERCISE]
    assert changes.away == ()


def test_each_answer_is_recorded_once(store: Store, clock: Clock) -> None:
    life = started(store, clock)
    key = life.tick(clock.set(8, 0)).show[0].key
    first = life.answer(key, Answer.DONE, clock.set(8, 10))
    again = life.answer(key, Answer.DONE, clock.set(8, 11))
    late_skip = life.answer(key, Answer.SKIP, clock.set(8, 12))
    assert [e.event for e in first.recorded] == [EventKind.DONE]
    assert again.recorded == () and late_skip.recorded == ()
    assert events_for(store, key) == [EventKind.SHOWN, EventKind.DONE]


def test_answering_closes_the_notification_on_screen(store: Store, clock: Clock) -> None:
    life = started(store, clock)
    key = life.tick(clock.set(7, 30)).show[0].key
    assert life.on_screen(Kind.CALCIUM) == key
    changes = life.answer(key, Answer.TAKEN, clock.set(7, 32))
    assert changes.close == (Kind.CALCIUM,)
    assert life.on_screen(Kind.CALCIUM) is None


def test_moving_dinner_a_minute_keeps_it_taken(store: Store, clock: Clock) -> None:
    life = started(store, clock)
    key = life.tick(clock.set(18, 30)).show[0].key
    life.answer(key, Answer.TAKEN, clock.set(18, 31))
    before = life.day(clock()).calcium_taken
    meals = tuple(replace(m, at=m.at.replace(minute=32)) if m.name == "dinner" else m
                  for m in life.plan.calcium.meals)
    moved = replace(life.plan, calcium=replace(life.plan.calcium, meals=meals))
    life.set_plan(moved, clock())
    assert life.day(clock()).calcium_taken == before == 1
    assert life.tick(clock.set(18, 32)).show == ()  # not asked again
    assert state(life, clock(), key) is State.DONE


def test_an_edit_mid_day_keeps_todays_answers(store: Store, clock: Clock) -> None:
    """Importing settings (a new plan with the same sessions, one moved) wipes nothing."""
    life = started(store, clock)
    morning = life.tick(clock.set(8, 0)).show[0].key
    life.answer(morning, Answer.DONE, clock.set(8, 15))
    sessions = tuple(replace(s, at=s.at.replace(hour=9)) if s.at.hour == 8 else s
                     for s in life.plan.sessions)
    life.set_plan(replace(life.plan, sessions=sessions), clock.set(8, 20))
    assert state(life, clock(), morning) is State.DONE
    assert life.tick(clock.set(9, 0)).show == ()


def test_a_session_moved_away_takes_its_notification_down(store: Store, clock: Clock) -> None:
    life = started(store, clock)
    life.tick(clock.set(15, 0))
    changes = life.set_plan(replace(life.plan, exercise_enabled=False), clock.set(15, 1))
    assert changes.close == (Kind.EXERCISE,)


def test_a_clock_a_day_ahead_for_a_minute_leaves_the_day_right(store: Store,
                                                               clock: Clock) -> None:
    life = started(store, clock)
    life.tick(clock.set(10, 0))
    ahead = clock.set(10, 0, day=24)
    bad = life.resumed(ahead)
    life.tick(clock.set(10, 1, day=24))  # still ahead a minute later
    back = life.resumed(clock.set(10, 2))  # NTP corrects it
    assert back.away == ()
    today = life.day(clock())
    not_yet = [e for e in today.entries if e.reminder.when > clock()]
    assert not_yet and all(e.state is State.UPCOMING for e in not_yet)
    assert life.tick(clock.set(11, 0)).show[0].kind is Kind.POSTURE  # the rest of the day fires
    assert len(bad.show) <= 2  # only what was within 15 minutes of the wrong time


def test_a_summary_never_comes_at_night(store: Store, clock: Clock) -> None:
    life = started(store, clock)
    for minute in range(7 * 60, 21 * 60 + 1, 5):  # the watchdog all day, until 21:00
        life.tick(clock.set(*divmod(minute, 60)))
    night = life.resumed(clock.set(0, 30, day=24))  # 21:00 → 00:30: the 21:30 session passed
    assert night.away == ()
    assert store.get_setting(AWAY_PENDING) is not None
    wake = life.next_wake(clock())
    assert wake is not None and wake <= datetime(2026, 11, 24, 7, 0, tzinfo=TZ) + SETTLE
    assert life.tick(clock.set(6, 59, day=24)).away == ()
    told = life.tick(clock.set(7, 2, day=24)).away
    assert [r.kind for r in told] == [Kind.EXERCISE]
    assert life.tick(clock.set(7, 10, day=24)).away == ()  # told once


def test_a_long_absence_summarises_one_day_and_writes_a_few_rows(store: Store,
                                                                 clock: Clock) -> None:
    store.set_setting("first_start", datetime(2020, 1, 1, tzinfo=TZ).isoformat())
    store.set_setting(LAST_CHECK, datetime(2021, 3, 1, 9, 0, tzinfo=TZ).isoformat())
    life = Lifecycle(default_plan(), TZ, store)
    began = time.perf_counter()
    life.tick(clock.set(12, 0))
    told = life.tick(clock.set(12, 0) + SETTLE).away
    assert time.perf_counter() - began < 0.5
    assert 0 < len(told) <= 20  # at most the last 24 hours
    assert all(r.when >= clock() - timedelta(hours=24, minutes=5) for r in told)
    assert len(store.events()) <= 25


def test_nothing_to_tell_after_a_nap_and_what_it_quietened_stays_listed(
    store: Store, clock: Clock
) -> None:
    life = started(store, clock)
    nap = Nap(clock.set(10, 45), datetime(2026, 11, 23, 11, 30, tzinfo=TZ))
    life.set_plan(replace(life.plan, nap=nap), clock())
    assert life.tick(clock.set(11, 0)).show == ()
    entry = life.day(clock()).entry(key_at(Lifecycle(default_plan(), TZ, store), 11, 0,
                                           Kind.POSTURE))
    assert entry is not None and entry.state is State.NAPPING
    assert life.day(clock()).nap_until == nap.until


def test_a_pause_records_what_falls_in_it_and_tells_none_later(store: Store,
                                                               clock: Clock) -> None:
    life = started(store, clock, at=(10, 45))
    life.pause(life.pause_end(60, clock.set(10, 50)), clock())
    assert life.day(clock()).paused_until == datetime(2026, 11, 23, 11, 50, tzinfo=TZ)
    upcoming = life.day(clock()).entry(key_at(life, 11, 0, Kind.POSTURE))
    assert upcoming is not None and upcoming.state is State.PAUSED
    assert life.tick(clock.set(11, 0)).show == ()
    assert events_for(store, key_at(life, 11, 0, Kind.POSTURE)) == [EventKind.PAUSED]
    after = life.tick(clock.set(12, 0))
    assert after.show == () and after.away == ()


def test_pause_until_tomorrow_ends_when_her_day_begins(store: Store, clock: Clock) -> None:
    life = started(store, clock)
    until = life.pause_end(-1, clock.set(20, 0))
    assert until == datetime(2026, 11, 24, 7, 0, tzinfo=TZ)


def test_snooze_brings_it_back_ten_minutes_later(store: Store, clock: Clock) -> None:
    life = started(store, clock, at=(8, 55))
    key = life.tick(clock.set(9, 0)).show[0].key
    life.answer(key, Answer.SNOOZE, clock.set(9, 1))
    assert life.next_wake(clock()) == datetime(2026, 11, 23, 9, 11, tzinfo=TZ)
    assert life.tick(clock.set(9, 5)).show == ()
    back = life.tick(clock.set(9, 11))
    assert [r.key for r in back.show] == [key]
    assert events_for(store, key) == [EventKind.SHOWN, EventKind.SNOOZED, EventKind.SHOWN]


def test_what_she_did_not_do_is_not_done(store: Store, clock: Clock) -> None:
    life = started(store, clock)
    key = life.tick(clock.set(9, 0)).show[0].key
    life.tick(clock.set(10, 5))
    assert state(life, clock(), key) is State.NOT_DONE


def test_next_wake_is_the_next_reminder_or_midnight(store: Store, clock: Clock) -> None:
    life = started(store, clock)
    assert life.next_wake(clock.set(7, 0)) == datetime(2026, 11, 23, 7, 30, tzinfo=TZ)
    assert life.next_wake(clock.set(22, 30)) == datetime(2026, 11, 24, 0, 0, tzinfo=TZ)


def test_a_new_day_is_told_so_the_progression_can_move_on(store: Store, clock: Clock) -> None:
    life = started(store, clock)
    assert life.tick(clock.set(23, 50)).new_day is False
    assert life.tick(clock.set(0, 0, day=24)).new_day is True


def test_changes_merge_and_are_false_when_empty() -> None:
    assert not Changes()
    merged = Changes(close=(Kind.POSTURE,)) | Changes(close=(Kind.POSTURE,), day=True)
    assert merged.close == (Kind.POSTURE,) and merged.day is True


@pytest.mark.parametrize("zone, day", [("Europe/London", 29), ("America/New_York", 8)])
def test_waking_before_three_never_puts_two_reminders_at_one_moment(zone: str,
                                                                    day: int) -> None:
    """Spring forward, with waking hours from 00:30 and a break every 30 minutes."""
    tz = ZoneInfo(zone)
    month = 3
    plan = Plan(
        waking=Span(datetime(2026, 1, 1, 0, 30).time(), datetime(2026, 1, 1, 21, 0).time()),
        posture_interval_min=30,
        sessions=(ExerciseSession(datetime(2026, 1, 1, 2, 30).time(), ("bridge",), "Night"),),
        calcium=replace(default_plan().calcium,
                        meals=(Meal("snack", datetime(2026, 1, 1, 2, 15).time()),)),
    )
    start = datetime(2026, month, day, tzinfo=tz)
    found = reminders(plan, start, start + timedelta(days=1), tz)
    by_kind: dict[Kind, list[datetime]] = {}
    for r in found:
        by_kind.setdefault(r.kind, []).append(r.when)
    for whens in by_kind.values():
        assert len(whens) == len(set(whens))
    assert len({r.key for r in found}) == len(found)


def test_opening_a_session_takes_its_notification_down_and_answers_nothing(
    store: Store, clock: Clock
) -> None:
    life = started(store, clock)
    key = life.tick(clock.set(8, 0)).show[0].key
    assert life.opened(key).close == (Kind.EXERCISE,)
    assert life.opened(key).close == ()
    assert events_for(store, key) == [EventKind.SHOWN]


def _outcome(*results: tuple[str, int, int]) -> SessionOutcome:
    return SessionOutcome(tuple(ExerciseResult(x, done, target, done >= target, done * 10)
                                for x, done, target in results))


def test_done_with_nothing_done_records_nothing(store: Store, clock: Clock) -> None:
    life = started(store, clock)
    key = life.tick(clock.set(8, 0)).show[0].key
    assert life.finish_session(key, _outcome(("breathing-arm-raise", 0, 5), ("bridge", 0, 10)),
                               clock.set(8, 3)) == Changes()
    assert events_for(store, key) == [EventKind.SHOWN]
    assert state(life, clock(), key) is State.DUE


def test_a_session_stopped_early_is_partly_done_and_can_be_finished_later(
    store: Store, clock: Clock
) -> None:
    life = started(store, clock)
    key = life.tick(clock.set(8, 0)).show[0].key
    partly = life.finish_session(key, _outcome(("breathing-arm-raise", 5, 5), ("bridge", 3, 10)),
                                 clock.set(8, 6))
    assert [e.event for e in partly.recorded] == [EventKind.PARTLY]
    assert '"done": ["breathing-arm-raise"]' in partly.recorded[0].detail
    assert '"partly": ["bridge"]' in partly.recorded[0].detail
    assert state(life, clock(), key) is State.PARTLY
    life.finish_session(key, _outcome(("breathing-arm-raise", 5, 5), ("bridge", 10, 10)),
                        clock.set(9, 30))
    assert events_for(store, key) == [EventKind.SHOWN, EventKind.PARTLY, EventKind.DONE]


def test_a_session_she_chose_herself_is_kept_apart(store: Store, clock: Clock) -> None:
    life = started(store, clock)
    changes = life.finish_session(None, _outcome(("bridge", 10, 10)), clock.set(10, 0))
    assert [e.reminder_key for e in changes.recorded] == ["free:2026-11-23T10:00:00:bridge"]
    assert all(e.state is not State.DONE for e in life.day(clock()).entries)


def test_carrying_on_a_partly_done_session_plays_what_is_left(store: Store,
                                                              clock: Clock) -> None:
    life = started(store, clock)
    key = life.tick(clock.set(8, 0)).show[0].key
    assert life.session_exercises(key, clock()) == ("breathing-arm-raise", "bridge")
    life.finish_session(key, _outcome(("breathing-arm-raise", 5, 5), ("bridge", 3, 10)),
                        clock.set(8, 6))
    assert life.session_exercises(key, clock()) == ("bridge",)
    done = life.finish_session(key, _outcome(("bridge", 10, 10)), clock.set(9, 40))
    assert [e.event for e in done.recorded] == [EventKind.DONE]
    assert '"done": ["breathing-arm-raise", "bridge"]' in done.recorded[0].detail


def test_what_comes_next_skips_what_she_answered_early(store: Store, clock: Clock) -> None:
    life = started(store, clock, at=(11, 55))
    lunch = key_at(life, 12, 30, Kind.CALCIUM)
    life.answer(lunch, Answer.TAKEN, clock.set(12, 0))
    nxt = life.next_due(clock())
    assert nxt is not None and f"{nxt.when:%H:%M}" == "13:00"
    late = life.next_due(clock.set(21, 45))
    assert late is not None and late.when == datetime(2026, 11, 24, 7, 30, tzinfo=TZ)
