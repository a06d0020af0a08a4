"""Her back-pain diary: after a session, pain now (0 to 10) and whether it felt easier, the
same or harder; and the setbacks she reported ("this made my back worse").

Why a diary at all: a pain score over the weeks is what her physiotherapist or doctor asks
for, and seeing it fall keeps her going. Every answer is optional, and the diary is hers: an
entry can be edited or deleted. One session is rated at most once (the ``ratings`` table's
``session_key`` is UNIQUE), so she is never asked twice.

Stored in the same SQLite file as the history (schema 4, ``store_schema``), written through
the store so a full disk or a lock is met the way every other write meets it. Reading is
tolerant: a row this version cannot read (a hand edit, a newer Back Care's word) is skipped,
never raised. Pure: no Qt, no clock of its own (every moment is passed in).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from backcare.core.store import Store

PAIN_MAX = 10
_LOW, _HIGH = "0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00"


class Feel(StrEnum):
    """How the session felt compared with the last time. The values are the stored words."""

    EASIER = "easier"
    SAME = "same"
    HARDER = "harder"


@dataclass(frozen=True)
class Rating:
    """One diary entry. ``session_key`` is the session's reminder key (or a free session's
    key), None for an entry not tied to a session; ``pain`` 0..10 or None; ``feel`` or None."""

    id: int
    at: datetime  # aware, UTC
    session_key: str | None
    pain: int | None
    feel: Feel | None


@dataclass(frozen=True)
class SetbackNote:
    """She said an exercise made her back worse, at ``at`` (aware, UTC)."""

    id: int
    at: datetime
    exercise_id: str


def _pain(pain: int | None) -> int | None:
    if pain is None:
        return None
    if isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= PAIN_MAX:
        raise ValueError(f"Pain is a whole number from 0 to {PAIN_MAX}, not {pain!r}.")
    return pain


def _utc(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"A diary time must be aware (with a time zone), not {at}.")
    return at.astimezone(UTC)


def _bounds(start: datetime | None, end: datetime | None) -> tuple[str, str]:
    return (_LOW if start is None else _utc(start).isoformat(),
            _HIGH if end is None else _utc(end).isoformat())


def _rating(row: tuple[Any, ...]) -> Rating | None:
    """A row (id, at, session_key, pain, feel) as a Rating, or None if it cannot be one."""
    ident, at, key, pain, feel = row
    try:
        when = datetime.fromisoformat(at)
        felt = None if feel is None else Feel(feel)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None or not isinstance(ident, int):
        return None
    if key is not None and not isinstance(key, str):
        return None
    if pain is not None and (isinstance(pain, bool) or not isinstance(pain, int)
                             or not 0 <= pain <= PAIN_MAX):
        return None
    return Rating(ident, when.astimezone(UTC), key, pain, felt)


class PainDiary:
    """The diary in her store. Every method reads or writes at once; nothing is cached."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, session_key: str | None, pain: int | None, feel: Feel | None,
            at: datetime) -> Rating | None:
        """Write a rating; None (nothing written) when that session is rated already, so a
        second tap or a second window can never make two entries for one session."""
        pain, when = _pain(pain), _utc(at)
        felt = None if feel is None else Feel(feel)
        cursor = self.store.write_row(
            "INSERT OR IGNORE INTO ratings (at, session_key, pain, feel) VALUES (?,?,?,?)",
            (when.isoformat(), session_key, pain, None if felt is None else felt.value),
        )
        if cursor.rowcount != 1:
            return None
        return Rating(int(cursor.lastrowid or 0), when, session_key, pain, felt)

    def edit(self, rating_id: int, pain: int | None, feel: Feel | None) -> bool:
        """Change an entry's pain and feel (its time and session stay); False if it is gone."""
        felt = None if feel is None else Feel(feel)
        cursor = self.store.write_row(
            "UPDATE ratings SET pain = ?, feel = ? WHERE id = ?",
            (_pain(pain), None if felt is None else felt.value, rating_id),
        )
        return cursor.rowcount == 1

    def delete(self, rating_id: int) -> bool:
        """Remove an entry for good; False if there was none. The session may be rated again."""
        return self.store.write_row("DELETE FROM ratings WHERE id = ?", (rating_id,)).rowcount == 1

    def ratings(self, start: datetime | None = None,
                end: datetime | None = None) -> list[Rating]:
        """The readable entries in [start, end), oldest first."""
        rows = self.store.read_rows(
            "SELECT id, at, session_key, pain, feel FROM ratings "
            "WHERE at >= ? AND at < ? ORDER BY at, id", _bounds(start, end))
        return [r for r in map(_rating, rows) if r is not None]

    def get(self, rating_id: int) -> Rating | None:
        rows = self.store.read_rows(
            "SELECT id, at, session_key, pain, feel FROM ratings WHERE id = ?", (rating_id,))
        return _rating(rows[0]) if rows else None

    def rated(self, session_key: str) -> bool:
        """True once the session has an entry (even one this version cannot read)."""
        rows = self.store.read_rows(
            "SELECT 1 FROM ratings WHERE session_key = ? LIMIT 1", (session_key,))
        return bool(rows)

    # -- setbacks ------------------------------------------------------------------------------

    def note_setback(self, exercise_id: str, at: datetime) -> SetbackNote:
        """Keep "this made my back worse" for the history (the pause itself is a setting that
        ends; this note does not), so the pain trend can mark it."""
        when = _utc(at)
        cursor = self.store.write_row(
            "INSERT INTO setbacks (at, exercise_id) VALUES (?, ?)",
            (when.isoformat(), exercise_id))
        return SetbackNote(int(cursor.lastrowid or 0), when, exercise_id)

    def setbacks(self, start: datetime | None = None,
                 end: datetime | None = None) -> list[SetbackNote]:
        rows = self.store.read_rows(
            "SELECT id, at, exercise_id FROM setbacks WHERE at >= ? AND at < ? ORDER BY at, id",
            _bounds(start, end))
        notes = []
        for ident, at, exercise_id in rows:
            try:
                when = datetime.fromisoformat(at)
            except (TypeError, ValueError):
                continue
            if when.tzinfo is not None and isinstance(exercise_id, str) and \
                    isinstance(ident, int):
                notes.append(SetbackNote(ident, when.astimezone(UTC), exercise_id))
        return notes
