"""Her pain diary in a real store file: add, edit, delete, one rating a session, reopening,
damaged rows, and the schema 4 migration that brings it to an older history."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backcare.core.pain_diary import Feel, PainDiary, Rating
from backcare.core.store import _MIGRATIONS, DB_NAME, SCHEMA_VERSION, EventKind, Store

TZ = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
SESSION = "exercise:2026-11-24:breathing-arm-raise+bridge"


def _store(folder: Path) -> Store:
    return Store(folder, clock=lambda: NOW)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = _store(tmp_path)
    yield s
    s.close()


def test_a_rating_is_added_read_back_and_its_session_known_as_rated(store: Store) -> None:
    diary = PainDiary(store)
    at = datetime(2026, 11, 24, 8, 20, tzinfo=TZ)
    added = diary.add(SESSION, 4, Feel.EASIER, at)
    assert added is not None
    assert added.at == at and added.at.tzinfo is UTC
    assert diary.ratings() == [added]
    assert diary.rated(SESSION) is True
    assert diary.rated("exercise:2026-11-24:bridge") is False
    # ... either answer may be left out
    only_feel = diary.add("exercise:2026-11-24:bridge", None, Feel.SAME, at)
    assert only_feel is not None and only_feel.pain is None
    assert [r.id for r in diary.ratings()] == [added.id, only_feel.id]


def test_a_session_is_never_rated_twice(store: Store) -> None:
    diary = PainDiary(store)
    first = diary.add(SESSION, 5, Feel.SAME, NOW)
    assert first is not None
    assert diary.add(SESSION, 2, Feel.EASIER, NOW + timedelta(minutes=1)) is None
    assert diary.ratings() == [first]
    # entries not tied to a session are not limited
    assert diary.add(None, 3, None, NOW) is not None
    assert diary.add(None, 3, None, NOW) is not None
    assert len(diary.ratings()) == 3


def test_an_entry_is_hers_to_edit_and_to_delete(store: Store) -> None:
    diary = PainDiary(store)
    rating = diary.add(SESSION, 7, Feel.HARDER, NOW)
    assert rating is not None
    assert diary.edit(rating.id, 6, Feel.SAME) is True
    assert diary.ratings() == [Rating(rating.id, NOW, SESSION, 6, Feel.SAME)]
    assert diary.delete(rating.id) is True
    assert diary.ratings() == []
    assert diary.rated(SESSION) is False
    assert diary.delete(rating.id) is False and diary.edit(rating.id, 1, None) is False
    # once deleted, the session may be rated again
    assert diary.add(SESSION, 3, None, NOW) is not None


@pytest.mark.parametrize("pain", [-1, 11, 2.5, True, "4"])
def test_a_pain_score_outside_0_to_10_is_refused_and_nothing_written(
    store: Store, pain: object,
) -> None:
    diary = PainDiary(store)
    with pytest.raises(ValueError, match="0 to 10"):
        diary.add(SESSION, pain, None, NOW)  # type: ignore[arg-type]
    assert diary.ratings() == [] and not diary.rated(SESSION)


def test_the_diary_survives_closing_and_reopening(tmp_path: Path) -> None:
    first = _store(tmp_path)
    diary = PainDiary(first)
    kept = diary.add(SESSION, 2, Feel.EASIER, NOW)
    gone = diary.add("exercise:2026-11-24:bridge", 8, Feel.HARDER, NOW)
    assert kept is not None and gone is not None
    diary.delete(gone.id)
    note = diary.note_setback("bridge", NOW)
    first.close()
    again = _store(tmp_path)
    reopened = PainDiary(again)
    assert reopened.ratings() == [kept]
    assert reopened.rated(SESSION) and not reopened.rated("exercise:2026-11-24:bridge")
    assert reopened.setbacks() == [note]
    assert reopened.add(SESSION, 1, None, NOW) is None  # still rated after a restart
    again.close()


def test_a_damaged_row_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    store = _store(tmp_path)
    diary = PainDiary(store)
    good = diary.add(SESSION, 3, Feel.SAME, NOW)
    store.close()
    db = sqlite3.connect(tmp_path / DB_NAME)
    db.executemany("INSERT INTO ratings (at, session_key, pain, feel) VALUES (?,?,?,?)", [
        ("not a time", "a", 3, "same"),
        ("2026-11-24T10:00:00", "b", 3, "same"),  # no zone
        ("2026-11-24T10:00:00+00:00", "c", 42, "same"),  # pain out of range
        ("2026-11-24T10:00:00+00:00", "d", "four", "same"),
        ("2026-11-24T10:00:00+00:00", "e", 3, "much worse"),  # a word this version lacks
        ("2026-11-24T10:00:00+00:00", b"\x00", 3, "same"),  # a key that is not text
    ])
    db.execute("INSERT INTO setbacks (at, exercise_id) VALUES ('never', 'bridge')")
    db.commit()
    db.close()
    again = _store(tmp_path)
    diary = PainDiary(again)
    assert diary.ratings() == [good]
    assert diary.setbacks() == []
    assert diary.rated("e")  # unreadable, but it is there: she is not asked again
    again.close()


def test_ratings_are_read_between_two_moments(store: Store) -> None:
    diary = PainDiary(store)
    for hours in (0, 24, 48):
        diary.add(f"exercise:2026-11-{24 + hours // 24}:bridge", 5, None,
                  NOW + timedelta(hours=hours))
    middle = diary.ratings(NOW + timedelta(hours=1), NOW + timedelta(hours=48))
    assert [r.session_key for r in middle] == ["exercise:2026-11-25:bridge"]


def test_a_version_3_history_gains_the_diary_and_keeps_its_rows(tmp_path: Path) -> None:
    """Schema 4 adds the ratings and setbacks tables; every event and setting stays."""
    db = sqlite3.connect(tmp_path / DB_NAME)
    db.executescript(f"{_MIGRATIONS[1]}; {_MIGRATIONS[2]}; {_MIGRATIONS[3]}; "
                     "PRAGMA user_version = 3;")
    db.execute("INSERT INTO events (at, kind, reminder_key, event, detail, food) VALUES "
               "('2026-11-23T08:20:00+00:00', 'exercise', 'exercise:2026-11-23:bridge', "
               "'done', '', NULL)")
    db.execute("INSERT INTO settings (key, value) VALUES ('setup', '\"done\"')")
    db.commit()
    db.close()
    store = _store(tmp_path)
    assert store.notices == []
    assert store.schema_version == SCHEMA_VERSION == 4
    [old] = store.events()
    assert (old.reminder_key, old.event) == ("exercise:2026-11-23:bridge", EventKind.DONE)
    assert store.get_setting("setup") == "done"
    diary = PainDiary(store)
    assert diary.ratings() == []
    assert diary.add(old.reminder_key, 4, Feel.EASIER, NOW) is not None
    store.close()
    # ... and the next start does not create the tables again
    again = _store(tmp_path)
    assert again.notices == [] and [r.pain for r in PainDiary(again).ratings()] == [4]
    again.close()
