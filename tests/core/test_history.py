"""Day and week records from a real history: the real lifecycle (core/lifecycle.py) answers
reminders on an injected clock into a real store file, and core/history.py reads them back."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backcare.core.guided import ExerciseResult, SessionOutcome
from backcare.core.history import Streaks, day_records, read_history, streaks, week_records
from backcare.core.history_sample import make_year
from backcare.core.lifecycle import Lifecycle
from backcare.core.lifecycle_io import Answer
from backcare.core.pain_diary import Feel, PainDiary
from backcare.core.plan import Profile, default_plan
from backcare.core.reminders import Kind, reminders
from backcare.core.store import Store

TZ = ZoneInfo("Europe/London")
FOODS = {"milk": 400, "tofu": 350}  # two of milk and one of tofu: over 1,000 mg
MONDAY = date(2026, 11, 23)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime.combine(MONDAY, time(6, 0), tzinfo=TZ))


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Store:
    s = Store(tmp_path, clock=clock)
    yield s
    s.close()


def _outcome(done: int, target: int = 5) -> SessionOutcome:
    return SessionOutcome((ExerciseResult("bridge", done, target, done >= target, done * 10),))


def live_day(life: Lifecycle, clock: Clock, day: date, answers: dict[str, str],
             after: datetime | None = None) -> None:
    """Tick at every reminder of ``day`` and answer it five minutes later as ``answers`` says,
    by its planned time ("08:00": "done", "partly", "skip", "taken", "tofu"); others are
    left unanswered. ``after``: only the reminders from then (Back Care was not running)."""
    lo = datetime.combine(day, time(0), tzinfo=TZ)
    for r in reminders(life.plan, after or lo, lo + timedelta(days=1), TZ):
        clock.now = r.when
        life.tick(clock.now)
        clock.now = r.when + timedelta(minutes=5)
        what = answers.get(f"{r.planned:%H:%M}")
        if what == "done" and r.kind is Kind.EXERCISE:
            life.finish_session(r.key, _outcome(5), clock.now)
        elif what == "partly":
            life.finish_session(r.key, _outcome(2), clock.now)
        elif what == "done":
            life.answer(r.key, Answer.DONE, clock.now)
        elif what == "skip":
            life.answer(r.key, Answer.SKIP, clock.now)
        elif what == "taken":
            life.answer(r.key, Answer.TAKEN, clock.now)  # the usual food: milk
        elif what == "tofu":
            life.answer(r.key, Answer.TAKEN, clock.now, food="tofu")
    clock.now = lo + timedelta(days=1, hours=1)
    life.tick(clock.now)


def test_a_day_lived_through_the_lifecycle_is_counted_as_she_answered(
    store: Store, clock: Clock,
) -> None:
    life = Lifecycle(default_plan(), TZ, store, foods=FOODS)
    life.tick(clock.now)  # first start, 06:00
    live_day(life, clock, MONDAY, {
        "07:30": "tofu", "08:00": "done", "09:00": "done", "11:00": "skip",
        "12:30": "taken", "15:00": "partly", "17:00": "done", "19:30": "skip",
    })
    [day] = day_records(store.events(), life.plan, TZ, MONDAY, MONDAY, food_mg=FOODS,
                        since=life.first_start())
    assert (day.sessions_done, day.sessions_partly, day.sessions_skipped, day.sessions_due) \
        == (1, 1, 1, 4)  # 21:30 was shown and never answered: due, not done
    assert (day.posture_taken, day.posture_due) == (2, 6)  # 09..21 every 2 h, not 15:00
    assert (day.calcium_portions, day.calcium_due, day.calcium_mg) == (2, 3, 350 + 400)
    assert day.calcium_target_mg == life.plan.calcium.target_mg
    assert day.counts and not day.quiet and not day.rested and not day.setback


def test_reminders_before_the_first_start_are_not_hers_to_miss(
    store: Store, clock: Clock,
) -> None:
    """Started at 16:00: the morning's sessions were never due, the evening ones are."""
    life = Lifecycle(default_plan(), TZ, store, foods=FOODS)
    clock.now = datetime.combine(MONDAY, time(16, 0), tzinfo=TZ)
    life.tick(clock.now)
    live_day(life, clock, MONDAY, {"19:30": "done"}, after=clock.now)
    [day] = day_records(store.events(), life.plan, TZ, MONDAY, MONDAY,
                        since=life.first_start())
    assert (day.sessions_done, day.sessions_due) == (1, 2)
    [without] = day_records(store.events(), life.plan, TZ, MONDAY, MONDAY)
    assert without.sessions_due == 4  # without ``since`` the morning reads as not done


def test_a_pause_until_tomorrow_through_the_lifecycle_is_a_rest(
    store: Store, clock: Clock,
) -> None:
    life = Lifecycle(default_plan(), TZ, store, foods=FOODS)
    life.tick(clock.now)
    clock.now = datetime.combine(MONDAY, time(7, 45), tzinfo=TZ)
    life.pause(life.pause_end(-1, clock.now), clock.now)  # "until tomorrow"
    live_day(life, clock, MONDAY, {})
    history = read_history(store, life.plan, TZ, MONDAY, MONDAY, clock.now)
    [day] = history.days
    assert day.sessions_paused == 4 and day.sessions_due == 0 and day.quiet
    assert history.streaks == Streaks(0, 0)


def test_weeks_add_up_their_days_ratings_and_setbacks(store: Store, clock: Clock) -> None:
    plan = replace(default_plan(), profile=Profile(birth_date=date(2026, 10, 1)))
    life = Lifecycle(plan, TZ, store, foods=FOODS)
    life.tick(clock.now)
    diary = PainDiary(store)
    everything = {"08:00": "done", "15:00": "done", "19:30": "partly", "21:30": "done",
                  "07:30": "taken", "12:30": "taken", "18:30": "tofu"}
    for n in range(9):  # Monday 23 November to Tuesday 1 December
        day = MONDAY + timedelta(days=n)
        live_day(life, clock, day, everything if n != 2 else {})
        morning = f"exercise:{day}:breathing-arm-raise+bridge"
        if n != 2:
            diary.add(morning, 6 - n // 7 * 3, Feel.EASIER,
                      datetime.combine(day, time(8, 30), tzinfo=TZ))
    diary.note_setback("bridge", datetime.combine(MONDAY + timedelta(days=2), time(9, 0),
                                                  tzinfo=TZ))
    last = MONDAY + timedelta(days=8)
    history = read_history(store, plan, TZ, MONDAY, last, clock.now, food_mg=FOODS)
    first, second = history.weeks
    assert (first.start, second.start) == (MONDAY, MONDAY + timedelta(days=7))
    assert (first.days, second.days) == (7, 2)
    assert first.week_after_birth == 7 and second.week_after_birth == 8
    assert (first.sessions_done, first.sessions_partly, first.sessions_due) == (18, 6, 28)
    assert first.adherence == pytest.approx(24 / 28)
    assert (first.posture_taken, first.posture_due) == (0, 42)
    assert first.calcium_days_met == 6 and second.calcium_days_met == 2
    assert first.pain_mean == pytest.approx(6.0) and first.pain_count == 6
    assert second.pain_mean == pytest.approx(3.0)
    assert (first.setbacks, second.setbacks) == (1, 0)
    assert history.days[2].setback and history.days[2].sessions_done == 0
    assert history.streaks == Streaks(8, 8)  # the 25th set back: neutral, the run goes on
    without = day_records(store.events(), plan, TZ, MONDAY, last, since=life.first_start())
    assert streaks(without, last + timedelta(days=1)) == Streaks(6, 6)  # no setback: broken
    # weeks that start on Sunday cut the same days otherwise
    sunday = week_records(history.days, history.ratings, plan.profile, 6, tz=TZ)
    assert [w.start for w in sunday] == [date(2026, 11, 22), date(2026, 11, 29)]
    assert [w.days for w in sunday] == [6, 3]


def test_a_year_of_generated_history_reads_as_a_year(store: Store) -> None:
    """The sample the benchmarks use: about 15,000 events, every day one record."""
    plan = default_plan()
    sample = make_year(store, plan, TZ, date(2026, 11, 30))
    assert 13_000 <= sample.events <= 17_000
    assert len(store.events()) == sample.events
    history = read_history(store, plan, TZ, sample.start, sample.end,
                           datetime(2026, 12, 1, 9, tzinfo=UTC))
    assert len(history.days) == 365 and len(history.weeks) in (53, 54)
    assert sum(w.setbacks for w in history.weeks) == 2
    assert len(history.ratings) == sample.ratings > 300
    done = sum(d.sessions_done + d.sessions_partly for d in history.days)
    due = sum(d.sessions_due for d in history.days)
    assert 0.6 < done / due < 0.95  # most sessions done, not all
    assert sum(d.quiet for d in history.days) >= 14  # the two paused weeks
