"""The report's own words (no Qt): its title, her span, the streaks and the rule, the week
table's cells. Kept apart from the drawing so they can be read and tested as text."""

from __future__ import annotations

from datetime import date

from backcare.core.history import Streaks, WeekRecord
from backcare.core.progression import week_after_birth
from backcare.sheet.report_data import ReportData
from backcare.sheet.words import NOT_ADVICE, span_words

TITLE = "Your back-care progress"
RULE = (
    "A day counts when at least one exercise session was done, fully or partly; a quiet day, "
    "a pause, a day you chose to rest, a setback and the days after it neither count nor "
    "break a streak."
)
EMPTY = (
    "Nothing is recorded in these dates yet: no reminder answered and no pain noted, so there "
    "is nothing to chart. Once Back Care has reminded you for a while, the report fills in."
)
ADHERENCE_HEADING = "Sessions done each week"
PAIN_HEADING = "Pain after sessions, 0 (none) to 10 (worst)"
TABLE_HEADING = "Week by week"
EXERCISES_HEADING = "Exercises done"
TABLE_HEAD = ("Week of", "Weeks after birth", "Sessions done / due", "Posture breaks",
              "Calcium days met", "Mean pain", "Setbacks")
EXERCISE_HEAD = ("Exercise", "Done fully", "Done partly")


def chart_key(birth_known: bool) -> str:
    """What the charts' axes and marks mean, under them."""
    bottom = "weeks after birth" if birth_known else "the day and month each week starts"
    return (f"Along the bottom: {bottom}. The bars: sessions done, fully or partly, of those "
            "due. The line: the week's mean pain. A triangle and a dashed line: a setback "
            "began that week.")


def dates_words(data: ReportData) -> str:
    """"1 to 28 June 2026", or "1 December 2026" for a single day."""
    if data.start == data.end:
        return f"{data.end.day} {data.end:%B %Y}"
    return span_words(data.start, data.end)


def title_words(data: ReportData) -> str:
    return f"{TITLE}: {dates_words(data)}"


def weeks_words(data: ReportData) -> str:
    """Her weeks after the birth over the span, or that Back Care does not know them."""
    if data.birth is None:
        return ("Back Care does not know when your baby was born, so weeks after birth are "
                "not shown.")
    if data.end < data.birth:
        return "These dates are before your baby's birth."
    first = week_after_birth(data.birth, max(data.start, data.birth))
    last = week_after_birth(data.birth, data.end)
    born = f"{data.birth.day} {data.birth:%B %Y}"
    if first == last:
        return f"Week {first} after the birth on {born}."
    return f"Weeks {first} to {last} after the birth on {born}."


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def streak_words(streaks: Streaks) -> str:
    """"Current streak: 12 days; best streak: 40 days. " and the rule, in one sentence."""
    return (f"Current streak: {_days(streaks.current)}; best streak: {_days(streaks.best)}. "
            f"{RULE}")


def pain_words(pain: float | None) -> str:
    return "–" if pain is None else f"{pain:.1f}"


def week_row(week: WeekRecord) -> tuple[str, ...]:
    """One week's cells, as ``TABLE_HEAD`` names them."""
    partly = week.sessions_partly
    done = f"{week.sessions_done + partly} / {week.sessions_due}"
    return (
        short_date(week.start),
        "–" if week.week_after_birth is None else str(week.week_after_birth),
        done,
        f"{week.posture_taken} / {week.posture_due}",
        f"{week.calcium_days_met} of {week.days}",
        pain_words(week.pain_mean),
        str(week.setbacks) if week.setbacks else "–",
    )


def short_date(day: date) -> str:
    """"2 Dec 2026"."""
    return f"{day.day} {day:%b %Y}"


def footer_words(data: ReportData, page: int, pages: int) -> str:
    return (f"Back Care progress report, {dates_words(data)}. {NOT_ADVICE} "
            f"Page {page} of {pages}.")
