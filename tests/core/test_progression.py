"""Postpartum progression: which exercises are offered in which week, by type of birth.

The table test walks every week from 0 to 52 for every type of birth (and for "not told") over
the shipped exercise files, so a change to any ``[earliest_week]`` is checked the moment it is
made, and no risky movement can be offered before its floor.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcare.core.content import (
    FALLBACK_ROUTINES,
    MOVEMENT_FLOORS,
    MOVEMENTS,
    Exercise,
    Routine,
    Routines,
    load_exercises,
    load_routines,
)
from backcare.core.ledger import load_ledger
from backcare.core.plan import DEFAULT_SESSIONS, ExerciseSession, Plan, Profile, default_plan
from backcare.core.progression import (
    CAREFUL_BIRTH_TYPE,
    POSTNATAL_CHECK_REASON,
    effective_plan,
    progression_table,
    shipped_routines,
    statuses,
    unlock_messages,
    week_after_birth,
)
from backcare.core.reminders import reminders
from backcare.paths import resources_dir, seeds_dir

EXERCISES_DIR = resources_dir() / "exercises"
ROUTINES_FILE = resources_dir() / "progression.toml"
BIRTH = date(2026, 1, 5)
BIRTH_TYPES = ("vaginal", "assisted", "caesarean", None)
RISKY = ("sit-up", "double-leg-lift")


def _load() -> tuple[Exercise, ...]:
    exercises, problems = load_exercises(EXERCISES_DIR)
    assert [p.sentence() for p in problems] == []
    return exercises


EXERCISES = _load()
BY_ID = {e.id: e for e in EXERCISES}


def _on(week: int, extra_days: int = 0) -> date:
    """A day in ``week`` after BIRTH (``extra_days`` 0..6 moves within the week)."""
    return BIRTH + timedelta(weeks=week, days=extra_days)


def _data_week(exercise: Exercise, birth_type: str | None) -> int:
    """The week straight from the parsed file, without going through for_birth."""
    week = exercise.earliest_week
    return {"vaginal": week.vaginal, "assisted": week.assisted}.get(
        birth_type or "", week.caesarean
    )


# --- the progression table -----------------------------------------------------------------------


@pytest.mark.parametrize("birth_type", BIRTH_TYPES)
@pytest.mark.parametrize("extra_days", [0, 6])
def test_progression_table_week_0_to_52(birth_type: str | None, extra_days: int) -> None:
    # The check is said, so only the weeks decide here; the check's own gate is tested below.
    profile = Profile(birth_date=BIRTH, birth_type=birth_type, postnatal_check=True)
    for week in range(53):
        today = _on(week, extra_days)
        found = statuses(EXERCISES, profile, today)
        assert set(found) == set(BY_ID)
        for ex_id, status in found.items():
            exercise = BY_ID[ex_id]
            unlock = _data_week(exercise, birth_type)
            where = f"{ex_id}, week {week}, {birth_type}"
            assert status.week == week, where
            assert status.unlock_week == unlock, where
            assert status.offered == (week >= unlock), where
            assert status.starter == (week == unlock), where
            assert status.paused_until is None, where
            if status.offered:
                assert not status.reason or status.starter, where
            else:
                assert str(unlock) in status.reason and exercise.earliest_week.why in status.reason
            for movement in set(exercise.movements) & set(RISKY):
                floor = MOVEMENT_FLOORS[movement].for_birth(birth_type or CAREFUL_BIRTH_TYPE)
                assert floor >= 12, movement
                if week < floor:
                    assert not status.offered, where
    assert all(s.offered for s in statuses(EXERCISES, profile, _on(52)).values())


def test_the_table_holds_the_data_for_each_type_of_birth() -> None:
    rows = progression_table(EXERCISES)
    gentlest_first = sorted(rows, key=lambda r: (r[2], r[3], r[4], r[1].lower()))
    assert [r[0] for r in rows] == [r[0] for r in gentlest_first]
    assert {r[0] for r in rows} == set(BY_ID)
    for ex_id, title, vaginal, assisted, caesarean, sources in rows:
        week = BY_ID[ex_id].earliest_week
        assert title == BY_ID[ex_id].title
        assert (vaginal, assisted, caesarean) == (week.vaginal, week.assisted, week.caesarean)
        assert vaginal <= assisted <= caesarean
        assert sources == week.sources and sources


def test_sit_ups_and_double_leg_lifts_wait_until_12_weeks_or_later_and_cite_sources() -> None:
    ledger, _ = load_ledger(seeds_dir() / "facts.toml")
    for movement in RISKY:
        floor = MOVEMENT_FLOORS[movement]
        assert floor.vaginal >= 12 and floor.assisted >= 12
        assert floor.caesarean > floor.vaginal
        assert "G-POGP-FIT-SAFE" in floor.sources
        assert set(floor.sources) <= ledger.ids()
    assert "F004-no-sit-ups" in MOVEMENT_FLOORS["sit-up"].sources
    assert set(MOVEMENT_FLOORS) <= set(MOVEMENTS)
    assert "double-leg-lift" in BY_ID["air-bicycle"].movements
    # No shipped exercise is a sit-up at all.
    assert not any("sit-up" in e.movements for e in EXERCISES)


# --- weeks after birth ---------------------------------------------------------------------------


def test_week_after_birth_edges() -> None:
    assert week_after_birth(BIRTH, BIRTH) == 0
    assert week_after_birth(BIRTH, BIRTH + timedelta(days=6)) == 0
    assert week_after_birth(BIRTH, BIRTH + timedelta(days=7)) == 1
    assert week_after_birth(BIRTH, BIRTH + timedelta(days=13)) == 1
    assert week_after_birth(BIRTH, BIRTH - timedelta(days=1)) == 0
    assert week_after_birth(None, BIRTH) == 0


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 4000))
def test_week_after_birth_counts_whole_weeks(birth: date, days: int) -> None:
    today = birth + timedelta(days=days)
    week = week_after_birth(birth, today)
    assert week == days // 7
    assert birth + timedelta(weeks=week) <= today < birth + timedelta(weeks=week + 1)


# --- unlock messages -----------------------------------------------------------------------------


def test_unlock_message_on_the_unlock_week_only() -> None:
    profile = Profile(BIRTH, "vaginal")
    line = "From this week you can add the bridge."
    assert BY_ID["bridge"].earliest_week.vaginal == 4
    assert line not in unlock_messages(EXERCISES, profile, _on(3, 6))
    assert line in unlock_messages(EXERCISES, profile, _on(4))
    assert line in unlock_messages(EXERCISES, profile, _on(4, 6))
    assert line not in unlock_messages(EXERCISES, profile, _on(5))
    # after a caesarean the same exercise opens later, with its own message then
    assert line not in unlock_messages(EXERCISES, Profile(BIRTH, "caesarean"), _on(4))
    assert line in unlock_messages(EXERCISES, Profile(BIRTH, "caesarean"), _on(6))


def test_unlock_messages_read_naturally_and_never_in_week_0() -> None:
    assert unlock_messages(EXERCISES, Profile(BIRTH, "vaginal"), BIRTH) == []
    assert unlock_messages(EXERCISES, None, BIRTH) == []
    assert unlock_messages(EXERCISES, Profile(), _on(30)) == []  # no birth date: always week 0
    lines = unlock_messages(EXERCISES, Profile(BIRTH, "assisted"), _on(4))
    assert lines == [
        "From this week you can add knee hugs.",
        "From this week you can add careful backward steps.",
    ]


@pytest.mark.parametrize("birth_type", BIRTH_TYPES)
def test_every_exercise_gets_exactly_one_unlock_message_in_a_year(birth_type: str | None) -> None:
    profile = Profile(BIRTH, birth_type, postnatal_check=True)
    said = [line for week in range(53) for line in unlock_messages(EXERCISES, profile, _on(week))]
    late = [e for e in EXERCISES if _data_week(e, birth_type) > 0]
    assert len(said) == len(set(said)) == len(late)


# --- the postnatal check -------------------------------------------------------------------------

AFTER_CHECK = tuple(e for e in EXERCISES if e.after_postnatal_check)


def test_some_exercises_wait_for_the_check() -> None:
    found = {e.id for e in AFTER_CHECK}
    assert found == {"plank-kneeling", "plank-forearm", "air-bicycle", "ball-balance"}


@pytest.mark.parametrize("birth_type", BIRTH_TYPES)
@pytest.mark.parametrize("check", [None, False, True])
def test_before_its_week_it_is_locked_whatever_the_check(
    birth_type: str | None, check: bool | None
) -> None:
    profile = Profile(BIRTH, birth_type, postnatal_check=check)
    for exercise in AFTER_CHECK:
        unlock = _data_week(exercise, birth_type)
        for week in (0, unlock - 1):
            status = statuses(EXERCISES, profile, _on(week, 6))[exercise.id]
            assert not status.offered and not status.waiting_for_check, (exercise.id, week)
            assert status.headline.startswith("This opens"), status.reason
            also = "It also waits until you have had your postnatal check." in status.reason
            assert also == (check is not True), status.reason


@pytest.mark.parametrize("birth_type", BIRTH_TYPES)
@pytest.mark.parametrize("check", [None, False])
def test_after_its_week_it_stays_locked_without_the_check(
    birth_type: str | None, check: bool | None
) -> None:
    profile = Profile(BIRTH, birth_type, postnatal_check=check)
    for exercise in AFTER_CHECK:
        unlock = _data_week(exercise, birth_type)
        for week in (unlock, unlock + 1, 52):
            status = statuses(EXERCISES, profile, _on(week))[exercise.id]
            assert not status.offered and status.waiting_for_check, (exercise.id, week)
            assert status.reason == POSTNATAL_CHECK_REASON
            assert status.headline == (
                "This opens once you have had your postnatal check "
                "(about 6–8 weeks after the birth)."
            )
        said = unlock_messages(EXERCISES, profile, _on(unlock))
        assert not [line for line in said if exercise.title.lower() in line.lower()]
    # ... and so no session holds it, pinned or not
    pinned = ExerciseSession(time(9, 0), tuple(e.id for e in AFTER_CHECK), "Morning", pinned=True)
    for plan in (_plan(profile), _plan(profile, (pinned,))):
        found = effective_plan(plan, EXERCISES, _on(52))
        held = {x for session in found.sessions for x in session.exercises}
        assert not held & {e.id for e in AFTER_CHECK}


@pytest.mark.parametrize("birth_type", BIRTH_TYPES)
def test_after_its_week_it_opens_with_the_check(birth_type: str | None) -> None:
    profile = Profile(BIRTH, birth_type, postnatal_check=True)
    for exercise in AFTER_CHECK:
        unlock = _data_week(exercise, birth_type)
        status = statuses(EXERCISES, profile, _on(unlock))[exercise.id]
        assert status.offered and status.starter and not status.waiting_for_check
        assert status.reason.startswith("New this week")
    pinned = ExerciseSession(time(9, 0), ("plank-kneeling",), "Morning", pinned=True)
    found = effective_plan(_plan(profile, (pinned,)), EXERCISES, _on(52))
    assert _by_label(found) == {"Morning": ("plank-kneeling",)}


# --- statuses: doses, reasons, pauses ------------------------------------------------------------


def test_a_new_exercise_starts_at_the_lower_dose_for_one_week() -> None:
    profile = Profile(BIRTH, "vaginal")
    first = statuses(EXERCISES, profile, _on(4))["bridge"]
    later = statuses(EXERCISES, profile, _on(5))["bridge"]
    assert first.starter and first.sets == BY_ID["bridge"].dose.starter_sets == 2
    assert "2 sets" in first.reason
    assert not later.starter and later.sets == BY_ID["bridge"].dose.sets == 3
    assert later.reason == ""
    # without a starter dose in the data the sets stay, but she is still told to go gently
    cat = statuses(EXERCISES, profile, _on(1))["cat-back"]
    assert cat.starter and cat.sets == BY_ID["cat-back"].dose.sets and "gently" in cat.reason


def test_a_locked_exercise_says_when_it_opens_and_why() -> None:
    locked = statuses(EXERCISES, Profile(BIRTH, "caesarean"), _on(2))["bridge"]
    assert not locked.offered
    assert locked.reason.startswith("This opens 6 weeks after a caesarean birth, in 4 weeks.")
    assert BY_ID["bridge"].earliest_week.why in locked.reason
    soon = statuses(EXERCISES, Profile(BIRTH, "caesarean"), _on(5))["bridge"]
    assert ", next week." in soon.reason
    unknown = statuses(EXERCISES, Profile(), BIRTH)["bridge"]
    assert "birth date" in unknown.reason and "caesarean" in unknown.reason


def test_a_pause_hides_an_exercise_until_its_end_date() -> None:
    profile = Profile(BIRTH, "vaginal")
    back = _on(10, 3)
    paused = {"cat-back": back}
    before = statuses(EXERCISES, profile, back - timedelta(days=1), paused)["cat-back"]
    assert not before.offered and before.paused_until == back
    assert before.reason.startswith("Resting until ") and str(back.day) in before.reason
    on_the_day = statuses(EXERCISES, profile, back, paused)["cat-back"]
    assert on_the_day.offered and on_the_day.paused_until is None
    assert on_the_day.reason == ""


def test_no_profile_means_the_careful_case() -> None:
    for profile in (None, Profile()):
        found = statuses(EXERCISES, profile, _on(20))
        assert {k for k, s in found.items() if s.offered} == {
            e.id for e in EXERCISES if e.earliest_week.caesarean == 0
        }
    # a birth date without a type of birth: caesarean timings
    found = statuses(EXERCISES, Profile(BIRTH, None), _on(5))
    assert not found["bridge"].offered and found["bridge"].unlock_week == 6


# --- the effective plan --------------------------------------------------------------------------


def _plan(profile: Profile | None = None, sessions=DEFAULT_SESSIONS) -> Plan:
    return replace(default_plan(), profile=profile or Profile(), sessions=sessions)


def _by_label(plan: Plan) -> dict[str, tuple[str, ...]]:
    return {s.label: s.exercises for s in plan.sessions}


def test_unpinned_sessions_follow_her_week() -> None:
    plan = _plan(Profile(BIRTH, "vaginal"))
    week0 = _by_label(effective_plan(plan, EXERCISES, BIRTH))
    week6 = _by_label(effective_plan(plan, EXERCISES, _on(6)))
    assert week0 == {
        "Morning": ("breathing-arm-raise", "pelvic-floor"),
        "Afternoon": ("wall-stand", "pelvic-floor"),
        "Evening": ("breathing-arm-raise", "wall-stand"),
        "Before bed": ("back-rub", "leg-slides"),
    }
    assert week6["Morning"] == ("bridge", "cat-back")
    assert week6["Before bed"] == ("knee-hugs", "si-leg-shake")
    assert "bridge" not in {x for xs in week0.values() for x in xs}


def test_pinned_sessions_keep_her_list_minus_locked_and_paused() -> None:
    pinned = ExerciseSession(time(9, 0), ("bridge", "cat-back", "wall-stand"), "Morning", True)
    plan = _plan(Profile(BIRTH, "vaginal"), (pinned,))
    week2 = effective_plan(plan, EXERCISES, _on(2))
    assert week2.sessions == (replace(pinned, exercises=("cat-back", "wall-stand")),)
    paused = effective_plan(plan, EXERCISES, _on(2), {"cat-back": _on(3)})
    assert paused.sessions[0].exercises == ("wall-stand",)
    assert effective_plan(plan, EXERCISES, _on(4)).sessions[0].exercises == pinned.exercises
    # the pause ends on its end date
    back = effective_plan(plan, EXERCISES, _on(3), {"cat-back": _on(3)})
    assert back.sessions[0].exercises == ("cat-back", "wall-stand")


def test_a_pinned_session_with_nothing_safe_falls_back_to_the_routine() -> None:
    pinned = ExerciseSession(time(9, 0), ("bridge", "no-such-exercise"), "Morning", True)
    plan = _plan(Profile(BIRTH, "caesarean"), (pinned,))
    assert effective_plan(plan, EXERCISES, _on(1)).sessions[0].exercises == (
        "breathing-arm-raise",
        "pelvic-floor",
    )


def test_no_profile_gives_the_careful_routine() -> None:
    plan = effective_plan(_plan(None), EXERCISES, _on(30))
    assert _by_label(plan) == {
        "Morning": ("pelvic-floor",),
        "Afternoon": ("pelvic-floor",),
        "Evening": ("pelvic-floor",),
        "Before bed": ("back-rub",),
    }


def test_a_session_left_empty_is_dropped_so_no_reminder_calls_her_to_nothing() -> None:
    paused = {"pelvic-floor": _on(1), "back-rub": _on(1)}
    plan = effective_plan(_plan(Profile(BIRTH, "caesarean")), EXERCISES, BIRTH, paused)
    assert plan.sessions == ()
    tz = ZoneInfo("Europe/London")
    start = datetime.combine(BIRTH, time(0, 0), tzinfo=tz)
    due = reminders(plan, start, start + timedelta(days=1), tz)
    assert due and not [r for r in due if r.kind == "exercise"]


@pytest.mark.parametrize("birth_type", BIRTH_TYPES)
def test_every_default_session_holds_something_every_week(birth_type: str | None) -> None:
    plan = _plan(Profile(BIRTH, birth_type))
    for week in range(53):
        found = effective_plan(plan, EXERCISES, _on(week))
        assert [s.label for s in found.sessions] == [s.label for s in DEFAULT_SESSIONS], week
        assert all(1 <= len(s.exercises) <= 2 for s in found.sessions), week


ids = st.sampled_from([*sorted(BY_ID), "no-such-exercise"])
sessions = st.lists(
    st.builds(
        ExerciseSession,
        at=st.times(),
        exercises=st.lists(ids, max_size=5, unique=True).map(tuple),
        label=st.sampled_from(["Morning", "Afternoon", "Evening", "Before bed", "Lunch", ""]),
        pinned=st.booleans(),
    ),
    max_size=6,
    unique_by=lambda s: s.at,
).map(tuple)


@settings(max_examples=150, deadline=None)
@given(
    sessions,
    st.sampled_from(BIRTH_TYPES),
    st.integers(0, 60),
    st.dictionaries(ids, st.integers(-10, 30), max_size=4),
)
def test_the_effective_plan_only_ever_holds_offered_exercises(
    plan_sessions: tuple[ExerciseSession, ...],
    birth_type: str | None,
    days: int,
    pause_days: dict[str, int],
) -> None:
    today = BIRTH + timedelta(days=days)
    paused = {k: today + timedelta(days=d) for k, d in pause_days.items()}
    profile = Profile(BIRTH, birth_type)
    plan = _plan(profile, plan_sessions)
    offered = {k for k, s in statuses(EXERCISES, profile, today, paused).items() if s.offered}
    result = effective_plan(plan, EXERCISES, today, paused)
    assert all(s.exercises for s in result.sessions)
    assert all(set(s.exercises) <= offered for s in result.sessions)
    assert [s.at for s in result.sessions] == [
        s.at for s in plan_sessions if s.at in {r.at for r in result.sessions}
    ]
    kept = {s.at: s for s in result.sessions}
    for session in plan_sessions:
        mine = [x for x in session.exercises if x in offered]
        if session.pinned and mine:
            assert kept[session.at].exercises == tuple(mine)
    assert replace(result, sessions=plan.sessions) == plan


# --- routines ------------------------------------------------------------------------------------


def test_shipped_routines_load_and_cover_the_default_sessions() -> None:
    routines, problems = load_routines(ROUTINES_FILE, BY_ID)
    assert [p.sentence() for p in problems] == []
    assert routines == shipped_routines()
    for session in DEFAULT_SESSIONS:
        routine = routines.for_label(session.label)
        assert routine is not routines.general, session.label
        assert routine.most == 2
    assert routines.for_label("  morning ") is routines.for_label("Morning")
    assert routines.for_label("Lunch") is routines.general
    # each routine holds something safe from the first week after any birth
    first_week = {e.id for e in EXERCISES if e.earliest_week.caesarean == 0}
    for routine in (*routines.sessions, routines.general):
        assert set(routine.prefer) & first_week, routine


def test_a_session_with_another_label_uses_the_general_routine() -> None:
    routines = Routines(
        sessions=(Routine(("Morning",), ("bridge", "pelvic-floor"), 1),),
        general=Routine((), ("back-rub", "wall-stand"), 2),
    )
    plan = _plan(
        Profile(BIRTH, "vaginal"),
        (
            ExerciseSession(time(9, 0), (), "MORNING"),
            ExerciseSession(time(13, 0), ("bridge",), "Lunch"),
        ),
    )
    found = effective_plan(plan, EXERCISES, _on(8), routines=routines)
    assert _by_label(found) == {"MORNING": ("bridge",), "Lunch": ("back-rub", "wall-stand")}
    # the fallback (a broken routines file) takes the gentlest safe exercises
    found = effective_plan(plan, EXERCISES, _on(8), routines=FALLBACK_ROUTINES)
    gentlest = ("back-rub", "pelvic-floor")
    assert _by_label(found) == {"MORNING": gentlest, "Lunch": gentlest}


def test_a_bad_routines_file_is_refused_entry_by_entry(tmp_path: Path) -> None:
    path = tmp_path / "progression.toml"
    path.write_text(
        '[[session]]\nlabels = ["Morning"]\nmost = 2\nprefer = ["bridge"]\n\n'
        '[[session]]\nlabels = ["Noon"]\nmost = 2\nprefer = ["trampoline"]\n\n'
        '[[session]]\nlabels = ["morning"]\nmost = 2\nprefer = ["cat-back"]\n\n'
        '[[session]]\nlabels = ["Evening"]\nmost = 0\nprefer = ["cat-back"]\n\n'
        '[general]\nmost = 2\nprefer = ["back-rub"]\n',
        encoding="utf-8",
    )
    routines, problems = load_routines(path, BY_ID)
    assert [r.labels for r in routines.sessions] == [("Morning",)]
    assert [p.field for p in problems] == [
        "session[1].prefer[0]",
        "session[2].labels",
        "session[3].most",
    ]
    assert "'trampoline' is not one of the exercises" in problems[0].sentence()
    path.write_text('[general]\nmost = "two"\n', encoding="utf-8")
    routines, problems = load_routines(path)
    assert routines == FALLBACK_ROUTINES
    assert problems and problems[0].field.startswith("general.")
    path.write_text("not [toml", encoding="utf-8")
    routines, problems = load_routines(path)
    assert routines == FALLBACK_ROUTINES and "TOML" in problems[0].sentence()


# --- content validation: floors ------------------------------------------------------------------

AIR_BICYCLE = (EXERCISES_DIR / "air-bicycle.toml").read_text(encoding="utf-8")
CAT_BACK = (EXERCISES_DIR / "cat-back.toml").read_text(encoding="utf-8")


def _write(folder: Path, stem: str, text: str, *edits: tuple[str, str]) -> None:
    source_id = text.split('"', 2)[1]
    text = text.replace(f'id = "{source_id}"', f'id = "{stem}"', 1)
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    (folder / f"{stem}.toml").write_text(text, encoding="utf-8")


def test_an_exercise_offered_before_its_movement_floor_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "early-bicycle", AIR_BICYCLE, ("vaginal = 16", "vaginal = 4"))
    _write(
        tmp_path,
        "cat-crunch",
        CAT_BACK,
        ('movements = ["all-fours"]', 'movements = ["all-fours", "sit-up"]'),
    )
    _write(
        tmp_path,
        "early-plank-caesarean",
        AIR_BICYCLE,
        ("vaginal = 16", "vaginal = 12"),
        ("assisted = 18", "assisted = 14"),
        ("caesarean = 20", "caesarean = 14"),
    )
    _write(tmp_path, "air-bicycle", AIR_BICYCLE)
    exercises, problems = load_exercises(tmp_path)
    assert [e.id for e in exercises] == ["air-bicycle"]
    by_file = {p.file.stem: p for p in problems}
    assert set(by_file) == {"early-bicycle", "cat-crunch", "early-plank-caesarean"}
    early = by_file["early-bicycle"]
    assert early.field == "earliest_week.vaginal"
    assert early.sentence() == (
        "early-bicycle.toml, field 'earliest_week.vaginal': is week 4, but this exercise "
        "involves lifting both legs while lying on your back ('double-leg-lift'), which must "
        "wait until at least week 12 after a vaginal birth."
    )
    assert by_file["cat-crunch"].field == "earliest_week.vaginal"
    assert "'sit-up'" in by_file["cat-crunch"].message
    caesarean = by_file["early-plank-caesarean"]
    assert caesarean.field == "earliest_week.caesarean"
    assert "week 16 after a caesarean birth" in caesarean.message


# --- a third- or fourth-degree tear, or a complicated birth --------------------------------------


@pytest.mark.parametrize("birth_type", BIRTH_TYPES)
def test_a_hard_birth_gives_at_least_the_caesarean_timings(birth_type: str | None) -> None:
    """Every exercise, every week of the first year: with a deep tear or a complicated birth
    an exercise opens at the later of its week for her type of birth and its caesarean week."""
    plain = Profile(BIRTH, birth_type, postnatal_check=True)
    hard = replace(plain, complicated_birth=True)
    for week in range(53):
        found = statuses(EXERCISES, hard, _on(week))
        for ex_id, status in found.items():
            exercise = BY_ID[ex_id]
            unlock = max(_data_week(exercise, birth_type), exercise.earliest_week.caesarean)
            assert status.unlock_week == unlock, (ex_id, birth_type)
            assert status.offered == (week >= unlock), (ex_id, week, birth_type)
    # Something really opens later after a vaginal birth with a deep tear (the bridge: 4 -> 6).
    if birth_type == "vaginal":
        assert statuses(EXERCISES, plain, _on(4))["bridge"].offered
        assert not statuses(EXERCISES, hard, _on(4))["bridge"].offered
    # "No" is the same as not saying: the timings of her type of birth.
    no = replace(plain, complicated_birth=False)
    assert statuses(EXERCISES, no, _on(4)) == statuses(EXERCISES, plain, _on(4))


def test_a_hard_birth_says_why_it_waits() -> None:
    hard = Profile(BIRTH, "vaginal", complicated_birth=True)
    reason = statuses(EXERCISES, hard, _on(4))["bridge"].reason
    assert reason.startswith(
        "This opens 6 weeks after a vaginal birth, in 2 weeks (at least the timing after a "
        "caesarean, because you told us of a deep tear or a complicated birth)."
    )
    # After a caesarean the words need no aside: they are its own timings.
    csection = statuses(EXERCISES, replace(hard, birth_type="caesarean"), _on(4))["bridge"]
    assert "deep tear" not in csection.reason


def test_a_hard_birth_announces_each_opening_in_its_later_week() -> None:
    hard = Profile(BIRTH, "vaginal", postnatal_check=True, complicated_birth=True)
    said = {week: unlock_messages(EXERCISES, hard, _on(week)) for week in range(53)}
    bridge = [week for week, lines in said.items() if any("bridge" in x for x in lines)]
    assert bridge == [max(BY_ID["bridge"].earliest_week.vaginal,
                          BY_ID["bridge"].earliest_week.caesarean)]
