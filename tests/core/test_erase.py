""""Delete all my data" leaves nothing of Back Care's behind, and nothing else is touched.

Real files throughout: a store set aside after damage, a start that crashed (leaving -wal and
-shm), the parse cache, the autostart entry and the launcher written by the code that writes
them, under a fake XDG home. After erasing, the folders are listed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from backcare.core.erase import Ask, Entry, ErasePlan, EraseResult, What, carry_out, plan_erase
from backcare.core.parse_cache import ParseCache
from backcare.core.store import DB_NAME, Store
from backcare.desktop.desktop_entry import install_desktop, set_autostart

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
CRASH = """
import os, sys
from datetime import UTC, datetime
from pathlib import Path
from backcare.core.store import Store
store = Store(Path(sys.argv[1]), lambda: datetime(2026, 11, 23, 9, 31, tzinfo=UTC))
store.record("posture", "posture:2026-11-23T09:00", "fired")
os._exit(0)  # a start that never closed: its -wal and -shm stay beside the database
"""


def listing(*folders: Path) -> list[str]:
    """Every file and folder under ``folders`` (the folders themselves left out)."""
    found = []
    for folder in folders:
        if folder.exists():
            found += sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
    return found


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "share"), "PATH": os.environ.get("PATH", "")}


def her_data(tmp_path: Path, env: dict[str, str]) -> tuple[Path, Path]:
    """A data folder and a cache folder holding everything Back Care ever leaves there."""
    data, cache = tmp_path / "share" / "backcare", tmp_path / "cache" / "backcare"
    data.mkdir(parents=True)
    (data / DB_NAME).write_bytes(b"not a database at all" * 10)
    Store(data, lambda: NOW).close()  # sets the damaged file aside and starts a fresh one
    subprocess.run([sys.executable, "-c", CRASH, str(data)], check=True, timeout=60)
    cache_file = ParseCache(cache / "parsed-content.json")
    cache_file.parse(b"a = 1\n", "x.toml")
    assert cache_file.save()
    assert set_autostart(True, env) is None
    install_desktop(env)
    return data, cache


def test_everything_of_back_cares_is_deleted_and_the_folders_are_empty(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data, cache = her_data(tmp_path, env)
    names = os.listdir(data)
    assert {DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm"} <= set(names)
    assert any(".corrupt-" in n for n in names)
    plan = plan_erase(data, cache, env)
    assert plan.has(Ask.AUTOSTART) and plan.has(Ask.LAUNCHER)
    assert {e.what for e in plan.files()} >= {What.DATABASE, What.LOG, What.INDEX,
                                              What.SET_ASIDE, What.CACHE}
    result = carry_out(plan, {Ask.AUTOSTART, Ask.LAUNCHER})
    assert result.failed == ()
    assert not data.exists() and not cache.exists()
    desktop = [tmp_path / "config" / "autostart", tmp_path / "share" / "applications",
               tmp_path / "share" / "icons"]
    assert listing(tmp_path / "share", tmp_path / "cache", *desktop) == [
        "applications", "icons", "icons/hicolor", "icons/hicolor/scalable",
        "icons/hicolor/scalable/apps", "hicolor", "hicolor/scalable", "hicolor/scalable/apps",
    ]  # shared desktop folders stay: other programs keep their files there
    assert os.listdir(tmp_path / "config" / "autostart") == []
    assert result.sentence.startswith("Deleted your history and settings, the damaged copies "
                                      "kept aside, the exercise content cache, starting Back "
                                      "Care at login and the Back Care launcher")
    assert plan_erase(data, cache, env).empty


def test_autostart_and_launcher_stay_unless_she_ticks_them(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data, cache = her_data(tmp_path, env)
    result = carry_out(plan_erase(data, cache, env))
    assert not data.exists() and not cache.exists()
    assert os.listdir(tmp_path / "config" / "autostart") == ["backcare.desktop"]
    assert os.listdir(tmp_path / "share" / "applications") == ["backcare.desktop"]
    assert "launcher" not in result.sentence and "login" not in result.sentence


def test_a_link_is_removed_as_a_link_and_what_it_points_to_stays(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data, cache = tmp_path / "data", tmp_path / "cache"
    data.mkdir()
    cache.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("hers")
    (data / f"{DB_NAME}.corrupt-20260101T000000Z").symlink_to(outside / "precious.txt")
    (cache / "parsed-content.json").symlink_to(outside / "precious.txt")
    (data / "run").symlink_to(outside)  # a linked folder is not walked into
    plan = plan_erase(data, cache, env)
    assert [e.link for e in plan.files()] == [True, True]
    result = carry_out(plan)
    assert (outside / "precious.txt").read_text() == "hers"
    assert sorted(os.listdir(outside)) == ["precious.txt"]
    assert not cache.exists()
    assert result.kept == (data,)  # the link named run is not Back Care's to remove
    assert os.listdir(data) == ["run"]


def test_her_own_files_stay_and_the_sentence_says_why_the_folder_does(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "backcare"
    Store(data, lambda: NOW).close()
    (data / "my notes.txt").write_text("mine")
    result = carry_out(plan_erase(data, tmp_path / "no-cache", env))
    assert os.listdir(data) == ["my notes.txt"]
    assert result.sentence == (
        "Deleted your history and settings (1 file). Left the folder "
        f"{data}, because it holds files that are not Back Care's.")


def test_a_folder_she_chose_is_emptied_but_kept(tmp_path: Path, env: dict[str, str]) -> None:
    data = tmp_path / "chosen"
    Store(data, lambda: NOW).close()
    carry_out(plan_erase(data, tmp_path / "no-cache", env, own_data_folder=False))
    assert data.is_dir() and os.listdir(data) == []


def test_an_open_database_is_a_lock_not_damage_and_nothing_is_deleted(
    tmp_path: Path, env: dict[str, str]
) -> None:
    data = tmp_path / "backcare"
    store = Store(data, lambda: NOW)  # another connection: the running app
    store.record("posture", "posture:2026-11-23T09:00", "fired")
    plan = plan_erase(data, tmp_path / "no-cache", env)
    result = carry_out(plan)
    assert result == EraseResult(in_use=True)
    assert result.sentence.startswith("Nothing was deleted, because Back Care is running")
    assert DB_NAME in os.listdir(data)
    assert len(store.events()) == 1  # her history is still whole
    store.close()
    assert carry_out(plan_erase(data, tmp_path / "no-cache", env)).failed == ()
    assert not data.exists()


def test_a_file_that_cannot_be_deleted_is_named_with_the_reason(tmp_path: Path) -> None:
    stuck = tmp_path / "stuck"
    (stuck / "inside").mkdir(parents=True)  # unlink refuses a folder: a real failure, as root
    plan = ErasePlan((Entry(What.CACHE, stuck),), tmp_path / DB_NAME)
    result = carry_out(plan)
    assert result.failed[0].path == stuck
    assert result.sentence == (
        f"Could not delete {stuck} (is a directory): delete it yourself or try again.")
    assert stuck.is_dir()


def test_nothing_there_says_so(tmp_path: Path, env: dict[str, str]) -> None:
    plan = plan_erase(tmp_path / "none", tmp_path / "no-cache", env)
    assert plan.empty and plan.entries == ()
    assert carry_out(plan).sentence == "There was no Back Care data to delete."
