"""The words of each notification, and its buttons. Pure: no Qt, testable as text.

Kept out of the Qt shell so that what a reminder says and offers is decided in one place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, tzinfo
from enum import StrEnum
from typing import TYPE_CHECKING

from backcare.core.plan import BIRTH_TYPE_WORDS, Profile
from backcare.core.reminders import Kind, Reminder
from backcare.core.today import Action

if TYPE_CHECKING:
    from backcare.catalog import Catalog
    from backcare.core.content import Food, Tip
    from backcare.core.guided import SessionOutcome

Actions = tuple[tuple[Action, str], ...]
EXERCISE_ACTIONS: Actions = (
    (Action.OPEN, "Open"), (Action.START, "Start now"), (Action.SNOOZE, "Snooze 10 min"),
    (Action.SKIP, "Skip"),
)
POSTURE_ACTIONS: Actions = (
    (Action.OPEN, "Open"), (Action.START, "Start now"), (Action.DONE, "Doing it now"),
    (Action.SNOOZE, "Snooze 10 min"), (Action.SKIP, "Skip"),
)
CALCIUM_ACTIONS: Actions = ((Action.TAKEN, "Taken"), (Action.SNOOZE, "Snooze 10 min"))
OPEN_ONLY: Actions = ((Action.OPEN, "Open"),)
POSTURE_WORDS = "Posture break: stand up and stretch"


class Channel(StrEnum):
    """One notification on screen per channel: a new one replaces the last of its channel."""

    EXERCISE = Kind.EXERCISE.value
    POSTURE = Kind.POSTURE.value
    CALCIUM = Kind.CALCIUM.value
    SUMMARY = "summary"  # "While you were away"
    NEWS = "news"  # "New this week"
    RUNNING = "running"  # "Back Care is still running", the first time she closes the window


def session_name(reminder: Reminder) -> str:
    """"Morning exercises", "Exercises" for a session without a label, "Posture break"."""
    if reminder.kind is Kind.POSTURE:
        return "Posture break"
    return f"{reminder.label} exercises" if reminder.label else "Exercises"


def exercise_title(exercise_id: str, titles: Mapping[str, str]) -> str:
    """The exercise's title; an id the catalogue no longer knows is shown readably."""
    return titles.get(exercise_id) or exercise_id.replace("-", " ").capitalize()


def reminder_words(reminder: Reminder, titles: Mapping[str, str]) -> str:
    """What a reminder asks, in a line: for lists (the Today page, ``backcare today``)."""
    if reminder.kind is Kind.EXERCISE:
        names = ", ".join(exercise_title(x, titles) for x in reminder.exercises)
        return f"{session_name(reminder)}: {names}" if names else session_name(reminder)
    if reminder.kind is Kind.CALCIUM:
        return f"Calcium with {reminder.meal}"
    return POSTURE_WORDS


def notification_for(reminder: Reminder, titles: Mapping[str, str],
                     usual: Food | None = None) -> tuple[str, str, Actions]:
    """(summary, body, actions) for one reminder. ``usual``: the food a calcium "Taken" counts
    (``core.calcium.usual_food``): a button offers no choice, so the body says which."""
    if reminder.kind is Kind.EXERCISE:
        names = ", ".join(exercise_title(x, titles) for x in reminder.exercises)
        return (
            f"{session_name(reminder)}: a few gentle minutes",
            f"{names}. Start now to be guided through every step; stop if anything hurts.",
            EXERCISE_ACTIONS,
        )
    if reminder.kind is Kind.POSTURE:
        return (
            "Time for a posture break",
            "Stand up, stretch your back tall and walk about for a minute or two.",
            POSTURE_ACTIONS,
        )
    return (f"Calcium with {reminder.meal}", calcium_body(usual), CALCIUM_ACTIONS)


def calcium_body(usual: Food | None) -> str:
    """"Taken counts your usual food: Milk, 1 glass (250 ml), about 260 mg. …"."""
    if usual is None:
        return "A glass of milk, tofu or a soya drink with added calcium all count."
    return (f"Taken counts your usual food: {usual.name}, {usual.portion}, about "
            f"{usual.calcium_mg:,} mg. Had something else? Choose it on the Today page.")


_AWAY_WORDS = {
    Kind.EXERCISE: "exercise session", Kind.POSTURE: "posture break",
    Kind.CALCIUM: "calcium reminder",
}


def away_summary(missed: Sequence[Reminder]) -> tuple[str, str]:
    """One kind sentence for everything that passed while the computer slept or the app was
    off (never a pile of notifications)."""
    counts: dict[Kind, int] = {}
    for r in missed:
        counts[r.kind] = counts.get(r.kind, 0) + 1
    parts = [
        f"{n} {_AWAY_WORDS[kind]}{'s' if n != 1 else ''}"
        for kind, n in sorted(counts.items())
    ]
    listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    return ("While you were away", f"{listed} passed. That's fine: carry on from now.")


def clock_words(moment: datetime, now: datetime) -> str:
    """HH:MM in her zone, with the day when it is not today (a pause that ends tomorrow)."""
    tz: tzinfo | None = now.tzinfo
    local = moment.astimezone(tz)
    today = now.astimezone(tz).date()
    if local.date() == today:
        return f"{local:%H:%M}"
    if (local.date() - today).days == 1:
        return f"{local:%H:%M} tomorrow"
    return f"{local:%H:%M} on {local:%a} {local.day} {local:%b}"


def next_text(reminder: Reminder | None, tz_label: str = "") -> str:
    if reminder is None:
        return "Nothing planned"
    what = {Kind.EXERCISE: "exercises", Kind.POSTURE: "posture break", Kind.CALCIUM: "calcium"}
    return f"Next: {what[reminder.kind]} at {reminder.when:%H:%M}{tz_label}"


def session_words(outcome: SessionOutcome, catalog: Catalog) -> str:
    """The status line after a session: "Well done: Bridge, Cat back." or what she did."""
    def title(exercise_id: str) -> str:
        exercise = catalog.exercise(exercise_id)
        return exercise.title if exercise else exercise_id

    done = [title(x) for x in outcome.done_ids]
    partly = [title(x) for x in outcome.partly_ids]
    if outcome.complete:
        return f"Well done: {', '.join(done)}."
    if not outcome.started:
        return "Nothing was saved: come back to it when you are ready."
    parts = [f"done: {', '.join(done)}" if done else "", f"partly: {', '.join(partly)}"
             if partly else ""]
    return f"Saved as partly done ({'; '.join(p for p in parts if p)})."


UNLOCK_LEAD = "From this week you can add "


def one_unlock_sentence(unlocks: Sequence[str]) -> list[str]:
    """Several "From this week you can add X." sentences as one, so the news reads calmly."""
    names = [u.removeprefix(UNLOCK_LEAD).rstrip(".") for u in unlocks]
    if len(unlocks) < 2 or not all(u.startswith(UNLOCK_LEAD) for u in unlocks):
        return list(unlocks)
    return [f"{UNLOCK_LEAD}{', '.join(names[:-1])} and {names[-1]}."]


def recovery_text(profile: Profile, today: date, unlocks: Sequence[str]) -> tuple[str, bool]:
    """The Today page's line about her recovery, and whether to offer the setup again.

    Without a birth date Back Care offers only what is safe in the first week after any birth,
    so she is told why, once, in plain words, with a way to fix it.
    """
    if profile.birth_date is None:
        return (
            "Back Care does not know yet when your baby was born, so it offers only the "
            "gentlest exercises, safe in the first days after any birth. Tell it, and the "
            "exercises will grow with your recovery.",
            True,
        )
    days = max(0, (today - profile.birth_date).days)
    weeks = days // 7
    if weeks == 0:
        when = "Your baby is less than a week old" if days else "Your baby was born today"
    else:
        when = f"Your baby is {weeks} week{'s' if weeks != 1 else ''} old"
    birth = BIRTH_TYPE_WORDS.get(profile.birth_type or "")
    if birth is None:
        text = (f"{when}. Back Care does not know the type of birth, so it follows the more "
                "careful timing after a caesarean.")
        return (" ".join([text, *unlocks]), True)
    said = [f"{when}, after {birth}."]
    if profile.complicated_birth and profile.birth_type != "caesarean":
        said.append("After a deep tear or a complicated birth, Back Care keeps to the slower "
                    "timings used after a caesarean.")
    return (" ".join([*said, *unlocks]), False)


def _count(n: int, unit: str) -> str:
    return f"{n} {unit}{'s' if n != 1 else ''}"


def birth_age_words(birth: date, today: date) -> str:
    """The setup's echo under the birth date: "That is 6 weeks and 2 days ago", "Born today".

    The date field starts on today, and a date is easy to mistype in a spinner; said back in
    weeks, the unit her recovery is counted in, a wrong date shows before it sets the plan.
    """
    days = (today - birth).days
    if days < 0:
        return "That date is still to come; choose the day your baby was born."
    if days == 0:
        return "Born today."
    if days == 1:
        return "That is yesterday."
    weeks, rest = divmod(days, 7)
    if weeks == 0:
        return f"That is {_count(rest, 'day')} ago."
    if rest == 0:
        return f"That is {_count(weeks, 'week')} ago."
    return f"That is {_count(weeks, 'week')} and {_count(rest, 'day')} ago."


# -- closing the window, and quitting -------------------------------------------------------

RUNNING_SUMMARY = "Back Care is still running"
RUNNING_ACTIONS: Actions = ((Action.OPEN, "Open Back Care"),)
QUIT_TITLE = "Quit Back Care?"


def running_body(has_tray: bool) -> str:
    """What the one notice after her first close says: that nothing stopped, and how to stop it.

    Without a tray (stock GNOME, most Wayland desktops) there is no icon to come back through,
    so it names the way back: opening Back Care again, as she opened it the first time.
    """
    if has_tray:
        return ("Your reminders will keep coming. Open the window again from the Back Care icon "
                "in the tray. To stop the reminders, choose Quit in that icon's menu.")
    return ("Your reminders will keep coming. To see the window again, open Back Care as you "
            "did before. To stop the reminders, choose Quit in its File menu, or press Ctrl+Q.")


def quit_question(upcoming: Reminder | None) -> str:
    """Why quitting is worth a question: it silences the reminders she set up, the next first."""
    text = "If you quit, your reminders stop until you open Back Care again."
    if upcoming is not None:
        text += f" {next_text(upcoming)}."
    return text


# -- one tip with each posture break (issue 15) ----------------------------------------------

TIP_MOST = 180  # a notification shows a few lines; the whole tip is on the "Your back" page
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


def short_tip(tip: Tip, most: int = TIP_MOST) -> str:
    """"Title. Text" in at most ``most`` characters: the whole tip when it fits, else as many
    whole sentences as fit, else cut at a word with "…", so no word is ever broken."""
    title = tip.title.rstrip(".")
    whole = f"{title}. {tip.text}"
    if len(whole) <= most:
        return whole
    text_from = len(title) + 2
    ends = [m.end() for m in _SENTENCE_END.finditer(whole, text_from) if m.end() <= most]
    if ends:
        return whole[: ends[-1]]
    room = whole[: most - 1]  # room for the "…"
    space = len(room) if whole[len(room)] == " " else room.rfind(" ", text_from)
    cut = room[:space] if space > 0 else room
    return cut.rstrip(" ,;:-–—") + "…"


def with_tip(body: str, tip: Tip | None, most: int = TIP_MOST) -> str:
    """A posture break's body with one short tip below it (``core.tip_rotation``); no tip (all
    hidden, or none fits her yet) leaves the body as it was."""
    return body if tip is None else f"{body}\n\n{short_tip(tip, most)}"
