"""What the printed week says, as a pure record: days, her reminders, the exercises of each day.

The sheet is built from the same ``effective_plan`` and ``reminders`` as the app's reminders,
day by day, so these tests walk weeks in which her recovery moves on: an exercise that opens
on the Wednesday is in that week's sessions from the Wednesday, and a rest after a setback ends
on its day.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from backcare.core.content import Exercise, Tip, load_advice, load_exercises
from backcare.core.countries import Country, country_for, load_countries
from backcare.core.plan import Nap, Plan, Profile, default_plan
from backcare.core.reminders import Kind
from backcare.core.safety import Safety, load_safety
from backcare.core.week_sheet import (
    LETTER_TERRITORIES,
    Paper,
    SheetRow,
    WeekSheet,
    paper_for_territory,
    week_sheet,
    week_start,
)
from backcare.paths import resources_dir

TZ = ZoneInfo("Europe/London")
MONDAY = date(2026, 11, 23)
# A caesarean on Wednesday 14 October 2026: Monday 23 November is in week 5, and week 6, when
# the bridge opens after a caesarean, begins on Wednesday 25 November.
CAESAREAN = Profile(date(2026, 10, 14), "caesarean", country="GB")


@pytest.fixture(scope="module")
def exercises() -> tuple[Exercise, ...]:
    return load_exercises(resources_dir() / "exercises")[0]


@pytest.fixture(scope="module")
def tips() -> tuple[Tip, ...]:
    return load_advice(resources_dir() / "advice.toml")[0]


@pytest.fixture(scope="module")
def safety() -> Safety:
    loaded, _ = load_safety(resources_dir() / "safety.toml")
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def countries() -> dict[str, Country]:
    return load_countries(resources_dir() / "countries.toml")[0]


@pytest.fixture
def make(exercises: tuple[Exercise, ...], tips: tuple[Tip, ...], safety: Safety,
         countries: dict[str, Country]):  # type: ignore[no-untyped-def]
    def build(plan: Plan, start: date = MONDAY, paused: dict[str, date] | None = None,
              country: str | None = "GB") -> WeekSheet:
        return week_sheet(plan, exercises, tips, safety, country_for(country, countries),
                          start, TZ, paused or {})

    return build


def _session(sheet: WeekSheet, label: str) -> SheetRow:
    return next(r for r in sheet.rows if r.kind is Kind.EXERCISE and r.label == label)


def _ids(row: SheetRow) -> list[tuple[str, ...]]:
    """The exercise ids of the row's session on each day (empty: no session that day)."""
    return [tuple(e.id for e in ticks[0].exercises) if ticks else () for ticks in row.days]


@pytest.mark.parametrize(("code", "paper"), [
    ("US", Paper.LETTER), ("CA", Paper.LETTER), ("MX", Paper.LETTER), ("PH", Paper.LETTER),
    ("us", Paper.LETTER), ("GB", Paper.A4), ("DE", Paper.A4), ("CN", Paper.A4),
    ("AU", Paper.A4), (None, Paper.A4),
])
def test_the_paper_follows_the_territory(code: str | None, paper: Paper) -> None:
    assert paper_for_territory(code) is paper


def test_only_the_letter_territories_get_letter() -> None:
    assert all(paper_for_territory(code) is Paper.LETTER for code in LETTER_TERRITORIES)
    assert len(LETTER_TERRITORIES) == 14  # CLDR's US-Letter list


@pytest.mark.parametrize(("day", "first", "start"), [
    (date(2026, 11, 25), 0, date(2026, 11, 23)),  # Wednesday, weeks from Monday
    (date(2026, 11, 23), 0, date(2026, 11, 23)),  # a Monday is its own week's start
    (date(2026, 11, 25), 6, date(2026, 11, 22)),  # weeks from Sunday (en_US)
    (date(2026, 11, 22), 6, date(2026, 11, 22)),
    (date(2027, 1, 1), 0, date(2026, 12, 28)),  # across the new year
])
def test_the_week_holds_the_day(day: date, first: int, start: date) -> None:
    assert week_start(day, first) == start


def test_an_exercise_that_opens_mid_week_is_there_from_that_day(make) -> None:  # type: ignore[no-untyped-def]
    sheet = make(replace(default_plan(), profile=CAESAREAN))
    assert [d.day for d in sheet.days] == [date(2026, 11, 23 + i) for i in range(7)]
    assert [d.week for d in sheet.days] == [5, 5, 6, 6, 6, 6, 6]
    assert sheet.weeks == (5, 6)
    afternoon = _ids(_session(sheet, "Afternoon"))
    assert ["bridge" in ids for ids in afternoon] == [False, False, True, True, True, True, True]
    bridge = next(card for card in sheet.cards if card.exercise.id == "bridge")
    assert bridge.first_day == date(2026, 11, 25)
    assert bridge.status.starter and bridge.status.sets == 2  # its first week: the lower dose
    # every exercise of every session has a card, in the order she first meets them
    seen = [e.id for row in sheet.rows for ticks in row.days for t in ticks for e in t.exercises]
    assert [c.exercise.id for c in sheet.cards] == list(dict.fromkeys(
        e.id for day in range(7) for row in sheet.rows for t in row.days[day] for e in t.exercises
    ))
    assert set(seen) == {c.exercise.id for c in sheet.cards}
    assert sheet.number(bridge.exercise) == [c.exercise.id for c in sheet.cards].index(
        "bridge") + 1


def test_the_rows_are_her_sessions_then_posture_breaks_then_calcium(make) -> None:  # type: ignore[no-untyped-def]
    sheet = make(replace(default_plan(), profile=CAESAREAN))
    kinds = [row.kind for row in sheet.rows]
    assert kinds == [Kind.EXERCISE] * 4 + [Kind.POSTURE, Kind.CALCIUM]
    assert [r.label for r in sheet.rows[:4]] == ["Morning", "Afternoon", "Evening", "Before bed"]
    posture, calcium = sheet.rows[4], sheet.rows[5]
    # every 2 hours from 09:00 to 21:00, less 15:00 (the afternoon session is then)
    assert [t.strftime("%H:%M") for t in posture.times] == [
        "09:00", "11:00", "13:00", "17:00", "19:00", "21:00"]
    assert [len(ticks) for ticks in posture.days] == [6] * 7
    assert calcium.meals == ("breakfast", "lunch", "dinner")
    assert calcium.boxes == 21
    assert sheet.calcium_target_mg == 1000
    assert sheet.posture_every_min == 120


def test_a_day_she_has_turned_off_has_nothing_to_tick(make) -> None:  # type: ignore[no-untyped-def]
    plan = replace(default_plan(), profile=CAESAREAN, weekdays=frozenset(range(6)))
    sheet = make(plan)
    assert all(not row.days[6] for row in sheet.rows)  # Sunday
    assert all(row.days[5] for row in sheet.rows)  # Saturday


def test_a_rest_after_a_setback_ends_on_its_day(make) -> None:  # type: ignore[no-untyped-def]
    well_on = replace(CAESAREAN, birth_date=date(2026, 6, 1))
    plan = replace(default_plan(), profile=well_on)
    before = _ids(_session(make(plan), "Morning"))
    assert all("bridge" in ids for ids in before)
    paused = _ids(_session(make(plan, paused={"bridge": date(2026, 11, 27)}), "Morning"))
    assert ["bridge" in ids for ids in paused] == [False] * 4 + [True] * 3


def test_a_nap_is_a_moment_not_part_of_the_week(make) -> None:  # type: ignore[no-untyped-def]
    plan = replace(default_plan(), profile=CAESAREAN)
    napping = replace(plan, nap=Nap(datetime(2026, 11, 23, 7, 0, tzinfo=TZ),
                                    datetime(2026, 11, 23, 13, 0, tzinfo=TZ)))
    assert make(napping).rows == make(plan).rows


def test_the_week_the_clocks_go_back_has_one_row_per_session(make) -> None:  # type: ignore[no-untyped-def]
    sheet = make(replace(default_plan(), profile=CAESAREAN), start=date(2026, 10, 19))
    assert [row.kind for row in sheet.rows].count(Kind.EXERCISE) == 4
    assert all(len(ticks) == 1 for row in sheet.rows[:4] for ticks in row.days)


def test_the_warning_signs_name_her_country_s_numbers(make) -> None:  # type: ignore[no-untyped-def]
    plan = replace(default_plan(), profile=CAESAREAN)
    british = make(plan, country="GB")
    assert british.warnings.title == "Call 999 now"
    assert "999" in british.warnings.action
    assert british.urgent.signs and "NHS 111" in british.urgent.action
    nowhere = make(plan, country=None)
    assert "your local emergency number" in nowhere.warnings.title
    assert len(nowhere.warnings) == len(british.warnings)


def test_the_tips_are_the_posture_and_lifting_ones(make, tips: tuple[Tip, ...]) -> None:  # type: ignore[no-untyped-def]
    sheet = make(replace(default_plan(), profile=CAESAREAN))
    assert sheet.tips == tuple(t for t in tips if t.topic in ("posture", "lifting"))
    assert {t.topic for t in sheet.tips} == {"posture", "lifting"}


def test_without_a_birth_date_there_are_no_weeks_and_only_the_gentlest(make) -> None:  # type: ignore[no-untyped-def]
    sheet = make(default_plan())
    assert sheet.weeks == ()
    assert {c.exercise.id for c in sheet.cards} == {"pelvic-floor", "back-rub"}


def test_calcium_off_has_no_total_line(make) -> None:  # type: ignore[no-untyped-def]
    sheet = make(replace(default_plan(), profile=CAESAREAN, calcium_enabled=False))
    assert sheet.calcium_target_mg is None
    assert Kind.CALCIUM not in [row.kind for row in sheet.rows]
