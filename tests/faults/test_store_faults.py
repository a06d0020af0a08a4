"""A problem of the moment is not damage: her file is left exactly as it is, she is told the
cause and what to do, the app goes on with what it could read, and saves once it can again.

Each case here failed before issue 12: the healthy database was renamed ``.corrupt-…`` and
the start crashed (a full disk), or it was hidden behind a fresh one (a lock held over 5 s),
or a traceback came at start or at the first write (a read-only or foreign ``-wal``/``-shm``).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from backcare.core.store import DB_NAME, Store, StoreFault, TemporaryFault
from backcare.core.store_faults import Cause
from tests.faults.conftest import Clock, Disk, as_another_user, file_state, lock_held


def _history(folder: Path, clock: Clock, n: int = 3) -> None:
    store = Store(folder, clock)
    for i in range(n):
        store.record("posture", f"posture:{i}", "done")
    store.close()


def _keys(store: Store) -> list[str]:
    return [e.reminder_key for e in store.events()]


def _saved_keys(folder: Path, clock: Clock) -> list[str]:
    store = Store(folder, clock)
    try:
        return _keys(store)
    finally:
        store.close()


def _nothing_set_aside(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if ".corrupt-" in p.name]


# -- a full disk --------------------------------------------------------------------------


def test_a_full_disk_at_start_leaves_her_file_alone_and_says_so(disk: Disk, clock: Clock) -> None:
    _history(disk.root, clock)
    before = (disk.root / DB_NAME).read_bytes()
    disk.fill()
    with pytest.raises(TemporaryFault) as raised:
        Store(disk.root, clock)  # as the command line opens it
    assert raised.value.cause is Cause.FULL
    assert "is full" in raised.value.sentence and "Free some space" in raised.value.sentence
    assert (disk.root / DB_NAME).read_bytes() == before
    assert _nothing_set_aside(disk.root)


def test_the_app_starts_on_a_full_disk_with_her_history_and_saves_once_space_is_back(
    disk: Disk, clock: Clock,
) -> None:
    _history(disk.root, clock)
    before = (disk.root / DB_NAME).read_bytes()
    disk.fill()
    store = Store(disk.root, clock, fallback=True)
    assert store.fault is not None and store.fault.cause is Cause.FULL
    assert _keys(store) == ["posture:0", "posture:1", "posture:2"]  # what it could read
    [notice] = store.notices
    assert "is full" in notice and "shows your history and settings as they were" in notice
    store.record("calcium", "calcium:lunch", "done")  # in memory: the disk is still full
    assert (disk.root / DB_NAME).read_bytes() == before and _nothing_set_aside(disk.root)
    disk.free()
    clock.advance(seconds=30)
    store.record("calcium", "calcium:dinner", "done")  # too soon to try the file again
    assert store.fault is not None
    clock.advance(seconds=31)
    store.record("exercise", "exercise:evening", "done")  # a minute on: tried, and saved
    assert store.fault is None
    assert "can save again" in store.notices[-1]
    store.close()
    assert _saved_keys(disk.root, clock) == [
        "posture:0", "posture:1", "posture:2", "calcium:lunch", "calcium:dinner",
        "exercise:evening"]


def test_a_first_start_on_a_full_disk_leaves_no_half_made_file(disk: Disk, clock: Clock) -> None:
    disk.fill()
    with pytest.raises(TemporaryFault) as raised:
        Store(disk.root, clock)
    assert raised.value.cause is Cause.FULL
    assert sorted(p.name for p in disk.root.iterdir()) == ["filler"]
    store = Store(disk.root, clock, fallback=True)
    assert "reminds you with its default settings" in store.notices[0]
    store.record("posture", "k", "fired")
    assert _keys(store) == ["k"]


def test_the_disk_filling_while_she_uses_the_app_is_not_a_crash(disk: Disk, clock: Clock) -> None:
    app = Store(disk.root, clock, fallback=True)
    command = Store(disk.root, clock)  # the command line, at the same time
    app.record("posture", "before", "done")
    disk.fill()
    for n in range(200):  # until the log needs a page the disk has not got
        app.record("posture", f"during:{n}", "done")
        if app.fault is not None:
            break
    assert app.fault is not None and app.fault.cause is Cause.FULL
    assert "is full" in app.notices[-1]
    with pytest.raises(StoreFault, match="is full"):
        for n in range(200):
            command.set_setting("setup", f"done {n}")
    command.close()
    app.close()
    disk.free()
    assert _saved_keys(disk.root, clock)[0] == "before"


# -- a lock held by another program -------------------------------------------------------


def test_a_lock_held_by_another_program_is_waited_out_not_mistaken_for_damage(
    tmp_path: Path, clock: Clock,
) -> None:
    _history(tmp_path, clock)
    with lock_held(tmp_path / DB_NAME):
        before = file_state(tmp_path)  # with the log the other program made
        with pytest.raises(TemporaryFault) as raised:
            Store(tmp_path, clock, lock_wait=0.1)
        assert raised.value.cause is Cause.LOCKED
        assert "another program is holding it" in raised.value.sentence
        store = Store(tmp_path, clock, fallback=True, lock_wait=0.1)
        assert store.fault is not None and store.fault.cause is Cause.LOCKED
        assert _keys(store) == ["posture:0", "posture:1", "posture:2"]
        store.record("calcium", "calcium:lunch", "done")
        clock.advance(minutes=2)
        store.record("calcium", "calcium:dinner", "done")  # tried again: still locked
        assert store.fault is not None
        assert file_state(tmp_path) == before
    clock.advance(minutes=2)
    store.set_setting("setup", "done")  # the lock is gone: saved, with what came before
    assert store.fault is None
    store.close()
    assert _saved_keys(tmp_path, clock)[-2:] == ["calcium:lunch", "calcium:dinner"]
    again = Store(tmp_path, clock)
    assert again.get_setting("setup") == "done" and again.notices == []


# -- a read-only disk ---------------------------------------------------------------------


def test_a_read_only_disk_shows_her_history_and_saves_once_it_is_writable(
    disk: Disk, clock: Clock,
) -> None:
    _history(disk.root, clock)
    disk.read_only()
    try:
        with pytest.raises(TemporaryFault) as raised:
            Store(disk.root, clock)
        assert raised.value.cause is Cause.READ_ONLY
        assert "is read-only" in raised.value.sentence
        store = Store(disk.root, clock, fallback=True)
        assert _keys(store) == ["posture:0", "posture:1", "posture:2"]
        store.record("calcium", "calcium:lunch", "done")
    finally:
        disk.read_only(False)
    clock.advance(minutes=1)
    store.record("calcium", "calcium:dinner", "done")
    assert store.fault is None
    store.close()
    assert _saved_keys(disk.root, clock)[-2:] == ["calcium:lunch", "calcium:dinner"]


# -- the log and the index: another user's, read-only, a folder ----------------------------


def _open_as_user(folder: Path) -> dict[str, Any]:
    """Open as the command line does; what it said (nothing, if it opened)."""
    try:
        Store(folder, Clock()).close()
    except TemporaryFault as fault:
        return {"cause": fault.cause.value, "sentence": fault.sentence}
    return {"cause": None, "sentence": ""}


@pytest.mark.parametrize(("suffix", "owner_is_root", "mode", "words"), [
    ("-shm", True, 0o644, "belongs to another user"),
    ("-wal", True, 0o644, "belongs to another user"),
    ("-wal", False, 0o400, "is read-only"),
    ("-shm", False, 0o400, "is read-only"),
])
def test_a_log_or_index_she_cannot_write_is_named_with_what_to_do(
    open_tmp: Path, clock: Clock, suffix: str, owner_is_root: bool, mode: int, words: str,
) -> None:
    folder = open_tmp / "data"
    _history(folder, clock)
    side = folder / (DB_NAME + suffix)
    side.write_bytes(b"")
    side.chmod(mode)
    if os.geteuid() == 0:
        for path in (folder / DB_NAME, *([] if owner_is_root else [side])):
            os.chown(path, 65534, 65534)
    before = file_state(folder)
    result = as_another_user(folder, lambda: _open_as_user(folder))
    assert result["cause"] == Cause.PERMISSION.value
    assert str(side) in result["sentence"] and words in result["sentence"]  # the whole path
    assert ("chown" if owner_is_root else "chmod u+rw") in result["sentence"]
    assert file_state(folder) == before


@pytest.mark.parametrize("suffix", ["-wal", "-shm"])
def test_a_folder_where_the_log_or_index_should_be_is_named_and_left(
    tmp_path: Path, clock: Clock, suffix: str,
) -> None:
    _history(tmp_path, clock)
    (tmp_path / (DB_NAME + suffix)).mkdir()
    before = file_state(tmp_path)
    with pytest.raises(TemporaryFault) as raised:
        Store(tmp_path, clock)
    assert raised.value.cause is Cause.IN_THE_WAY
    assert "it is a folder" in raised.value.sentence and "Move it out of the way" in str(
        raised.value)
    store = Store(tmp_path, clock, fallback=True)  # the database alone is still readable
    assert _keys(store) == ["posture:0", "posture:1", "posture:2"]
    store.record("posture", "new", "done")  # before: "attempt to write a readonly database"
    assert file_state(tmp_path) == before


def test_a_pragma_that_fails_closes_its_connection(tmp_path: Path) -> None:
    """A connection left to the garbage collector later deleted the next database's log."""
    from backcare.core import store_file

    path = tmp_path / DB_NAME
    made = sqlite3.connect(path)
    made.execute("PRAGMA journal_mode=WAL")
    made.close()
    (tmp_path / (DB_NAME + "-wal")).mkdir()

    def open_fds() -> int:
        return sum(1 for fd in os.listdir("/proc/self/fd")
                   if os.path.realpath(f"/proc/self/fd/{fd}") == str(path))

    with pytest.raises(sqlite3.OperationalError):
        store_file._connect(path, lock_wait=0.1)
    assert open_fds() == 0
