"""Her history and settings, in one SQLite file that never leaves her machine.

Why SQLite: one file, atomic transactions (a crash mid-write loses nothing that was committed),
WAL so the window can read while a reminder writes, and a schema version for migrations.
Privacy: the folder is 0700 and every file 0600, and nothing read back is ever unpickled or
evaluated: settings are JSON text and events are plain columns.

Opening is ``core/store_file.py``; what can go wrong is ``core/store_faults.py``. A file that
really is not a Back Care database (a bad header, a failed check, the wrong tables) is moved
aside with a timestamp, kept, and a fresh one is started; ``notices`` holds the sentence that
tells her so. A problem of the moment (a full disk, a lock, a permission, a read-only disk)
leaves every file as it is: ``Store(..., fallback=False)`` (the command line) raises it as a
``StoreFault`` whose text says what to do; ``fallback=True`` (the app) goes on with a copy in
memory of what could be read, says that nothing is saved until the problem is fixed, and
tries the file again at most once a minute, saving then what she did in the meantime.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from backcare.core import store_file
from backcare.core.private_files import private_dir, write_private
from backcare.core.store_check import BackgroundCheck, mark_damaged
from backcare.core.store_faults import (
    Cause,
    DamageFound,
    NewerFault,
    StoreFault,
    TemporaryFault,
    os_fault,
    sqlite_fault,
)
from backcare.core.store_schema import (
    _MIGRATIONS,
    EVENTS,
    LAYOUTS,
    SCHEMA_VERSION,
    EventKind,
    migrate,
    usable_copy,
)

__all__ = [  # what the rest of the app imports from here
    "DB_NAME", "EVENTS", "SCHEMA_VERSION", "_MIGRATIONS", "Event", "EventKind", "NewerFault",
    "Store", "StoreError", "StoreFault", "TemporaryFault", "move_aside", "private_dir",
    "write_private",
]

DB_NAME = "backcare.sqlite3"
LOCK_WAIT = 5.0  # seconds SQLite waits for another program's lock before it says "locked"
RETRY_EVERY = timedelta(minutes=1)  # while it cannot save: how often the file is tried again
RETRY_WAIT = 0.25  # a retry runs during one of her actions: it may not wait long for a lock


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


# Her words for each setting, for the sentence that says one was set aside (never the key).
SETTING_WORDS = {
    "plan": "your settings",
    "setup": "whether the first-start setup was done",
    "setback_pauses": "the exercises resting after a setback",
    "announced_unlocks": "which new exercises you were told about",
    "last_check": "when Back Care last looked at your reminders",
    "first_start": "when Back Care was first started",
    "paused_until": "your pause",
    "paused_from": "your pause",
    "away_pending": "the \u201cwhile you were away\u201d summary",
}
_AFTER = {"plan": "the defaults are in use"}


class StoreError(Exception):
    """A write the store refused; the message is a sentence for the person."""


def move_aside(path: Path, now: datetime) -> Path:
    """Rename a bad file to ``<name>.corrupt-<UTC time>`` next to it; never delete it."""
    return store_file.move_aside(path, now)


class Store:
    """The history log and settings. ``clock`` returns an aware datetime (injected for tests).

    ``fault`` is None while it saves to her file; otherwise the ``StoreFault`` that stops it,
    and everything happens in a copy in memory (see the module docstring).
    """

    def __init__(self, folder: Path, clock: Callable[[], datetime], *,
                 fallback: bool = False, lock_wait: float = LOCK_WAIT) -> None:
        self.folder = folder
        self.path = folder / DB_NAME
        self._clock = clock
        self._fallback = fallback
        self._lock_wait = lock_wait
        self.notices: list[str] = []
        self.fault: StoreFault | None = None
        self._journal: list[tuple[str, tuple[Any, ...]]] = []  # writes made while not saving
        self._last_try: datetime | None = None
        self._told_unreadable = False
        self._set_aside: set[str] = set()  # settings found unusable this run: defaults used
        self._check: BackgroundCheck | None = None
        try:
            self._db = self._open()
        except StoreFault as fault:
            if not fallback:
                raise
            self._db = self._in_memory(fault, None)

    # -- opening -----------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            return self._open_file()
        except DamageFound as found:
            moved = store_file.set_database_aside(self.path, self._clock())
            self.notices.append(
                f"Your Back Care history and settings could not be read ({found.damage.value}), "
                f"so the file was kept as {moved.name} in {self.folder} and a fresh one was "
                "started, with the default settings. If you exported your settings before, "
                "import them again (Settings \u25b8 Import\u2026)."
            )
        try:
            return self._open_file()
        except DamageFound as again:  # a fresh file that reads as damaged: the disk, not it
            raise TemporaryFault(Cause.DISK_ERROR, self.path, again.damage.value) from again

    def _open_file(self, lock_wait: float | None = None) -> sqlite3.Connection:
        try:
            private_dir(self.folder)
        except OSError as exc:
            raise os_fault(exc, self.folder, noun="folder") from exc
        wait = self._lock_wait if lock_wait is None else lock_wait
        opened = store_file.open_file(self.path, LAYOUTS, migrate, lock_wait=wait,
                                      clock=self._clock)
        if opened.lost_wal is not None:
            self.notices.append(
                "The last changes Back Care saved before it stopped were damaged on the disk, "
                "so the most recent part of your history may be missing; those changes were "
                f"kept as {opened.lost_wal.name} in {self.folder}, and the rest of your "
                "history is there."
            )
        return opened.db

    def _in_memory(
        self, fault: StoreFault, source: sqlite3.Connection | None
    ) -> sqlite3.Connection:
        """Go on in memory, from a copy of what can be read, and tell her what that means."""
        self.fault = fault
        self._last_try = self._clock()
        memory = None
        if source is not None:
            memory = store_file.copy_to_memory(source)
            source.close()
        elif self.folder.is_dir():
            memory = store_file.snapshot(self.path, fault, self._lock_wait)
        readable = memory is not None and usable_copy(memory)
        if not readable:
            if memory is not None:
                memory.close()
            memory = sqlite3.connect(":memory:", isolation_level=None)
            migrate(memory, 0)
        shown = ("shows your history and settings as they were and goes on reminding you"
                 if readable else "reminds you with its default settings")
        if fault.lasting:
            after = f"Until then this Back Care {shown}, but it saves nothing."
        else:
            after = (f"Until then Back Care {shown}; what you do now is saved as soon as it "
                     "can save again, if Back Care is still open.")
        self.notices.append(f"{fault.sentence} {after}")
        return memory

    def retry(self) -> bool:
        """Try her file again after a problem of the moment; True once it saves there again.

        What was written in memory meanwhile is written to the file, in the order it happened.
        """
        if self.fault is None:
            return True
        if self.fault.lasting:
            return False
        self._last_try = self._clock()
        try:
            db = self._open_file(min(self._lock_wait, RETRY_WAIT))
        except (StoreFault, DamageFound):
            return False
        try:
            with _transaction(db):
                for sql, params in self._journal:
                    db.execute(sql, params)
        except sqlite3.Error:
            db.close()
            return False
        self._db.close()
        self._db, self.fault = db, None
        self._journal.clear()
        self.notices.append("Back Care can save again, and what you did while it could not "
                            "is saved too.")
        return True

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        if self._check is not None:
            self._check.stop()
        self._db.close()

    def check_in_background(self) -> threading.Thread | None:
        """Read the whole file once, off the main thread, after start (``PRAGMA quick_check``).

        Damage found is not acted on while she uses the app: it leaves a marker, and the next
        start checks the file fully and sets it aside if the check agrees.
        """
        if self.fault is not None or self._check is not None:
            return None
        self._check = BackgroundCheck(self.path)
        return self._check.thread

    # -- writing -----------------------------------------------------------------------------

    def _write(self, sql: str, params: tuple[Any, ...]) -> sqlite3.Cursor:
        """One statement in its own transaction; the cursor tells the row and rows changed."""
        if self.fault is not None and self._last_try is not None and \
                self._clock() - self._last_try >= RETRY_EVERY:
            self.retry()
        try:
            with _transaction(self._db):
                cursor = self._db.execute(sql, params)
        except sqlite3.Error as exc:
            if self.fault is not None:
                raise
            found = sqlite_fault(exc, self.path)
            if isinstance(found, DamageFound):
                mark_damaged(self.path)
                found = TemporaryFault(Cause.DISK_ERROR, self.path, found.damage.value)
            if not self._fallback:
                raise found from exc
            self._db = self._in_memory(found, self._db)
            with _transaction(self._db):
                cursor = self._db.execute(sql, params)
        if self.fault is not None:
            self._journal.append((sql, params))
        return cursor

    # The pain diary's table (core/pain_diary.py) is written and read through these two, so
    # its writes meet the same faults, fallback and journal as the history's.
    write_row = _write

    def read_rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        return self._db.execute(sql, params).fetchall()

    # -- events ------------------------------------------------------------------------------

    def record(
        self, kind: str, reminder_key: str, event: EventKind, detail: str = "",
        at: datetime | None = None, food: str | None = None,
    ) -> Event:
        if event not in EVENTS:
            raise StoreError(f"'{event}' is not a history event ({', '.join(EVENTS)}).")
        event = EventKind(event)
        when = (at or self._clock()).astimezone(UTC)
        self._write(
            "INSERT INTO events (at, kind, reminder_key, event, detail, food) "
            "VALUES (?,?,?,?,?,?)",
            (when.isoformat(), kind, reminder_key, str(event), detail, food),
        )
        return Event(when, kind, reminder_key, event, detail, food)

    def events(self, start: datetime | None = None, end: datetime | None = None) -> list[Event]:
        lo = (start or datetime(1970, 1, 1, tzinfo=UTC)).astimezone(UTC).isoformat()
        hi = (end or datetime(9999, 1, 1, tzinfo=UTC)).astimezone(UTC).isoformat()
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM events WHERE at >= ? AND at < ? ORDER BY at, id",
            (lo, hi),
        ).fetchall()
        return self._readable(rows)

    def latest_event(self, reminder_key: str) -> Event | None:
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM events WHERE reminder_key = ? ORDER BY at DESC, id DESC",
            (reminder_key,),
        )
        for row in rows:  # newest first; a row that cannot be read is passed over
            found = self._readable([row])
            if found:
                return found[0]
        return None

    def _readable(self, rows: list[Any]) -> list[Event]:
        """The rows as events; one that cannot be read is left out, and said once."""
        events = [e for e in map(_event, rows) if e is not None]
        if len(events) < len(rows) and not self._told_unreadable:
            self._told_unreadable = True
            self.notices.append(
                "Some of your history could not be read (an entry with a time or a word this "
                "Back Care does not know), so it is left out; it stays in the file as it is."
            )
        return events

    # -- settings ----------------------------------------------------------------------------

    def get_setting(self, key: str) -> Any | None:
        """The JSON value stored under ``key``; a value that is not JSON is moved aside."""
        if key in self._set_aside:
            return None
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return json.loads(row[0])
        except (TypeError, ValueError):
            self.set_aside_setting(key, "it was not readable")
        except RecursionError:
            self.set_aside_setting(key, "it nests deeper than any Back Care setting")
        return None

    def set_setting(self, key: str, value: Any) -> None:
        text = json.dumps(value, sort_keys=True)
        self._set_aside.discard(key)
        self._write(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, text),
        )

    def set_aside_setting(self, key: str, why: str) -> Path | None:
        """Keep a bad setting as a file beside the database, remove it, and tell her.

        Where it cannot be kept (nothing is saved just now) it stays in the file as it is and
        only this run uses the defaults. Returns where it was kept, or None.
        """
        self._set_aside.add(key)
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        raw = "" if row is None else str(row[0])
        what = f"Part of Back Care's saved data ({SETTING_WORDS.get(key, 'a saved setting')})"
        after = _AFTER.get(key, "Back Care starts that part afresh")
        target = self.folder / f"settings-{key}.corrupt-{store_file.timestamp(self._clock())}.json"
        if self.fault is None:
            try:
                write_private(target, raw)
            except OSError:
                pass
            else:
                try:
                    self._write("DELETE FROM settings WHERE key = ?", (key,))
                except StoreFault:
                    target.unlink(missing_ok=True)  # still in the database: no second copy
                else:
                    self.notices.append(f"{what} could not be used ({why}), so it was kept as "
                                        f"{target.name} in {self.folder} and {after}.")
                    return target
        self.notices.append(f"{what} could not be used ({why}), so for now {after}; it was "
                            "left in the data file as it is.")
        return None


_COLUMNS = "at, kind, reminder_key, event, detail, food"


def _event(row: tuple[Any, ...]) -> Event | None:
    """One row (``_COLUMNS``, in that order) as an ``Event``, or None if it cannot be one.

    A row can hold anything SQLite's loose typing lets in (a hand edit, a newer Back Care): a
    time that does not parse or has no zone, or a word that is not an ``EventKind``.
    """
    at, kind, key, word, detail, food = row
    try:
        when = datetime.fromisoformat(at)
        event = EventKind(word)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None or not all(isinstance(v, str) for v in (kind, key, detail)):
        return None
    return Event(when, kind, key, event, detail, food if isinstance(food, str) else None)


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.in_transaction:  # SQLite may already have rolled back (a full disk)
            with suppress(sqlite3.Error):
                db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


