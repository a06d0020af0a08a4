"""A time of day as she types it: "20:23", "2023", "8pm", "8.30 am", "7".

Pure (no Qt). A spin-box time field took typing section by section: in "HH:mm" the hour
refused the digits it did not expect, the colon jumped to the minutes, and "20:23" typed over
21:30 became 21:23 without a word. Here the whole text is read at once, and what cannot be
read is refused with a sentence that says how to write it, never turned into another time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

HOW_TO_WRITE = "Write it as 20:30, 2030 or 8:30pm."

# Hours and optional minutes, with ":", ".", "h" or a space between, or none ("2030", "830"),
# then an optional am/pm.
_PATTERN = re.compile(
    r"^(?P<digits>\d{1,4})(?:\s*[:.h\s]\s*(?P<minutes>\d{1,2}))?"
    r"\s*(?:(?P<half>[ap])\.?\s*m?\.?)?$"
)


@dataclass(frozen=True)
class Refused:
    """Text that is not a time of day, and the sentence that says so."""

    text: str
    sentence: str


def parse_clock(text: str) -> time | Refused:
    """The time ``text`` names, or ``Refused`` with a sentence she can act on."""
    typed = text.strip()
    match = _PATTERN.match(typed.casefold())
    if not typed:
        return Refused(text, f"The time is empty. {HOW_TO_WRITE}")
    if match is None:
        return Refused(text, f"“{typed}” is not a time of day. {HOW_TO_WRITE}")
    digits, minutes, half = match["digits"], match["minutes"], match["half"]
    if minutes is None and len(digits) > 2:  # "2030", "830": the last two are the minutes
        digits, minutes = digits[:-2], digits[-2:]
    elif minutes is not None and len(digits) > 2:
        return Refused(text, f"“{typed}” is not a time of day. {HOW_TO_WRITE}")
    hour, minute = int(digits), int(minutes or 0)
    if half is not None:
        if not 1 <= hour <= 12:
            return Refused(text, f"“{typed}”: with am or pm the hour goes from 1 to 12. "
                                 f"{HOW_TO_WRITE}")
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23:
        return Refused(text, f"“{typed}”: the hours of a day go from 0 to 23. {HOW_TO_WRITE}")
    if minute > 59:
        return Refused(text, f"“{typed}”: the minutes go from 00 to 59. {HOW_TO_WRITE}")
    return time(hour, minute)


def step_clock(t: time, minutes: int) -> time:
    """``t`` moved by ``minutes`` (the arrow keys), first to a whole step, around midnight:
    08:03 up 5 is 08:05, 08:05 up 5 is 08:10, 00:00 down 5 is 23:55."""
    now = t.hour * 60 + t.minute
    step = abs(minutes)
    # Up: the next multiple of the step above; down: the one below (a ceiling, less a step).
    moved = (now // step + 1) * step if minutes > 0 else (-(-now // step) - 1) * step
    moved %= 24 * 60
    return time(moved // 60, moved % 60)
