"""What the lifecycle keeps in the store across restarts, and how it reads it back.

Four moments (Back Care's first start, the last check, a pause's start and end), the "while
you were away" summary gathered but not told yet, and which stored events a correct clock could
have written (``CLOCK_SLACK``). Kept apart from the rules (``lifecycle``) because this is only
their memory: it decides nothing about a reminder, and it reads every value defensively, since
the store may hand back a row another version wrote or a damaged one (a value that is not an
aware time, or not a summary, reads as none). The keys are importable from ``lifecycle`` too,
where the code that names them looks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from backcare.core.reminders import Kind
from backcare.core.store import Event, Store

CLOCK_SLACK = timedelta(minutes=2)  # an event stamped later than now + this: a clock ran ahead

LAST_CHECK = "last_check"
FIRST_START = "first_start"  # before this, nothing was hers to miss: Back Care was not there
PAUSED_UNTIL = "paused_until"
PAUSED_FROM = "paused_from"
AWAY_PENDING = "away_pending"  # the summary not told yet: {"since": iso, "items": [[kind, key]]}


@dataclass
class PendingSummary:
    """The summary gathered but not told yet (kept in the store across restarts)."""

    since: datetime
    items: list[tuple[Kind, str]] = field(default_factory=list)


class StoredState:
    """Mixin for ``Lifecycle``: its moments and its untold summary, read from and written to
    ``self.store`` (settings rows), and the events it may trust (``_trusted``)."""

    store: Store

    def _time_setting(self, key: str) -> datetime | None:
        raw = self.store.get_setting(key)
        try:
            moment = datetime.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            return None
        return moment if moment is not None and moment.tzinfo is not None else None

    def _set_time(self, key: str, moment: datetime | None) -> None:
        self.store.set_setting(key, None if moment is None else moment.isoformat())

    def first_start(self) -> datetime | None:
        return self._time_setting(FIRST_START)

    def paused(self, now: datetime) -> tuple[datetime, datetime] | None:
        """The pause in force at ``now``, as (from, until), or None."""
        until = self._time_setting(PAUSED_UNTIL)
        if until is None or until <= now:
            return None
        return (self._time_setting(PAUSED_FROM) or now, until)

    def _pending(self) -> PendingSummary | None:
        raw = self.store.get_setting(AWAY_PENDING)
        if not isinstance(raw, dict) or not isinstance(raw.get("since"), str):
            return None
        try:
            since = datetime.fromisoformat(raw["since"])
            items = [(Kind(kind), str(key)) for kind, key in raw.get("items", [])]
        except (ValueError, TypeError):
            return None
        return PendingSummary(since, items) if since.tzinfo is not None else None

    def _save_pending(self, pending: PendingSummary | None) -> None:
        value = None if pending is None else {
            "since": pending.since.isoformat(),
            "items": [[kind.value, key] for kind, key in pending.items],
        }
        self.store.set_setting(AWAY_PENDING, value)

    def _trusted(self, start: datetime, now: datetime) -> list[Event]:
        """The events since ``start`` that a correct clock could have written by ``now``."""
        return self.store.events(start, now + CLOCK_SLACK)
