"""What the report for her physiotherapist says, gathered from her store (no Qt).

The report covers the weeks from ``start`` to ``end`` (her days, in her zone): the sums
``core.history.read_history`` makes for the History page (so the two never disagree), and how
many times she did each exercise, fully or partly. An exercise counts on the day its session
belongs to (``history.key_day``), from the session's last answer: a guided session records
which exercises were done and which partly (``{"done": [...], "partly": [...]}``); an answer
from a notification names none, so the session's own exercises (in its key) count, fully for
"done", partly for "partly".
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from backcare.core.history import History, key_day, latest_stored, read_history
from backcare.core.plan import Plan
from backcare.core.reminders import Kind
from backcare.core.store import Event, EventKind, Store

_DAY = timedelta(days=1)
_ANSWERS = (EventKind.DONE, EventKind.PARTLY, EventKind.SKIPPED)


@dataclass(frozen=True)
class ExerciseCount:
    """One exercise's times in the report's span: ``fully`` done, ``partly`` done."""

    exercise_id: str
    name: str
    fully: int
    partly: int


@dataclass(frozen=True)
class ReportData:
    """Everything the report draws: her span, her history over it, her exercises."""

    start: date
    end: date
    today: date
    birth: date | None
    history: History
    exercises: tuple[ExerciseCount, ...]
    answers: int  # reminders she answered (done, partly, skipped) in the span

    @property
    def empty(self) -> bool:
        """She answered nothing and rated nothing in the span: the report says so, rather
        than chart a span of sessions Back Care was perhaps not there to remind her of."""
        return self.answers == 0 and not self.history.ratings


def _ids_in_key(key: str) -> list[str]:
    """The exercise ids a session key ends with (``exercise:2026-12-01:bridge+cat``)."""
    tail = key.rsplit(":", 1)[-1]
    return [part for part in tail.split("+") if part]


def _detail_ids(detail: str) -> tuple[list[str], list[str]] | None:
    if not detail:
        return None
    try:
        found = json.loads(detail)
    except ValueError:
        return None
    if not isinstance(found, dict):
        return None
    done = [i for i in found.get("done", []) if isinstance(i, str)]
    partly = [i for i in found.get("partly", []) if isinstance(i, str)]
    return done, partly


def exercise_counts(events: Iterable[Event], tz: tzinfo, start: date, end: date,
                    names: Mapping[str, str]) -> tuple[ExerciseCount, ...]:
    """Each exercise's times done fully and partly, most done first (see the module
    docstring); ``events`` are each reminder's latest (``history.latest_stored``)."""
    fully: Counter[str] = Counter()
    partly: Counter[str] = Counter()
    for event in events:
        if event.kind != Kind.EXERCISE or event.event not in (EventKind.DONE, EventKind.PARTLY):
            continue
        day = key_day(event.reminder_key) or event.at.astimezone(tz).date()
        if not start <= day <= end:
            continue
        said = _detail_ids(event.detail)
        if said is not None and (said[0] or said[1]):
            fully.update(dict.fromkeys(said[0], 1))
            partly.update(i for i in dict.fromkeys(said[1]) if i not in said[0])
        elif event.event is EventKind.DONE:
            fully.update(dict.fromkeys(_ids_in_key(event.reminder_key), 1))
        else:
            partly.update(dict.fromkeys(_ids_in_key(event.reminder_key), 1))
    ids = set(fully) | set(partly)
    rows = [ExerciseCount(i, names.get(i, i.replace("-", " ").capitalize()), fully[i], partly[i])
            for i in ids]
    return tuple(sorted(rows, key=lambda r: (-(r.fully + r.partly), r.name)))


def report_data(store: Store, plan: Plan, tz: tzinfo, start: date, end: date, now: datetime,
                names: Mapping[str, str], *, first_weekday: int = 0,
                food_mg: Mapping[str, int] | None = None,
                portion_mg: int | None = None) -> ReportData:
    """Her history over [start, end] (``read_history``) and her exercises' counts."""
    extra = {} if portion_mg is None else {"portion_mg": portion_mg}
    history = read_history(store, plan, tz, start, end, now, first_weekday=first_weekday,
                           food_mg=food_mg, **extra)
    lo = datetime.combine(start, time(0), tzinfo=tz) - 2 * _DAY
    hi = datetime.combine(end, time(0), tzinfo=tz) + 3 * _DAY
    events = [e for e in latest_stored(store, lo, hi)
              if start <= (key_day(e.reminder_key) or e.at.astimezone(tz).date()) <= end]
    answers = sum(1 for e in events if e.event in _ANSWERS)
    return ReportData(start, end, now.astimezone(tz).date(), plan.profile.birth_date,
                      history, exercise_counts(events, tz, start, end, names), answers)
