"""The countdown rounds up, so it never says "now" before the reminder, and knows when its
number next changes."""

from __future__ import annotations

import pytest

from backcare.core.countdown import minutes_to_go, until_count_changes


@pytest.mark.parametrize(("seconds", "minutes"), [
    (-30, 0), (0, 0), (0.2, 1), (1, 1), (47, 1), (59, 1), (60, 1), (61, 2), (119.5, 2),
    (120, 2), (3600, 60), (3601, 61),
])
def test_minutes_round_up(seconds: float, minutes: int) -> None:
    assert minutes_to_go(seconds) == minutes


@pytest.mark.parametrize(("seconds", "wait"), [
    (-30, 60), (0, 60), (1, 1), (47, 47), (59, 59), (60, 60), (61, 1), (125, 5), (120, 60),
])
def test_the_count_changes_at_the_next_whole_minute(seconds: float, wait: float) -> None:
    assert until_count_changes(seconds) == pytest.approx(wait)
    if seconds > 0:  # just before the change the number is the old one, just after the new
        assert minutes_to_go(seconds - wait + 0.001) == minutes_to_go(seconds)
        assert minutes_to_go(seconds - wait) == minutes_to_go(seconds) - 1
