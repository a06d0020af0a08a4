"""The store keeps her history safe: private files, atomic writes, bad files kept and replaced."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from backcare.core.store import (
    DB_NAME,
    SCHEMA_VERSION,
    NewerFault,
    Store,
    StoreError,
    write_private,
)

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_store_is_private_and_versioned(tmp_path: Path) -> None:
    store = Store(tmp_path / "data", clock)
    store.record("posture", "posture:2026-11-23T09:00", "fired")
    assert store.schema_version == SCHEMA_VERSION
    assert mode(tmp_path / "data") == 0o700
    assert mode(tmp_path / "data" / DB_NAME) == 0o600
    wal = tmp_path / "data" / (DB_NAME + "-wal")
    assert wal.exists() and mode(wal) == 0o600
    journal = sqlite3.connect(tmp_path / "data" / DB_NAME).execute("PRAGMA journal_mode")
    assert journal.fetchone()[0] == "wal"
    assert store.notices == []


def test_events_round_trip_in_order(tmp_path: Path) -> None:
    store = Store(tmp_path, clock)
    store.record("exercise", "k1", "fired", at=NOW)
    store.record("exercise", "k1", "snoozed", at=NOW + timedelta(minutes=1))
    store.record("exercise", "k1", "done", detail="bridge", at=NOW + timedelta(minutes=12))
    events = store.events(NOW, NOW + timedelta(hours=1))
    assert [e.event for e in events] == ["fired", "snoozed", "done"]
    assert events[-1].detail == "bridge"
    latest = store.latest_event("k1")
    assert latest is not None and latest.event == "done"
    assert store.events(NOW + timedelta(minutes=2), NOW + timedelta(minutes=5)) == []


def test_unknown_event_is_refused_with_a_sentence(tmp_path: Path) -> None:
    store = Store(tmp_path, clock)
    with pytest.raises(StoreError, match="'exploded' is not a history event"):
        store.record("posture", "k", "exploded")
    assert store.events() == []


def test_history_survives_reopening(tmp_path: Path) -> None:
    Store(tmp_path, clock).record("calcium", "calcium:lunch", "done")
    again = Store(tmp_path, clock)
    assert [e.reminder_key for e in again.events()] == ["calcium:lunch"]


def test_corrupt_database_is_moved_aside_and_a_fresh_one_starts(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"this is not a database at all" * 100)
    store = Store(tmp_path, clock)
    kept = tmp_path / f"{DB_NAME}.corrupt-20261123T093000Z"
    assert kept.read_bytes().startswith(b"this is not a database")
    assert len(store.notices) == 1
    assert kept.name in store.notices[0]
    assert "fresh" in store.notices[0]
    store.record("posture", "k", "fired")
    assert len(store.events()) == 1


def test_database_from_a_newer_version_is_left_untouched(tmp_path: Path) -> None:
    """After a downgrade her history is not hidden behind a fresh one: nothing is set aside
    (tests/faults/test_store_faults.py follows the app through it)."""
    db = sqlite3.connect(tmp_path / DB_NAME)
    db.execute("PRAGMA user_version = 99")
    db.close()
    before = (tmp_path / DB_NAME).read_bytes()
    with pytest.raises(NewerFault, match="made by a newer Back Care"):
        Store(tmp_path, clock)
    assert (tmp_path / DB_NAME).read_bytes() == before
    assert not list(tmp_path.glob(f"{DB_NAME}.corrupt-*"))


def test_settings_are_json_and_a_bad_value_is_set_aside(tmp_path: Path) -> None:
    store = Store(tmp_path, clock)
    store.set_setting("plan", {"waking": {"start": "07:00"}})
    assert store.get_setting("plan") == {"waking": {"start": "07:00"}}
    store._db.execute("UPDATE settings SET value = '{broken' WHERE key = 'plan'")
    assert store.get_setting("plan") is None
    kept = next(tmp_path.glob("settings-plan.corrupt-*.json"))
    assert kept.read_text() == "{broken"
    assert mode(kept) == 0o600
    assert "defaults" in store.notices[-1]


def test_write_private_is_atomic_and_private(tmp_path: Path) -> None:
    target = tmp_path / "out" / "plan.toml"
    write_private(target, "a = 1\n")
    write_private(target, "a = 2\n")
    assert target.read_text() == "a = 2\n"
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700
    assert [p.name for p in target.parent.iterdir()] == ["plan.toml"]


def test_a_version_1_history_is_kept_when_the_events_table_learns_new_words(
    tmp_path: Path,
) -> None:
    """Schema 2 rebuilds the events table (SQLite cannot change a CHECK): every row stays."""
    from backcare.core.store import _MIGRATIONS, EventKind

    db = sqlite3.connect(tmp_path / DB_NAME)
    db.executescript(_MIGRATIONS[1] + "; PRAGMA user_version = 1;")
    db.execute("INSERT INTO events (at, kind, reminder_key, event, detail) VALUES "
               "('2026-11-23T08:00:00+00:00', 'exercise', 'exercise:2026-11-23T08:00', "
               "'missed', '')")
    db.commit()
    db.close()
    store = Store(tmp_path, clock=lambda: datetime(2026, 11, 24, tzinfo=UTC))
    assert store.schema_version == SCHEMA_VERSION == 4  # through 2 and 3 on to 4
    assert [(e.reminder_key, e.event) for e in store.events()] == [
        ("exercise:2026-11-23T08:00", EventKind.MISSED)]
    store.record("exercise", "exercise:2026-11-24:bridge", EventKind.PARTLY, '{"done": []}')
    assert store.latest_event("exercise:2026-11-24:bridge").event is EventKind.PARTLY
    store.close()


def test_a_version_2_history_learns_which_food_was_taken_and_keeps_its_rows(
    tmp_path: Path,
) -> None:
    """Schema 3 adds the food column: old portions stay, with no food named (None)."""
    from backcare.core.store import _MIGRATIONS, EventKind

    db = sqlite3.connect(tmp_path / DB_NAME)
    db.executescript(_MIGRATIONS[1] + ";" + _MIGRATIONS[2] + "; PRAGMA user_version = 2;")
    db.execute("INSERT INTO events (at, kind, reminder_key, event, detail) VALUES "
               "('2026-11-23T12:30:00+00:00', 'calcium', 'calcium:lunch', 'done', '')")
    db.commit()
    db.close()
    store = Store(tmp_path, clock=lambda: datetime(2026, 11, 24, tzinfo=UTC))
    assert store.schema_version == SCHEMA_VERSION
    [old] = store.events()
    assert (old.reminder_key, old.event, old.food) == ("calcium:lunch", EventKind.DONE, None)
    new = store.record("calcium", "calcium:dinner", EventKind.DONE, food="tofu")
    assert new.food == "tofu"
    assert store.latest_event("calcium:dinner") == new
    assert [e.food for e in store.events()] == [None, "tofu"]
    store.close()
    # ... and a second start does not try to add the column again
    again = Store(tmp_path, clock=lambda: datetime(2026, 11, 24, tzinfo=UTC))
    assert [e.food for e in again.events()] == [None, "tofu"]
    again.close()
