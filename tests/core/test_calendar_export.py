"""The calendar file: read back by icalendar and expanded by recurring-ical-events, it is the
very list of reminders the app would give, day by day, through clock changes, her weeks after
birth, quiet periods, chosen weekdays, naps and paused exercises."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from backcare.core.calendar_export import (
    SEQUENCE_EPOCH,
    build_calendar,
    calendar_days,
    plan_series,
    sequence_at,
)
from backcare.core.content import load_exercises
from backcare.core.plan import ExerciseSession, Meal, Nap, Plan, Profile, Span, default_plan
from backcare.core.progression import effective_plan
from backcare.core.reminders import Kind, Reminder, reminders
from backcare.core.vtimezone import vtimezone
from backcare.paths import resources_dir

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
EXERCISES = load_exercises(resources_dir() / "exercises")[0]
# Her baby was born on Friday 20 February 2026 (a vaginal birth): in March she is in weeks 1
# to 9, and the sessions gain exercises as the weeks open them. Her weeks start on Fridays.
RECOVERING = replace(default_plan(), profile=Profile(date(2026, 2, 20), "vaginal"))
SPRING = date(2026, 3, 1)  # 8 weeks from here hold New York's 8 March and London's 29 March
AUTUMN = date(2026, 10, 15)  # and from here London's 25 October and New York's 1 November
WEEKS = 8
EXPORTED = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
NO_PAUSES: Mapping[str, date] = {}


def midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=tz)


def identity(reminder: Reminder) -> str:
    """What an event must say for it to be that reminder: kind, session, exercises, meal."""
    return (f"{reminder.kind}|{reminder.label}|{'+'.join(reminder.exercises)}|{reminder.meal}"
            f"|{reminder.planned:%H:%M}")


def words(reminder: Reminder) -> tuple[str, str]:
    return identity(reminder), f"about {reminder.kind}"


def expected(plan: Plan, first: date, weeks: int, tz: ZoneInfo,
             pauses: Mapping[str, date] = NO_PAUSES) -> Counter[tuple[datetime, str]]:
    """What the app reminds her of, each day with that day's plan (as ``backcare today`` and
    the shell compute it): reminders() for each local day."""
    found: Counter[tuple[datetime, str]] = Counter()
    for n in range(weeks * 7):
        day = first + timedelta(days=n)
        today = effective_plan(plan, EXERCISES, day, pauses)
        for r in reminders(today, midnight(day, tz), midnight(day + timedelta(days=1), tz), tz):
            found[(r.when.astimezone(UTC), identity(r))] += 1
    return found


def export(plan: Plan, first: date, tz: ZoneInfo, weeks: int = WEEKS,
           pauses: Mapping[str, date] = NO_PAUSES, now: datetime = EXPORTED) -> bytes:
    start, end = calendar_days(first, weeks)
    series = plan_series(plan, EXERCISES, start, weeks, tz, pauses)
    return build_calendar(series, tz, start, end, words, now).to_ical()


def expanded(ics: bytes, first: date, weeks: int, tz: ZoneInfo
             ) -> Counter[tuple[datetime, str]]:
    """The file as another program sees it: parsed, and its recurrences expanded."""
    calendar = icalendar.Calendar.from_ical(ics)
    end = first + timedelta(weeks=weeks)
    # A day's margin each side: nothing may fall outside the span either.
    occurrences = recurring_ical_events.of(calendar).between(
        midnight(first - timedelta(days=1), tz), midnight(end + timedelta(days=1), tz)
    )
    return Counter((o.start.astimezone(UTC), str(o["SUMMARY"])) for o in occurrences)


def vevents(ics: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))


def test_the_file_parses_back_with_her_zone_a_rule_and_an_alarm_on_every_event() -> None:
    ics = export(RECOVERING, SPRING, LONDON)
    calendar = icalendar.Calendar.from_ical(ics)
    assert calendar["VERSION"] == "2.0" and "Back Care" in str(calendar["PRODID"])
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    events = vevents(ics)
    assert len(events) > 50
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids) and all(u.endswith("@backcare.local") for u in uids)
    for event in events:
        assert event["DTSTART"].params["TZID"] == "Europe/London"
        rule = event["RRULE"]
        assert rule["FREQ"] == ["DAILY"] and 1 <= rule["COUNT"][0] <= 7
        assert "BYDAY" not in rule  # every day is a reminder day in this plan
        assert event["DTSTAMP"].dt == EXPORTED
        assert event["SEQUENCE"] == sequence_at(EXPORTED)
        (alarm,) = event.walk("VALARM")
        assert alarm["ACTION"] == "DISPLAY" and alarm["TRIGGER"].dt == timedelta(0)
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])


@pytest.mark.parametrize("tz", [LONDON, NEW_YORK], ids=["London", "New York"])
@pytest.mark.parametrize("first", [SPRING, AUTUMN], ids=["spring", "autumn"])
def test_expanded_over_eight_weeks_it_is_exactly_what_reminders_gives(
    tz: ZoneInfo, first: date
) -> None:
    want = expected(RECOVERING, first, WEEKS, tz)
    got = expanded(export(RECOVERING, first, tz), first, WEEKS, tz)
    assert sum(want.values()) == 8 * 7 * 13  # 13 reminders a day in the default plan
    assert got == want
    # The clock change moved no wall time: 07:30 is 07:30 on both sides of it.
    assert {t.astimezone(tz).strftime("%H:%M") for t, s in got if s.startswith("calcium")} == {
        "07:30", "12:30", "18:30"}


def test_each_weeks_sessions_name_that_weeks_exercises() -> None:
    ics = export(RECOVERING, SPRING, LONDON)
    mornings: dict[date, set[str]] = {}
    for when, summary in expanded(ics, SPRING, WEEKS, LONDON):
        if summary.startswith("exercise|Morning|"):
            weeks_after = (when.date() - date(2026, 2, 20)).days // 7
            week_start = date(2026, 2, 20) + timedelta(weeks=weeks_after)
            mornings.setdefault(week_start, set()).add(summary.split("|")[2])
    assert all(len(names) == 1 for names in mornings.values())  # one list within a week
    assert len({next(iter(n)) for n in mornings.values()}) >= 2  # and it grows with her
    for event in vevents(ics):  # no series runs past the end of one of her weeks
        first = event["DTSTART"].dt.date()
        assert (first - date(2026, 2, 20)).days % 7 + event["RRULE"]["COUNT"][0] <= 7


def test_quiet_periods_her_weekdays_and_a_nap_are_honoured() -> None:
    nap = Nap(datetime(2026, 3, 9, 8, 45, tzinfo=LONDON),
              datetime(2026, 3, 9, 10, 0, tzinfo=LONDON))
    plan = replace(RECOVERING, quiet=(Span(time(12, 0), time(14, 0)),),
                   weekdays=frozenset({0, 2, 4, 5}), nap=nap)
    ics = export(plan, SPRING, LONDON)
    assert expanded(ics, SPRING, WEEKS, LONDON) == expected(plan, SPRING, WEEKS, LONDON)
    events = vevents(ics)
    assert all(e["RRULE"]["BYDAY"] == ["MO", "WE", "FR", "SA"] for e in events)
    assert not any(time(12) <= e["DTSTART"].dt.time() < time(14) for e in events)  # quiet
    # Monday 9 March, mid-week for her (Friday 6 to Thursday 12: Fri, Sat, Mon, Wed): the
    # 09:00 posture break falls in the nap, so an EXDATE leaves it out on that one day.
    excluded = {(str(e["SUMMARY"]), d.dt) for e in events if "EXDATE" in e
                for d in e["EXDATE"].dts}
    assert ("posture||posture-break||09:00", datetime(2026, 3, 9, 9, 0, tzinfo=LONDON)) in excluded
    assert len(excluded) == 1


def test_an_exercise_paused_after_a_setback_comes_back_on_its_day() -> None:
    pauses = {"bridge": date(2026, 3, 30)}  # "this made my back worse", offered again 30 March
    got = expanded(export(RECOVERING, SPRING, LONDON, pauses=pauses), SPRING, WEEKS, LONDON)
    assert got == expected(RECOVERING, SPRING, WEEKS, LONDON, pauses)
    with_bridge = {t.astimezone(LONDON).date() for t, s in got if "bridge" in s.split("|")[2]}
    assert with_bridge and min(with_bridge) == date(2026, 3, 30)


NIGHT_OWL = replace(
    RECOVERING,
    # Awake through the small hours with the baby: reminders inside the clock changes.
    waking=Span(time(0, 0), time(23, 0)),
    posture_interval_min=30,
    sessions=(ExerciseSession(time(1, 30), ("bridge",), "Night"),
              ExerciseSession(time(2, 30), ("cat-back",), "Late")),
    calcium=replace(RECOVERING.calcium,
                    meals=(Meal("late", time(1, 15)), Meal("snack", time(2, 15)))),
)


@pytest.mark.parametrize("tz", [LONDON, NEW_YORK], ids=["London", "New York"])
@pytest.mark.parametrize("first", [SPRING, AUTUMN], ids=["spring", "autumn"])
def test_times_in_a_clock_change_follow_rfc_5545_and_are_never_doubled(
    tz: ZoneInfo, first: date
) -> None:
    ics = export(NIGHT_OWL, first, tz)
    want = expected(NIGHT_OWL, first, WEEKS, tz)
    assert expanded(ics, first, WEEKS, tz) == want
    assert max(want.values()) == 1
    if first == SPRING:  # a posture break moved by the gap onto the next one is excluded
        gap_day = date(2026, 3, 8) if tz is NEW_YORK else date(2026, 3, 29)
        excluded = [d.dt for e in vevents(ics) if "EXDATE" in e for d in e["EXDATE"].dts]
        assert excluded and {d.date() for d in excluded} == {gap_day}


@pytest.mark.parametrize("key", ["Europe/London", "America/New_York", "Australia/Lord_Howe"])
def test_the_vtimezone_changes_at_the_instants_zoneinfo_does(key: str) -> None:
    tz = ZoneInfo(key)
    component = icalendar.Timezone.from_ical(
        vtimezone(tz, date(2026, 1, 1), date(2026, 12, 31)).to_ical())
    changes, infos = component.get_transitions()  # read as RFC 5545 reads DTSTART
    assert len(changes) == 3  # what holds on 1 January, then two changes (Lord Howe: 30 min)
    for change, (offset, _, _) in zip(changes[1:], infos[1:], strict=True):
        instant = change.replace(tzinfo=UTC)
        assert instant.astimezone(tz).utcoffset() == offset
        assert (instant - timedelta(seconds=1)).astimezone(tz).utcoffset() != offset


@pytest.mark.parametrize("tz", [LONDON, NEW_YORK], ids=["London", "New York"])
def test_read_without_her_zone_name_the_vtimezone_gives_the_same_instants(tz: ZoneInfo) -> None:
    """A program that does not know the IANA name uses the VTIMEZONE alone."""
    component = icalendar.Timezone.from_ical(
        vtimezone(tz, SPRING, AUTUMN + timedelta(weeks=8)).to_ical())
    read = component.to_tz(lookup_tzid=False)
    moment = midnight(SPRING, tz).astimezone(UTC)  # in UTC: every instant, none twice
    while moment < midnight(AUTUMN + timedelta(weeks=8), tz):
        assert moment.astimezone(read).utcoffset() == moment.astimezone(tz).utcoffset(), moment
        moment += timedelta(hours=1)  # an onset an hour out would be caught on the hour


def test_exporting_again_updates_the_same_events() -> None:
    first = vevents(export(RECOVERING, SPRING, LONDON))
    moved = replace(RECOVERING, sessions=(
        replace(RECOVERING.sessions[0], at=time(8, 30)), *RECOVERING.sessions[1:]))
    later = EXPORTED + timedelta(days=1)
    again = vevents(export(moved, SPRING + timedelta(days=1), LONDON, now=later))
    before = {str(e["UID"]): e for e in first}
    after = {str(e["UID"]): e for e in again}
    # A day later the span has moved on by a day: everything before its end is the same events.
    assert len(set(before) & set(after)) >= len(before) - 13
    kept = [u for u in after if u in before]
    assert all(after[u]["SEQUENCE"] > before[u]["SEQUENCE"] for u in kept)
    morning = [u for u in kept if str(before[u]["SUMMARY"]).startswith("exercise|Morning|")]
    assert morning and all(after[u]["DTSTART"].dt.time() == time(8, 30) for u in morning)
    assert all(before[u]["DTSTART"].dt.time() == time(8, 0) for u in morning)


def test_sequence_grows_with_the_moment_of_export() -> None:
    assert sequence_at(SEQUENCE_EPOCH - timedelta(days=1)) == 0
    assert sequence_at(EXPORTED + timedelta(minutes=1)) == sequence_at(EXPORTED) + 1
    assert sequence_at(datetime(2100, 1, 1, tzinfo=UTC)) < 2**31  # fits every program's int


def test_in_utc_the_times_are_utc_and_need_no_vtimezone() -> None:
    utc = ZoneInfo("UTC")
    ics = export(RECOVERING, SPRING, utc, weeks=1)
    assert b"BEGIN:VTIMEZONE" not in ics and b"DTSTART:20260301T073000Z" in ics
    assert expanded(ics, SPRING, 1, utc) == expected(RECOVERING, SPRING, 1, utc)


def test_nothing_to_remind_gives_an_empty_calendar() -> None:
    plan = replace(RECOVERING, exercise_enabled=False, posture_enabled=False,
                   calcium_enabled=False)
    ics = export(plan, SPRING, LONDON, weeks=1)
    assert vevents(ics) == [] and b"BEGIN:VTIMEZONE" not in ics


@pytest.mark.parametrize("weeks", [0, 53])
def test_a_calendar_covers_one_to_fifty_two_weeks(weeks: int) -> None:
    with pytest.raises(ValueError, match="1 to 52 weeks"):
        calendar_days(SPRING, weeks)


def test_kinds_have_their_own_events() -> None:
    series = plan_series(RECOVERING, EXERCISES, SPRING, 1, LONDON)
    assert {s.first.kind for s in series} == set(Kind)
    assert sum(s.occurrences for s in series) == 7 * 13
