"""Whether reminders are quiet just now, and why: the tray shows it on its icon.

Pure (no Qt). Both can hold at once (a pause taken during a nap); the pause is the one shown,
because it is the one that keeps every reminder quiet until she resumes, while a nap ends on
its own.
"""

from __future__ import annotations

from enum import StrEnum


class Quiet(StrEnum):
    NO = "no"  # reminders come as planned
    PAUSED = "paused"  # she paused them (until a time, or tomorrow)
    NAPPING = "napping"  # quiet while the baby naps


def quiet_of(paused: bool, napping: bool) -> Quiet:
    """What the tray shows: the pause over a nap (see above), else the nap, else nothing."""
    if paused:
        return Quiet.PAUSED
    return Quiet.NAPPING if napping else Quiet.NO
