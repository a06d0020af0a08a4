"""Only a file that really is not a Back Care database is set aside, and she is always told.

Each case failed before issue 12: a newer database was set aside as unreadable; one with the
wrong tables, a bad time in a row, or deeply nested JSON in a setting gave a traceback; an
emptied file or a damaged log restarted with no word; the notices said "history" when her
settings went too, and used key names ("Your saved last_check settings").
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backcare.core.lifecycle import Lifecycle
from backcare.core.plan import default_plan
from backcare.core.store import (
    _MIGRATIONS,
    DB_NAME,
    SCHEMA_VERSION,
    SETTING_WORDS,
    EventKind,
    NewerFault,
    Store,
)
from tests.faults.conftest import NOW, Clock, Disk, file_state

TZ = ZoneInfo("Europe/London")


def _history(folder: Path, clock: Clock, n: int = 3) -> None:
    store = Store(folder, clock)
    for i in range(n):
        store.record("posture", f"posture:{i}", "done", at=NOW)
    store.set_setting("setup", "done")
    store.close()


def _set_aside(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{DB_NAME}.corrupt-*"))


# -- a newer Back Care's file --------------------------------------------------------------


def test_a_database_from_a_newer_back_care_is_left_untouched_and_still_shown(
    tmp_path: Path, clock: Clock,
) -> None:
    _history(tmp_path, clock)
    db = sqlite3.connect(tmp_path / DB_NAME)
    db.execute("PRAGMA user_version = 5")  # a newer version that added a table
    db.execute("CREATE TABLE goals (id INTEGER PRIMARY KEY)")
    db.commit()
    db.close()
    before = file_state(tmp_path)
    with pytest.raises(NewerFault) as raised:
        Store(tmp_path, clock)
    assert "made by a newer Back Care" in raised.value.sentence
    store = Store(tmp_path, clock, fallback=True)
    assert [e.reminder_key for e in store.events()] == ["posture:0", "posture:1", "posture:2"]
    assert store.get_setting("setup") == "done"
    [notice] = store.notices
    assert "made by a newer Back Care" in notice and "saves nothing" in notice
    store.record("posture", "today", "done")
    clock.advance(minutes=5)
    store.record("posture", "later", "done")  # no retry can help: it stays in memory
    assert store.retry() is False and store.fault is not None
    store.close()
    assert file_state(tmp_path) == before and not _set_aside(tmp_path)


# -- files that are not Back Care databases ------------------------------------------------


def _write_db(path: Path, script: str, version: int) -> None:
    db = sqlite3.connect(path)
    db.executescript(f"{script}; PRAGMA user_version = {version};")
    db.close()


@pytest.mark.parametrize(("script", "version"), [
    ("CREATE TABLE events (id INTEGER PRIMARY KEY, at TEXT); CREATE TABLE settings (k, v)",
     SCHEMA_VERSION),
    ("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)", 0),  # another program's
    ("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)", 1),
])
def test_a_database_with_other_tables_is_set_aside_with_a_sentence(
    tmp_path: Path, clock: Clock, script: str, version: int,
) -> None:
    _write_db(tmp_path / DB_NAME, script, version)
    original = (tmp_path / DB_NAME).read_bytes()
    store = Store(tmp_path, clock)
    [kept] = _set_aside(tmp_path)
    assert kept.read_bytes() == original
    [notice] = store.notices
    assert "does not hold the tables Back Care keeps" in notice
    assert "history and settings" in notice and "default settings" in notice
    store.record("posture", "k", "done")
    assert store.schema_version == SCHEMA_VERSION


def test_a_database_emptied_to_nothing_is_told_not_silently_restarted(
    tmp_path: Path, clock: Clock,
) -> None:
    _history(tmp_path, clock)
    (tmp_path / DB_NAME).write_bytes(b"")
    store = Store(tmp_path, clock)
    [kept] = _set_aside(tmp_path)
    assert kept.stat().st_size == 0
    [notice] = store.notices
    assert "the file was empty" in notice and kept.name in notice


def test_a_first_start_is_quiet_and_never_leaves_an_empty_file(tmp_path: Path) -> None:
    store = Store(tmp_path, Clock())
    assert store.notices == [] and (tmp_path / DB_NAME).stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_truncated_file_is_checked_at_open_and_set_aside(tmp_path: Path, clock: Clock) -> None:
    _history(tmp_path, clock, n=400)
    path = tmp_path / DB_NAME
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])  # header says more
    store = Store(tmp_path, clock)
    assert _set_aside(tmp_path) and "could not be read" in store.notices[0]
    assert store.events() == []


def test_damage_where_a_start_does_not_look_is_found_after_start_and_acted_on_next_time(
    tmp_path: Path, clock: Clock,
) -> None:
    _history(tmp_path, clock, n=2000)
    path = tmp_path / DB_NAME
    data = bytearray(path.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page  # a page of events, far from the schema
    data[middle + 8: middle + 8 + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    store = Store(tmp_path, clock)  # the open reads no events: quick, and none the wiser
    assert store.notices == []
    thread = store.check_in_background()
    assert thread is not None
    thread.join(timeout=60)
    assert (tmp_path / f"{DB_NAME}.check-failed").exists()
    store.close()
    again = Store(tmp_path, clock)  # something looked wrong: the whole file is checked
    [kept] = _set_aside(tmp_path)
    assert "parts of it are damaged" in again.notices[0] and kept.name in again.notices[0]
    assert not (tmp_path / f"{DB_NAME}.check-failed").exists()


def test_a_healthy_file_passes_the_background_check_and_quits_cleanly(
    tmp_path: Path, clock: Clock,
) -> None:
    _history(tmp_path, clock, n=50)
    store = Store(tmp_path, clock)
    thread = store.check_in_background()
    assert thread is not None
    store.close()  # stops the check if it still runs, then closes: the log is removed
    assert not thread.is_alive()
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_NAME]


# -- a damaged write-ahead log -------------------------------------------------------------


def test_committed_changes_lost_from_a_damaged_log_are_told_and_the_log_kept(
    tmp_path: Path, clock: Clock,
) -> None:
    _history(tmp_path, clock, n=2)
    live = Store(tmp_path, clock)
    live._db.execute("PRAGMA wal_autocheckpoint = 0")
    for key in ("later:0", "later:1", "later:2"):  # three transactions, each committed
        live.record("posture", key, "done", at=NOW)
    crashed = tmp_path / "crashed"  # the files as a power cut would leave them
    crashed.mkdir()
    for name in (DB_NAME, DB_NAME + "-wal"):
        (crashed / name).write_bytes((tmp_path / name).read_bytes())
    live.close()
    wal = crashed / (DB_NAME + "-wal")
    damaged = bytearray(wal.read_bytes())
    damaged[32 + 24 + 100] ^= 0xFF  # inside the first frame's page
    wal.write_bytes(bytes(damaged))
    store = Store(crashed, clock)
    [notice] = store.notices
    assert "were damaged on the disk" in notice and "the rest of your history is there" in notice
    [kept] = crashed.glob(f"{DB_NAME}-wal.damaged-*")
    assert kept.read_bytes() == bytes(damaged) and kept.name in notice
    assert [e.reminder_key for e in store.events()] == ["posture:0", "posture:1"]


def test_a_log_left_by_a_crash_but_whole_is_read_without_a_word(
    tmp_path: Path, clock: Clock,
) -> None:
    live = Store(tmp_path, clock)
    live.record("posture", "k", "done", at=NOW)
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for name in (DB_NAME, DB_NAME + "-wal"):
        (crashed / name).write_bytes((tmp_path / name).read_bytes())
    live.close()
    store = Store(crashed, clock)
    assert store.notices == [] and [e.reminder_key for e in store.events()] == ["k"]
    assert not list(crashed.glob("*damaged*")) and not list(crashed.glob(".*"))


# -- rows and settings that cannot be read --------------------------------------------------


@pytest.mark.parametrize("at", ["yesterday at noon", "2026-11-23T09:00:00", "", 20261123])
def test_an_event_whose_time_cannot_be_read_is_left_out_not_a_traceback(
    tmp_path: Path, clock: Clock, at: object,
) -> None:
    store = Store(tmp_path, clock)
    store.record("posture", "good", "done", at=NOW)
    store._db.execute("INSERT INTO events (at, kind, reminder_key, event) VALUES "
                      "(?, 'posture', 'bad', 'done')", (at,))
    assert [e.reminder_key for e in store.events()] == ["good"]
    life = Lifecycle(default_plan(), TZ, store)
    day = life.day(datetime(2026, 11, 23, 10, tzinfo=TZ))  # the Today page's refresh
    assert day is not None and life.day(datetime(2026, 11, 23, 11, tzinfo=TZ)) is not None
    assert store.latest_event("bad") is None
    [notice] = store.notices  # said once, however often the page is refreshed
    assert "could not be read" in notice and "stays in the file" in notice
    row = store._db.execute("SELECT at FROM events WHERE reminder_key = 'bad'").fetchone()
    assert row is not None and str(row[0]) == str(at)  # left as it is


def test_deeply_nested_json_in_a_setting_is_set_aside_in_her_words(
    tmp_path: Path, clock: Clock,
) -> None:
    store = Store(tmp_path, clock)
    deep = "[" * 100_000 + "]" * 100_000
    store._db.execute("INSERT INTO settings (key, value) VALUES ('last_check', ?)", (deep,))
    assert store.get_setting("last_check") is None
    [kept] = tmp_path.glob("settings-last_check.corrupt-*.json")
    assert kept.read_text() == deep
    [notice] = store.notices
    assert notice.startswith(
        "Part of Back Care's saved data (when Back Care last looked at your reminders)")
    assert "last_check" not in notice.replace(kept.name, "")  # only inside the file's name
    Lifecycle(default_plan(), TZ, store).tick(datetime(2026, 11, 23, 10, tzinfo=TZ))


def test_every_setting_the_app_keeps_has_words_for_her() -> None:
    from backcare.app.shell import ANNOUNCED_KEY
    from backcare.core import lifecycle, setbacks
    from backcare.settings import PLAN_KEY, SETUP_KEY

    keys = {PLAN_KEY, SETUP_KEY, ANNOUNCED_KEY, setbacks.SETTING_KEY, lifecycle.LAST_CHECK,
            lifecycle.FIRST_START, lifecycle.PAUSED_UNTIL, lifecycle.PAUSED_FROM,
            lifecycle.AWAY_PENDING}
    assert keys <= set(SETTING_WORDS)
    assert all("_" not in words for words in SETTING_WORDS.values())


def test_a_bad_setting_on_a_full_disk_is_left_where_it_is(disk: Disk, clock: Clock) -> None:
    store = Store(disk.root, clock)
    store.set_setting("plan", {"waking": {"start": "07:00"}})
    store._db.execute("UPDATE settings SET value = '{broken' WHERE key = 'plan'")
    disk.fill()
    assert store.get_setting("plan") is None
    assert store.get_setting("plan") is None  # asked again: no second copy, no second notice
    [notice] = store.notices
    assert "(your settings)" in notice and "left in the data file as it is" in notice
    assert not list(disk.root.glob("settings-*"))
    store.close()
    disk.free()
    row = sqlite3.connect(disk.root / DB_NAME).execute(
        "SELECT value FROM settings WHERE key = 'plan'").fetchone()
    assert row == ("{broken",)


def test_an_older_history_is_still_brought_up_to_date(tmp_path: Path) -> None:
    """The layout check knows every version's tables: a version 1 file is migrated, not set
    aside as "wrong tables"."""
    _write_db(tmp_path / DB_NAME, _MIGRATIONS[1], 1)
    store = Store(tmp_path, lambda: datetime(2026, 11, 24, tzinfo=UTC))
    assert store.notices == [] and store.schema_version == SCHEMA_VERSION
    assert store.record("posture", "k", EventKind.DONE).event is EventKind.DONE
    assert store.get_setting("nothing") is None
