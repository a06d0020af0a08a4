"""The printed week's own words, made from the ``WeekSheet`` record at the edge (no Qt).

Everything health-related on the sheet is the content's own wording (exercise cards, advice
tips, safety signs); these are only the sheet's signposts: dates, headings, the dose line, the
footer. Kept apart from the drawing so they can be read and tested as text.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from backcare.core.content import Step
from backcare.core.reminders import Kind
from backcare.core.setbacks import day_words
from backcare.core.week_sheet import SheetCard, SheetDay, SheetRow, WeekSheet

TITLE = "Your back-care week"
TICK_HINT = "Tick a box each time you do it."
NOT_ADVICE = (
    "Not medical advice: it does not replace your midwife, doctor, nurse or physiotherapist."
)
TIPS_HEADING = "Posture and lifting"
KEY_LEAD = "Exercises:"
TIPS_LEAD = "Posture and lifting (in full after the warning signs):"
CAUTIONS_HEADING = "Take care"
STOP_HEADING = "Stop and ask for advice if"
HOW_MUCH_HEADING = "How much"
START_HEADING = "Start position"


def span_words(start: date, end: date, *, weekdays: bool = False) -> str:
    """"23 to 29 November 2026", "30 November to 6 December 2026", or both years when the
    week crosses the new year; with ``weekdays``, "Monday 23 to Sunday 29 November 2026"."""
    a = f"{start:%A} {start.day}" if weekdays else f"{start.day}"
    b = f"{end:%A} {end.day}" if weekdays else f"{end.day}"
    if start.year != end.year:
        return f"{a} {start:%B %Y} to {b} {end:%B %Y}"
    if start.month != end.month:
        return f"{a} {start:%B} to {b} {end:%B %Y}"
    return f"{a} to {b} {end:%B %Y}"


def week_words(sheet: WeekSheet) -> str:
    """The week as the title names it: "Monday 23 to Sunday 29 November 2026"."""
    return span_words(sheet.start, sheet.end, weekdays=True)


def recovery_words(sheet: WeekSheet) -> str:
    """Her weeks after the birth, so she knows what the exercises are fitted to."""
    weeks = sheet.weeks
    if not weeks:
        return (
            "Back Care does not know when your baby was born, so only the gentlest exercises "
            "are listed. Give the birth date in Settings, and the exercises will grow with "
            "your recovery."
        )
    if len(weeks) == 1:
        return f"Week {weeks[0]} after the birth. {TICK_HINT}"
    turn = next(d.day for d in sheet.days if d.week == weeks[-1])
    return f"Week {weeks[0]} after the birth, week {weeks[-1]} from {day_words(turn)}. {TICK_HINT}"


def day_heading(day: SheetDay) -> tuple[str, str]:
    """The column head: "Mon 23" and "week 6" (empty when the birth date is not known); the
    title names the months."""
    week = "" if day.week is None else f"week {day.week}"
    return f"{day.day:%a} {day.day.day}", week


def _clock(at: time) -> str:
    return f"{at:%H:%M}"


def _every(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} minutes"
    words = f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{words} {rest} min" if rest else words


def row_heading(row: SheetRow, posture_every_min: int) -> tuple[str, str]:
    """The row's head, in bold then plain: ("08:00", "Morning"), ("Posture breaks", "every 2
    hours from 09:00"), ("Calcium", "breakfast, lunch, dinner")."""
    if row.kind is Kind.EXERCISE:
        return (", ".join(_clock(t) for t in row.times), row.label or "Exercises")
    if row.kind is Kind.POSTURE:
        first = f" from {_clock(row.times[0])}" if row.times else ""
        return ("Posture breaks", f"every {_every(posture_every_min)}{first}")
    return ("Calcium", ", ".join(row.meals))


def calcium_heading(target_mg: int) -> tuple[str, str]:
    """The head of the line on which she writes each day's calcium total."""
    return ("Calcium total", f"target {target_mg:,} mg")


def same_day_pointer(page: int) -> str:
    """Where the signs that need help the same day are, when they are not on this page."""
    return f"The signs to get help the same day are on page {page}."


def key_items(sheet: WeekSheet) -> list[tuple[str, str]]:
    """The grid's key: each card's number and the exercise's title."""
    return [(str(n), card.exercise.title) for n, card in enumerate(sheet.cards, start=1)]


def card_title(number: int, card: SheetCard) -> str:
    return f"{number}. {card.exercise.title}"


def footer_words(sheet: WeekSheet, page: int, pages: int) -> str:
    """What the sheet is for, its week, that it is not medical advice, and the page."""
    return (
        f"Back Care, your week of {span_words(sheet.start, sheet.end)}: tick it off as you go. "
        f"{NOT_ADVICE} Page {page} of {pages}."
    )


def dose_words(card: SheetCard) -> str:
    """The dose for her this week: "5 times × 2 sets, hold 3 s, twice a day" (the starter
    sets in the exercise's first week)."""
    dose = card.exercise.dose
    sets = card.status.sets if card.status.sets else dose.sets
    return replace(dose, sets=sets).summary()


def from_words(card: SheetCard, sheet: WeekSheet) -> str:
    """"In your sessions from Wednesday 25 November." when it joins mid-week, else ""."""
    if card.first_day == sheet.start:
        return ""
    return f"In your sessions from {day_words(card.first_day)}."


def step_heading(index: int, count: int) -> str:
    return f"Step {index + 1} of {count}"


def hold_words(step: Step) -> str:
    if not step.hold_seconds:
        return ""
    seconds = step.hold_seconds
    return f"Hold for {seconds} second{'s' if seconds != 1 else ''}."


def breath_words(step: Step) -> str:
    return f"Breathing: {step.breath}"
