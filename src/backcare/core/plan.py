"""Her routine and settings as frozen dataclasses: the model, its limits and its defaults.

Reading and writing it as plain data (TOML, JSON) is ``plan_codec``'s job; this module only
says what a plan is, so everything that uses a plan can import it without the reader.

Times of day are minute-precision wall-clock times in her own time zone; the zone itself is not
part of the plan but is passed to ``reminders`` so travel and DST are the caller's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

MIN_WAKING_MIN = 4 * 60
POSTURE_MIN, POSTURE_MAX = 30, 480
MAX_SESSIONS = 8
MIN_MEALS, MAX_MEALS = 1, 6
CALCIUM_MIN_MG, CALCIUM_MAX_MG = 200, 2500
MAX_NAP = timedelta(hours=6)
MAX_LABEL = 40
DIET_CALCIUM_MAX_MG = 2500
MAX_YEARS_SINCE_BIRTH = 6
BIRTH_TYPES = ("vaginal", "assisted", "caesarean")
BIRTH_TYPE_WORDS = {
    "vaginal": "a vaginal birth",
    "assisted": "an assisted birth (forceps or vacuum)",
    "caesarean": "a caesarean birth",
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")



@dataclass(frozen=True)
class Span:
    """A daily wall-clock span, half-open ``[start, end)``; ``end < start`` crosses midnight."""

    start: time
    end: time

    def contains(self, t: time) -> bool:
        """True when the wall-clock time ``t`` falls in the span (an empty span holds nothing)."""
        if self.start <= self.end:
            return self.start <= t < self.end
        return t >= self.start or t < self.end


@dataclass(frozen=True)
class ExerciseSession:
    """A few exercises (ids from resources/exercises) at one time of day, e.g. "Morning".

    Unless ``pinned``, the exercises follow her week after birth (``core.progression`` fills
    them in), so the routine grows as she heals without her touching the settings; ``exercises``
    is then only what was last chosen for her, and may be empty. A pinned session keeps her own
    list, though an exercise not yet safe for her week is still left out when reminders are due.
    """

    at: time
    exercises: tuple[str, ...]
    label: str
    pinned: bool = False


# The question both setup and Settings ask; the same words, so she recognises it in both.
POSTNATAL_CHECK_WORDS = "I have had my postnatal check (6–8 weeks after the birth)"
# The optional question about a harder recovery, in setup and Settings alike.
COMPLICATED_BIRTH_WORDS = (
    "I had a third- or fourth-degree tear, or a complicated birth"
)
COMPLICATED_BIRTH_HINT = (
    "A third- or fourth-degree tear reaches the muscle around the back passage; your midwife "
    "or doctor will have told you if you had one. A complicated birth could mean heavy "
    "bleeding, an infection or a stay in intensive care. If either is true, Back Care keeps "
    "to the slower timings used after a caesarean. You can leave this blank."
)


@dataclass(frozen=True)
class Profile:
    """What the first-run setup asks, so the exercises fit her recovery.

    ``None`` means "not told" (setup skipped): progression then assumes the most careful case,
    a caesarean birth in the first week, and the app keeps asking gently for the birth date.
    ``diet_calcium_mg`` is her rough daily calcium from ordinary food, counted into the tally.
    ``postnatal_check`` is whether she has had her 6-8 week postnatal check; the harder
    exercises wait for it, and not having said (None) keeps them closed, as False does.
    ``country`` is her ISO 3166 alpha-2 code ("GB"), so the Safety page names her emergency
    number; None (not told) gives neutral words ("your local emergency number").
    ``complicated_birth`` is a third- or fourth-degree tear or a complicated birth: either
    gives at least the caesarean timings, whatever the type of birth (``core.progression``).
    """

    birth_date: date | None = None
    birth_type: str | None = None
    breastfeeding: bool | None = None
    diet_calcium_mg: int = 0
    postnatal_check: bool | None = None
    country: str | None = None
    complicated_birth: bool | None = None


@dataclass(frozen=True)
class Meal:
    """A meal at which to take calcium: absorption is better with food and in smaller doses."""

    name: str
    at: time


@dataclass(frozen=True)
class CalciumPlan:
    """Which meals carry a calcium reminder, the daily target, and the food ids to suggest."""

    meals: tuple[Meal, ...]
    daily_target_mg: int
    foods: tuple[str, ...]


@dataclass(frozen=True)
class Nap:
    """"The baby is napping": silence everything from ``start`` until ``until`` (aware)."""

    start: datetime
    until: datetime


DEFAULT_WAKING = Span(time(7, 0), time(22, 0))

# Doses from the seeds: a short morning routine, one exercise after the afternoon nap, a gentle
# evening breath-and-stretch and knee hugs to loosen the lower back before sleep.
DEFAULT_SESSIONS: tuple[ExerciseSession, ...] = (
    ExerciseSession(time(8, 0), ("breathing-arm-raise", "bridge"), "Morning"),
    ExerciseSession(time(15, 0), ("bridge",), "Afternoon"),
    ExerciseSession(time(19, 30), ("breathing-arm-raise",), "Evening"),
    ExerciseSession(time(21, 30), ("knee-hugs",), "Before bed"),
)

# 1000 mg a day: the Recommended Dietary Allowance for lactating women aged 19-50, from the US
# NIH Office of Dietary Supplements, "Calcium - Fact Sheet for Health Professionals" (table of
# RDAs). Split across three meals, because the body absorbs calcium best in doses of 500 mg or
# less taken with food. The food ids are defined in resources/foods.toml.
DEFAULT_CALCIUM_MG = 1000
DEFAULT_CALCIUM = CalciumPlan(
    meals=(
        Meal("breakfast", time(7, 30)),
        Meal("lunch", time(12, 30)),
        Meal("dinner", time(18, 30)),
    ),
    daily_target_mg=DEFAULT_CALCIUM_MG,
    foods=("milk", "dried-shrimp", "tofu", "soy-milk"),
)

ALL_WEEKDAYS: frozenset[int] = frozenset(range(7))


@dataclass(frozen=True)
class Plan:
    """Everything the reminders depend on; immutable so a change is a new plan, never a patch.

    ``posture_interval_min`` counts from the start of waking hours (07:00 → 09:00, 11:00, …),
    so breaks land on the same easy-to-remember times every day. ``weekdays`` uses
    0 = Monday … 6 = Sunday and names the days on which reminders happen at all.
    """

    waking: Span = DEFAULT_WAKING
    posture_interval_min: int = 120
    sessions: tuple[ExerciseSession, ...] = DEFAULT_SESSIONS
    calcium: CalciumPlan = DEFAULT_CALCIUM
    quiet: tuple[Span, ...] = ()
    nap: Nap | None = None
    weekdays: frozenset[int] = ALL_WEEKDAYS
    posture_enabled: bool = True
    calcium_enabled: bool = True
    exercise_enabled: bool = True
    profile: Profile = Profile()


@dataclass(frozen=True)
class FieldError:
    """One refused setting: the dotted field path and a full sentence saying what to change."""

    field: str
    message: str

    def __str__(self) -> str:
        return self.message


def default_plan() -> Plan:
    """The plan a new user starts with (the module constants say where each value comes from)."""
    return Plan()


