"""The lifecycle's inputs and outputs as types: her ``Answer``, and the ``Changes`` every input
returns (what to show, close, summarise and redraw), so adapters and pages can be written and
tested against them without the lifecycle itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from backcare.core.reminders import Kind, Reminder
from backcare.core.store import Event, EventKind
from backcare.core.today import Action


class Answer(StrEnum):
    """Her answer to a reminder, from a notification button, the Today page or a session."""

    DONE = "done"
    PARTLY = "partly"
    TAKEN = "taken"
    SNOOZE = "snooze"
    SKIP = "skip"


ANSWERS = {  # a button (notification or Today page) that answers, and the answer it gives
    Action.DONE: Answer.DONE, Action.TAKEN: Answer.TAKEN, Action.SNOOZE: Answer.SNOOZE,
    Action.SKIP: Answer.SKIP,
}
RECORDS = {  # what each answer writes in the history log
    Answer.DONE: EventKind.DONE, Answer.TAKEN: EventKind.DONE, Answer.PARTLY: EventKind.PARTLY,
    Answer.SNOOZE: EventKind.SNOOZED, Answer.SKIP: EventKind.SKIPPED,
}


@dataclass(frozen=True)
class Changes:
    """What one input changed: the adapters' and pages' one source of "what to redo"."""

    show: tuple[Reminder, ...] = ()  # to tell her now, in order
    close: tuple[Kind, ...] = ()  # notifications to take down (answered, or gone from the plan)
    away: tuple[Reminder, ...] = ()  # one "while you were away" summary of these
    recorded: tuple[Event, ...] = ()
    day: bool = False  # today's list, the next reminder, the calcium tally
    quiet: bool = False  # a pause or nap began or ended
    new_day: bool = False  # her date moved on: the day's progression is to be re-applied

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.show + other.show, tuple(dict.fromkeys(self.close + other.close)),
            self.away + other.away, self.recorded + other.recorded, self.day or other.day,
            self.quiet or other.quiet, self.new_day or other.new_day,
        )

    def __bool__(self) -> bool:
        return bool(self.show or self.close or self.away or self.recorded or self.day
                    or self.quiet or self.new_day)
