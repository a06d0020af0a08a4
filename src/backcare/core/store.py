"""Her history and settings, in one SQLite file that never leaves her machine.

Why SQLite: one file, atomic transactions (a crash mid-write loses nothing that was committed),
WAL so the window can read while a reminder writes, and a schema version for migrations.
Privacy: the folder is 0700 and every file 0600, and nothing read back is ever unpickled or
evaluated: settings are JSON text and events are plain columns.

A database that cannot be opened or fails its integrity check is moved aside with a timestamp,
kept for her or a helper to look at, and a fresh one is started; ``notices`` holds the one
sentence that tells her so.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

DB_NAME = "backcare.sqlite3"
SCHEMA_VERSION = 3


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
}


@dataclass(frozen=True)
class Event:
    """One thing that happened to a reminder, and when (aware, UTC). ``kind`` is the reminder's
    kind as stored ("exercise", "posture", "calcium"): ``reminders.Kind`` values. ``food`` is
    the calcium food she took (a foods.toml id), None for anything else and for older rows."""

    at: datetime
    kind: str
    reminder_key: str
    event: EventKind
    detail: str
    food: str | None = None


class StoreError(Exception):
    """A write the store refused; the message is a sentence for the person."""


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make it readable by her alone."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def _timestamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def move_aside(path: Path, now: datetime) -> Path:
    """Rename a bad file to ``<name>.corrupt-<UTC time>`` next to it; never delete it."""
    target = path.with_name(f"{path.name}.corrupt-{_timestamp(now)}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{_timestamp(now)}-{n}")
        n += 1
    os.replace(path, target)
    return target


class Store:
    """The history log and settings. ``clock`` returns an aware datetime (injected for tests)."""

    def __init__(self, folder: Path, clock: Callable[[], datetime]) -> None:
        self.folder = private_dir(folder)
        self.path = folder / DB_NAME
        self._clock = clock
        self.notices: list[str] = []
        self._db = self._open()

    # -- opening -----------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if not self.path.exists():
            # Create the file ourselves with 0600 so SQLite never makes it world-readable;
            # SQLite gives the -wal and -shm files the database file's permissions.
            fd = os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        os.chmod(self.path, 0o600)
        db = sqlite3.connect(self.path, isolation_level=None, timeout=5.0)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        check = db.execute("PRAGMA quick_check").fetchone()
        if check is None or check[0] != "ok":
            db.close()
            raise sqlite3.DatabaseError(f"integrity check failed: {check}")
        self._migrate(db)
        return db

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.DatabaseError:
            moved = self._move_database_aside()
            self.notices.append(
                "Your Back Care history could not be read, so it was set aside as "
                f"{moved.name} in {self.folder} and a fresh one was started."
            )
            return self._connect()

    def _move_database_aside(self) -> Path:
        now = self._clock()
        moved = move_aside(self.path, now)
        for suffix in ("-wal", "-shm"):
            extra = self.path.with_name(self.path.name + suffix)
            if extra.exists():
                os.replace(extra, moved.with_name(moved.name + suffix))
        return moved

    def _migrate(self, db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(
                f"schema version {version} is newer than this app knows ({SCHEMA_VERSION})"
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            # executescript commits any open transaction first, so the script carries its own.
            try:
                script = _MIGRATIONS[target]
                db.executescript(
                    f"BEGIN IMMEDIATE; {script}; PRAGMA user_version = {target}; COMMIT;"
                )
            except sqlite3.Error:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self._db.close()

    # -- events ------------------------------------------------------------------------------

    def record(
        self, kind: str, reminder_key: str, event: EventKind, detail: str = "",
        at: datetime | None = None, food: str | None = None,
    ) -> Event:
        if event not in EVENTS:
            raise StoreError(f"'{event}' is not a history event ({', '.join(EVENTS)}).")
        event = EventKind(event)
        when = (at or self._clock()).astimezone(UTC)
        with _transaction(self._db):
            self._db.execute(
                "INSERT INTO events (at, kind, reminder_key, event, detail, food) "
                "VALUES (?,?,?,?,?,?)",
                (when.isoformat(), kind, reminder_key, event, detail, food),
            )
        return Event(when, kind, reminder_key, event, detail, food)

    def events(self, start: datetime | None = None, end: datetime | None = None) -> list[Event]:
        lo = (start or datetime(1970, 1, 1, tzinfo=UTC)).astimezone(UTC).isoformat()
        hi = (end or datetime(9999, 1, 1, tzinfo=UTC)).astimezone(UTC).isoformat()
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM events WHERE at >= ? AND at < ? ORDER BY at, id",
            (lo, hi),
        ).fetchall()
        return [_event(row) for row in rows]

    def latest_event(self, reminder_key: str) -> Event | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM events WHERE reminder_key = ? "
            "ORDER BY at DESC, id DESC LIMIT 1",
            (reminder_key,),
        ).fetchone()
        return None if row is None else _event(row)

    # -- settings ----------------------------------------------------------------------------

    def get_setting(self, key: str) -> Any | None:
        """The JSON value stored under ``key``; a value that is not JSON is moved aside."""
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return json.loads(row[0])
        except json.JSONDecodeError:
            self.set_aside_setting(key, "it was not readable")
            return None

    def set_setting(self, key: str, value: Any) -> None:
        text = json.dumps(value, sort_keys=True)
        with _transaction(self._db):
            self._db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, text),
            )

    def set_aside_setting(self, key: str, why: str) -> Path:
        """Keep a bad setting as a file beside the database, remove it, and tell her."""
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        raw = "" if row is None else str(row[0])
        target = self.folder / f"settings-{key}.corrupt-{_timestamp(self._clock())}.json"
        write_private(target, raw)
        with _transaction(self._db):
            self._db.execute("DELETE FROM settings WHERE key = ?", (key,))
        self.notices.append(
            f"Your saved {key} settings could not be used ({why}), so they were kept as "
            f"{target.name} in {self.folder} and the defaults are in use."
        )
        return target


_COLUMNS = "at, kind, reminder_key, event, detail, food"


def _event(row: tuple[Any, ...]) -> Event:
    """One row (``_COLUMNS``, in that order) as an ``Event``."""
    return Event(datetime.fromisoformat(row[0]), row[1], row[2], EventKind(row[3]), row[4], row[5])


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def write_private(path: Path, text: str, *, own_folder: bool = True) -> None:
    """Write ``text`` atomically (temp file + rename) with 0600 permissions.

    ``own_folder``: the folder is Back Care's, so it is created and made 0700 too; a folder
    she chose (an export to Documents or a USB stick) is left as it is.
    """
    if own_folder:
        private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
