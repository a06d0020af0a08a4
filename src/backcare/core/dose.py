"""An exercise's dose (how many, how long, how often) and where that dose comes from.

A dose is advice like any other, so it must rest on something she could check: a seed that
gives the number (a ledger fact of kind ``dose``), clinical guidance, or, where neither gives a
number, a ledger ``[[choice]]`` that says plainly that the app chose it and why. ``sources``
holds those ledger ids; ``dose_citing`` hands them to ``ledger.check_links``, which refuses an id
that is missing or is not a dose entry. The numbers themselves stay fields, not prose, so the
guided session counts exactly what the card says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backcare.core import fields as f
from backcare.core.problems import Invalid

if TYPE_CHECKING:
    from backcare.core.ledger import Citing

TIMES_OF_DAY = ("morning", "midday", "afternoon", "evening", "night", "any")


@dataclass(frozen=True)
class Dose:
    """How much: ``reps`` per set (per side when ``per_side``), ``sets`` per session,
    ``times_per_day`` sessions, at the named times of day. ``minutes`` is for timed
    exercises (0 when the exercise is counted in reps). ``starter_sets`` is the lower
    dose for the first week after an exercise becomes available. ``sources`` are the ledger
    ids the numbers rest on (a seed dose, guidance, or the app's own choice with its reason);
    it defaults to empty only for hand-built doses in tests, the loader requires one."""

    reps: int
    sets: int
    hold_seconds: int
    times_per_day: int
    time_of_day: tuple[str, ...]
    per_side: bool
    minutes: int
    starter_sets: int
    note: str
    sources: tuple[str, ...] = ()

    def summary(self) -> str:
        """A short human line, e.g. '5 × 2, hold 3 s, twice a day'."""
        parts: list[str] = []
        if self.minutes:
            parts.append(f"{self.minutes} min")
        if self.reps:
            side = " each side" if self.per_side else ""
            sets = f" × {self.sets} sets" if self.sets > 1 else ""
            times = "One round" if self.reps == 1 and not sets else f"{self.reps} times"
            parts.append(f"{times}{side}{sets}")
        if self.hold_seconds:
            parts.append(f"hold {self.hold_seconds} s")
        daily = {1: "once a day", 2: "twice a day"}.get(
            self.times_per_day, f"{self.times_per_day} times a day"
        )
        parts.append(daily)
        return ", ".join(parts)


def parse_dose(data: Mapping[str, Any]) -> Dose:
    """Build a Dose from the ``[dose]`` table; raises Invalid naming the bad field."""
    p = "dose"
    dose = Dose(
        reps=f.whole(data, "reps", p, high=200, default=0),
        sets=f.whole(data, "sets", p, low=1, high=20, default=1),
        hold_seconds=f.whole(data, "hold_seconds", p, high=600, default=0),
        times_per_day=f.whole(data, "times_per_day", p, low=1, high=12),
        time_of_day=f.texts(data, "time_of_day", p, allowed=TIMES_OF_DAY, min_items=1),
        per_side=f.flag(data, "per_side", p),
        minutes=f.whole(data, "minutes", p, high=60, default=0),
        starter_sets=f.whole(data, "starter_sets", p, low=0, high=20, default=0),
        note=f.text(data, "note", p, optional=True),
        sources=f.texts(data, "sources", p, min_items=1),
    )
    if not dose.reps and not dose.minutes:
        raise Invalid("dose", "needs reps or minutes (at least one above zero).")
    if dose.starter_sets > dose.sets:
        raise Invalid("dose.starter_sets", "must not be more than dose.sets.")
    if len(set(dose.sources)) != len(dose.sources):
        raise Invalid("dose.sources", "names the same ledger entry twice.")
    return dose


def dose_citing(exercise_id: str, file: Path, dose: Dose) -> Citing:
    """The dose's sources for ``check_links``, which also checks that each is a dose entry.
    The ledger is imported here, not at the top: only the content checks need it, and reading
    it costs about 3 ms of every start."""
    from backcare.core.ledger import DOSE_KIND, Citing

    return Citing(exercise_id, file, "dose.sources", dose.sources, kind=DOSE_KIND)
