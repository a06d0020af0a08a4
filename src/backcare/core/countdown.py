"""How a countdown to a reminder rounds, and when its words next change.

Pure (no Qt), so the rounding is checked with plain numbers. The count rounds *up*: 47 s before
a reminder is "in 1 min", never "now", because "now" tells her the reminder has come, and a
reminder that has not come yet has nothing for her to answer. "now" is only for the moment
itself and after.
"""

from __future__ import annotations

import math

MINUTE = 60.0


def minutes_to_go(seconds: float) -> int:
    """Whole minutes left, rounded up: 1 s → 1, 60 s → 1, 61 s → 2; 0 once the time has come."""
    return math.ceil(seconds / MINUTE) if seconds > 0 else 0


def until_count_changes(seconds: float) -> float:
    """Seconds until ``minutes_to_go`` gives a different number (1 to 60 s, or a minute once
    the time has come), so the page can redraw at that moment instead of on a fixed minute
    that may fall up to 59 s after the reminder."""
    if seconds <= 0:
        return MINUTE
    return seconds - (minutes_to_go(seconds) - 1) * MINUTE
