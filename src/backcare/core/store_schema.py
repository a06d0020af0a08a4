"""The store's schema: the history's words, each version's tables, and the way between them.

Kept apart from ``store.py`` so the migrations read as one list. Each version's tables are
also written down as (table, column) pairs (``LAYOUTS``): opening compares the file's schema
with them (a cheap read of ``sqlite_master``), so a file at a known version but with other
tables is told as damage before any migration runs on it.
"""

from __future__ import annotations

import sqlite3
from enum import StrEnum

from backcare.core.store_file import layout_of

SCHEMA_VERSION = 4


class EventKind(StrEnum):
    """What happened to a reminder. The values are the words in the history log's column."""

    SHOWN = "fired"  # told to her (a notification, or the tray's balloon)
    DONE = "done"  # done, or for calcium taken
    PARTLY = "partly"  # a session stopped early: the detail names what she did
    SNOOZED = "snoozed"
    SKIPPED = "skipped"
    PAUSED = "paused"  # fell inside a pause she chose: not asked, not told later
    MISSED = "missed"  # written by versions before 2: "not done" is now derived, never written


EVENTS = tuple(EventKind)
_EVENT_CHECK = ",".join(f"'{e.value}'" for e in EventKind)

_MIGRATIONS: dict[int, str] = {
    1: """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,              -- ISO 8601, UTC
            kind TEXT NOT NULL,            -- exercise, posture, calcium
            reminder_key TEXT NOT NULL,    -- Reminder.key, or an exercise id for a free session
            event TEXT NOT NULL CHECK (event IN ('fired','done','snoozed','skipped','missed')),
            detail TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX events_at ON events (at);
        CREATE INDEX events_key ON events (reminder_key);
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL            -- JSON text
        );
    """,
    # SQLite cannot change a CHECK constraint in place: the table is rebuilt, rows kept.
    2: f"""
        CREATE TABLE events_v2 (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            reminder_key TEXT NOT NULL,
            event TEXT NOT NULL CHECK (event IN ({_EVENT_CHECK})),
            detail TEXT NOT NULL DEFAULT ''
        );
        INSERT INTO events_v2 (id, at, kind, reminder_key, event, detail)
            SELECT id, at, kind, reminder_key, event, detail FROM events;
        DROP TABLE events;
        ALTER TABLE events_v2 RENAME TO events;
        CREATE INDEX events_at ON events (at);
        CREATE INDEX events_key ON events (reminder_key);
    """,
    # The calcium food she took (a foods.toml id). NULL on older rows and on other events: a
    # portion taken before foods were named counts as the unnamed portion (core/calcium.py).
    3: "ALTER TABLE events ADD COLUMN food TEXT",
    # Her pain diary (core/pain_diary.py): one optional rating per session, hers to edit or
    # delete, and the setbacks she reported. No CHECKs: a value this version cannot read is
    # skipped when read, so a newer Back Care's words never stop an older one opening.
    4: """
        CREATE TABLE ratings (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,              -- ISO 8601, UTC
            session_key TEXT UNIQUE,       -- the session's reminder key; NULL: not for one
            pain INTEGER,                  -- 0..10, or NULL
            feel TEXT                      -- easier, same, harder, or NULL
        );
        CREATE INDEX ratings_at ON ratings (at);
        CREATE TABLE setbacks (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,              -- ISO 8601, UTC
            exercise_id TEXT NOT NULL
        );
    """,
}


_V1 = frozenset(
    {("events", c) for c in ("id", "at", "kind", "reminder_key", "event", "detail")}
    | {("settings", "key"), ("settings", "value")}
)
_V3 = _V1 | {("events", "food")}
_V4 = _V3 | {("ratings", c) for c in ("id", "at", "session_key", "pain", "feel")} \
    | {("setbacks", c) for c in ("id", "at", "exercise_id")}
LAYOUTS = {0: frozenset[tuple[str, str]](), 1: _V1, 2: _V1, 3: _V3, 4: _V4}

# Her words for each setting, for the sentence that says one was set aside (never the key).

def migrate(db: sqlite3.Connection, version: int) -> None:
    """Bring the schema from ``version`` to ``SCHEMA_VERSION``, each step in a transaction."""
    for target in range(version + 1, SCHEMA_VERSION + 1):
        # executescript commits any open transaction first, so the script carries its own.
        try:
            db.executescript(
                f"BEGIN IMMEDIATE; {_MIGRATIONS[target]}; PRAGMA user_version = {target}; COMMIT;"
            )
        except sqlite3.Error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise


def usable_copy(memory: sqlite3.Connection) -> bool:
    """True when a copy in memory has Back Care's tables; an older one is brought up to date
    (only the copy: her file is not changed)."""
    try:
        version = int(memory.execute("PRAGMA user_version").fetchone()[0])
        have = layout_of(memory)
        if version > SCHEMA_VERSION:
            return LAYOUTS[SCHEMA_VERSION] <= have
        expected = LAYOUTS.get(version)
        ours = {table for table, _ in expected or ()}
        if expected is None or {p for p in have if p[0] in ours} != expected:
            return False
        migrate(memory, version)
    except sqlite3.Error:
        return False
    return version > 0
