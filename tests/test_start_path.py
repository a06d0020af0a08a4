"""What an everyday start loads, checked so that start-up savings cannot quietly come undone.

``benchmarks/`` measures the time and memory; these checks name the causes, in a real start of
``backcare --quit-when-ready`` (offscreen, in a fresh interpreter): no QtDBus, no QtSvg, no
Qt namespace enums, no TOML parser once the content cache is warm, no source kept by PySide6.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

PROBE = """
import atexit, json, linecache, sys
def report():
    core = sys.modules.get("PySide6.QtCore")
    print(json.dumps({
        "modules": sorted(sys.modules),
        "qt_namespace_built": core is not None and "Qt" in vars(core),
        "kept_source": sorted(linecache.cache),
    }))
atexit.register(report)
from backcare.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "--quit-when-ready"]))
"""


def _start(tmp_path: Path) -> dict[str, object]:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(SRC),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path / "home"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        "DBUS_SYSTEM_BUS_ADDRESS": f"unix:path={tmp_path / 'no-system-bus'}",
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "data")],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_an_everyday_start_loads_only_what_it_uses(tmp_path: Path) -> None:
    first = _start(tmp_path)
    assert "tomllib" in first["modules"]  # the first start parses the content and caches it
    assert (tmp_path / "cache" / "backcare" / "parsed-content.json").is_file()

    everyday = _start(tmp_path)
    modules = everyday["modules"]
    assert "PySide6.QtWidgets" in modules and "backcare.app.main" in modules  # it really started
    assert "PySide6.QtDBus" not in modules  # both buses go through jeepney (desktop/bus_link.py)
    assert "PySide6.QtSvg" not in modules  # the icon is drawn from PNGs (ui/app_icon.py)
    assert "tomllib" not in modules  # content came from the parse cache
    assert "backcare.ui.exercises_page" not in modules  # built when first opened
    assert "backcare.core.ledger" not in modules  # only the content checks read it (3 ms)
    for later in ("icalendar", "backcare.sheet.document", "backcare.core.calendar_export"):
        assert later not in modules, later  # the calendar and the sheet: when asked for
    assert everyday["qt_namespace_built"] is False  # app/startup.py, measure 2
    assert everyday["kept_source"] == []  # app/startup.py, measure 1
