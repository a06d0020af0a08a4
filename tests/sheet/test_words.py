"""The sheet's own words: dates, row heads, the dose line and the footer (no Qt)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from backcare.catalog import Catalog
from backcare.core.content import Step
from backcare.core.plan import Profile, default_plan
from backcare.core.reminders import Kind
from backcare.core.week_sheet import SheetRow
from backcare.sheet.words import (
    NOT_ADVICE,
    calcium_heading,
    footer_words,
    from_words,
    hold_words,
    recovery_words,
    row_heading,
    span_words,
    week_words,
)
from tests.sheet.conftest import make_sheet

CAESAREAN = Profile(date(2026, 10, 14), "caesarean", country="GB")


@pytest.mark.parametrize(("start", "end", "words"), [
    (date(2026, 11, 23), date(2026, 11, 29), "23 to 29 November 2026"),
    (date(2026, 11, 30), date(2026, 12, 6), "30 November to 6 December 2026"),
    (date(2026, 12, 28), date(2027, 1, 3), "28 December 2026 to 3 January 2027"),
])
def test_the_span_names_each_month_and_year_once(start: date, end: date, words: str) -> None:
    assert span_words(start, end) == words


def test_the_week_and_her_weeks_after_birth(catalog: Catalog) -> None:
    sheet = make_sheet(catalog, replace(default_plan(), profile=CAESAREAN))
    assert week_words(sheet) == "Monday 23 to Sunday 29 November 2026"
    assert recovery_words(sheet).startswith(
        "Week 5 after the birth, week 6 from Wednesday 25 November.")
    unknown = make_sheet(catalog, default_plan())
    assert "does not know when your baby was born" in recovery_words(unknown)


def _row(kind: Kind, times: tuple[time, ...], label: str = "",
         meals: tuple[str, ...] = ()) -> SheetRow:
    return SheetRow(kind, times, label, meals, ((),) * 7)


def test_row_heads_say_what_and_when() -> None:
    assert row_heading(_row(Kind.EXERCISE, (time(8),), "Morning"), 120) == ("08:00", "Morning")
    assert row_heading(_row(Kind.POSTURE, (time(9), time(11))), 120) == (
        "Posture breaks", "every 2 hours from 09:00")
    assert row_heading(_row(Kind.POSTURE, (time(8, 30),)), 90)[1] == (
        "every 1 hour 30 min from 08:30")
    assert row_heading(_row(Kind.POSTURE, (time(7, 45),)), 45)[1] == (
        "every 45 minutes from 07:45")
    assert row_heading(_row(Kind.CALCIUM, (time(7, 30),), meals=("breakfast", "dinner")),
                       120) == ("Calcium", "breakfast, dinner")
    assert calcium_heading(1300) == ("Calcium total", "target 1,300 mg")


def test_the_footer_says_what_it_is_for_the_week_and_not_advice(catalog: Catalog) -> None:
    sheet = make_sheet(catalog, replace(default_plan(), profile=CAESAREAN))
    footer = footer_words(sheet, 2, 9)
    assert "23 to 29 November 2026" in footer
    assert "tick it off as you go" in footer
    assert NOT_ADVICE in footer and "Not medical advice" in footer
    assert footer.endswith("Page 2 of 9.")


def test_a_card_joining_mid_week_says_from_when(catalog: Catalog) -> None:
    sheet = make_sheet(catalog, replace(default_plan(), profile=CAESAREAN))
    bridge = next(c for c in sheet.cards if c.exercise.id == "bridge")
    first = sheet.cards[0]
    assert from_words(bridge, sheet) == "In your sessions from Wednesday 25 November."
    assert from_words(first, sheet) == ""


def test_holds_are_said_in_seconds() -> None:
    def step(hold: int) -> Step:
        return Step("Lift.", "pose", hold, "Breathe out.")

    assert hold_words(step(0)) == ""
    assert hold_words(step(1)) == "Hold for 1 second."
    assert hold_words(step(10)) == "Hold for 10 seconds."
