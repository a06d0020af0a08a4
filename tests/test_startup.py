"""Start-up import order: PySide6's source scan is replaced, with the same answers.

Each check runs in a fresh interpreter, because the scan is process-wide and the test process
has long since imported PySide6.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

PROBE = """
import json, linecache, sys
import wave  # a module imported before PySide6
{load}
feature = sys.modules["shibokensupport.feature"]
import csv  # imported after PySide6, as are these two:
from backcare.core.zone import local_zone
from backcare.ui.app_icon import app_icon
print(json.dumps({{
    "patched": patched,
    "cached": sorted(name.rsplit("/", 1)[-1] for name in linecache.cache),
    "marks": {{m: feature.pyside_feature_dict.get(m) for m in
              ("wave", "csv", "backcare.core.zone", "backcare.ui.app_icon")}},
}}))
"""


def _probe(load: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(load=load)],
        env={"PYTHONPATH": str(SRC), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=60, check=True,
    )
    return json.loads(done.stdout)


def test_pyside_reads_and_keeps_every_later_module_unless_told_otherwise() -> None:
    plain = _probe("import PySide6\npatched = None")
    assert "csv.py" in plain["cached"]  # what the patch is for: source read and kept
    assert plain["marks"]["backcare.ui.app_icon"] == 0


def test_the_replacement_reads_nothing_into_memory_and_gives_the_same_marks() -> None:
    fast = _probe(
        "from backcare.app.startup import skip_pyside_source_scan\n"
        "patched = skip_pyside_source_scan()"
    )
    assert fast["patched"] is True
    assert fast["cached"] == []
    assert fast["marks"] == {
        "wave": -1,  # loaded before PySide6: marked "ignore" without being read
        "csv": -1,  # no mention of PySide6
        "backcare.core.zone": -1,
        "backcare.ui.app_icon": 0,  # uses PySide6, as PySide6's own check would say
    }
