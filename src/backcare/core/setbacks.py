""""This made my back worse": pausing one exercise for a few days, and what to tell her.

The pauses are kept by the app as one store setting holding JSON: ``{"bridge": "2026-03-14"}``,
exercise id -> the first day it is offered again. Reading it back is tolerant on purpose: the
setting may be old, hand-edited or half-written, and a broken entry must never stop the app or
pause an exercise by accident, so anything unreadable is simply dropped.

Why ``SETBACK_PAUSE_DAYS = 3``: a flare-up after overdoing an exercise usually settles within a
few days with gentle movement and warmth (NHS back-pain advice; the Moving Medicine postnatal
guidance says to do less next time and expects symptoms to improve day by day). Three days lets
it settle without a long gap that would break the habit of moving, and bed rest is not what
helps a sore back. If her back is no better when the pause ends, the advice text tells her to
see her doctor or a physiotherapist rather than to keep pausing.

Pure: today is always passed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only a type here: the safety content is read when she needs it
    from backcare.core.safety import Safety

SETBACK_PAUSE_DAYS = 3
MAX_PAUSE_DAYS = 28  # a longer rest is a matter for her GP or physiotherapist, not a setting
SETTING_KEY = "setback_pauses"
# Without the safety content (it failed to load) she still gets a safe pointer, no health claim.
FALLBACK_CARE = (
    "Rest from it for now and be gentle with yourself. If your back is no better in a few "
    "days, or you are worried, ask your doctor or midwife."
)


def pauses_from_setting(raw: object, today: date) -> dict[str, date]:
    """The pauses still in force today (each ends after ``today``); bad entries are dropped."""
    if not isinstance(raw, Mapping):
        return {}
    pauses: dict[str, date] = {}
    for key, value in raw.items():
        if not isinstance(key, str) or not key.strip() or not isinstance(value, str):
            continue
        try:
            until = date.fromisoformat(value)
        except ValueError:
            continue
        if until > today:
            pauses[key.strip()] = until
    return pauses


def pauses_to_setting(pauses: Mapping[str, date]) -> dict[str, str]:
    """The JSON-able form for ``Store.set_setting``: exercise id -> ISO date."""
    return {key: until.isoformat() for key, until in sorted(pauses.items())}


def pause_after_setback(
    pauses: Mapping[str, date],
    exercise_id: str,
    today: date,
    days: int = SETBACK_PAUSE_DAYS,
) -> dict[str, date]:
    """A new mapping with ``exercise_id`` paused for ``days`` days from today (1 to
    ``MAX_PAUSE_DAYS``), so it is offered again on ``today + days``.

    A pause already running longer is kept, never shortened; an empty id changes nothing.
    """
    updated = dict(pauses)
    exercise_id = exercise_id.strip()
    if not exercise_id:
        return updated
    try:
        until = today + timedelta(days=min(max(1, days), MAX_PAUSE_DAYS))
    except OverflowError:  # only at the very end of the calendar
        until = date.max
    updated[exercise_id] = max(until, updated.get(exercise_id, until))
    return updated


def is_paused(pauses: Mapping[str, date], exercise_id: str, today: date) -> bool:
    until = pauses.get(exercise_id)
    return until is not None and until > today


def day_words(day: date) -> str:
    """"Thursday 14 March": the day, without a year or a leading zero."""
    return f"{day:%A} {day.day} {day:%B}"


def pause_sentence(exercise_title: str, until: date) -> str:
    """The app's own sentence: which exercise is paused, and the day it comes back."""
    title = exercise_title.strip()
    what = f"“{title}” is" if title else "This exercise is"
    return f"{what} paused for now. It will be offered again from {day_words(until)}."


def setback_advice(exercise_title: str, until: date, safety: Safety | None = None) -> str:
    """What she reads after pressing "This made my back worse".

    The pause sentence is the app speaking about itself; the care advice (gentle movement,
    warmth, pain relief, when to get help) is health content, so it comes from the safety file
    where it cites the ledger. Pass the loaded ``safety``; without it a short safe pointer is
    used instead.
    """
    pause = pause_sentence(exercise_title, until)
    care = "\n".join(safety.setback.lines()) if safety is not None else FALLBACK_CARE
    return f"{pause}\n\n{care}"
