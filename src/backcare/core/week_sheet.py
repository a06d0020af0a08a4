"""What the printable week says: a pure record of the days, her reminders and the exercises.

The sheet on the fridge must say exactly what the app will ask of her that week, so it is built
from the same two functions the reminders use: ``effective_plan`` for each day (her recovery
moves on mid-week, so an exercise that opens on Wednesday is on the sheet from Wednesday, and a
rest after a setback ends on its day) and ``reminders`` for that day's plan. Nothing here draws
or chooses words; ``backcare.sheet`` makes the words and the pages from this record.

Rows are her reminders as she plans them: a row for each exercise session (by its planned time
and label), in the order of the day, then one row holding all the day's posture breaks and one
holding its calcium reminders, each reminder a box. A day on which a row has nothing due (a
weekday she has turned off, a session with nothing safe in it yet) has no box there.

The paper follows her locale unless she chooses: ``paper_for_territory`` is the rule, kept here
so it can be tested without Qt; the caller reads the territory from ``QLocale``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from types import MappingProxyType

from backcare.core.content import Exercise, Routines, Tip
from backcare.core.countries import Country
from backcare.core.plan import Plan
from backcare.core.progression import ExerciseStatus, effective_plan, statuses, week_after_birth
from backcare.core.reminders import Kind, Reminder, reminders
from backcare.core.safety import Safety, SignGroup, for_country

DAYS = 7
# The advice topics the sheet prints under the grid: how to stand, bend, carry and lift.
TIP_TOPICS = ("posture", "lifting")
_NO_PAUSES: Mapping[str, date] = MappingProxyType({})


class Paper(StrEnum):
    """The two paper sizes the sheet is laid out for; the values are the CLI's words."""

    A4 = "A4"
    LETTER = "Letter"


# Unicode CLDR supplemental data (measurementData, paperSize type="US-Letter"): the territories
# whose usual paper is US Letter. Everywhere else uses A4.
LETTER_TERRITORIES = frozenset(
    {"BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE"}
)


def paper_for_territory(code: str | None) -> Paper:
    """Letter where her locale's territory uses it (the US, Canada, Mexico, the Philippines…),
    A4 elsewhere and when the territory is not known (``C`` or ``POSIX`` locales)."""
    return Paper.LETTER if code is not None and code.upper() in LETTER_TERRITORIES else Paper.A4


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of the week that holds ``day``; ``first_weekday`` 0 is Monday (as in
    ``date.weekday``), 6 is Sunday, as her locale counts weeks."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


@dataclass(frozen=True)
class SheetDay:
    """A column of the grid: the date, and her whole weeks since the birth on it (None when
    Back Care does not know the birth date, so there is no week to print)."""

    day: date
    week: int | None


@dataclass(frozen=True)
class Tick:
    """One reminder due on one day: a box to tick. A session also carries its exercises, as
    her recovery allows them that day."""

    reminder: Reminder
    exercises: tuple[Exercise, ...] = ()


@dataclass(frozen=True)
class SheetRow:
    """A row of the grid: one exercise session (its label and planned time), or all the
    posture breaks, or all the calcium reminders of a day. ``days`` holds, for each of the
    seven days, the reminders of the row due that day, in order (none: nothing to tick)."""

    kind: Kind
    times: tuple[time, ...]  # the planned wall times, each once, in order
    label: str  # a session's label ("Morning"); empty for posture and calcium
    meals: tuple[str, ...]  # calcium: the meals, in order; empty for the others
    days: tuple[tuple[Tick, ...], ...]

    @property
    def boxes(self) -> int:
        return sum(len(ticks) for ticks in self.days)


@dataclass(frozen=True)
class SheetCard:
    """An exercise of the week's plan, with the first day it is in her sessions and where it
    stands for her that day (its dose this week: the lower starter sets in its first week)."""

    exercise: Exercise
    first_day: date
    status: ExerciseStatus


@dataclass(frozen=True)
class WeekSheet:
    """Everything the printed week says, as records: the seven days, her reminders as rows, the
    calcium target (None when calcium reminders are off), the posture and lifting tips, the
    warning signs that need a call now and those that need help the same day (both in her
    country's numbers), and a card per exercise in the order she first meets them."""

    days: tuple[SheetDay, ...]
    rows: tuple[SheetRow, ...]
    posture_every_min: int
    calcium_target_mg: int | None
    tips: tuple[Tip, ...]
    warnings: SignGroup
    urgent: SignGroup
    country: Country
    cards: tuple[SheetCard, ...]

    @property
    def start(self) -> date:
        return self.days[0].day

    @property
    def end(self) -> date:
        return self.days[-1].day

    def number(self, exercise: Exercise) -> int:
        """The exercise's card number (from 1): the grid names each session's exercises by it,
        as a 7-day grid at 11 pt has no room for their names."""
        return next(i for i, card in enumerate(self.cards, start=1)
                    if card.exercise.id == exercise.id)

    @property
    def weeks(self) -> tuple[int, ...]:
        """Her weeks after birth across the seven days, each once (empty when not known)."""
        return tuple(dict.fromkeys(d.week for d in self.days if d.week is not None))


def _row_key(reminder: Reminder) -> tuple[int, time, str]:
    """Which row a reminder goes in: sessions first, one row per planned time and label (the
    identity ``reminders`` keeps through the day, less the date and the exercise ids, which
    change as she recovers); then one row for every posture break and one for calcium."""
    if reminder.kind is Kind.EXERCISE:
        return (0, reminder.planned, reminder.label)
    return (1 if reminder.kind is Kind.POSTURE else 2, time(0), "")


def _day_reminders(plan: Plan, day: date, tz: tzinfo) -> list[Reminder]:
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return reminders(plan, start, end, tz)


def _row(days: list[list[Tick]]) -> SheetRow:
    ticks = [tick.reminder for day in days for tick in day]
    sample = ticks[0]
    return SheetRow(
        kind=sample.kind,
        times=tuple(sorted({r.planned for r in ticks})),
        label=sample.label,
        meals=tuple(dict.fromkeys(r.meal for r in sorted(ticks, key=lambda r: r.planned)
                                  if r.meal)),
        days=tuple(tuple(day) for day in days),
    )


def week_sheet(
    plan: Plan,
    exercises: Iterable[Exercise],
    tips: Iterable[Tip],
    safety: Safety,
    country: Country,
    start: date,
    tz: tzinfo,
    paused: Mapping[str, date] = _NO_PAUSES,
    *,
    routines: Routines | None = None,
) -> WeekSheet:
    """The week of seven days from ``start``, for her plan as saved (``plan``: her own choices;
    each day's sessions are filled in here, as the reminders fill them).

    ``paused``: exercises resting after "this made my back worse", each with the first day it
    is offered again. A nap is a moment, not part of a week, so the plan's nap is ignored.
    ``safety`` is the content as loaded; its words are put in ``country``'s numbers here.
    """
    exercises = tuple(exercises)
    by_id = {e.id: e for e in exercises}
    plan = replace(plan, nap=None)
    days = tuple(start + timedelta(days=i) for i in range(DAYS))
    birth = plan.profile.birth_date
    cells: dict[tuple[int, time, str], list[list[Tick]]] = {}
    first_seen: dict[str, date] = {}
    for i, day in enumerate(days):
        today_plan = effective_plan(plan, exercises, day, paused, routines=routines)
        for reminder in _day_reminders(today_plan, day, tz):
            # A session's exercises get cards and numbers; a posture break is a box to tick
            # (its short card is on the screen, and its words are in the tips).
            held = (tuple(by_id[x] for x in reminder.exercises if x in by_id)
                    if reminder.kind is Kind.EXERCISE else ())
            for exercise in held:
                first_seen.setdefault(exercise.id, day)
            row = cells.setdefault(_row_key(reminder), [[] for _ in days])
            row[i].append(Tick(reminder, held))
    rows = [_row(cells[key]) for key in sorted(cells)]
    cards = tuple(
        SheetCard(by_id[ex_id], day, statuses([by_id[ex_id]], plan.profile, day, paused)[ex_id])
        for ex_id, day in first_seen.items()
    )
    local = for_country(safety, country)
    return WeekSheet(
        days=tuple(
            SheetDay(day, None if birth is None else week_after_birth(birth, day)) for day in days
        ),
        rows=tuple(rows),
        posture_every_min=plan.posture_interval_min,
        calcium_target_mg=plan.calcium.target_mg if plan.calcium_enabled else None,
        tips=tuple(tip for tip in tips if tip.topic in TIP_TOPICS),
        warnings=local.emergency,
        urgent=local.urgent,
        country=country,
        cards=cards,
    )
