"""A year of made-up history, for the History page's and the report's benchmarks and for
looking at them with data in them: about 15,000 events written through the Store API, as the
lifecycle writes them (``core/lifecycle.py``: shown, snoozed, shown again, then an answer).

The year is meant to look like a real one: most sessions done, some partly, some skipped or
left unanswered, days the app was not running, a few rest days and "pause until tomorrow"
afternoons, two paused weeks (a holiday, an illness), two setbacks with a worse few days after
each, sessions she started herself, calcium portions with the food named (now and then
corrected), and a pain score after most sessions that eases over the months. Deterministic for
a seed. Not used by the app itself.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from backcare.core.lifecycle_state import FIRST_START
from backcare.core.pain_diary import Feel, PainDiary
from backcare.core.plan import Plan
from backcare.core.reminders import Kind, Reminder, reminders
from backcare.core.store import EventKind, Store

DAYS = 365
FOODS = ("milk", "tofu", "soy-milk", "dried-shrimp")


@dataclass
class YearSample:
    """What was written, for a caller that wants to check or show it."""

    start: date
    end: date
    events: int = 0
    ratings: int = 0
    pauses: list[tuple[datetime, datetime]] = field(default_factory=list)
    setbacks: list[datetime] = field(default_factory=list)


class _Writer:
    def __init__(self, store: Store, sample: YearSample) -> None:
        self.store, self.sample = store, sample

    def __call__(self, r: Reminder, event: EventKind, at: datetime, detail: str = "",
                 food: str | None = None) -> None:
        self.store.record(r.kind, r.key, event, detail, at=at, food=food)
        self.sample.events += 1


def make_year(store: Store, plan: Plan, tz: tzinfo, end: date, seed: int = 1) -> YearSample:
    """Write a year of history ending on ``end`` (included) into ``store``; see above."""
    rng = random.Random(seed)
    start = end - timedelta(days=DAYS - 1)
    sample = YearSample(start, end)
    write = _Writer(store, sample)
    diary = PainDiary(store)
    first = datetime.combine(start, time(6, 0), tzinfo=tz)
    store.set_setting(FIRST_START, first.isoformat())
    paused_weeks = {start + timedelta(days=d) for w in (rng.randrange(40, 120),
                    rng.randrange(200, 300)) for d in range(w, w + 7)}
    setback_days = [start + timedelta(days=rng.randrange(20, 100)),
                    start + timedelta(days=rng.randrange(150, 330))]
    for day in sorted(paused_weeks):
        if day - timedelta(days=1) not in paused_weeks:
            until = datetime.combine(day + timedelta(days=7), time(7, 0), tzinfo=tz)
            sample.pauses.append((datetime.combine(day, time(6, 0), tzinfo=tz), until))
    day = start
    while day <= end:
        n = (day - start).days
        lo = datetime.combine(day, time(0), tzinfo=tz)
        due = reminders(plan, lo, datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz),
                        tz)
        sore = any(0 <= (day - s).days < 4 for s in setback_days)
        roll = rng.random()
        if day in paused_weeks:
            for r in due:
                write(r, EventKind.PAUSED, r.when + timedelta(seconds=5), "in a pause")
        elif roll < 0.04:  # the app was not running
            pass
        elif roll < 0.08:  # a rest day: every session skipped
            for r in due:
                write(r, EventKind.SHOWN, r.when)
                if r.kind is Kind.EXERCISE:
                    write(r, EventKind.SKIPPED, r.when + timedelta(minutes=1))
        else:
            rest_from = time(14, 0) if roll < 0.1 else None  # "pause until tomorrow"
            if rest_from is not None:
                at = datetime.combine(day, rest_from, tzinfo=tz)
                until = datetime.combine(day + timedelta(days=1), plan.waking.start, tzinfo=tz)
                sample.pauses.append((at, until))
            for r in due:
                if rest_from is not None and r.when.astimezone(tz).time() >= rest_from:
                    write(r, EventKind.PAUSED, r.when + timedelta(seconds=5), "in a pause")
                else:
                    _answer(write, diary, sample, rng, r, n, sore)
        if day in setback_days:
            at = datetime.combine(day, time(8, 40), tzinfo=tz)
            diary.note_setback("bridge", at)
            sample.setbacks.append(at.astimezone(UTC))
        if rng.random() < 0.1 and day not in paused_weeks:  # a session she chose herself
            at = datetime.combine(day, time(rng.randrange(9, 20), rng.randrange(60)), tzinfo=tz)
            store.record(Kind.EXERCISE, f"free:{at:%Y-%m-%dT%H:%M:%S}:cat-back", EventKind.DONE,
                         json.dumps({"done": ["cat-back"], "partly": []}), at=at + timedelta(
                             minutes=6))
            sample.events += 1
        day += timedelta(days=1)
    return sample


def _answer(write: _Writer, diary: PainDiary, sample: YearSample, rng: random.Random,
            r: Reminder, n: int, sore: bool) -> None:
    """One reminder's events: shown, perhaps snoozed (once or twice), then an answer or none."""
    at = r.when
    write(r, EventKind.SHOWN, at)
    for _ in range(2 if rng.random() < 0.2 else 1 if rng.random() < 0.55 else 0):
        at += timedelta(minutes=rng.randrange(1, 5))
        write(r, EventKind.SNOOZED, at)
        at += timedelta(minutes=10)
        write(r, EventKind.SHOWN, at, "after snooze")
    at += timedelta(minutes=rng.randrange(1, 20))
    roll = rng.random()
    if r.kind is Kind.EXERCISE:
        if roll < (0.35 if sore else 0.72):
            word, done = EventKind.DONE, list(r.exercises)
        elif roll < (0.5 if sore else 0.84):
            word, done = EventKind.PARTLY, list(r.exercises[:1])
        elif roll < 0.92:
            word, done = EventKind.SKIPPED, []
        else:
            return  # shown, never answered: not done
        detail = json.dumps({"done": done, "partly": []}) if done else ""
        write(r, word, at, detail)
        if done and rng.random() < 0.6:
            pain = 6.5 - 4.5 * n / DAYS + (2.5 if sore else 0) + rng.gauss(0, 1)
            feel = rng.choices(list(Feel), weights=(4, 5, 1 + 4 * sore))[0]
            rating = diary.add(r.key, max(0, min(10, round(pain))), feel,
                               at + timedelta(minutes=1))
            sample.ratings += rating is not None
    elif r.kind is Kind.CALCIUM:
        if roll < 0.8:
            write(r, EventKind.DONE, at, "", rng.choice(FOODS))
            if rng.random() < 0.05:
                write(r, EventKind.DONE, at + timedelta(minutes=2), "food changed", "tofu")
    elif roll < 0.62:
        write(r, EventKind.DONE, at)
    elif roll < 0.78:
        write(r, EventKind.SKIPPED, at)
