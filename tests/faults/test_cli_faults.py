"""The command line on a full disk: one sentence and a non-zero exit, her file untouched.

Before issue 12 ``today``, ``settings export`` and ``settings import`` crashed with a
traceback on a full disk, after renaming her healthy database ``.corrupt-…``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from backcare import cli
from backcare.core.store import DB_NAME, Store
from tests.faults.conftest import Clock, Disk, file_state

ROOT = Path(__file__).resolve().parents[2]


def _backcare(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), TZ="Europe/London")
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "backcare", *args], capture_output=True,
                          text=True, env=env, timeout=120, check=False)


@pytest.mark.parametrize("command", [
    ["today", "--date", "2026-11-23"],
    ["settings", "export", "{out}/settings.toml"],
    ["settings", "import", "{out}/mine.toml"],
])
def test_a_command_on_a_full_disk_says_so_in_a_sentence(
    disk: Disk, clock: Clock, tmp_path: Path, command: list[str],
) -> None:
    store = Store(disk.root, clock)
    store.record("posture", "posture:0", "done")
    store.close()
    (tmp_path / "mine.toml").write_text("[waking]\nstart = '06:30'\nend = '22:00'\n")
    disk.fill()
    before = file_state(disk.root)
    done = _backcare("--data-dir", str(disk.root),
                     *(part.format(out=tmp_path) for part in command))
    assert done.returncode == 1, done.stdout
    assert "Traceback" not in done.stderr
    assert "the disk it is on is full" in done.stderr and "Free some space" in done.stderr
    after = file_state(disk.root)
    assert after[DB_NAME] == before[DB_NAME]
    assert not [name for name in after if ".corrupt-" in name]
    assert not (tmp_path / "settings.toml").exists()


def test_an_import_that_cannot_be_saved_changes_nothing_and_says_why(
    disk: Disk, clock: Clock, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    app = Store(disk.root, clock)  # the app, running: its log and index stay open
    mine = tmp_path / "mine.toml"
    mine.write_text("[waking]\nstart = '06:30'\nend = '22:00'\n")
    disk.fill()
    code = cli.main(["--data-dir", str(disk.root), "settings", "import", str(mine)])
    err = capsys.readouterr().err
    assert code == 1
    assert "the disk it is on is full" in err and "Your settings were not changed." in err
    app.close()
    disk.free()
    again = Store(disk.root, clock)
    assert again.get_setting("plan") is None


def test_the_app_starts_on_a_full_disk_and_says_why_nothing_is_saved(
    disk: Disk, clock: Clock, tmp_path: Path,
) -> None:
    store = Store(disk.root, clock)
    store.set_setting("setup", "done")
    store.record("posture", "posture:0", "done")
    store.close()
    disk.fill()
    before = file_state(disk.root)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT / "src"),
        "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_RUNTIME_DIR": str(runtime),
        "DBUS_SYSTEM_BUS_ADDRESS": f"unix:path={tmp_path / 'no-system-bus'}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "backcare", "--data-dir", str(disk.root), "--quit-when-ready"],
        env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "ready" in done.stdout and "Traceback" not in done.stderr
    assert "the disk it is on is full" in done.stderr
    assert "shows your history and settings as they were" in done.stderr
    after = file_state(disk.root)
    assert after[DB_NAME] == before[DB_NAME] and not [n for n in after if ".corrupt-" in n]
    new = {name: data for name, (_, data) in after.items() if name not in before}
    assert set(new) <= {DB_NAME + "-wal", DB_NAME + "-shm"}  # SQLite's own, holding nothing
    assert all(set(data) <= {0} for data in new.values())
