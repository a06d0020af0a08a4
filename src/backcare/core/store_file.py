"""Opening her database file: quick, never following a link, and telling damage from a fault.

Every start opens the same file, so opening costs the same with ten events or a million: the
first 100 bytes (the header) are read and checked, the table layout is read from the schema,
and nothing walks the data. A whole-file check (``PRAGMA integrity_check``, 0.6 s at a
million events) runs only when something looks wrong: the header disagrees with the file's
size, SQLite reports damage, committed changes were lost from the write-ahead log, or the
check run in the background after the last start found a problem (the ``.check-failed``
marker). ``Store.check_in_background`` runs the same check after start, off the main thread.

Nothing outside the data folder is created, opened or chmodded: the database and its ``-wal``
and ``-shm`` files are looked at with ``lstat`` before SQLite is given the path, a new file is
made with ``O_EXCL | O_NOFOLLOW`` and moved into place whole, and modes are set through a file
descriptor opened with ``O_NOFOLLOW``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from backcare.core.private_files import sync_folder
from backcare.core.store_faults import (
    Cause,
    Damage,
    DamageFound,
    NewerFault,
    StoreFault,
    TemporaryFault,
    os_fault,
    side_file_fault,
    sqlite_fault,
)

SIDE_FILES = ("-wal", "-shm")
MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100
CHECK_FAILED = ".check-failed"  # beside the database: the background check found damage


@dataclass(frozen=True)
class Opened:
    """A connection to her file, and what opening it found worth telling her."""

    db: sqlite3.Connection
    lost_wal: Path | None = None  # committed changes SQLite could not read; the log kept here


def side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def timestamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def open_file(
    path: Path, schema: Mapping[int, frozenset[tuple[str, str]]],
    migrate: Callable[[sqlite3.Connection, int], None], *, lock_wait: float,
    clock: Callable[[], datetime],
) -> Opened:
    """Open (creating if need be) the database at ``path``, checked and migrated.

    ``schema`` maps each version to the (table, column) pairs it has. Raises ``DamageFound``
    (the caller sets the file aside), ``NewerFault`` or ``TemporaryFault`` (files untouched).
    """
    for candidate in (path, *(side(path, s) for s in SIDE_FILES)):
        fault = side_file_fault(candidate)
        if fault is not None:
            raise fault
    if not path.exists():
        _create(path, migrate)
    looks_wrong = _check_header(path, max(schema))
    wal = side(path, "-wal")
    wal_copy = _copy_log(wal) if _size(wal) > 32 else None
    try:
        db = _connect(path, lock_wait)
        try:
            version = _layout(db, path, schema)
            _settle(db)
            lost = _lost_commits(db, wal_copy, path, clock)
            if lost is not None:
                looks_wrong = True
            marker = side(path, CHECK_FAILED)
            looks_wrong = looks_wrong or marker.exists()
            if looks_wrong:
                whole_file_check(db)
                marker.unlink(missing_ok=True)
            if version < max(schema):
                migrate(db, version)
        except BaseException:
            db.close()
            raise
    except sqlite3.Error as exc:
        raise sqlite_fault(exc, path) from exc
    finally:
        if wal_copy is not None:
            wal_copy.unlink(missing_ok=True)
    return Opened(db, lost)


def _size(path: Path) -> int:
    try:
        return path.lstat().st_size
    except OSError:
        return 0


def _create(path: Path, migrate: Callable[[sqlite3.Connection, int], None]) -> None:
    """Make a new, migrated database beside ``path`` and move it into place whole.

    So a file at ``path`` is always a whole Back Care database: one that is empty there later
    was emptied by something else, and is told as damage rather than quietly started afresh.
    """
    temp = path.with_name(f".{path.name}.new-{os.getpid()}")
    for leftover in (temp, *(side(temp, s) for s in SIDE_FILES)):
        leftover.unlink(missing_ok=True)
    try:
        fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
        os.close(fd)
    except OSError as exc:
        raise os_fault(exc, path) from exc
    try:
        db = _connect(temp, lock_wait=1.0)
        try:
            _settle(db)
            migrate(db, 0)
        finally:
            db.close()  # the last connection: the log is written back and removed
        try:
            os.link(temp, path)  # never replaces a file someone made meanwhile
        except FileExistsError:
            pass
        except OSError:
            if not path.exists():
                os.rename(temp, path)  # a file system without hard links (FAT)
        sync_folder(path.parent)
    except sqlite3.Error as exc:
        raise sqlite_fault(exc, path) from exc
    except OSError as exc:
        raise os_fault(exc, path) from exc
    finally:
        for leftover in (temp, *(side(temp, s) for s in SIDE_FILES)):
            leftover.unlink(missing_ok=True)


def _check_header(path: Path, known: int) -> bool:
    """Read the header and make the file 0600; True when its size disagrees with the header.

    Raises ``DamageFound`` for an empty file or one that is not SQLite's, ``NewerFault`` for a
    newer schema (before SQLite opens it, so it is not touched at all).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as exc:
        raise os_fault(exc, path) from exc
    try:
        info = os.fstat(fd)
        if info.st_mode & 0o777 != 0o600:
            os.fchmod(fd, 0o600)  # hers (side_file_fault checked), and not through a link
        header = os.pread(fd, HEADER_BYTES, 0)
    except OSError as exc:
        raise os_fault(exc, path) from exc
    finally:
        os.close(fd)
    if not header:
        raise DamageFound(Damage.EMPTY)
    if len(header) < HEADER_BYTES or not header.startswith(MAGIC):
        raise DamageFound(Damage.NOT_A_DATABASE)
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise DamageFound(Damage.NOT_A_DATABASE)
    (version,) = struct.unpack(">i", header[60:64])
    if version > known:
        raise NewerFault(path.parent, version, known)
    changes, pages, valid_for = (struct.unpack(">I", header[i:i + 4])[0] for i in (24, 28, 92))
    # The header's page count is to be trusted only when nonzero and its change counter
    # matches (https://sqlite.org/fileformat.html#in_header_database_size).
    counted = pages != 0 and changes == valid_for
    return info.st_size % page_size != 0 or (counted and pages * page_size != info.st_size)


def _connect(path: Path, lock_wait: float) -> sqlite3.Connection:
    """A connection that has read the schema once (so SQLite has opened the log and the
    index); closed again if that fails, because a connection left to the garbage collector
    deletes whatever log is there by then, even a new database's."""
    db = sqlite3.connect(path, isolation_level=None, timeout=lock_wait)
    try:
        db.execute("PRAGMA user_version").fetchone()
    except BaseException:
        db.close()
        raise
    return db


def _settle(db: sqlite3.Connection) -> None:
    """The store's settings, once the file is known to be Back Care's: changing the journal
    mode of a file that is set aside would change what is kept."""
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")


def layout_of(db: sqlite3.Connection) -> frozenset[tuple[str, str]]:
    """Every (table, column) pair the database holds, read from its schema (no data read)."""
    rows = db.execute(
        "SELECT m.name, p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p "
        "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return frozenset((str(t), str(c)) for t, c in rows)


def _layout(db: sqlite3.Connection, path: Path,
            schema: Mapping[int, frozenset[tuple[str, str]]]) -> int:
    """The schema version, once the tables are the ones that version has."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > max(schema):  # written through the log since the header was read
        raise NewerFault(path.parent, version, max(schema))
    expected = schema.get(version)
    if expected is None:
        raise DamageFound(Damage.WRONG_TABLES)
    have = layout_of(db)
    ours = {table for table, _ in expected}
    if {pair for pair in have if pair[0] in ours} != expected or (version == 0 and have):
        raise DamageFound(Damage.WRONG_TABLES)
    return version


def whole_file_check(db: sqlite3.Connection, pragma: str = "integrity_check") -> None:
    """Read every page; raises ``DamageFound`` unless SQLite says "ok"."""
    rows = db.execute(f"PRAGMA {pragma}").fetchmany(3)
    if [tuple(r) for r in rows] != [("ok",)]:
        raise DamageFound(Damage.FAILED_CHECK)


# -- the write-ahead log --------------------------------------------------------------------


def _copy_log(wal: Path) -> Path | None:
    """A copy of a log left by a start that did not close, taken before SQLite reads it (and
    may overwrite it), so a damaged one can be kept; None if it cannot be copied."""
    copy = wal.with_name(f".{wal.name}.{os.getpid()}")
    try:
        with open(wal, "rb") as source:
            fd = os.open(copy, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "wb") as target:
                shutil.copyfileobj(source, target)
    except OSError:
        copy.unlink(missing_ok=True)
        return None
    return copy


def commit_frames(wal: bytes) -> list[int]:
    """The 1-based numbers of the frames that end a transaction, among the frames written
    since the log last restarted (those carrying the header's salt), read from the frame
    headers alone (https://sqlite.org/fileformat.html#the_write_ahead_log)."""
    if len(wal) < 32 or wal[:4] not in (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83"):
        return []
    (page_size,) = struct.unpack(">I", wal[8:12])
    salts = wal[16:24]
    frame = 24 + page_size
    commits: list[int] = []
    for number, offset in enumerate(range(32, len(wal) - frame + 1, frame), start=1):
        if wal[offset + 8:offset + 16] != salts:
            break
        if struct.unpack(">I", wal[offset + 4:offset + 8])[0]:
            commits.append(number)
    return commits


def _lost_commits(db: sqlite3.Connection, copy: Path | None, path: Path,
                  clock: Callable[[], datetime]) -> Path | None:
    """Where the log was kept, if SQLite could not read transactions it holds as committed.

    SQLite reads a log up to its first damaged frame and quietly drops the rest, committed or
    not; the frames' own headers say whether anything committed lay beyond that point.
    """
    if copy is None:
        return None
    row = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    valid = -1 if row is None else int(row[1])
    try:
        commits = commit_frames(copy.read_bytes())
    except OSError:
        return None
    if valid < 0 or not any(n > valid for n in commits):
        return None
    kept = path.with_name(f"{path.name}-wal.damaged-{timestamp(clock())}")
    try:
        os.replace(copy, kept)
    except OSError:
        return None
    return kept


# -- setting a damaged file aside, and reading what can be read ----------------------------


def move_aside(path: Path, now: datetime) -> Path:
    """Rename a bad file to ``<name>.corrupt-<UTC time>`` next to it; never delete it."""
    target = path.with_name(f"{path.name}.corrupt-{timestamp(now)}")
    n = 1
    while os.path.lexists(target):
        target = path.with_name(f"{path.name}.corrupt-{timestamp(now)}-{n}")
        n += 1
    os.replace(path, target)
    return target


def set_database_aside(path: Path, now: datetime) -> Path:
    """Move the database and its log and index aside together; raises ``TemporaryFault``."""
    try:
        moved = move_aside(path, now)
        for suffix in SIDE_FILES:
            extra = side(path, suffix)
            if os.path.lexists(extra):
                os.replace(extra, side(moved, suffix))
        side(path, CHECK_FAILED).unlink(missing_ok=True)
    except OSError as exc:
        raise os_fault(exc, path) from exc
    return moved


def snapshot(path: Path, fault: StoreFault, lock_wait: float) -> sqlite3.Connection | None:
    """A copy in memory of what can be read of ``path`` without changing it, or None.

    Read-only first; then "immutable", which takes no lock and ignores the log (so it reads
    past a lock or a read-only disk, missing only what was not written back yet). Where there
    is no log, "immutable" first: it reads everything then, and creates no ``-shm``. Nothing
    behind a link, and nothing at all when the database itself is what is in the way.
    """
    ways = ["mode=ro", "mode=ro&immutable=1"]
    if isinstance(fault, TemporaryFault) and fault.cause in (Cause.LINK, Cause.IN_THE_WAY):
        if fault.path == path:
            return None
        ways = ways[1:]  # the log or the index is the problem: read the database alone
    elif _size(side(path, "-wal")) == 0:
        ways.reverse()  # no log, so no writer: the file alone is all of it (and no -shm made)
    for way in ways:
        try:
            source = sqlite3.connect(f"{path.absolute().as_uri()}?{way}", uri=True,
                                     timeout=min(lock_wait, 0.5), isolation_level=None)
        except sqlite3.Error:
            continue
        try:
            memory = copy_to_memory(source)
        finally:
            source.close()
        if memory is not None:
            return memory
    return None


def copy_to_memory(source: sqlite3.Connection) -> sqlite3.Connection | None:
    """All of ``source`` copied into a new in-memory database, or None if it cannot be read.

    The read lock is taken first, with the connection's own wait: SQLite's backup, when it
    meets another program's lock, would otherwise wait and try again for ever.
    """
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        source.backup(memory)
        return memory
    except sqlite3.Error:
        memory.close()
        return None
    finally:
        if source.in_transaction:
            with suppress(sqlite3.Error):
                source.execute("ROLLBACK")
