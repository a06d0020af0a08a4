"""Making her week's sheet from what Back Care has: her plan, the content, her locale.

Shared by ``backcare sheet`` and the window's File ▸ Print… and Export PDF…, so both print the
same week. The only Qt here is ``QLocale``, for the two things the sheet takes from her locale
when she does not choose: the paper (``core.week_sheet.paper_for_territory``) and the day her
weeks start on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, tzinfo

from PySide6.QtCore import QLocale

from backcare.catalog import Catalog
from backcare.core.countries import country_for, load_countries, preset_country
from backcare.core.plan import Plan
from backcare.core.problems import ContentProblem
from backcare.core.safety import load_safety
from backcare.core.week_sheet import Paper, WeekSheet, paper_for_territory, week_sheet, week_start
from backcare.paths import resources_dir

NO_SAFETY = (
    "The warning signs could not be read, so no sheet was made: a routine sheet without them "
    "would not be safe to stick on the fridge."
)


def locale_paper(locale: QLocale | None = None) -> Paper:
    """Letter or A4, as her locale's territory uses ("en_US" → Letter, "en_GB" → A4)."""
    return paper_for_territory(preset_country((locale or QLocale()).name()))


def locale_first_weekday(locale: QLocale | None = None) -> int:
    """The day her locale starts a week on, as ``date.weekday`` counts (0 = Monday)."""
    return (locale or QLocale()).firstDayOfWeek().value - 1


@dataclass(frozen=True)
class Made:
    """The sheet, or None and the sentence saying why not; and any content problems met."""

    sheet: WeekSheet | None
    problems: tuple[ContentProblem, ...]
    refusal: str = ""


def make_sheet(plan: Plan, catalog: Catalog, day: date, tz: tzinfo,
               paused: Mapping[str, date], first_weekday: int) -> Made:
    """Her week that holds ``day`` (starting on ``first_weekday``), in her country's numbers."""
    safety, problems = load_safety(resources_dir() / "safety.toml")
    countries, more = load_countries(resources_dir() / "countries.toml")
    found = (*problems, *more)
    if safety is None:
        return Made(None, found, NO_SAFETY)
    sheet = week_sheet(
        plan, catalog.exercises, catalog.tips, safety,
        country_for(plan.profile.country, countries), week_start(day, first_weekday), tz,
        paused,
    )
    return Made(sheet, found)
