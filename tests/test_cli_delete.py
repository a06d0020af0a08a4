"""``backcare delete-data``: run as she would run it, then the folders are listed."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from backcare.core.store import DB_NAME, Store
from backcare.desktop.desktop_entry import set_autostart

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "HOME": str(tmp_path / "home"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "share"),
            "XDG_CACHE_HOME": str(tmp_path / "cache")}


def her_folder(tmp_path: Path, env: dict[str, str]) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"damaged" * 40)
    store = Store(folder, lambda: NOW)  # the damaged file is kept aside, a fresh one started
    store.record("posture", "posture:2026-11-23T09:00", "fired")
    store.close()
    assert len(os.listdir(folder)) == 2
    assert set_autostart(True, env) is None
    return folder


def run(env: dict[str, str], *args: str, answers: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backcare", "delete-data", *args],
                          env=env, input=answers, capture_output=True, text=True, timeout=60,
                          check=False)


def test_yes_deletes_everything_and_the_folder_she_chose_is_left_empty(
    tmp_path: Path, env: dict[str, str]
) -> None:
    folder = her_folder(tmp_path, env)
    done = run(env, "--yes", "--data-dir", str(folder))
    assert done.returncode == 0, done.stderr
    assert os.listdir(folder) == []
    assert os.listdir(tmp_path / "config" / "autostart") == []
    assert done.stdout == ("Deleted your history and settings, the damaged copies kept aside "
                           "and starting Back Care at login (3 files).\n")


def test_it_asks_first_and_no_deletes_nothing(tmp_path: Path, env: dict[str, str]) -> None:
    folder = her_folder(tmp_path, env)
    before = sorted(os.listdir(folder))
    done = run(env, "--data-dir", str(folder), answers="no\n")
    assert done.returncode == 1
    assert str(folder / DB_NAME) in done.stdout
    assert done.stdout.endswith("Nothing was deleted.\n")
    assert sorted(os.listdir(folder)) == before


def test_she_can_keep_the_autostart_entry_when_asked(tmp_path: Path, env: dict[str, str]) -> None:
    folder = her_folder(tmp_path, env)
    done = run(env, "--data-dir", str(folder), answers="yes\nn\n")
    assert done.returncode == 0, done.stderr
    assert os.listdir(folder) == []
    assert os.listdir(tmp_path / "config" / "autostart") == ["backcare.desktop"]


def test_while_back_care_has_the_file_open_nothing_is_deleted(
    tmp_path: Path, env: dict[str, str]
) -> None:
    folder = her_folder(tmp_path, env)
    store = Store(folder, lambda: NOW)  # the running app
    try:
        done = run(env, "--yes", "--data-dir", str(folder))
        assert done.returncode == 1
        assert done.stderr.startswith("Nothing was deleted, because Back Care is running")
        assert DB_NAME in os.listdir(folder)
        assert len(store.events()) == 1
    finally:
        store.close()
