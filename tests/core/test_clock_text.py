"""A typed time is read whole: "2023" and "20:23" are 20:23, "8pm" is 20:00, and anything else
is refused with a sentence, never turned into another time."""

from __future__ import annotations

from datetime import time

import pytest

from backcare.core.clock_text import HOW_TO_WRITE, Refused, parse_clock, step_clock


@pytest.mark.parametrize(("typed", "meant"), [
    ("20:23", time(20, 23)), ("2023", time(20, 23)), (" 20.23 ", time(20, 23)),
    ("20h23", time(20, 23)), ("20 23", time(20, 23)), ("8pm", time(20, 0)),
    ("8 PM", time(20, 0)), ("8:30pm", time(20, 30)), ("8.30 a.m.", time(8, 30)),
    ("12am", time(0, 0)), ("12pm", time(12, 0)), ("7", time(7, 0)), ("07:05", time(7, 5)),
    ("830", time(8, 30)), ("0", time(0, 0)), ("23:59", time(23, 59)),
])
def test_what_she_types_is_understood(typed: str, meant: time) -> None:
    assert parse_clock(typed) == meant


@pytest.mark.parametrize(("typed", "why"), [
    ("25:00", "the hours of a day go from 0 to 23"), ("2075", "the minutes go from 00 to 59"),
    ("13pm", "with am or pm the hour goes from 1 to 12"), ("0am", "from 1 to 12"),
    ("20m", "is not a time of day"), ("eight", "is not a time of day"),
    ("20:23:10", "is not a time of day"), ("123:45", "is not a time of day"),
    ("", "The time is empty"),
])
def test_anything_else_is_refused_with_a_sentence(typed: str, why: str) -> None:
    refused = parse_clock(typed)
    assert isinstance(refused, Refused)
    assert why in refused.sentence and refused.sentence.endswith(HOW_TO_WRITE)


@pytest.mark.parametrize(("start", "minutes", "end"), [
    (time(8, 3), 5, time(8, 5)), (time(8, 5), 5, time(8, 10)), (time(8, 3), -5, time(8, 0)),
    (time(8, 0), -5, time(7, 55)), (time(23, 55), 5, time(0, 0)), (time(0, 0), -5, time(23, 55)),
    (time(8, 30), 60, time(9, 0)), (time(8, 30), -60, time(8, 0)),
])
def test_the_arrow_keys_step_to_whole_steps(start: time, minutes: int, end: time) -> None:
    assert step_clock(start, minutes) == end
