"""The Today timeline: each reminder's state and buttons, the quiet times, and the calcium."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from backcare.core.plan import Nap, default_plan
from backcare.core.reminders import POSTURE_CARD, Kind, reminders
from backcare.core.store import Event, EventKind
from backcare.core.today import Action, State, day_timeline, next_session_key

TZ = ZoneInfo("Europe/London")
DAY = date(2026, 11, 23)


def key(hour: int, minute: int = 0) -> str:
    at = datetime(2026, 11, 23, hour, minute, tzinfo=TZ)
    return reminders(default_plan(), at, at + timedelta(seconds=1), TZ)[0].key


def ev(k: str, event: EventKind, hour: int, minute: int = 0) -> Event:
    at = datetime(2026, 11, 23, hour, minute, tzinfo=TZ).astimezone(UTC)
    return Event(at, k.split(":")[0], k, event, "")


def states(day) -> dict[str, State]:  # type: ignore[no-untyped-def]
    return {f"{e.reminder.when:%H:%M}": e.state for e in day.entries}


def test_each_reminder_gets_its_state_and_buttons() -> None:
    events = [
        ev(key(7, 30), EventKind.SHOWN, 7, 30),
        ev(key(7, 30), EventKind.DONE, 7, 35),
        ev(key(8), EventKind.SHOWN, 8),
        ev(key(8), EventKind.SNOOZED, 8, 1),
        ev(key(11), EventKind.SHOWN, 11),
        ev(key(9), EventKind.SKIPPED, 9),
    ]
    now = datetime(2026, 11, 23, 8, 5, tzinfo=TZ)
    day = day_timeline(default_plan(), events, DAY, now, TZ, portion_mg=260)
    assert states(day)["07:30"] is State.DONE
    assert states(day)["08:00"] is State.SNOOZED
    snoozed = day.entry(key(8))
    assert snoozed is not None and snoozed.back_at == datetime(2026, 11, 23, 8, 11, tzinfo=TZ)
    assert snoozed.actions == (Action.START, Action.SKIP)
    # taken: nothing left to answer, but she may say it was another food
    assert day.entry(key(7, 30)).actions == (Action.CHANGE_FOOD,)  # type: ignore[union-attr]
    lunch = day.entry(key(12, 30))
    assert lunch is not None and lunch.actions == (Action.TAKEN,)
    assert (day.calcium_taken, day.calcium_planned, day.calcium_mg) == (1, 3, 260)


def test_a_due_posture_break_offers_its_card_doing_it_snooze_and_skip() -> None:
    now = datetime(2026, 11, 23, 11, 5, tzinfo=TZ)
    day = day_timeline(default_plan(), [ev(key(11), EventKind.SHOWN, 11)], DAY, now, TZ, 260)
    entry = day.entry(key(11))
    assert entry is not None and entry.state is State.DUE
    assert entry.actions == (Action.START, Action.DONE, Action.SNOOZE, Action.SKIP)
    assert entry.reminder.exercises == (POSTURE_CARD,)  # "Start" opens its card


def test_what_passed_without_an_answer_is_not_done() -> None:
    now = datetime(2026, 11, 23, 14, 0, tzinfo=TZ)
    events = [ev(key(11), EventKind.SHOWN, 11)]
    day = day_timeline(default_plan(), events, DAY, now, TZ, portion_mg=260)
    assert states(day)["09:00"] is State.NOT_DONE  # never shown (the app was off)
    assert states(day)["11:00"] is State.NOT_DONE  # shown, never answered, over an hour ago
    assert states(day)["15:00"] is State.UPCOMING
    assert State.NOT_DONE.value == "not done"


def test_reminders_before_her_first_start_are_before() -> None:
    now = datetime(2026, 11, 23, 10, 35, tzinfo=TZ)
    since = datetime(2026, 11, 23, 8, 30, tzinfo=TZ)
    day = day_timeline(default_plan(), [], DAY, now, TZ, 260, since)
    assert states(day)["07:30"] is State.BEFORE and states(day)["08:00"] is State.BEFORE
    assert states(day)["09:00"] is State.NOT_DONE and states(day)["11:00"] is State.UPCOMING


def test_a_nap_keeps_what_it_quietens_in_the_list() -> None:
    nap = Nap(datetime(2026, 11, 23, 10, 30, tzinfo=TZ), datetime(2026, 11, 23, 12, 0, tzinfo=TZ))
    plan = replace(default_plan(), nap=nap)
    now = datetime(2026, 11, 23, 10, 40, tzinfo=TZ)
    day = day_timeline(plan, [], DAY, now, TZ, 260)
    assert states(day)["11:00"] is State.NAPPING
    assert day.nap_until == nap.until
    assert len(day.entries) == len(day_timeline(default_plan(), [], DAY, now, TZ, 260).entries)


def test_a_pause_marks_what_falls_in_it() -> None:
    now = datetime(2026, 11, 23, 10, 40, tzinfo=TZ)
    paused = (now, datetime(2026, 11, 23, 12, 40, tzinfo=TZ))
    day = day_timeline(default_plan(), [], DAY, now, TZ, 260, paused=paused)
    assert states(day)["11:00"] is State.PAUSED
    assert states(day)["13:00"] is State.UPCOMING
    assert day.paused_until == paused[1]


def test_the_calcium_tally_keeps_her_food_apart_from_the_portions() -> None:
    plan = replace(default_plan(), profile=replace(default_plan().profile, diet_calcium_mg=600))
    now = datetime(2026, 11, 23, 7, 0, tzinfo=TZ)
    day = day_timeline(plan, [], DAY, now, TZ, 260)
    assert (day.calcium_mg, day.calcium_diet_mg, day.calcium_to_find_mg) == (0, 600, 400)


def test_the_session_to_start_is_the_due_one_then_the_next() -> None:
    now = datetime(2026, 11, 23, 8, 2, tzinfo=TZ)
    due = day_timeline(default_plan(), [ev(key(8), EventKind.SHOWN, 8)], DAY, now, TZ, 260)
    assert next_session_key(due) == key(8)
    later = datetime(2026, 11, 23, 12, 0, tzinfo=TZ)
    done = [ev(key(8), EventKind.DONE, 8, 10)]
    day = day_timeline(default_plan(), done, DAY, later, TZ, 260)
    nxt = next_session_key(day)
    assert nxt == key(15) and nxt.startswith(Kind.EXERCISE.value)
