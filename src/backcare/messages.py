"""The words of each notification, and its buttons. Pure: no Qt, testable as text.

Kept out of the Qt shell so that what a reminder says and offers is decided in one place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from backcare.core.plan import BIRTH_TYPE_WORDS, Profile
from backcare.core.reminders import Reminder

Actions = tuple[tuple[str, str], ...]
EXERCISE_ACTIONS: Actions = (
    ("default", "Open"), ("start", "Start now"), ("snooze", "Snooze 10 min"), ("skip", "Skip"),
)
POSTURE_ACTIONS: Actions = (
    ("default", "Open"), ("start", "Doing it now"), ("snooze", "Snooze 10 min"), ("skip", "Skip"),
)
CALCIUM_ACTIONS: Actions = (("taken", "Taken"), ("snooze", "Snooze 10 min"))


def notification_for(reminder: Reminder, titles: Mapping[str, str]) -> tuple[str, str, Actions]:
    """(summary, body, actions) for one reminder."""
    if reminder.kind == "exercise":
        names = ", ".join(titles.get(x, x) for x in reminder.exercises)
        label = reminder.what.split(":", 1)[0]
        return (
            f"{label}: a few gentle minutes",
            f"{names}. Open the card to see every step; stop if anything hurts.",
            EXERCISE_ACTIONS,
        )
    if reminder.kind == "posture":
        return (
            "Time for a posture break",
            "Stand up, stretch your back tall and walk about for a minute or two.",
            POSTURE_ACTIONS,
        )
    meal = reminder.what.replace("Calcium with ", "")
    return (
        f"Calcium with {meal}",
        "A glass of milk, calcium-set tofu or a fortified soya drink all count.",
        CALCIUM_ACTIONS,
    )


def away_summary(missed: Sequence[Reminder]) -> tuple[str, str]:
    """One kind sentence for everything missed while the computer slept or the app was off."""
    counts: dict[str, int] = {}
    for r in missed:
        counts[r.kind] = counts.get(r.kind, 0) + 1
    words = {
        "exercise": "exercise session", "posture": "posture break", "calcium": "calcium reminder",
    }
    parts = [
        f"{n} {words.get(kind, kind)}{'s' if n != 1 else ''}"
        for kind, n in sorted(counts.items())
    ]
    listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    return ("While you were away", f"You missed {listed}. That's fine: carry on from now.")


def next_text(reminder: Reminder | None, tz_label: str = "") -> str:
    if reminder is None:
        return "Nothing planned"
    what = {"exercise": "exercises", "posture": "posture break", "calcium": "calcium"}
    return f"Next: {what.get(reminder.kind, reminder.kind)} at {reminder.when:%H:%M}{tz_label}"


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
    return (" ".join([f"{when}, after {birth}.", *unlocks]), False)
