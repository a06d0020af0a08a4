"""The day of reminders: the right times, through DST, quiet periods and naps, never doubled."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcare.core.plan import ExerciseSession, Nap, Plan, Span, default_plan
from backcare.core.plan_codec import plan_from_dict
from backcare.core.reminders import Kind, Reminder, next_reminder, reminders
from tests.core.test_plan import valid_plan_dicts

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")
SHANGHAI = ZoneInfo("Asia/Shanghai")

DEFAULT_DAY = [  # time, kind, the session's label or the meal
    ("07:30", "calcium", "breakfast"),
    ("08:00", "exercise", "Morning"),
    ("09:00", "posture", ""),
    ("11:00", "posture", ""),
    ("12:30", "calcium", "lunch"),
    ("13:00", "posture", ""),
    # 15:00 posture break is dropped: the afternoon session is at the same time.
    ("15:00", "exercise", "Afternoon"),
    ("17:00", "posture", ""),
    ("18:30", "calcium", "dinner"),
    ("19:00", "posture", ""),
    ("19:30", "exercise", "Evening"),
    ("21:00", "posture", ""),
    ("21:30", "exercise", "Before bed"),
]


def local_day(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    following = day + timedelta(days=1)
    return datetime(day.year, day.month, day.day, tzinfo=tz), datetime(
        following.year, following.month, following.day, tzinfo=tz
    )


def day_of(plan: Plan, day: date, tz: ZoneInfo = LONDON) -> list[Reminder]:
    return reminders(plan, *local_day(day, tz), tz)


def walls(found: list[Reminder]) -> list[tuple[str, str]]:
    return [(r.when.strftime("%H:%M"), r.kind) for r in found]


def plan_with(**changes: Any) -> Plan:
    return replace(default_plan(), **changes)


WEDNESDAY = date(2026, 6, 10)


# --- the default day -------------------------------------------------------------------------


def test_default_day_in_london_is_exactly_the_planned_list() -> None:
    found = day_of(default_plan(), WEDNESDAY)
    assert [(r.when.strftime("%H:%M"), r.kind, r.label or r.meal) for r in found] == DEFAULT_DAY
    assert all(r.when.tzinfo is LONDON for r in found)
    assert found[1].exercises == ("breathing-arm-raise", "bridge")
    assert found[0].exercises == ()
    assert [r.key for r in found[:3]] == [
        "calcium:2026-06-10:breakfast",
        "exercise:2026-06-10:breathing-arm-raise+bridge",
        "posture:2026-06-10T09:00",
    ]
    assert found[0].kind is Kind.CALCIUM and found[0].planned == time(7, 30)


def test_the_key_follows_the_session_or_meal_not_its_time() -> None:
    """What she did stays done when she moves dinner or a session (issue 9)."""
    moved = replace(default_plan(), calcium=replace(default_plan().calcium, meals=tuple(
        replace(m, at=time(18, 31)) if m.name == "dinner" else m
        for m in default_plan().calcium.meals)))
    keys = {r.key for r in day_of(default_plan(), WEDNESDAY)}
    moved_keys = {r.key for r in day_of(moved, WEDNESDAY)}
    assert "calcium:2026-06-10:dinner" in keys & moved_keys


def test_two_sessions_of_the_same_exercises_have_two_keys() -> None:
    plan = plan_with(sessions=(ExerciseSession(time(8, 0), ("bridge",), "Morning"),
                               ExerciseSession(time(15, 0), ("bridge",), "Afternoon")))
    keys = [r.key for r in day_of(plan, WEDNESDAY) if r.kind is Kind.EXERCISE]
    assert keys == ["exercise:2026-06-10:bridge", "exercise:2026-06-10:bridge#2"]


def test_span_in_another_zone_gives_the_same_reminders() -> None:
    start, end = local_day(WEDNESDAY, LONDON)
    assert reminders(default_plan(), start.astimezone(UTC), end.astimezone(SYDNEY), LONDON) == (
        reminders(default_plan(), start, end, LONDON)
    )


def test_span_is_half_open() -> None:
    at = datetime(2026, 6, 10, 9, 0, tzinfo=LONDON)
    assert walls(reminders(default_plan(), at, at + timedelta(minutes=1), LONDON)) == [
        ("09:00", "posture")
    ]
    assert reminders(default_plan(), at - timedelta(hours=1), at, LONDON)[-1].kind == "exercise"
    assert reminders(default_plan(), at, at, LONDON) == []
    assert reminders(default_plan(), at, at - timedelta(hours=1), LONDON) == []


def test_naive_datetimes_are_refused_clearly() -> None:
    aware = datetime(2026, 6, 10, tzinfo=LONDON)
    with pytest.raises(ValueError, match="start must be an aware datetime"):
        reminders(default_plan(), datetime(2026, 6, 10), aware, LONDON)
    with pytest.raises(ValueError, match="end must be an aware datetime"):
        reminders(default_plan(), aware, datetime(2026, 6, 11), LONDON)
    with pytest.raises(ValueError, match="after must be an aware datetime"):
        next_reminder(default_plan(), datetime(2026, 6, 10), LONDON)


def test_posture_break_yields_only_to_a_session_that_will_sound() -> None:
    kinds_at_15 = [k for w, k in walls(day_of(default_plan(), WEDNESDAY)) if w == "15:00"]
    assert kinds_at_15 == ["exercise"]
    no_exercise = day_of(plan_with(exercise_enabled=False), WEDNESDAY)
    assert ("15:00", "posture") in walls(no_exercise)
    near = plan_with(sessions=(ExerciseSession(time(9, 15), ("bridge",), "Late"),))
    assert ("09:00", "posture") not in walls(day_of(near, WEDNESDAY))
    apart = plan_with(sessions=(ExerciseSession(time(9, 16), ("bridge",), "Late"),))
    assert ("09:00", "posture") in walls(day_of(apart, WEDNESDAY))


# --- filters ---------------------------------------------------------------------------------


def test_quiet_span_removes_what_falls_in_it_and_nothing_else() -> None:
    quiet = plan_with(quiet=(Span(time(12, 0), time(15, 0)),))
    expected = [(w, k) for w, k, _ in DEFAULT_DAY if not "12:00" <= w < "15:00"]
    assert walls(day_of(quiet, WEDNESDAY)) == expected
    # A quiet span across midnight silences the early morning.
    night = plan_with(quiet=(Span(time(21, 0), time(8, 0)),))
    assert walls(day_of(night, WEDNESDAY)) == [
        (w, k) for w, k, _ in DEFAULT_DAY if "08:00" <= w < "21:00"
    ]


def test_quiet_session_gives_its_posture_break_back() -> None:
    quiet = plan_with(quiet=(Span(time(14, 55), time(15, 5)),))
    assert [w for w, _ in walls(day_of(quiet, WEDNESDAY)) if w.startswith("15")] == []
    later = plan_with(
        waking=Span(time(7, 10), time(22, 0)), quiet=(Span(time(14, 55), time(15, 5)),)
    )
    assert ("15:10", "posture") in walls(day_of(later, WEDNESDAY))


def test_nap_removes_the_reminders_inside_it_only() -> None:
    start = datetime(2026, 6, 10, 12, 30, tzinfo=LONDON)
    plan = plan_with(nap=Nap(start, start + timedelta(hours=2, minutes=30)))  # until 15:00
    expected = [(w, k) for w, k, _ in DEFAULT_DAY if not "12:30" <= w < "15:00"]
    assert walls(day_of(plan, WEDNESDAY)) == expected
    # The same nap leaves the next day alone.
    assert walls(day_of(plan, WEDNESDAY + timedelta(days=1))) == [(w, k) for w, k, _ in DEFAULT_DAY]


def test_nap_over_a_session_gives_its_posture_break_back() -> None:
    start = datetime(2026, 6, 10, 14, 50, tzinfo=LONDON)
    nap = Nap(start, start + timedelta(minutes=15))  # 14:50-15:05
    plan = plan_with(waking=Span(time(7, 10), time(22, 0)), nap=nap)
    found = walls(day_of(plan, WEDNESDAY))
    assert ("15:00", "exercise") not in found
    assert ("15:10", "posture") in found  # 10 minutes after a session that did not sound
    assert ("15:10", "posture") not in walls(day_of(plan, WEDNESDAY + timedelta(days=1)))


def test_weekdays_filter() -> None:
    weekdays = plan_with(weekdays=frozenset(range(5)))
    monday = datetime(2026, 6, 8, tzinfo=LONDON)
    week = reminders(weekdays, monday, monday + timedelta(days=7), LONDON)
    per_day = Counter(r.when.date() for r in week)
    assert sorted(per_day) == [date(2026, 6, 8) + timedelta(days=i) for i in range(5)]
    assert set(per_day.values()) == {len(DEFAULT_DAY)}


@pytest.mark.parametrize(
    ("flags", "kinds"),
    [
        ({"posture_enabled": False}, {"calcium", "exercise"}),
        ({"calcium_enabled": False}, {"posture", "exercise"}),
        ({"exercise_enabled": False}, {"posture", "calcium"}),
        ({"posture_enabled": False, "calcium_enabled": False, "exercise_enabled": False}, set()),
    ],
)
def test_disabled_kinds_are_silent(flags: dict[str, bool], kinds: set[str]) -> None:
    assert {r.kind for r in day_of(plan_with(**flags), WEDNESDAY)} == kinds


def test_keys_are_the_same_for_one_span_or_two_halves() -> None:
    plan = default_plan()
    start, end = local_day(WEDNESDAY, LONDON)
    whole = reminders(plan, start, end, LONDON)
    for cut in (datetime(2026, 6, 10, 12, 30, tzinfo=LONDON), datetime(2026, 6, 10, 13, 7, 3,
                                                                        tzinfo=LONDON)):
        halves = reminders(plan, start, cut, LONDON) + reminders(plan, cut, end, LONDON)
        assert halves == whole
    assert len({r.key for r in whole}) == len(whole)


def test_next_reminder_is_strictly_after() -> None:
    plan = default_plan()
    first = next_reminder(plan, datetime(2026, 6, 10, 7, 0, tzinfo=LONDON), LONDON)
    assert first is not None and first.key == "calcium:2026-06-10:breakfast"
    again = next_reminder(plan, first.when, LONDON)
    assert again is not None and again.key == "exercise:2026-06-10:breathing-arm-raise+bridge"


def test_next_reminder_across_midnight() -> None:
    found = next_reminder(default_plan(), datetime(2026, 6, 10, 21, 45, tzinfo=LONDON), LONDON)
    assert found is not None
    assert found.when == datetime(2026, 6, 11, 7, 30, tzinfo=LONDON)
    assert found.kind == "calcium"


def test_next_reminder_across_a_weekend_with_weekdays_only() -> None:
    plan = plan_with(weekdays=frozenset(range(5)))
    friday_night = datetime(2026, 6, 12, 21, 31, tzinfo=LONDON)
    assert friday_night.weekday() == 4
    found = next_reminder(plan, friday_night, LONDON)
    assert found is not None and found.key == "calcium:2026-06-15:breakfast"
    assert found.when.weekday() == 0


def test_next_reminder_finds_a_once_a_week_plan_and_none_for_a_silent_one() -> None:
    sundays = plan_with(weekdays=frozenset({6}))
    found = next_reminder(sundays, datetime(2026, 6, 14, 21, 31, tzinfo=LONDON), LONDON)
    assert found is not None and found.key == "calcium:2026-06-21:breakfast"
    silent = plan_with(posture_enabled=False, calcium_enabled=False, exercise_enabled=False)
    assert next_reminder(silent, datetime(2026, 6, 14, tzinfo=LONDON), LONDON) is None


# --- DST -------------------------------------------------------------------------------------

DST_DAYS = [
    (LONDON, date(2026, 3, 29)),
    (LONDON, date(2026, 10, 25)),
    (NEW_YORK, date(2026, 3, 8)),
    (NEW_YORK, date(2026, 11, 1)),
    (SYDNEY, date(2026, 4, 5)),
    (SYDNEY, date(2026, 10, 4)),
]


@pytest.mark.parametrize(("tz", "day"), DST_DAYS, ids=lambda v: str(v))
def test_dst_day_has_the_same_wall_times_as_a_normal_day(tz: ZoneInfo, day: date) -> None:
    start, end = local_day(day, tz)
    assert start.utcoffset() != end.utcoffset()  # really a day with a change
    found = day_of(default_plan(), day, tz)
    normal = day_of(default_plan(), day - timedelta(days=7), tz)
    assert walls(found) == walls(normal) == [(w, k) for w, k, _ in DEFAULT_DAY]
    assert len({r.key for r in found}) == len(found)


@pytest.mark.parametrize(("tz", "day"), DST_DAYS, ids=lambda v: str(v))
def test_dst_night_owl_plan_fires_each_wall_time_once(tz: ZoneInfo, day: date) -> None:
    """Waking 00:00-23:59 with something every 30 minutes crosses the change itself."""
    plan = Plan(
        waking=Span(time(0, 0), time(23, 59)),
        posture_interval_min=30,
        sessions=(),
        calcium=replace(default_plan().calcium),
    )
    found = day_of(plan, day, tz)
    keys = [r.key for r in found]
    assert len(set(keys)) == len(keys)
    posture = [r for r in found if r.kind is Kind.POSTURE]
    instants = [r.when.astimezone(UTC) for r in posture]
    assert len(set(instants)) == len(instants)  # never two at one moment
    # Every wall time that exists fires once, at itself; the gap's, read with the offset
    # before it, land on an existing slot's instant and are that one reminder.
    existing = {r.planned for r in posture if r.when.astimezone(tz).time() == r.planned}
    gap = {time(m // 60, m % 60) for m in range(30, 1439, 30)} - existing
    spring = datetime.combine(day, time(0), tz).utcoffset() < datetime.combine(
        day + timedelta(days=1), time(0), tz).utcoffset()
    assert len(gap) == (2 if spring else 0)  # a one-hour gap holds two half-hour slots
    assert len(posture) == 47 - len(gap)
    assert instants == sorted(instants)


def test_session_in_the_spring_gap_fires_once_just_after_it() -> None:
    plan = Plan(
        waking=Span(time(0, 30), time(23, 30)),
        sessions=(ExerciseSession(time(1, 30), ("bridge",), "Night"),),
    )
    day = date(2026, 3, 29)
    found = [r for r in day_of(plan, day) if r.kind == "exercise"]
    assert len(found) == 1
    assert found[0].key == "exercise:2026-03-29:bridge"
    # RFC 5545: a time in the gap is read with the offset before it, so 01:30 is 02:30 BST.
    assert found[0].when == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert found[0].when.strftime("%H:%M %Z") == "02:30 BST"
    assert found[0].planned == time(1, 30)
    # The same reminder whatever span asks for it, including the previous and next day.
    wide = reminders(plan, datetime(2026, 3, 28, tzinfo=UTC), datetime(2026, 3, 31, tzinfo=UTC),
                     LONDON)
    assert [r for r in wide if r.key == found[0].key] == found


def test_session_in_the_autumn_overlap_fires_once_the_first_time() -> None:
    plan = Plan(
        waking=Span(time(0, 30), time(23, 30)),
        sessions=(ExerciseSession(time(1, 30), ("bridge",), "Night"),),
    )
    day = date(2026, 10, 25)
    found = [r for r in day_of(plan, day) if r.kind == "exercise"]
    assert len(found) == 1
    assert found[0].when.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 01:30 BST
    # A span starting in the second 01:00-02:00 (fold=1) does not see it again.
    second = datetime(2026, 10, 25, 1, 0, fold=1, tzinfo=LONDON)
    later = reminders(plan, second, datetime(2026, 10, 26, tzinfo=LONDON), LONDON)
    assert found[0].key not in [r.key for r in later]
    nxt = next_reminder(plan, datetime(2026, 10, 25, 1, 15, fold=1, tzinfo=LONDON), LONDON)
    assert nxt is not None and nxt.when.astimezone(UTC) >= second.astimezone(UTC)
    assert nxt.key != found[0].key


# --- a year of random valid plans against a simple oracle ------------------------------------


def wall_instant(day: date, at: time, tz: ZoneInfo) -> datetime:
    """Oracle: the instant of a wall time, reading a non-existent one with the offset in force
    before its gap (RFC 5545).

    Deliberately different from the implementation: a time that does not survive a round trip
    is in a gap, and the offset before the gap is the one six hours earlier.
    """
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=tz)  # fold=0: the first of two ambiguous instants
    if aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == naive:
        return aware.astimezone(UTC)
    earlier = (naive - timedelta(hours=6)).replace(tzinfo=tz).utcoffset()
    assert earlier is not None
    return (naive - earlier).replace(tzinfo=UTC)


def in_span(t: time, span: Span) -> bool:
    if span.start <= span.end:
        return span.start <= t < span.end
    return t >= span.start or t < span.end


def minute_of(t: time) -> int:
    return t.hour * 60 + t.minute


def expected_day(plan: Plan, day: date, tz: ZoneInfo) -> dict[str, datetime]:
    """Oracle: key → UTC instant of every reminder due on ``day``, straight from the rules."""
    if day.weekday() not in plan.weekdays:
        return {}

    def napped(t: time) -> bool:
        return plan.nap is not None and plan.nap.start <= wall_instant(day, t, tz) < plan.nap.until

    def off(t: time) -> bool:  # not in the day's template at all
        return not in_span(t, plan.waking) or any(in_span(t, q) for q in plan.quiet)

    def silenced(t: time) -> bool:
        return off(t) or napped(t)

    planned: list[tuple[str, time, str]] = []  # kind, planned time, what it is
    sounding_sessions = [s.at for s in plan.sessions
                         if plan.exercise_enabled and not silenced(s.at)]
    if plan.exercise_enabled:
        planned += [("exercise", s.at, ":" + "+".join(s.exercises))
                    for s in plan.sessions if not off(s.at)]
    if plan.calcium_enabled:
        planned += [("calcium", m.at, ":" + m.name.strip().lower())
                    for m in plan.calcium.meals if not off(m.at)]
    if plan.posture_enabled:
        k = 1
        while True:
            m = minute_of(plan.waking.start) + k * plan.posture_interval_min
            if m >= minute_of(plan.waking.end):
                break
            t = time(m // 60, m % 60)
            if not silenced(t) and all(abs(m - minute_of(s)) > 15 for s in sounding_sessions):
                planned.append(("posture", t, f"T{t.strftime('%H:%M')}"))
            k += 1
    seen: Counter[str] = Counter()
    keyed = []  # numbered in the day's template, so a nap renames nothing
    for kind, t, what in sorted(planned, key=lambda p: (p[1], p[0])):
        seen[what] += 1
        if not napped(t):
            keyed.append((kind, t, what if seen[what] == 1 else f"{what}#{seen[what]}"))
    # Two of a kind meeting at one instant (a moved gap time): the later-planned one stays.
    at_instant: dict[tuple[str, datetime], tuple[time, str]] = {}
    for kind, t, what in keyed:
        at = wall_instant(day, t, tz)
        if (kind, at) not in at_instant or at_instant[(kind, at)][0] < t:
            at_instant[(kind, at)] = (t, f"{kind}:{day.isoformat()}{what}")
    return {key: at for (_, at), (_, key) in at_instant.items()}


@pytest.mark.parametrize("tz", [LONDON, NEW_YORK, SYDNEY, SHANGHAI], ids=str)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_year_of_random_plans_matches_the_oracle(tz: ZoneInfo, draw: st.DataObject) -> None:
    data = draw.draw(valid_plan_dicts(zone=tz), label="plan")
    plan, errors = plan_from_dict(data)
    assert errors == [] and plan is not None
    start, end = datetime(2026, 1, 1, tzinfo=tz), datetime(2027, 1, 1, tzinfo=tz)
    found = reminders(plan, start, end, tz)

    expected: dict[str, datetime] = {}
    day = date(2026, 1, 1)
    while day.year == 2026:
        expected.update(expected_day(plan, day, tz))
        day += timedelta(days=1)

    assert len(found) == len(expected)
    keys = [r.key for r in found]
    assert len(set(keys)) == len(keys)
    assert {r.key: r.when.astimezone(UTC) for r in found} == expected
    order = [(r.when.astimezone(UTC), r.kind) for r in found]
    assert order == sorted(order)
    for r in found:
        planned = r.planned
        local = r.when.astimezone(tz)
        assert r.when.tzinfo is tz
        assert local.weekday() in plan.weekdays
        assert plan.waking.start <= local.time() < plan.waking.end
        assert not any(in_span(planned, q) for q in plan.quiet)
        if plan.nap is not None:
            assert not plan.nap.start <= r.when < plan.nap.until
        if local.time() == planned:  # not moved by a DST gap
            assert not any(in_span(local.time(), q) for q in plan.quiet)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=valid_plan_dicts(),
    tz=st.sampled_from([LONDON, NEW_YORK, SYDNEY, SHANGHAI]),
    cut_minutes=st.integers(0, 14 * 1440),
)
def test_any_split_of_a_fortnight_gives_the_same_reminders(
    data: dict[str, Any], tz: ZoneInfo, cut_minutes: int
) -> None:
    plan, _ = plan_from_dict(data)
    assert plan is not None
    start = datetime(2026, 3, 22, tzinfo=tz)  # covers the March DST changes of London and NY
    end = start.astimezone(UTC) + timedelta(days=14)
    cut = start.astimezone(UTC) + timedelta(minutes=cut_minutes)
    whole = reminders(plan, start, end, tz)
    assert reminders(plan, start, cut, tz) + reminders(plan, cut, end, tz) == whole
    if whole and whole[0].when.astimezone(UTC) < start.astimezone(UTC) + timedelta(days=8):
        assert next_reminder(plan, start - timedelta(microseconds=1), tz) == whole[0]
