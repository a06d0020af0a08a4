""""Delete all my data": what Back Care keeps of hers, found, listed, and then deleted.

Why a plan first: the confirmation must list exactly what will go, and the same list is what
is deleted, so nothing is deleted that she was not shown. ``plan_erase`` only looks (``lstat``,
never following a link); ``carry_out`` deletes.

What is Back Care's: in her data folder, the database and its ``-wal`` and ``-shm``, the copies
the store kept aside (``<db>.corrupt-<time>`` with their own -wal/-shm, ``<db>-wal.damaged-
<time>``, ``settings-<key>.corrupt-<time>.json``), the ``.check-failed`` marker, temporary files
left by a write that was cut short, and the lock folder ``run/``; in the cache folder, the
parse cache; on the desktop, the autostart entry and the launcher with its icon. Those two
are asked about separately: they are not her data, only ways to start Back Care.

The rules: only files with Back Care's own names are deleted; a link is removed as a link,
never followed (its target is not touched); a folder is only ever removed when empty, and only
one Back Care made and named (the default data folder, the cache folder, ``run/``): a folder
she chose with ``--data-dir`` is emptied of Back Care's files and left. Another file in one of
these folders is hers and stays; the folder then stays too, and the result says so.

A lock is a problem of the moment, not damage: when the database is open in a running Back
Care (SQLite says "locked"), nothing at all is deleted, and the sentence says to quit Back Care
first. The running app itself closes its store before it carries the plan out
(``app/delete_data.py``). A file that is not a database any more is simply deleted.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path

from backcare.core.store import DB_NAME
from backcare.core.store_file import CHECK_FAILED
from backcare.desktop.desktop_entry import (  # no Qt there: the command line uses it too
    autostart_path,
    icon_path,
    launcher_path,
)

RUN_FOLDER = "run"  # desktop/instance_lock.py: the lock's folder when the runtime one is unusable
CACHE_FILE = "parsed-content.json"  # settings.content_cache_path
LOCK_WAIT = 0.5  # seconds: a running Back Care holds the file open for as long as it runs

_STAMP = r"\d{8}T\d{6}Z"
_TEMP = r"\.tmp-\d+(?:-\d+)?"  # private_files._new_temp and desktop_entry._write
_DB = re.escape(DB_NAME)


class What(StrEnum):
    """What a file is, in her words (the confirmation lists these)."""

    DATABASE = "your history and settings"
    LOG = "recent changes to your history (-wal)"
    INDEX = "the database's index of changes (-shm)"
    SET_ASIDE = "a damaged copy kept aside"
    MARKER = "a note to check the database"
    TEMPORARY = "an unfinished temporary file"
    LOCK = "the lock that keeps Back Care from starting twice"
    CACHE = "the exercise content cache"
    AUTOSTART = "starting Back Care at login"
    LAUNCHER = "the Back Care launcher in the applications menu"
    ICON = "the launcher's icon"
    FOLDER = "a Back Care folder, once empty"


class Ask(Enum):
    """The two things deleted only when she ticks their box."""

    AUTOSTART = "autostart"
    LAUNCHER = "launcher"


_DATA_NAMES: tuple[tuple[re.Pattern[str], What], ...] = tuple(
    (re.compile(pattern), what) for pattern, what in (
        (_DB, What.DATABASE),
        (_DB + "-wal", What.LOG),
        (_DB + "-shm", What.INDEX),
        (_DB + re.escape(CHECK_FAILED), What.MARKER),
        (_DB + rf"\.corrupt-{_STAMP}(?:-\d+)?(?:-wal|-shm)?", What.SET_ASIDE),
        (_DB + rf"-wal\.damaged-{_STAMP}", What.SET_ASIDE),
        (rf"settings-[A-Za-z0-9_]+\.corrupt-{_STAMP}\.json", What.SET_ASIDE),
        (rf"\.{_DB}(?:-wal)?\.(?:new-)?\d+", What.TEMPORARY),  # store_file._create, _copy_log
        (rf"\.(?:{_DB}\S*|settings-\S+\.json){_TEMP}", What.TEMPORARY),
    )
)
_RUN_NAMES = (re.compile(r"backcare\.(?:lock|sock)"), What.LOCK)
_CACHE_NAMES = (
    (re.compile(re.escape(CACHE_FILE)), What.CACHE),
    (re.compile(rf"\.{re.escape(CACHE_FILE)}{_TEMP}"), What.TEMPORARY),
)


@dataclass(frozen=True)
class Entry:
    """One thing to delete. ``ask``: None for her data (always), else the box that decides.
    ``link``: it is a symbolic link, removed as a link (its target is never touched)."""

    what: What
    path: Path
    ask: Ask | None = None
    link: bool = False


@dataclass(frozen=True)
class ErasePlan:
    """What exists now, in the order it is deleted (files first, then folders, deepest first)."""

    entries: tuple[Entry, ...]
    database: Path  # probed for a running Back Care before anything is deleted

    def has(self, ask: Ask) -> bool:
        """True when there is something behind that box (the box is shown only then)."""
        return any(e.ask is ask for e in self.entries)

    def chosen(self, remove: Iterable[Ask] = ()) -> tuple[Entry, ...]:
        """Her data, plus what she ticked."""
        wanted = set(remove)
        return tuple(e for e in self.entries if e.ask is None or e.ask in wanted)

    def files(self, remove: Iterable[Ask] = ()) -> tuple[Entry, ...]:
        return tuple(e for e in self.chosen(remove) if e.what is not What.FOLDER)

    @property
    def empty(self) -> bool:
        return not any(e.what is not What.FOLDER for e in self.entries)


@dataclass(frozen=True)
class Failure:
    path: Path
    reason: str  # why, in a few plain words ("the disk is read-only")


@dataclass(frozen=True)
class EraseResult:
    """What ``carry_out`` did; ``sentence`` tells her in one go."""

    deleted: tuple[Entry, ...] = ()
    failed: tuple[Failure, ...] = ()
    kept: tuple[Path, ...] = ()  # folders left because they hold files that are not Back Care's
    in_use: bool = False  # a running Back Care has the database open: nothing was deleted

    @property
    def sentence(self) -> str:
        if self.in_use:
            return ("Nothing was deleted, because Back Care is running and has your data open: "
                    "quit Back Care first (File \u25b8 Quit) and try again, or use "
                    "Settings \u25b8 About you \u25b8 Delete all my data\u2026 in the app.")
        files = [e for e in self.deleted if e.what is not What.FOLDER]
        if not files and not self.failed:
            return "There was no Back Care data to delete."
        parts = []
        if files:
            words = _join(dict.fromkeys(_summary(e.what) for e in files))
            count = f"{len(files)} file" + ("" if len(files) == 1 else "s")
            parts.append(f"Deleted {words} ({count}).")
        if self.failed:
            could_not = "; ".join(f"{f.path} ({f.reason})" for f in self.failed)
            parts.append(f"Could not delete {could_not}: delete it yourself or try again.")
        if self.kept:
            kept = ", ".join(str(p) for p in self.kept)
            parts.append(f"Left the folder {kept}, because it holds files that are not "
                         "Back Care's.")
        return " ".join(parts)


def _summary(what: What) -> str:
    """The sentence's shorter words: the -wal, -shm, marker and temporary files are all part
    of "your history and settings"."""
    if what in (What.LOG, What.INDEX, What.MARKER, What.TEMPORARY, What.LOCK):
        return What.DATABASE.value
    if what is What.SET_ASIDE:
        return "the damaged copies kept aside"
    if what is What.ICON:
        return What.LAUNCHER.value
    return what.value


def _join(words: Iterable[str]) -> str:
    items = list(words)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# -- finding ----------------------------------------------------------------------------------


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:
        return None


def _scan(folder: Path, names: Iterable[tuple[re.Pattern[str], What]]) -> list[Entry]:
    """Back Care's files directly in ``folder`` (a real folder, or the link she made to one)."""
    found: list[Entry] = []
    try:
        listing = sorted(os.scandir(folder), key=lambda d: d.name)
    except OSError:
        return found
    patterns = tuple(names)
    for item in listing:
        link = item.is_symlink()
        if not link and item.is_dir(follow_symlinks=False):
            continue
        for pattern, what in patterns:
            if pattern.fullmatch(item.name):
                found.append(Entry(what, Path(item.path), link=link))
                break
    return found


def _desktop_file(what: What, path: Path, ask: Ask) -> list[Entry]:
    info = _lstat(path)
    if info is None or stat.S_ISDIR(info.st_mode):
        return []
    return [Entry(what, path, ask, link=stat.S_ISLNK(info.st_mode))]


def plan_erase(data_folder: Path, cache_folder: Path, env: Mapping[str, str] | None = None,
               *, own_data_folder: bool = True) -> ErasePlan:
    """Everything of Back Care's that exists now. ``own_data_folder``: Back Care chose and made
    the data folder (not ``--data-dir``), so it is removed once empty."""
    entries = _scan(data_folder, _DATA_NAMES)
    database = data_folder / DB_NAME
    # the database first, its -wal and -shm right after: the order SQLite would clean up in
    order = {What.DATABASE: 0, What.LOG: 1, What.INDEX: 2}
    entries.sort(key=lambda e: order.get(e.what, 3))
    run = data_folder / RUN_FOLDER
    run_info = _lstat(run)
    if run_info is not None and stat.S_ISDIR(run_info.st_mode):
        entries += _scan(run, (_RUN_NAMES,))
    entries += _scan(cache_folder, _CACHE_NAMES)
    entries += _desktop_file(What.AUTOSTART, autostart_path(env), Ask.AUTOSTART)
    entries += _desktop_file(What.LAUNCHER, launcher_path(env), Ask.LAUNCHER)
    entries += _desktop_file(What.ICON, icon_path(env), Ask.LAUNCHER)
    folders = [run] if run_info is not None and stat.S_ISDIR(run_info.st_mode) else []
    folders += [cache_folder] + ([data_folder] if own_data_folder else [])
    for folder in folders:
        info = _lstat(folder)
        if info is not None and stat.S_ISDIR(info.st_mode):  # a linked folder is not removed
            entries.append(Entry(What.FOLDER, folder))
    return ErasePlan(tuple(entries), database)


# -- deleting ---------------------------------------------------------------------------------


def in_use(database: Path) -> bool:
    """True when another program (a running Back Care) has the database open.

    Leaving the write-ahead log needs the file to itself, so SQLite answers "locked" while any
    other connection is open. A file that is not a database (damage) is not in use: it can go.
    A link is never opened (that would follow it).
    """
    info = _lstat(database)
    if info is None or not stat.S_ISREG(info.st_mode):
        return False
    try:
        db = sqlite3.connect(f"file:{database}?mode=rw", uri=True, timeout=LOCK_WAIT,
                             isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        db.execute("PRAGMA journal_mode=DELETE").fetchone()
    except sqlite3.OperationalError as exc:
        return getattr(exc, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY,
                                                          sqlite3.SQLITE_LOCKED) or \
            "locked" in str(exc)
    except sqlite3.Error:
        return False
    finally:
        db.close()
    return False


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "Back Care may not change that folder"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    if exc.errno in (errno.EBUSY, errno.ETXTBSY):
        return "it is in use just now"
    if exc.errno == errno.ENOENT:
        return "it had already gone"
    return (exc.strerror or str(exc)).lower()


def carry_out(plan: ErasePlan, remove: Iterable[Ask] = ()) -> EraseResult:
    """Delete her data and what she ticked; every failure is kept with its reason.

    The caller closes its own store first. If another program still has the database open,
    nothing is deleted (``in_use``).
    """
    if in_use(plan.database):
        return EraseResult(in_use=True)
    deleted: list[Entry] = []
    failed: list[Failure] = []
    kept: list[Path] = []
    for entry in plan.chosen(remove):
        if entry.what is What.FOLDER:
            _remove_folder(entry, deleted, failed, kept)
            continue
        try:
            os.unlink(entry.path)  # a link is removed itself, never what it points to
        except FileNotFoundError:
            continue  # SQLite removes -wal and -shm itself when the last connection closes
        except OSError as exc:
            failed.append(Failure(entry.path, _reason(exc)))
            continue
        deleted.append(entry)
    return EraseResult(tuple(deleted), tuple(failed), tuple(kept))


def _remove_folder(entry: Entry, deleted: list[Entry], failed: list[Failure],
                   kept: list[Path]) -> None:
    try:
        os.rmdir(entry.path)  # only ever an empty folder
    except FileNotFoundError:
        return
    except OSError as exc:
        if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
            kept.append(entry.path)
        else:
            failed.append(Failure(entry.path, _reason(exc)))
        return
    deleted.append(entry)
