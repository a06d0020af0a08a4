"""Her routine and settings as frozen dataclasses: the model, its limits and its defaults.

Reading and writing it as plain data (TOML, JSON) is ``plan_codec``'s job; this module only
says what a plan is, so everything that uses a plan can import it without the reader.

Times of day are minute-precision wall-clock times in her own time zone; the zone itself is not
part of the plan but is passed to ``reminders`` so travel and DST are the caller's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

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


class AgeBand(StrEnum):
    """Her age, only as far as the calcium target needs it: the NIH ODS gives 1,300 mg a day
    up to 18 (pregnant and breastfeeding included) and 1,000 mg from 19 to 50 (G-NIH-ODS-CALCIUM
    in seeds/facts.toml). The values are the words in the settings file."""

    UNDER_19 = "under-19"
    FROM_19 = "19-or-over"


AGE_BAND_WORDS = {AgeBand.UNDER_19: "Under 19", AgeBand.FROM_19: "19 or older"}
# The NIH ODS Recommended Dietary Allowances (mg a day) for women, the same whether or not she
# is breastfeeding. Not told (None) counts as 19 or older: most mothers are, 1,000 mg is their
# RDA, and setup asks, so a mother under 19 is only missed if she skips the question.
CALCIUM_RDA_MG = {AgeBand.UNDER_19: 1300, AgeBand.FROM_19: 1000}


def recommended_calcium_mg(age_band: AgeBand | None) -> int:
    """The daily calcium the guidance recommends for her age band (not told: 19 or older)."""
    return CALCIUM_RDA_MG[age_band or AgeBand.FROM_19]


@dataclass(frozen=True)
class CalciumPlan:
    """Which meals carry a calcium reminder, the daily target, and the food ids to suggest.

    ``daily_target_mg`` is a target she set herself, or None to follow the guidance for her
    ``age_band`` (``target_mg`` is the one in force). A target equal to that recommendation
    is stored as None, so that telling Back Care her age later moves it as she would expect:
    versions before age bands wrote 1,000 mg into every plan, and that was never her choice.
    A different number is hers and is kept whatever her age band.
    """

    meals: tuple[Meal, ...]
    daily_target_mg: int | None
    foods: tuple[str, ...]
    age_band: AgeBand | None = None

    def __post_init__(self) -> None:
        if self.daily_target_mg == recommended_calcium_mg(self.age_band):
            object.__setattr__(self, "daily_target_mg", None)

    @property
    def target_mg(self) -> int:
        """The daily target in force: hers if she set one, else the recommendation."""
        if self.daily_target_mg is not None:
            return self.daily_target_mg
        return recommended_calcium_mg(self.age_band)


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
# NIH Office of Dietary Supplements (G-NIH-ODS-CALCIUM; why the app follows it rather than the
# NHS's 700 mg is in the ledger's "# Calcium" section). The default plan follows the guidance
# for her age band (daily_target_mg None). Split across three meals, because the body absorbs
# calcium best in doses of 500 mg or less taken with food. The food ids are defined in
# resources/foods.toml.
DEFAULT_CALCIUM_MG = CALCIUM_RDA_MG[AgeBand.FROM_19]
DEFAULT_CALCIUM = CalciumPlan(
    meals=(
        Meal("breakfast", time(7, 30)),
        Meal("lunch", time(12, 30)),
        Meal("dinner", time(18, 30)),
    ),
    daily_target_mg=None,
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


