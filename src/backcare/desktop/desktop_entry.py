"""The desktop's own ways to start Back Care: a menu launcher, an icon, and "Start at login".

All three are freedesktop.org files in her home folder, so no root and no package manager are
needed, and removing them undoes everything:
- ``$XDG_DATA_HOME/applications/backcare.desktop`` puts Back Care in the applications menu;
- ``$XDG_DATA_HOME/icons/hicolor/scalable/apps/backcare.svg`` is the icon the launcher, the
  notifications and the tray name as "backcare";
- ``$XDG_CONFIG_HOME/autostart/backcare.desktop`` starts it when she logs in (XDG Autostart).

The command written into the files is the one that is running now (the ``backcare`` script when
it is on the PATH, else this Python with ``-m backcare``), so a launcher made from a virtual
environment starts that environment. No Qt here: the settings window and the command line share it.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from backcare import __version__
from backcare.paths import resources_dir

DESKTOP_NAME = "backcare.desktop"
ICON_NAME = "backcare"


def _home(env: Mapping[str, str]) -> Path:
    return Path(env.get("HOME") or Path.home())


def config_home(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    value = env.get("XDG_CONFIG_HOME", "")
    return Path(value) if os.path.isabs(value) else _home(env) / ".config"


def data_home(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    value = env.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else _home(env) / ".local" / "share"


def autostart_path(env: Mapping[str, str] | None = None) -> Path:
    return config_home(env) / "autostart" / DESKTOP_NAME


def launcher_path(env: Mapping[str, str] | None = None) -> Path:
    return data_home(env) / "applications" / DESKTOP_NAME


def icon_path(env: Mapping[str, str] | None = None) -> Path:
    return data_home(env) / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"


def _quote(arg: str) -> str:
    """Quote one argument for a desktop file's Exec key (Desktop Entry spec, "Exec key")."""
    if arg and not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`%='):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`")
    escaped = escaped.replace("$", "\\$").replace("%", "%%")
    return f'"{escaped}"'


def launch_command(env: Mapping[str, str] | None = None) -> list[str]:
    """How to start the Back Care that is running now."""
    env = os.environ if env is None else env
    script = shutil.which("backcare", path=env.get("PATH"))
    here = Path(sys.executable).parent / "backcare"
    if here.is_file() and os.access(here, os.X_OK):
        return [str(here)]
    if script:
        return [script]
    return [sys.executable, "-m", "backcare"]


def desktop_entry_text(command: list[str], *, autostart: bool) -> str:
    """A Desktop Entry for Back Care; the autostart one starts it quietly in the tray."""
    exec_line = " ".join(_quote(a) for a in command)
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.5",
        "Name=Back Care",
        "GenericName=Back care reminders",
        "Comment=Gentle reminders and illustrated back-care exercises after giving birth",
        f"Exec={exec_line}",
        f"Icon={ICON_NAME}",
        "Terminal=false",
        "Categories=Utility;",
        "Keywords=back;posture;exercise;postnatal;reminder;calcium;",
        "StartupNotify=false" if autostart else "StartupNotify=true",
        f"X-BackCare-Version={__version__}",
    ]
    if autostart:
        lines += ["X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-Delay=10"]
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def autostart_enabled(env: Mapping[str, str] | None = None) -> bool:
    """True when her autostart folder holds Back Care's entry and it is not switched off."""
    path = autostart_path(env)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    hidden = any(line.strip().lower() == "hidden=true" for line in text.splitlines())
    return not hidden


def set_autostart(enabled: bool, env: Mapping[str, str] | None = None) -> str | None:
    """Write or remove the autostart entry: None when done, else one sentence saying why not."""
    path = autostart_path(env)
    try:
        if enabled:
            _write(path, desktop_entry_text(launch_command(env), autostart=True))
        else:
            path.unlink(missing_ok=True)
    except OSError as exc:
        what = "start Back Care at login" if enabled else "stop Back Care starting at login"
        return f"Back Care could not {what}: {path.parent}: {exc.strerror or exc}."
    return None


def install_desktop(env: Mapping[str, str] | None = None) -> list[Path]:
    """Install the menu launcher and the icon; returns the files written. Raises OSError."""
    icon = icon_path(env)
    icon.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(resources_dir() / "icons" / "backcare.svg", icon)
    launcher = launcher_path(env)
    _write(launcher, desktop_entry_text(launch_command(env), autostart=False))
    return [launcher, icon]
