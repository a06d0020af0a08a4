"""What the Today page says, made from the typed ``Day`` record and never read back.

Pure (no Qt), so every sentence the page shows can be checked as text, and so the words live in
one place: a reminder's row, its buttons' names, the "next" line, the banners and the calcium
line. Times are shown in her zone (the zone of the ``now`` the page is given), because a snooze
or a pause end comes from the history log in UTC.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from backcare.core.calcium import FoodChoice
from backcare.core.countdown import minutes_to_go, until_count_changes
from backcare.core.reminders import Kind, Reminder
from backcare.core.today import Action, Day, Entry, State, next_session_key
from backcare.messages import clock_words as clock
from backcare.messages import reminder_words, session_name

# Calm words only: a reminder that passed without an answer is "not done", never "missed".
STATE_WORDS: dict[State, str] = {
    State.UPCOMING: "later",
    State.DUE: "now",
    State.SNOOZED: "snoozed",  # with the time it comes back, see state_text
    State.DONE: "done",
    State.PARTLY: "partly done",
    State.SKIPPED: "skipped",
    State.NOT_DONE: "not done",
    State.PAUSED: "paused",
    State.NAPPING: "quiet while the baby naps",
    State.BEFORE: "before you started",
}

ACTION_WORDS: dict[Action, str] = {
    Action.OPEN: "Open",
    Action.START: "Start",
    Action.DONE: "Doing it now",
    Action.TAKEN: "Taken",
    Action.CHANGE_FOOD: "Change food",
    Action.SNOOZE: "Snooze 10 min",
    Action.SKIP: "Skip",
}

def countdown_words(seconds: float) -> str:
    """"in 25 min", "in 3 h 05 min", or "now" once the time has come. The minutes round up
    (``core.countdown``): 47 s before is "in 1 min", so "now" never comes early and the row,
    which says "later" until then, never disagrees."""
    minutes = minutes_to_go(seconds)
    if minutes == 0:
        return "now"
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"in {hours} h {minutes:02d} min"
    return f"in {minutes} min"


def redraw_in(day: Day, start: Entry | None, now: datetime) -> float:
    """Seconds until the words of the page's countdowns (the next line, and the top button's
    caption for ``start``) next change: the nearest minute's turn, at most a minute."""
    shown = [r for r in (day.next_due, start.reminder if start else None) if r is not None]
    return min((until_count_changes((r.when - now).total_seconds()) for r in shown),
               default=60.0)


def short_what(reminder: Reminder) -> str:
    """A reminder in a few words: "Afternoon exercises", "Posture break", "Calcium with dinner".

    Used where the exercise names would be too long: a button's name, the top button.
    """
    if reminder.kind is Kind.EXERCISE:
        return session_name(reminder)
    if reminder.kind is Kind.CALCIUM:
        return f"Calcium with {reminder.meal}" if reminder.meal else "Calcium"
    return "Posture break"


def state_text(entry: Entry, now: datetime) -> str:
    """Where a reminder stands, in words: "snoozed until 10:45", calcium "taken"."""
    if entry.state is State.SNOOZED and entry.back_at is not None:
        return f"snoozed until {clock(entry.back_at, now)}"
    if entry.state is State.DONE and entry.reminder.kind is Kind.CALCIUM:
        return "taken"
    return STATE_WORDS[entry.state]


def what_words(entry: Entry, titles: Mapping[str, str], food_name: str = "") -> str:
    """What a row asks: "Afternoon exercises: Bridge", or for calcium she took the food she
    named, "Calcium with lunch: Milk"."""
    words = reminder_words(entry.reminder, titles)
    return f"{words}: {food_name}" if food_name and entry.food is not None else words


def row_name(entry: Entry, now: datetime, titles: Mapping[str, str],
             food_name: str = "") -> str:
    """What a screen reader says for a row: "15:00 Afternoon exercises: Bridge, later"."""
    when = clock(entry.reminder.when, now)
    return f"{when} {what_words(entry, titles, food_name)}, {state_text(entry, now)}"


def choice_words(choice: FoodChoice) -> str:
    """One line of the food chooser: "Milk: 1 glass (250 ml), about 260 mg", with "check the
    label" where brands differ (the figure counted is a low one)."""
    food = choice.food
    label = " (check the label)" if food.check_label else ""
    return f"{food.name}: {food.portion}, about {food.calcium_mg:,} mg{label}"


def button_name(action: Action, reminder: Reminder, now: datetime) -> str:
    """A row button's spoken name, which says which reminder it acts on."""
    return f"{ACTION_WORDS[action]}: {clock(reminder.when, now)} {short_what(reminder)}"


def next_line(reminder: Reminder | None, now: datetime) -> str:
    """"Next: posture break at 11:00, in 25 min", or a restful line when the day is done."""
    if reminder is None:
        return "Nothing more today. Rest well."
    what = short_what(reminder)
    if reminder.kind is not Kind.EXERCISE:  # "posture break", "calcium with lunch"
        what = what[0].lower() + what[1:]
    words = countdown_words((reminder.when - now).total_seconds())
    return f"Next: {what} at {clock(reminder.when, now)}, {words}"


def session_to_start(day: Day) -> Entry | None:
    """The exercise session the top button offers (``core.today.next_session_key`` decides)."""
    key = next_session_key(day)
    return None if key is None else day.entry(key)


def start_words(entry: Entry) -> str:
    """The top button's text: "Start Afternoon session"."""
    label = entry.reminder.label
    return f"Start {label} session" if label else "Start the exercise session"


def start_caption(entry: Entry, now: datetime) -> str:
    """The line beside the top button: why this session, and when."""
    if entry.state is State.DUE:
        return "It is time for a few gentle minutes."
    if entry.state is State.SNOOZED and entry.back_at is not None:
        return f"Snoozed until {clock(entry.back_at, now)}; start whenever you are ready."
    if entry.state is State.PARTLY:
        return "You did part of it. Carry on when you can."
    when = entry.reminder.when
    return f"At {clock(when, now)}, {countdown_words((when - now).total_seconds())}."


def pause_line(until: datetime, now: datetime) -> str:
    return f"Reminders are paused until {clock(until, now)}."


def nap_line(until: datetime, now: datetime) -> str:
    return f"Quiet while the baby naps, until {clock(until, now)}."


def calcium_line(day: Day) -> str:
    """Her usual food and the portions apart, so the bar is only about the portions.

    "Your usual food gives about 600 mg a day. Portions today: 1 of 3 taken, about 260 of the
    400 mg to find." Without a food estimate: the target and the portions only.
    """
    diet, find, mg = day.calcium_diet_mg, day.calcium_to_find_mg, day.calcium_mg
    portions = f"{day.calcium_taken} of {day.calcium_planned} taken"
    if day.calcium_planned == 0:
        portions = "none planned"
    if diet and not find:
        return (f"Your usual food gives about {diet:,} mg a day, which already covers "
                f"today's {day.calcium_target_mg:,} mg. Portions today: {portions}.")
    if not diet:
        return (f"Today's calcium target is {day.calcium_target_mg:,} mg. "
                f"Portions today: {portions}, about {mg:,} mg.")
    return (f"Your usual food gives about {diet:,} mg a day. Portions today: {portions}, "
            f"about {mg:,} of the {find:,} mg to find.")
