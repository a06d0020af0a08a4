"""Start at login and the menu launcher, in a temporary home: written, read back, removed."""

from __future__ import annotations

import configparser
import shlex
from pathlib import Path

from backcare.desktop.desktop_entry import (
    autostart_enabled,
    autostart_path,
    desktop_entry_text,
    install_desktop,
    set_autostart,
)


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PATH": "",
    }


def _read(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path)
    return parser["Desktop Entry"]


def test_autostart_is_written_in_xdg_config_home_and_removed(tmp_path: Path) -> None:
    env = _env(tmp_path)
    assert not autostart_enabled(env)
    assert set_autostart(True, env) is None
    path = tmp_path / "config" / "autostart" / "backcare.desktop"
    assert autostart_path(env) == path and path.is_file()
    assert autostart_enabled(env)
    entry = _read(path)
    assert entry["Type"] == "Application" and entry["Name"] == "Back Care"
    assert entry["Icon"] == "backcare" and entry["Terminal"] == "false"
    argv = shlex.split(entry["Exec"])
    assert Path(argv[0]).exists()  # the Python or the script that runs now
    assert set_autostart(False, env) is None
    assert not path.exists() and not autostart_enabled(env)
    assert set_autostart(False, env) is None  # removing twice is fine


def test_an_entry_switched_off_by_the_desktop_counts_as_off(tmp_path: Path) -> None:
    env = _env(tmp_path)
    set_autostart(True, env)
    path = autostart_path(env)
    path.write_text(path.read_text() + "Hidden=true\n")
    assert not autostart_enabled(env)


def test_autostart_failure_is_a_sentence(tmp_path: Path) -> None:
    env = _env(tmp_path)
    (tmp_path / "config").write_text("a file where a folder should be")
    message = set_autostart(True, env)
    assert message is not None and message.startswith("Back Care could not start Back Care")
    assert message.endswith(".")


def test_exec_line_quotes_paths_with_spaces_and_percent() -> None:
    text = desktop_entry_text(["/opt/my apps/python3", "-m", "backcare", "100%"], autostart=False)
    line = next(x for x in text.splitlines() if x.startswith("Exec="))
    assert line == 'Exec="/opt/my apps/python3" -m backcare "100%%"'


def test_install_desktop_writes_launcher_and_icon(tmp_path: Path) -> None:
    env = _env(tmp_path)
    launcher, icon = install_desktop(env)
    assert launcher == tmp_path / "data" / "applications" / "backcare.desktop"
    assert icon == tmp_path / "data" / "icons" / "hicolor" / "scalable" / "apps" / "backcare.svg"
    assert icon.read_text().lstrip().startswith("<")
    entry = _read(launcher)
    assert entry["Categories"] == "Utility;" and "X-GNOME-Autostart-enabled" not in entry
