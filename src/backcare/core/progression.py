"""Which exercises are safe for her this week, and the routine that follows from that.

What is safe changes week by week after birth and with the type of birth, so it is worked out
afresh from three things only: the exercise data (each file's ``[earliest_week]`` and
``after_postnatal_check``), her profile (birth date, type of birth, whether she has had her
postnatal check) and today's date, passed in. Nothing here is stored, so a new
birth date, a fixed exercise file or a new day simply gives a new answer.

Not knowing is never less safe: no birth date counts as week 0, and no type of birth counts as
a caesarean, the most careful case. A third- or fourth-degree tear or a complicated birth
(``profile.complicated_birth``, RCOG and NHS: recovery takes longer) gives at least the
caesarean timings whatever the type of birth. A "this made my back worse" pause (kept
elsewhere, passed in as ``paused``: exercise id → the first date it is offered again) hides an
exercise until then.
The harder exercises also wait for her 6-8 week postnatal check, when a doctor or midwife looks
at how she is healing: until she says she has had it (not saying counts as not yet), they stay
closed even once their week has come.

Her sessions follow the progression (``effective_plan``) unless she pinned her own exercises;
even then, an exercise that is not yet safe, or paused, is left out. The plan this returns is
for reminders and the today view; never save it over her settings, or her pinned lists and
the empty "let the progression choose" sessions would be lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from types import MappingProxyType

from backcare.core.content import (
    BIRTH_TYPES,
    CAREFUL_BIRTH_TYPE,
    Exercise,
    Routine,
    Routines,
    gentlest_first,
    load_routines,
)
from backcare.core.plan import BIRTH_TYPE_WORDS, Plan, Profile
from backcare.paths import resources_dir

__all__ = [
    "CAREFUL_BIRTH_TYPE",
    "POSTNATAL_CHECK_REASON",
    "ExerciseStatus",
    "effective_plan",
    "progression_table",
    "shipped_routines",
    "statuses",
    "unlock_messages",
    "unlock_week",
    "week_after_birth",
]

ROUTINES_FILE = "progression.toml"
_NO_PAUSES: Mapping[str, date] = MappingProxyType({})


def week_after_birth(birth_date: date | None, today: date) -> int:
    """Whole weeks since the birth: 0 on the birth day and the six days after, 1 from day 7.

    No birth date, or one after today (a clock or typing slip), gives week 0, the most careful.
    """
    if birth_date is None or birth_date > today:
        return 0
    return (today - birth_date).days // 7


@dataclass(frozen=True)
class ExerciseStatus:
    """Where one exercise stands for her today, with the sentence the library shows beside it."""

    exercise_id: str
    offered: bool  # safe for her this week and not paused
    unlock_week: int  # earliest week for her birth type
    week: int  # her week now
    starter: bool  # offered and in its first week of being offered -> lower dose
    sets: int  # sets to do this week (dose.starter_sets when starter and set, else dose.sets)
    reason: str  # why locked (and when it opens), until when paused, or a starter note
    paused_until: date | None
    # Its week has come, but it waits until she says she has had her postnatal check.
    waiting_for_check: bool = False

    @property
    def headline(self) -> str:
        """The reason's first sentence ("This opens 6 weeks after a caesarean birth, in 2
        weeks."): what fits on one line of the library or the settings window."""
        first, dot, _ = self.reason.partition(". ")
        return first + "." if dot else self.reason


POSTNATAL_CHECK_REASON = (
    "This opens once you have had your postnatal check (about 6–8 weeks after the birth). "
    "Tell Back Care in Settings when you have had it."
)


def _needs_check(exercise: Exercise, profile: Profile) -> bool:
    """True when the exercise waits for the postnatal check and she has not said she had it;
    only an explicit yes opens it, so a skipped question stays on the careful side."""
    return exercise.after_postnatal_check and profile.postnatal_check is not True


def _birth_type(profile: Profile) -> str:
    return profile.birth_type if profile.birth_type in BIRTH_TYPES else CAREFUL_BIRTH_TYPE


def unlock_week(exercise: Exercise, profile: Profile) -> int:
    """The week the exercise opens for her: its week for her type of birth, and after a third-
    or fourth-degree tear or a complicated birth at least its week after a caesarean (RCOG and
    NHS advice is that recovery from either takes longer, like a caesarean's)."""
    week = exercise.earliest_week.for_birth(_birth_type(profile))
    if profile.complicated_birth:
        week = max(week, exercise.earliest_week.for_birth(CAREFUL_BIRTH_TYPE))
    return week


def _weeks(n: int) -> str:
    return "1 week" if n == 1 else f"{n} weeks"


def _day(d: date) -> str:
    return f"{d:%A} {d.day} {d:%B}"


def _locked_reason(exercise: Exercise, profile: Profile, unlock: int, week: int) -> str:
    birth_type = _birth_type(profile)
    known_type = profile.birth_type in BIRTH_TYPES
    after = BIRTH_TYPE_WORDS[birth_type] if known_type else "birth"
    sentence = f"This opens {_weeks(unlock)} after {after}"
    if profile.birth_date is None:
        sentence += "; add your baby's birth date in the settings so it can open when it is time"
    else:
        left = unlock - week
        sentence += ", next week" if left == 1 else f", in {_weeks(left)}"
    if not known_type:
        sentence += (
            " (the timing after a caesarean, which we use until you tell us your type of birth)"
        )
    elif profile.complicated_birth and birth_type != CAREFUL_BIRTH_TYPE:
        sentence += (
            " (at least the timing after a caesarean, because you told us of a deep tear or a"
            " complicated birth)"
        )
    if _needs_check(exercise, profile):
        sentence += ". It also waits until you have had your postnatal check"
    return f"{sentence}. {exercise.earliest_week.why}"


def _status(
    exercise: Exercise, profile: Profile, week: int, today: date, paused: Mapping[str, date]
) -> ExerciseStatus:
    unlock = unlock_week(exercise, profile)
    pause_end = paused.get(exercise.id)
    paused_until = pause_end if pause_end is not None and pause_end > today else None
    safe = week >= unlock
    waiting_for_check = safe and _needs_check(exercise, profile)
    offered = safe and not waiting_for_check and paused_until is None
    starter = offered and week == unlock
    dose = exercise.dose
    sets = dose.starter_sets if starter and dose.starter_sets else dose.sets
    if not safe:
        reason = _locked_reason(exercise, profile, unlock, week)
    elif waiting_for_check:
        reason = POSTNATAL_CHECK_REASON
    elif paused_until is not None:
        reason = f"Resting until {_day(paused_until)}, to give your back a break. Go gently."
    elif starter and dose.starter_sets and dose.starter_sets < dose.sets:
        reason = (
            f"New this week: start with {dose.starter_sets} "
            f"{'set' if dose.starter_sets == 1 else 'sets'} each time and build up as it "
            "feels easy."
        )
    elif starter:
        reason = "New this week: start gently, and do fewer if you tire."
    else:
        reason = ""
    return ExerciseStatus(
        exercise_id=exercise.id,
        offered=offered,
        unlock_week=unlock,
        week=week,
        starter=starter,
        sets=sets,
        reason=reason,
        paused_until=paused_until,
        waiting_for_check=waiting_for_check,
    )


def statuses(
    exercises: Iterable[Exercise],
    profile: Profile | None,
    today: date,
    paused: Mapping[str, date] = _NO_PAUSES,
) -> dict[str, ExerciseStatus]:
    """Each exercise's status for her today, by id. ``profile`` None means setup was skipped."""
    profile = profile if profile is not None else Profile()
    week = week_after_birth(profile.birth_date, today)
    return {e.id: _status(e, profile, week, today, paused) for e in exercises}


def _with_article(title: str) -> str:
    """'Bridge' → 'the bridge', 'Knee hugs' → 'knee hugs': how the title reads mid-sentence."""
    name = title[:1].lower() + title[1:]
    return name if name.endswith("s") else f"the {name}"


def unlock_messages(
    exercises: Iterable[Exercise], profile: Profile | None, today: date
) -> list[str]:
    """A gentle line for each exercise that opens this very week (never in week 0, which is
    simply where everyone starts), gentlest first: "From this week you can add the bridge.".
    One still waiting for her postnatal check gets no line: it is not something she can add."""
    profile = profile if profile is not None else Profile()
    week = week_after_birth(profile.birth_date, today)
    if week == 0:
        return []
    return [
        f"From this week you can add {_with_article(e.title)}."
        for e in gentlest_first(exercises)
        if unlock_week(e, profile) == week and not _needs_check(e, profile)
    ]


@cache
def shipped_routines() -> Routines:
    """The routines in ``resources/progression.toml``; a broken file gives the fallback (the
    gentlest safe exercises), and its problems are reported by the content tests."""
    routines, _ = load_routines(resources_dir() / ROUTINES_FILE)
    return routines


def _choose(
    routine: Routine, status: Mapping[str, ExerciseStatus], gentle: tuple[str, ...]
) -> tuple[str, ...]:
    pool = routine.prefer if routine.prefer else gentle
    picked = [x for x in pool if x in status and status[x].offered]
    return tuple(picked[: routine.most])


def effective_plan(
    plan: Plan,
    exercises: Iterable[Exercise],
    today: date,
    paused: Mapping[str, date] = _NO_PAUSES,
    *,
    routines: Routines | None = None,
) -> Plan:
    """Her plan as it stands today: each session's exercises chosen for her week.

    Unpinned sessions take the first safe exercises of their routine (by label). Pinned ones
    keep her list minus anything locked, paused or unknown; if nothing is left, the routine's
    choice stands in. A session left with no exercise is dropped, because ``reminders`` would
    otherwise call her to a session with nothing in it. ``routines`` defaults to the shipped
    ``resources/progression.toml``.
    """
    exercises = tuple(exercises)
    routines = routines if routines is not None else shipped_routines()
    status = statuses(exercises, plan.profile, today, paused)
    gentle = tuple(e.id for e in gentlest_first(exercises))
    sessions = []
    for session in plan.sessions:
        chosen: tuple[str, ...] = ()
        if session.pinned:
            chosen = tuple(
                dict.fromkeys(x for x in session.exercises if x in status and status[x].offered)
            )
        if not chosen:
            chosen = _choose(routines.for_label(session.label), status, gentle)
        if chosen:
            sessions.append(replace(session, exercises=chosen))
    return replace(plan, sessions=tuple(sessions))


def progression_table(
    exercises: Iterable[Exercise],
) -> list[tuple[str, str, int, int, int, tuple[str, ...]]]:
    """One row per exercise, gentlest first: id, title, the earliest week after a vaginal, an
    assisted and a caesarean birth, and the sources of that timing. For notes and reviews."""
    return [
        (
            e.id,
            e.title,
            e.earliest_week.for_birth("vaginal"),
            e.earliest_week.for_birth("assisted"),
            e.earliest_week.for_birth("caesarean"),
            e.earliest_week.sources,
        )
        for e in gentlest_first(exercises)
    ]
